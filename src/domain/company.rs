//! The company's profile printed at the head of every form (name, address, phone, fax, logo),
//! and what is accepted for it.

use super::MessageKey;
use super::phone::parse_phone;

/// Longest address printed in the letterhead, in characters.
pub const MAX_ADDRESS_CHARS: usize = 100;
/// Largest logo file accepted; a letterhead logo needs far less.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;
/// Largest logo, in pixels on either side, that is decoded at all (a small file can still
/// claim a huge picture).
pub const MAX_LOGO_PIXELS: u32 = 6000;

/// What heads every printed form. Empty texts are simply left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompanyProfile {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub fax: String,
    /// JPEG or PNG file contents, already checked by [`check_logo`].
    pub logo: Option<Vec<u8>>,
    /// The code of the office printing (its settings'), which the code on each page of a
    /// form made here names; empty until headquarters gives one.
    pub office: String,
}

impl CompanyProfile {
    /// A profile with only a name (blank forms printed without a database, tests).
    pub fn named(name: &str) -> CompanyProfile {
        CompanyProfile {
            name: name.to_owned(),
            ..CompanyProfile::default()
        }
    }
}

/// Why a logo file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogoError {
    TooLarge,
    NotAPicture,
}

impl LogoError {
    pub fn message_key(self) -> MessageKey {
        match self {
            LogoError::TooLarge => "error-logo-size",
            LogoError::NotAPicture => "error-logo-format",
        }
    }
}

/// Accepts a logo of at most 1 MB that decodes as a JPEG or PNG picture of sensible size.
pub fn check_logo(bytes: &[u8]) -> Result<(), LogoError> {
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(LogoError::TooLarge);
    }
    decode_logo(bytes).map(|_| ()).ok_or(LogoError::NotAPicture)
}

/// The logo as a picture; `None` when it cannot be decoded or is absurdly large.
pub fn decode_logo(bytes: &[u8]) -> Option<image::DynamicImage> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_LOGO_PIXELS);
    limits.max_image_height = Some(MAX_LOGO_PIXELS);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    reader.decode().ok()
}

/// Reads the company's phone or fax number: any number [`parse_phone`] accepts, or a national
/// service number (400 and 800 hotlines, ten digits: `400-888-1234`). Returns the canonical
/// text.
pub fn parse_company_phone(text: &str) -> Option<String> {
    if let Ok(phone) = parse_phone(text) {
        return Some(phone.as_str().to_owned());
    }
    let text = text.trim();
    if text.chars().count() > 40 {
        return None;
    }
    let mut digits = String::new();
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' => {}
            _ => return None,
        }
    }
    let service = digits.len() == 10 && (digits.starts_with("400") || digits.starts_with("800"));
    service.then(|| format!("{}-{}-{}", &digits[..3], &digits[3..6], &digits[6..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        image::RgbaImage::new(width, height)
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes
    }

    #[test]
    fn a_logo_must_be_a_picture_of_at_most_one_megabyte() {
        assert_eq!(check_logo(&png(120, 40)), Ok(()));
        assert_eq!(check_logo(b"GIF89a not ours"), Err(LogoError::NotAPicture));
        assert_eq!(check_logo(&[]), Err(LogoError::NotAPicture));
        // A PNG signature with nothing behind it does not decode.
        assert_eq!(
            check_logo(b"\x89PNG\r\n\x1a\n broken"),
            Err(LogoError::NotAPicture)
        );
        let mut big = png(10, 10);
        big.resize(MAX_LOGO_BYTES + 1, 0);
        assert_eq!(check_logo(&big), Err(LogoError::TooLarge));
    }

    #[test]
    fn the_company_phone_may_be_any_phone_or_a_400_or_800_hotline() {
        assert_eq!(
            parse_company_phone("0791 8888 1234").as_deref(),
            Some("0791-88881234")
        );
        assert_eq!(
            parse_company_phone("400 888 1234").as_deref(),
            Some("400-888-1234")
        );
        assert_eq!(
            parse_company_phone("800-820-8820").as_deref(),
            Some("800-820-8820")
        );
        assert_eq!(parse_company_phone("400-888-123456"), None);
        assert_eq!(parse_company_phone("call us"), None);
    }
}

//! Telephone numbers: is what the clerk typed plausibly a number someone can call back?

/// What kind of number was recognised; the canonical text is what is stored and searched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phone {
    /// A Chinese mobile number, 11 digits starting with 1 (13800138000).
    Mobile(String),
    /// A Chinese landline with area code (0791-88881234), optionally with an extension
    /// (0791-88881234-801).
    Landline(String),
    /// A landline without area code, as written for local callers (88881234).
    Local(String),
    /// Any other country, in international form (+44 2079460000).
    International(String),
}

impl Phone {
    /// The canonical text: digits grouped the way Chinese forms print them.
    pub fn as_str(&self) -> &str {
        match self {
            Phone::Mobile(s) | Phone::Landline(s) | Phone::Local(s) | Phone::International(s) => s,
        }
    }
}

/// Why a phone number was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImplausiblePhone;

/// Reads a phone number in the usual Chinese and international spellings: spaces, hyphens,
/// dots and brackets are ignored; `+86`/`0086` before a mobile is dropped; an extension may
/// follow `-`, `转`, `ext` or `x` after a landline.
pub fn parse_phone(text: &str) -> Result<Phone, ImplausiblePhone> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 40 {
        return Err(ImplausiblePhone);
    }
    let (main, extension) = split_extension(text);
    let international = main.starts_with('+') || main.starts_with("00");
    let mut digits = String::new();
    for (i, c) in main.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => {}
            ' ' | '-' | '.' | '(' | ')' | '（' | '）' => {}
            _ => return Err(ImplausiblePhone),
        }
    }
    let extension = match extension {
        Some(ext) if (1..=6).contains(&ext.len()) && ext.chars().all(|c| c.is_ascii_digit()) => {
            Some(ext)
        }
        Some(_) => return Err(ImplausiblePhone),
        None => None,
    };

    if international {
        let digits = digits.strip_prefix("00").unwrap_or(&digits);
        if let Some(national) = digits.strip_prefix("86") {
            // A Chinese number written internationally: read it as a domestic one.
            let domestic = if national.starts_with('1') {
                national.to_owned()
            } else {
                format!("0{national}")
            };
            return classify_domestic(&domestic, extension);
        }
        if extension.is_none() && (8..=15).contains(&digits.len()) && !digits.starts_with('0') {
            return Ok(Phone::International(format!("+{digits}")));
        }
        return Err(ImplausiblePhone);
    }
    classify_domestic(&digits, extension)
}

fn classify_domestic(digits: &str, extension: Option<&str>) -> Result<Phone, ImplausiblePhone> {
    let with_extension = |number: String| match extension {
        Some(ext) => format!("{number}-{ext}"),
        None => number,
    };
    let bytes = digits.as_bytes();
    if bytes.len() == 11 && bytes[0] == b'1' && (b'3'..=b'9').contains(&bytes[1]) {
        return match extension {
            None => Ok(Phone::Mobile(digits.to_owned())),
            Some(_) => Err(ImplausiblePhone),
        };
    }
    if bytes.first() == Some(&b'0') && bytes.get(1).is_some_and(|&d| d != b'0') {
        // Area codes: 010 and 02x are three digits, the rest four; numbers are 7 or 8 digits.
        let area_len = if matches!(bytes[1], b'1' | b'2') {
            3
        } else {
            4
        };
        let subscriber_len = bytes.len().saturating_sub(area_len);
        if (7..=8).contains(&subscriber_len) {
            let number = format!("{}-{}", &digits[..area_len], &digits[area_len..]);
            return Ok(Phone::Landline(with_extension(number)));
        }
        return Err(ImplausiblePhone);
    }
    if (7..=8).contains(&bytes.len()) && (b'2'..=b'9').contains(&bytes[0]) {
        return Ok(Phone::Local(with_extension(digits.to_owned())));
    }
    Err(ImplausiblePhone)
}

/// Splits `0791-88881234 转 801` into the number and the extension.
fn split_extension(text: &str) -> (&str, Option<&str>) {
    for marker in ["转", "ext.", "ext", "x", "X", "#"] {
        if let Some(at) = text.find(marker) {
            let ext = text[at + marker.len()..].trim();
            return (text[..at].trim(), Some(ext));
        }
    }
    // `0791-8888-1234-801`-style extensions are ambiguous with grouped digits; only a
    // trailing group after a complete area-code number counts, which the caller handles
    // by digit counts. Here, a last hyphen group of 1–6 digits (as long as an extension may
    // be) after 10+ digits is one: the canonical form writes every extension so.
    if let Some(at) = text.rfind('-') {
        let (head, tail) = (&text[..at], &text[at + 1..]);
        let head_digits = head.chars().filter(char::is_ascii_digit).count();
        if head.trim_start().starts_with('0')
            && (10..=12).contains(&head_digits)
            && (1..=6).contains(&tail.len())
        {
            return (head, Some(tail));
        }
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_as_stored_reads_back_as_itself() {
        // What is stored is the canonical text; a record opened again must pass its own form.
        for typed in [
            "13800138000",
            "+86 138 0013 8000",
            "0791-88881234",
            "010 8888 1234",
            "88881234",
            "+44 20 7946 0000",
            "0791-88881234 转 8",
            "0791-88881234 转 801",
            "0791-88881234 ext 8012",
            "0791-88881234 转 80123",
            "(0791) 8888-1234 转 801234",
            "010-88881234 x 801234",
        ] {
            let stored = parse_phone(typed).unwrap();
            assert_eq!(parse_phone(stored.as_str()), Ok(stored.clone()), "{typed}");
        }
    }

    #[test]
    fn chinese_mobile_numbers_are_eleven_digits_starting_with_1() {
        assert_eq!(
            parse_phone("13800138000"),
            Ok(Phone::Mobile("13800138000".into()))
        );
        assert_eq!(
            parse_phone("138 0013 8000"),
            Ok(Phone::Mobile("13800138000".into()))
        );
        assert_eq!(
            parse_phone("+86 138-0013-8000"),
            Ok(Phone::Mobile("13800138000".into()))
        );
        assert_eq!(
            parse_phone("008613800138000"),
            Ok(Phone::Mobile("13800138000".into()))
        );
        assert_eq!(parse_phone("12800138000"), Err(ImplausiblePhone));
        assert_eq!(parse_phone("1380013800"), Err(ImplausiblePhone));
    }

    #[test]
    fn chinese_landlines_have_an_area_code_and_seven_or_eight_digits() {
        assert_eq!(
            parse_phone("0791-88881234"),
            Ok(Phone::Landline("0791-88881234".into()))
        );
        assert_eq!(
            parse_phone("(010) 6552 9988"),
            Ok(Phone::Landline("010-65529988".into()))
        );
        assert_eq!(
            parse_phone("021-1234567"),
            Ok(Phone::Landline("021-1234567".into()))
        );
        assert_eq!(
            parse_phone("0791-88881234 转 801"),
            Ok(Phone::Landline("0791-88881234-801".into()))
        );
        assert_eq!(
            parse_phone("0791-88881234-801"),
            Ok(Phone::Landline("0791-88881234-801".into()))
        );
        assert_eq!(
            parse_phone("+86 791 8888 1234"),
            Ok(Phone::Landline("0791-88881234".into()))
        );
        assert_eq!(parse_phone("0791-888"), Err(ImplausiblePhone));
    }

    #[test]
    fn local_numbers_without_area_code_are_accepted() {
        assert_eq!(
            parse_phone("8888 1234"),
            Ok(Phone::Local("88881234".into()))
        );
        assert_eq!(parse_phone("1234567"), Err(ImplausiblePhone));
    }

    #[test]
    fn international_numbers_need_a_plus_or_00_and_8_to_15_digits() {
        assert_eq!(
            parse_phone("+44 20 7946 0000"),
            Ok(Phone::International("+442079460000".into()))
        );
        assert_eq!(
            parse_phone("0049 30 1234567"),
            Ok(Phone::International("+49301234567".into()))
        );
        assert_eq!(parse_phone("+1 234"), Err(ImplausiblePhone));
    }

    #[test]
    fn letters_and_empty_input_are_not_phone_numbers() {
        for text in [
            "",
            "   ",
            "call me",
            "138001380OO",
            "13800138000!",
            &"1".repeat(60),
        ] {
            assert_eq!(parse_phone(text), Err(ImplausiblePhone), "{text:?}");
        }
    }
}

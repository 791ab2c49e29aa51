//! Paper coming back: the code a printed form carries on each page
//! ([`crate::domain::paper::FormCode`]), read from a scanned, photographed or faxed page.
//!
//! A fax adds specks and drops dots; one white dot inside a finder pattern's black ring is
//! enough for a QR reader to miss the whole code. So the page is made black and white at its
//! middle grey, each dot then takes the colour most of its 3 × 3 neighbours have (specks go,
//! modules of three dots and more stay), and rqrr (a pure-Rust reader) looks for codes in it.

use image::imageops::FilterType;
use image::{GrayImage, ImageFormat};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::domain::MessageKey;
use crate::domain::investigation::{MAX_PHOTO_SIDE, PhotoError, decode_photo};
use crate::domain::paper::{CopyCode, FormCode};

/// The largest scan file read: a 30-page fax in TIFF is a few megabytes, a phone photo under
/// 20.
pub const MAX_SCAN_BYTES: usize = 64 * 1024 * 1024;
/// The most pages one file may hold.
pub const MAX_SCAN_PAGES: usize = 200;
/// A page is kept at about 200 dots an inch: an A4 page's long side (11.7 inches) in at most
/// this many dots, in greys. Legible, and a tenth of a phone photo's size.
pub const KEPT_LONG_SIDE: u32 = 2_339;
/// Codes are looked for in the page at most this many dots a side (a 1.6 pt module is then
/// still about seven dots on an A4 page), so a 12,000-dot photo is not read at full size.
const READ_LONG_SIDE: u32 = 4_000;

/// Why a file of signed paper cannot be read.
#[derive(Debug, Error, Clone, Copy, PartialEq, Eq)]
pub enum ScanError {
    #[error("not a PNG, JPEG, TIFF or PDF scan")]
    NotAPicture,
    #[error("larger than 64 MB")]
    TooLarge,
    #[error("more than 12,000 dots across or down; scan it again at a lower resolution")]
    TooManyDots,
    #[error("more than 200 pages")]
    TooManyPages,
    #[error("the picture is damaged or cut short and cannot be read")]
    Unreadable,
    #[error(
        "a TIFF in a kind this program cannot read; save it as PNG or as TIFF with Group 4 or no compression"
    )]
    UnsupportedTiff,
    #[error(
        "a page of this PDF holds no scanned picture (a PDF as printed is not signed paper: scan the signed sheet)"
    )]
    PdfWithoutPicture,
    #[error(
        "a page of this PDF holds its picture in a kind this program cannot read (JBIG2 or JPEG 2000); scan it again as PNG, JPEG or TIFF"
    )]
    UnsupportedPdf,
}

impl ScanError {
    pub fn message_key(self) -> MessageKey {
        match self {
            ScanError::NotAPicture => "error-scan-format",
            ScanError::TooLarge => "error-scan-size",
            ScanError::TooManyDots => "error-photo-dots",
            ScanError::TooManyPages => "error-scan-pages",
            ScanError::Unreadable => "error-photo-unreadable",
            ScanError::UnsupportedTiff => "error-scan-tiff",
            ScanError::PdfWithoutPicture => "error-scan-pdf-empty",
            ScanError::UnsupportedPdf => "error-scan-pdf-kind",
        }
    }
}

impl From<PhotoError> for ScanError {
    fn from(error: PhotoError) -> Self {
        match error {
            PhotoError::TooManyDots => ScanError::TooManyDots,
            PhotoError::TooLarge => ScanError::TooLarge,
            PhotoError::NotAPicture => ScanError::NotAPicture,
            PhotoError::Unreadable => ScanError::Unreadable,
        }
    }
}

/// Why a file of signed paper cannot be attached: it cannot be read from the disk, or what it
/// holds is refused.
#[derive(Debug, Error)]
pub enum ScanFileError {
    #[error("that is a folder, not a file")]
    Folder,
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Scan(#[from] ScanError),
}

impl ScanFileError {
    pub fn message_key(&self) -> MessageKey {
        match self {
            ScanFileError::Scan(error) => error.message_key(),
            ScanFileError::Folder | ScanFileError::Io(_) => "error-scan-read",
        }
    }
}

/// Reads the file of signed paper at `path` ([`read_scan`]); one larger than
/// [`MAX_SCAN_BYTES`] is refused before it is read.
pub fn read_scan_file(path: &std::path::Path) -> Result<Scan, ScanFileError> {
    if path.is_dir() {
        return Err(ScanFileError::Folder);
    }
    if std::fs::metadata(path)?.len() > MAX_SCAN_BYTES as u64 {
        return Err(ScanError::TooLarge.into());
    }
    Ok(read_scan(&std::fs::read(path)?)?)
}

/// One page of a scan as it is kept.
#[derive(Clone, Debug)]
pub struct ScannedPage {
    /// The form its code names, when exactly one of this program's codes was read on it.
    pub code: Option<FormCode>,
    /// The page of signed paper it is a printed copy of (the case packet's), when its code
    /// says so.
    pub copy_of: Option<CopyCode>,
    /// The page in greys, at most [`KEPT_LONG_SIDE`] dots a side, as PNG.
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// A file of signed paper: its SHA-256 and its pages, each with the form it names.
#[derive(Clone, Debug)]
pub struct Scan {
    pub sha256: String,
    pub pages: Vec<ScannedPage>,
}

/// Reads a file of signed paper (PNG, JPEG, TIFF or a scanner's PDF, every page of a TIFF or
/// PDF) by its first bytes rather than its name, within [`MAX_SCAN_BYTES`],
/// [`MAX_PHOTO_SIDE`] and [`MAX_SCAN_PAGES`]: a hostile file is refused with its reason, never
/// an out-of-memory. Each page is made ready to keep as it is read, so one page at full size
/// is in memory at a time.
pub fn read_scan(bytes: &[u8]) -> Result<Scan, ScanError> {
    if bytes.len() > MAX_SCAN_BYTES {
        return Err(ScanError::TooLarge);
    }
    let pages = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        vec![keep_page(
            decode_photo(bytes, ImageFormat::Jpeg)?.into_luma8(),
            NO_RESOLUTION,
        )]
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        vec![keep_page(
            decode_photo(bytes, ImageFormat::Png)?.into_luma8(),
            NO_RESOLUTION,
        )]
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        tiff_pages(bytes)?
    } else if bytes.starts_with(b"%PDF-") {
        pdf_pages(bytes)?
    } else {
        return Err(ScanError::NotAPicture);
    };
    Ok(Scan {
        sha256: hex(&Sha256::digest(bytes)),
        pages,
    })
}

/// Every page of a TIFF, each within the limits, made ready to keep.
fn tiff_pages(bytes: &[u8]) -> Result<Vec<ScannedPage>, ScanError> {
    use tiff::ColorType;
    use tiff::decoder::{Decoder, DecodingResult, Limits};
    let mut limits = Limits::default();
    limits.decoding_buffer_size = 512 * 1024 * 1024;
    let mut decoder = Decoder::new(std::io::Cursor::new(bytes))
        .map_err(|_| ScanError::Unreadable)?
        .with_limits(limits);
    let mut pages = Vec::new();
    loop {
        if pages.len() == MAX_SCAN_PAGES {
            return Err(ScanError::TooManyPages);
        }
        let (width, height) = decoder.dimensions().map_err(|_| ScanError::Unreadable)?;
        if width > MAX_PHOTO_SIDE || height > MAX_PHOTO_SIDE || width == 0 || height == 0 {
            return Err(ScanError::TooManyDots);
        }
        let colour = decoder.colortype().map_err(|_| ScanError::Unreadable)?;
        let dots = (
            resolution(&mut decoder, tiff::tags::Tag::XResolution),
            resolution(&mut decoder, tiff::tags::Tag::YResolution),
        );
        // Group 3, as a fax machine or fax server sends it, the reader does not read.
        if decoder
            .get_tag_u32(tiff::tags::Tag::Compression)
            .is_ok_and(|c| c == 3)
        {
            let page = group3_page(&mut decoder, bytes, width, height)?;
            pages.push(keep_page(page, dots));
            if !decoder.more_images() {
                return Ok(pages);
            }
            decoder.next_image().map_err(|_| ScanError::Unreadable)?;
            continue;
        }
        let data = match decoder.read_image() {
            Ok(DecodingResult::U8(data)) => data,
            Ok(_) => return Err(ScanError::UnsupportedTiff),
            Err(tiff::TiffError::UnsupportedError(_)) => return Err(ScanError::UnsupportedTiff),
            Err(tiff::TiffError::LimitsExceeded) => return Err(ScanError::TooManyDots),
            Err(_) => return Err(ScanError::Unreadable),
        };
        let (w, h) = (width as usize, height as usize);
        // The reader turns a fax's "white is 0" (PhotometricInterpretation 0) the usual way
        // round itself: here 0 is black.
        let grey: Vec<u8> = match colour {
            ColorType::Gray(1) => unpack_bits(&data, w, h).ok_or(ScanError::Unreadable)?,
            ColorType::Gray(8) => data,
            ColorType::RGB(8) => greys_of(&data, 3),
            ColorType::RGBA(8) => greys_of(&data, 4),
            _ => return Err(ScanError::UnsupportedTiff),
        };
        let page = GrayImage::from_raw(width, height, grey).ok_or(ScanError::Unreadable)?;
        pages.push(keep_page(page, dots));
        if !decoder.more_images() {
            return Ok(pages);
        }
        decoder.next_image().map_err(|_| ScanError::Unreadable)?;
    }
}

/// Every page of a PDF as a scanner or a fax server writes it: each page one picture (the
/// largest on it is taken), as JPEG (DCT), a fax's Group 3 or 4 (CCITT), or greys or colour
/// compressed with Flate. A page drawn with text and lines (a form as printed) has no picture
/// and is refused: it was never signed.
fn pdf_pages(bytes: &[u8]) -> Result<Vec<ScannedPage>, ScanError> {
    // A damaged file is refused, not allowed to bring the program down, whatever the parser
    // makes of it.
    let document = std::panic::catch_unwind(|| lopdf::Document::load_mem(bytes))
        .map_err(|_| ScanError::Unreadable)?
        .map_err(|_| ScanError::Unreadable)?;
    let pages = document.get_pages();
    if pages.len() > MAX_SCAN_PAGES {
        return Err(ScanError::TooManyPages);
    }
    if pages.is_empty() {
        return Err(ScanError::Unreadable);
    }
    let mut pictures = Vec::new();
    for page in pages.values() {
        let images = document
            .get_page_images(*page)
            .map_err(|_| ScanError::PdfWithoutPicture)?;
        let largest = images
            .iter()
            .max_by_key(|i| i.width.saturating_mul(i.height))
            .ok_or(ScanError::PdfWithoutPicture)?;
        let picture = std::panic::catch_unwind(|| pdf_picture(largest))
            .map_err(|_| ScanError::Unreadable)??;
        pictures.push(keep_page(picture, NO_RESOLUTION));
    }
    Ok(pictures)
}

/// One picture of a PDF page, in greys.
fn pdf_picture(image: &lopdf::xobject::PdfImage) -> Result<GrayImage, ScanError> {
    if image.width <= 0 || image.height <= 0 {
        return Err(ScanError::Unreadable);
    }
    let side = i64::from(MAX_PHOTO_SIDE);
    if image.width > side || image.height > side {
        return Err(ScanError::TooManyDots);
    }
    let (width, height) = (image.width as u32, image.height as u32);
    let filters = image.filters.clone().unwrap_or_default();
    // The filter's parameters: a dictionary, or (beside a list of one filter) a list of one.
    let parameters = match image.origin_dict.get(b"DecodeParms") {
        Ok(lopdf::Object::Dictionary(parameters)) => parameters.clone(),
        Ok(lopdf::Object::Array(list)) => list
            .first()
            .and_then(|p| p.as_dict().ok().cloned())
            .unwrap_or_default(),
        _ => lopdf::Dictionary::new(),
    };
    let number = |key: &[u8], default: i64| {
        parameters
            .get(key)
            .ok()
            .and_then(|v| v.as_i64().ok())
            .unwrap_or(default)
    };
    let filters: Vec<&str> = filters.iter().map(String::as_str).collect();
    match filters.as_slice() {
        ["DCTDecode"] => Ok(decode_photo(image.content, ImageFormat::Jpeg)?.into_luma8()),
        ["CCITTFaxDecode"] => {
            let black_is_1 = parameters
                .get(b"BlackIs1")
                .ok()
                .and_then(|v| v.as_bool().ok())
                .unwrap_or(false);
            if number(b"Columns", 1728) != i64::from(width) || width > u32::from(u16::MAX) {
                return Err(ScanError::UnsupportedPdf);
            }
            let mut page = GrayImage::from_pixel(width, height, image::Luma([255]));
            let mut row = 0;
            let mut line = |transitions: &[u16]| {
                if row < height {
                    for (x, colour) in fax::decoder::pels(transitions, width as u16).enumerate() {
                        // The decoder's "black" is a 0 bit, black unless BlackIs1 says so.
                        if (colour == fax::Color::Black) != black_is_1 {
                            page.put_pixel(x as u32, row, image::Luma([0]));
                        }
                    }
                }
                row += 1;
            };
            let content = image.content.iter().copied();
            match number(b"K", 0) {
                k if k < 0 => {
                    let lines = u16::try_from(height).ok();
                    fax::decoder::decode_g4(content, width as u16, lines, &mut line)
                }
                0 => fax::decoder::decode_g3(content, &mut line),
                _ => return Err(ScanError::UnsupportedPdf),
            };
            if row == 0 {
                return Err(ScanError::Unreadable);
            }
            Ok(page)
        }
        ["FlateDecode"] | [] => {
            let channels = match image.color_space.as_deref() {
                Some("DeviceGray") => 1,
                Some("DeviceRGB") => 3,
                _ => return Err(ScanError::UnsupportedPdf),
            };
            let bits = image.bits_per_component.unwrap_or(8);
            let (w, h) = (width as usize, height as usize);
            let raw = if filters.is_empty() {
                image.content.to_vec()
            } else {
                use std::io::Read;
                let mut raw = Vec::new();
                // Never more than the picture can hold: a small stream that inflates without
                // end is cut there.
                flate2::read::ZlibDecoder::new(image.content)
                    .take((w * h * channels) as u64 + 1)
                    .read_to_end(&mut raw)
                    .map_err(|_| ScanError::Unreadable)?;
                raw
            };
            let grey: Vec<u8> = match (bits, channels) {
                (8, 1) => raw.get(..w * h).ok_or(ScanError::Unreadable)?.to_vec(),
                (8, 3) => greys_of(raw.get(..w * h * 3).ok_or(ScanError::Unreadable)?, 3),
                (1, 1) => unpack_bits(&raw, w, h).ok_or(ScanError::Unreadable)?,
                _ => return Err(ScanError::UnsupportedPdf),
            };
            GrayImage::from_raw(width, height, grey).ok_or(ScanError::Unreadable)
        }
        _ => Err(ScanError::UnsupportedPdf),
    }
}

/// A picture of one bit a dot (rows padded to a byte, 1 white) as greys of 0 and 255; `None`
/// when `data` is shorter than the picture.
fn unpack_bits(data: &[u8], width: usize, height: usize) -> Option<Vec<u8>> {
    let row = width.div_ceil(8);
    let data = data.get(..row * height)?;
    Some(
        (0..height)
            .flat_map(|y| (0..width).map(move |x| (y, x)))
            .map(|(y, x)| {
                if data[y * row + x / 8] & (0x80 >> (x % 8)) != 0 {
                    255
                } else {
                    0
                }
            })
            .collect(),
    )
}

/// Colour dots of `channels` bytes (red, green, blue first) as greys, by their luma.
fn greys_of(data: &[u8], channels: usize) -> Vec<u8> {
    data.chunks_exact(channels)
        .map(|p| {
            ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8
        })
        .collect()
}

/// A TIFF page's dots an inch across or down, where it says.
fn resolution(
    decoder: &mut tiff::decoder::Decoder<std::io::Cursor<&[u8]>>,
    tag: tiff::tags::Tag,
) -> Option<f64> {
    use tiff::decoder::ifd::Value;
    match decoder.get_tag(tag).ok()? {
        Value::Rational(n, d) if d > 0 && n > 0 => Some(f64::from(n) / f64::from(d)),
        Value::Short(n) if n > 0 => Some(f64::from(n)),
        Value::Unsigned(n) if n > 0 => Some(f64::from(n)),
        _ => None,
    }
}

/// A page whose dots are not square (a standard fax: 204 across, 196 down an inch, or 98 down
/// at its coarse resolution) stretched down to square ones, so it keeps its shape on screen
/// and on paper.
fn square_dots(
    page: GrayImage,
    (across, down): (Option<f64>, Option<f64>),
    filter: FilterType,
) -> GrayImage {
    let (Some(across), Some(down)) = (across, down) else {
        return page;
    };
    let ratio = across / down;
    if !(0.25..=4.0).contains(&ratio) || (ratio - 1.0).abs() < 0.02 {
        return page;
    }
    let height = (f64::from(page.height()) * ratio)
        .round()
        .clamp(1.0, f64::from(MAX_PHOTO_SIDE));
    image::imageops::resize(&page, page.width(), height as u32, filter)
}

/// A page of a TIFF in Group 3 (one-dimensional, CCITT T.4), read from its strips.
fn group3_page(
    decoder: &mut tiff::decoder::Decoder<std::io::Cursor<&[u8]>>,
    bytes: &[u8],
    width: u32,
    height: u32,
) -> Result<GrayImage, ScanError> {
    use tiff::tags::Tag;
    let options = decoder.get_tag_u32(Tag::Unknown(292)).unwrap_or(0);
    // Two-dimensional coding (bit 0) or uncompressed mode (bit 1) are not read.
    if options & 0b11 != 0 || width > u32::from(u16::MAX) {
        return Err(ScanError::UnsupportedTiff);
    }
    let reversed = decoder.get_tag_u32(Tag::FillOrder).is_ok_and(|f| f == 2);
    let offsets = decoder
        .get_tag_u32_vec(Tag::StripOffsets)
        .map_err(|_| ScanError::Unreadable)?;
    let counts = decoder
        .get_tag_u32_vec(Tag::StripByteCounts)
        .map_err(|_| ScanError::Unreadable)?;
    if offsets.len() != counts.len() {
        return Err(ScanError::Unreadable);
    }
    let mut coded = Vec::new();
    for (offset, count) in offsets.iter().zip(&counts) {
        let (from, to) = (*offset as usize, *offset as usize + *count as usize);
        coded.extend_from_slice(bytes.get(from..to).ok_or(ScanError::Unreadable)?);
    }
    if reversed {
        coded.iter_mut().for_each(|b| *b = b.reverse_bits());
    }
    let mut page = GrayImage::from_pixel(width, height, image::Luma([255]));
    let mut row = 0;
    fax::decoder::decode_g3(coded.into_iter(), |transitions| {
        if row < height {
            for (x, colour) in fax::decoder::pels(transitions, width as u16).enumerate() {
                if colour == fax::Color::Black {
                    page.put_pixel(x as u32, row, image::Luma([0]));
                }
            }
        }
        row += 1;
    });
    // A page cut short keeps what came; a page with no line read is not a page.
    if row == 0 {
        return Err(ScanError::Unreadable);
    }
    Ok(page)
}

/// What a page that says nothing of its dots an inch gives [`keep_page`].
const NO_RESOLUTION: (Option<f64>, Option<f64>) = (None, None);

/// A page made ready to keep: its code read, the page in greys at about 200 dots an inch.
fn keep_page(page: GrayImage, dots: (Option<f64>, Option<f64>)) -> ScannedPage {
    // A fax or a black-and-white scan stays black and white: scaled, its edges would turn
    // grey, and a page of greys takes ten times the room of one of two shades.
    let bilevel = page.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255);
    // Two shades are scaled dot by dot: as sharp, and many times faster.
    let filter = if bilevel {
        FilterType::Nearest
    } else {
        FilterType::Triangle
    };
    let page = square_dots(page, dots, filter);
    let read = fit(&page, READ_LONG_SIDE, filter);
    let texts = read_codes(&read);
    let copy_of = texts.iter().find_map(|t| CopyCode::parse(t));
    let mut codes: Vec<FormCode> = texts.iter().filter_map(|t| FormCode::parse(t)).collect();
    codes.dedup();
    let code = (codes.len() == 1).then(|| codes.remove(0));
    let mut kept = fit(&page, KEPT_LONG_SIDE, filter);
    if bilevel {
        kept.pixels_mut()
            .for_each(|p| p.0[0] = if p.0[0] < 128 { 0 } else { 255 });
    }
    let mut png = Vec::new();
    kept.write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png)
        .expect("a PNG is written to memory");
    ScannedPage {
        code,
        copy_of,
        png,
        width: kept.width(),
        height: kept.height(),
    }
}

/// `page` made smaller, never larger, to at most `long` dots a side.
fn fit(page: &GrayImage, long: u32, filter: FilterType) -> GrayImage {
    let side = page.width().max(page.height());
    if side <= long {
        return page.clone();
    }
    let scale = long as f64 / side as f64;
    let (w, h) = (
        ((page.width() as f64 * scale).round() as u32).max(1),
        ((page.height() as f64 * scale).round() as u32).max(1),
    );
    image::imageops::resize(page, w, h, filter)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The texts of the QR codes found on `page`, as they read; a code that is found but does not
/// decode is left out.
pub fn read_codes(page: &GrayImage) -> Vec<String> {
    let (width, height) = (page.width() as usize, page.height() as usize);
    if width < 3 || height < 3 {
        return Vec::new();
    }
    let dark: Vec<bool> = page.pixels().map(|p| p.0[0] < 128).collect();
    let cleaned = majority(&dark, width, height);
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        if cleaned[y * width + x] { 0 } else { 255 }
    });
    prepared
        .detect_grids()
        .iter()
        .filter_map(|grid| grid.decode().ok())
        .map(|(_, text)| text)
        .collect()
}

/// Each dot the colour of most of the nine dots around and including it (the edge's dots
/// count the ones they have).
fn majority(dark: &[bool], width: usize, height: usize) -> Vec<bool> {
    let mut out = vec![false; dark.len()];
    for y in 0..height {
        for x in 0..width {
            let (mut black, mut all) = (0, 0);
            for ny in y.saturating_sub(1)..=(y + 1).min(height - 1) {
                for nx in x.saturating_sub(1)..=(x + 1).min(width - 1) {
                    all += 1;
                    black += usize::from(dark[ny * width + nx]);
                }
            }
            out[y * width + x] = black * 2 > all;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speck_goes_and_a_module_stays() {
        // A 9 × 9 white page with one black speck and a 3 × 3 black module.
        let mut dark = vec![false; 81];
        dark[9 + 1] = true;
        for y in 5..8 {
            for x in 5..8 {
                dark[y * 9 + x] = true;
            }
        }
        let cleaned = majority(&dark, 9, 9);
        assert!(!cleaned[9 + 1], "the speck is gone");
        assert!(cleaned[6 * 9 + 6], "the module's middle stays");
        assert_eq!(cleaned.iter().filter(|d| **d).count(), 5, "{cleaned:?}");
    }

    /// A TIFF of greys, a page for each of `pages` (width, height).
    fn tiff(pages: &[(u32, u32)]) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder =
            tiff::encoder::TiffEncoder::new(std::io::Cursor::new(&mut bytes)).unwrap();
        for (w, h) in pages {
            let grey = vec![200u8; (*w * *h) as usize];
            encoder
                .write_image::<tiff::encoder::colortype::Gray8>(*w, *h, &grey)
                .unwrap();
        }
        bytes
    }

    #[test]
    fn every_page_of_a_tiff_is_read_and_each_is_kept_at_about_200_dots_an_inch() {
        let scan = read_scan(&tiff(&[(400, 600), (3_508, 4_961), (10, 10)])).unwrap();
        let sizes: Vec<_> = scan.pages.iter().map(|p| (p.width, p.height)).collect();
        // A page scanned at 600 dots an inch (3,508 × 4,961) is kept at about 200.
        assert_eq!(sizes, [(400, 600), (1_654, 2_339), (10, 10)]);
        assert!(scan.pages.iter().all(|p| p.code.is_none()));
        assert_eq!(scan.sha256.len(), 64);
    }

    #[test]
    fn a_black_and_white_page_is_kept_black_and_white_and_greys_stay_greys() {
        let kept = |page: GrayImage| {
            let mut png = Vec::new();
            page.write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png)
                .unwrap();
            let scan = read_scan(&png).unwrap();
            image::load_from_memory(&scan.pages[0].png)
                .unwrap()
                .into_luma8()
        };
        // Scaled from 600 dots an inch to about 200: thin strokes of two shades.
        let strokes = GrayImage::from_fn(3_508, 4_961, |x, y| {
            image::Luma([if (x + y) % 7 == 0 { 0 } else { 255 }])
        });
        let two = kept(strokes);
        assert_eq!(two.height(), KEPT_LONG_SIDE);
        assert!(two.pixels().all(|p| p.0[0] == 0 || p.0[0] == 255));
        assert!(two.pixels().any(|p| p.0[0] == 0));
        let greys = kept(GrayImage::from_fn(3_508, 4_961, |x, _| {
            image::Luma([(x % 200) as u8 + 20])
        }));
        assert!(greys.pixels().any(|p| p.0[0] != 0 && p.0[0] != 255));
    }

    #[test]
    fn a_fax_page_of_oblong_dots_is_kept_in_its_shape() {
        use tiff::encoder::{Rational, colortype::Gray8};
        // A standard fax: 204 dots an inch across, 196 down; a coarse one, 98 down.
        let fax = |down: u32| {
            let mut bytes = Vec::new();
            let mut encoder =
                tiff::encoder::TiffEncoder::new(std::io::Cursor::new(&mut bytes)).unwrap();
            let mut page = encoder.new_image::<Gray8>(1_728, 1_000).unwrap();
            page.x_resolution(Rational { n: 204, d: 1 });
            page.y_resolution(Rational { n: down, d: 1 });
            page.write_data(&vec![255u8; 1_728 * 1_000]).unwrap();
            bytes
        };
        let size = |bytes: &[u8]| {
            let page = &read_scan(bytes).unwrap().pages[0];
            (page.width, page.height)
        };
        assert_eq!(size(&fax(196)), (1_728, 1_041));
        assert_eq!(size(&fax(98)), (1_728, 2_082));
        assert_eq!(size(&fax(204)), (1_728, 1_000));
    }

    #[test]
    fn a_tiff_of_too_many_pages_or_dots_is_refused() {
        let pages = vec![(2, 2); MAX_SCAN_PAGES + 1];
        assert_eq!(
            read_scan(&tiff(&pages)).unwrap_err(),
            ScanError::TooManyPages
        );
        assert_eq!(
            read_scan(&tiff(&pages[1..])).unwrap().pages.len(),
            MAX_SCAN_PAGES
        );
        // A header claiming 50,000 × 50,000 dots, with nothing behind it.
        let mut bomb = tiff(&[(1, 1)]);
        let claim = |bytes: &mut Vec<u8>, tag: u16, value: u32| {
            let ifd = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
            let count = u16::from_le_bytes([bytes[ifd], bytes[ifd + 1]]) as usize;
            for entry in 0..count {
                let at = ifd + 2 + entry * 12;
                if u16::from_le_bytes([bytes[at], bytes[at + 1]]) == tag {
                    bytes[at + 8..at + 12].copy_from_slice(&value.to_le_bytes());
                }
            }
        };
        claim(&mut bomb, 256, 50_000);
        claim(&mut bomb, 257, 50_000);
        assert_eq!(read_scan(&bomb).unwrap_err(), ScanError::TooManyDots);
    }

    #[test]
    fn a_file_that_is_no_picture_or_a_cut_one_is_refused_with_its_reason() {
        assert_eq!(read_scan(b"").unwrap_err(), ScanError::NotAPicture);
        // A PDF cut off after its first line.
        assert_eq!(read_scan(b"%PDF-1.7\n").unwrap_err(), ScanError::Unreadable);
        let whole = tiff(&[(300, 300)]);
        assert_eq!(read_scan(&whole[..40]).unwrap_err(), ScanError::Unreadable);
        let mut png = Vec::new();
        GrayImage::from_pixel(300, 300, image::Luma([255]))
            .write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        assert_eq!(
            read_scan(&png[..png.len() / 2]).unwrap_err(),
            ScanError::Unreadable
        );
        assert_eq!(read_scan(&png).unwrap().pages.len(), 1);
    }

    #[test]
    fn an_empty_or_tiny_page_has_no_code() {
        assert!(read_codes(&GrayImage::new(0, 0)).is_empty());
        assert!(read_codes(&GrayImage::new(2, 40)).is_empty());
        assert!(read_codes(&GrayImage::from_pixel(50, 50, image::Luma([255]))).is_empty());
    }
}

//! Paper coming back: the code a printed form carries on each page
//! ([`crate::domain::paper::FormCode`]), read from a scanned, photographed or faxed page.
//!
//! A fax adds specks and drops dots; one white dot inside a finder pattern's black ring is
//! enough for a QR reader to miss the whole code. So the page is made black and white at its
//! middle grey, each dot then takes the colour most of its 3 × 3 neighbours have (specks go,
//! modules of three dots and more stay), and rqrr (a pure-Rust reader) looks for codes in it.

use image::GrayImage;

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

    #[test]
    fn an_empty_or_tiny_page_has_no_code() {
        assert!(read_codes(&GrayImage::new(0, 0)).is_empty());
        assert!(read_codes(&GrayImage::new(2, 40)).is_empty());
        assert!(read_codes(&GrayImage::from_pixel(50, 50, image::Luma([255]))).is_empty());
    }
}

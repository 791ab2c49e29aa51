//! The font on paper: the bundled CJK font's character map and widths read in place (nothing
//! of its 5 MB is parsed before a glyph is asked for), a subset of exactly the characters a
//! PDF prints, and text measured and broken into lines.

use std::sync::OnceLock;

use printpdf::ParsedFont;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, GlyphId, MetadataProvider};

use super::PdfError;
use crate::assets::CJK_FONT;

/// What laying text out needs of the bundled font: which glyph draws a character, and how
/// wide it is. Read from the font's bytes where they lie, table by table, when asked.
pub(crate) struct FontMetrics {
    charmap: skrifa::charmap::Charmap<'static>,
    widths: skrifa::metrics::GlyphMetrics<'static>,
    units_per_em: u16,
}

impl FontMetrics {
    /// The glyph that draws `c`, if the font has one.
    fn glyph(&self, c: char) -> Option<GlyphId> {
        self.charmap.map(c).filter(|gid| *gid != GlyphId::NOTDEF)
    }

    /// `c`'s advance in font units (half an em for a character the font lacks).
    fn advance(&self, c: char) -> f32 {
        let gid = self.charmap.map(c).unwrap_or(GlyphId::NOTDEF);
        self.widths
            .advance_width(gid)
            .unwrap_or(f32::from(self.units_per_em / 2))
    }
}

/// The bundled font's metrics, read once.
pub(crate) fn font() -> Result<&'static FontMetrics, PdfError> {
    static FONT: OnceLock<Option<FontMetrics>> = OnceLock::new();
    FONT.get_or_init(|| {
        let font = FontRef::from_index(CJK_FONT, 0).ok()?;
        Some(FontMetrics {
            charmap: font.charmap(),
            widths: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em: font
                .metrics(Size::unscaled(), LocationRef::default())
                .units_per_em,
        })
    })
    .as_ref()
    .ok_or(PdfError::Font)
}

/// A copy of the bundled font holding only the glyphs of `chars`, with a Unicode cmap.
///
/// printpdf subsets fonts only with its heavy `text_layout` feature; allsorts (which it uses
/// anyway) does the same job here, so a filled form embeds tens of kilobytes, not megabytes.
pub(crate) fn subset_font(
    chars: &std::collections::BTreeSet<char>,
) -> Result<ParsedFont, PdfError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};
    let metrics = font()?;
    let mut glyphs: Vec<u16> = chars
        .iter()
        .filter_map(|&c| metrics.glyph(c))
        .filter_map(|gid| u16::try_from(gid.to_u32()).ok())
        .collect();
    glyphs.sort_unstable();
    glyphs.dedup();
    glyphs.insert(0, 0); // .notdef stays glyph 0
    let file = ReadScope::new(CJK_FONT)
        .read::<FontData<'_>>()
        .map_err(|_| PdfError::Font)?;
    let provider = file.table_provider(0).map_err(|_| PdfError::Font)?;
    let bytes = subset(
        &provider,
        &glyphs,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .map_err(|_| PdfError::Font)?;
    ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or(PdfError::Font)
}

/// Width of `text` at `size` points in the bundled font.
pub(crate) fn text_width(font: &FontMetrics, text: &str, size: f32) -> f32 {
    let units: f32 = text.chars().map(|c| font.advance(c)).sum();
    units * size / f32::from(font.units_per_em.max(1))
}

/// Breaks `text` into lines no wider than `width`: at spaces for Latin words, between any two
/// CJK characters, and inside a word only when the word alone is too wide. Newlines are kept
/// (a Windows line end too); a tab, which no font draws, is four spaces.
pub(crate) fn wrap(font: &FontMetrics, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.strip_suffix('\r').unwrap_or(paragraph);
        let paragraph = &paragraph.replace('\t', "    ");
        let mut line = String::new();
        let mut line_width = 0.0;
        for token in tokens(paragraph) {
            let token_width = text_width(font, token, size);
            if line_width + token_width <= width || line.is_empty() && token_width <= width {
                line.push_str(token);
                line_width += token_width;
                continue;
            }
            if !line.trim().is_empty() {
                lines.push(line.trim_end().to_owned());
            }
            line = String::new();
            line_width = 0.0;
            if token.trim().is_empty() {
                continue; // a space at a break disappears
            }
            // A token wider than the whole line is cut between characters.
            for c in token.chars() {
                let w = text_width(font, c.encode_utf8(&mut [0; 4]), size);
                if line_width + w > width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += w;
            }
        }
        lines.push(line.trim_end().to_owned());
    }
    lines
}

/// Packs whole `units` (tick-box choices) into lines no wider than `width`, three spaces apart;
/// a unit wider than a line is wrapped on its own.
pub(crate) fn pack(font: &FontMetrics, units: &[String], size: f32, width: f32) -> Vec<String> {
    const GAP: &str = "   ";
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for unit in units {
        let candidate = if line.is_empty() {
            unit.clone()
        } else {
            format!("{line}{GAP}{unit}")
        };
        if text_width(font, &candidate, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut pieces = wrap(font, unit, size, width);
        line = pieces.pop().unwrap_or_default();
        lines.extend(pieces);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Splits text into break opportunities: runs of Latin letters/digits, single spaces, and
/// every other character on its own (CJK breaks anywhere).
fn tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let wordish =
            c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '-' | '/' | ':' | '@' | '(' | ')');
        if wordish {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            tokens.push(&text[s..i]);
        }
        tokens.push(&text[i..i + c.len_utf8()]);
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}

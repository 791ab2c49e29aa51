//! The font on paper: the bundled CJK font's character map and widths read in place (nothing
//! of its 5 MB is parsed before a glyph is asked for), a subset of exactly the characters a
//! PDF prints, and text measured and broken into lines.

use std::borrow::Cow;

use printpdf::ParsedFont;

use super::PdfError;
use crate::fonts::{Face, Fonts};

/// A copy of `face` holding only the glyphs of `chars`, with a Unicode cmap, named with a
/// subset tag (ISO 32000-1 §9.6.4: six capital letters and "+", the same letters for the same
/// characters) so that preflight tools see it is a subset.
///
/// printpdf subsets fonts only with its heavy `text_layout` feature. [`truetype_subset`] does
/// it here reading only the glyphs it keeps (allsorts, which printpdf uses anyway, re-reads the
/// whole font's tables for every subset: two thirds of a form's time); allsorts remains for a
/// font that one does not take, so a filled form always embeds tens of kilobytes.
pub(crate) fn subset_font(
    face: &Face,
    chars: &std::collections::BTreeSet<char>,
) -> Result<ParsedFont, PdfError> {
    let bytes = match truetype_subset(face, chars) {
        Some(bytes) => bytes,
        None => allsorts_subset(face, chars)?,
    };
    let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or(PdfError::Font)?;
    parsed.font_name = Some(format!("{}+{}", subset_tag(&face.name, chars), face.name));
    Ok(parsed)
}

/// Six capital letters standing for a subset of the face `name` holding `chars` (FNV-1a of
/// both, in base 26): the same for the same subset, so a PDF made twice is the same.
fn subset_tag(name: &str, chars: &std::collections::BTreeSet<char>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name
        .bytes()
        .chain(chars.iter().flat_map(|c| u32::from(*c).to_le_bytes()))
    {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (hash % 26) as u8);
            hash /= 26;
            letter
        })
        .collect()
}

/// The subset by allsorts: the glyphs of `chars` (and .notdef), renumbered, with a cmap.
fn allsorts_subset(
    face: &Face,
    chars: &std::collections::BTreeSet<char>,
) -> Result<Vec<u8>, PdfError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile, subset};
    let mut glyphs: Vec<u16> = chars
        .iter()
        .filter_map(|&c| face.glyph(c))
        .filter_map(|gid| u16::try_from(gid.to_u32()).ok())
        .collect();
    glyphs.sort_unstable();
    glyphs.dedup();
    glyphs.insert(0, 0); // .notdef stays glyph 0
    let file = ReadScope::new(face.bytes)
        .read::<FontData<'_>>()
        .map_err(|_| PdfError::Font)?;
    let index = usize::try_from(face.index).map_err(|_| PdfError::Font)?;
    let provider = file.table_provider(index).map_err(|_| PdfError::Font)?;
    subset(
        &provider,
        &glyphs,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .map_err(|_| PdfError::Font)
}

/// Reads a big-endian u16 at `at`.
fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

/// Reads a big-endian u32 at `at`.
fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The subset of a TrueType-outline font holding the glyphs of `chars`, the glyphs their
/// composite glyphs are made of, and .notdef, renumbered in their old order, with a cmap of
/// `chars` (format 4 for the Basic Multilingual Plane, format 12 for all) and the tables
/// allsorts' subset of this font has (OS/2, cmap, glyf, head, hhea, hmtx, loca, maxp, name,
/// post: no hinting programs, which paper does not use, and so no glyph's own instructions,
/// which would call them). Only the kept glyphs are read. `None` for a font this does not
/// handle (no `glyf`, a damaged table, a cmap too large for format 4).
fn truetype_subset(face: &Face, chars: &std::collections::BTreeSet<char>) -> Option<Vec<u8>> {
    use std::collections::BTreeSet;
    let table = |tag: &[u8; 4]| face.table(tag);
    let (head, hhea, maxp) = (table(b"head")?, table(b"hhea")?, table(b"maxp")?);
    let (hmtx, loca, glyf) = (table(b"hmtx")?, table(b"loca")?, table(b"glyf")?);
    let glyph_count = u16_at(maxp, 4)?;
    let long_offsets = u16_at(head, 50)? == 1;
    let metric_count = usize::from(u16_at(hhea, 34)?).max(1);
    let glyph = |gid: u16| -> Option<&[u8]> {
        if gid >= glyph_count {
            return None;
        }
        let i = usize::from(gid);
        let (start, end) = if long_offsets {
            (
                u32_at(loca, 4 * i)? as usize,
                u32_at(loca, 4 * i + 4)? as usize,
            )
        } else {
            (
                usize::from(u16_at(loca, 2 * i)?) * 2,
                usize::from(u16_at(loca, 2 * i + 2)?) * 2,
            )
        };
        glyf.get(start..end)
    };
    // Where a composite glyph names its components: (offset of the glyph index, component).
    let components = |data: &[u8]| -> Option<Vec<(usize, u16)>> {
        let mut found = Vec::new();
        if data.len() < 10 || (u16_at(data, 0)? as i16) >= 0 {
            return Some(found);
        }
        let mut at = 10;
        loop {
            let flags = u16_at(data, at)?;
            found.push((at + 2, u16_at(data, at + 2)?));
            at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
            at += match flags {
                f if f & 0x0008 != 0 => 2,
                f if f & 0x0040 != 0 => 4,
                f if f & 0x0080 != 0 => 8,
                _ => 0,
            };
            if flags & 0x0020 == 0 {
                return Some(found);
            }
        }
    };
    let mapped: Vec<(char, u16)> = chars
        .iter()
        .filter_map(|&c| Some((c, u16::try_from(face.glyph(c)?.to_u32()).ok()?)))
        .collect();
    let mut kept: BTreeSet<u16> = std::iter::once(0)
        .chain(mapped.iter().map(|m| m.1))
        .collect();
    let mut todo: Vec<u16> = kept.iter().copied().collect();
    while let Some(gid) = todo.pop() {
        for (_, part) in components(glyph(gid)?)? {
            if kept.insert(part) {
                todo.push(part);
            }
        }
    }
    let kept: Vec<u16> = kept.into_iter().collect();
    let new_id = |old: u16| {
        kept.binary_search(&old)
            .ok()
            .and_then(|i| u16::try_from(i).ok())
    };
    let count = u16::try_from(kept.len()).ok()?;

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (kept.len() + 1));
    let mut new_hmtx = Vec::with_capacity(4 * kept.len());
    let last_advance = u16_at(hmtx, 4 * (metric_count - 1))?;
    for &old in &kept {
        new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
        let data = glyph(old)?;
        let at = new_glyf.len();
        new_glyf.extend_from_slice(&without_instructions(data)?);
        for (offset, part) in components(data)? {
            new_glyf[at + offset..at + offset + 2].copy_from_slice(&new_id(part)?.to_be_bytes());
        }
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
        let i = usize::from(old);
        let (advance, bearing) = if i < metric_count {
            (u16_at(hmtx, 4 * i)?, u16_at(hmtx, 4 * i + 2)?)
        } else {
            (
                last_advance,
                u16_at(hmtx, 4 * metric_count + 2 * (i - metric_count))?,
            )
        };
        new_hmtx.extend_from_slice(&advance.to_be_bytes());
        new_hmtx.extend_from_slice(&bearing.to_be_bytes());
    }
    new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());

    let mut new_head = head.to_vec();
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]); // checkSumAdjustment, set last
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes()); // long loca offsets
    let mut new_hhea = hhea.to_vec();
    new_hhea
        .get_mut(34..36)?
        .copy_from_slice(&count.to_be_bytes());
    let mut new_maxp = maxp.to_vec();
    new_maxp
        .get_mut(4..6)?
        .copy_from_slice(&count.to_be_bytes());
    // post version 3: the header alone, no glyph names.
    let mut new_post = table(b"post")?.get(..32)?.to_vec();
    new_post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

    let map: Vec<(u32, u16)> = mapped
        .iter()
        .map(|&(c, old)| Some((c as u32, new_id(old)?)))
        .collect::<Option<_>>()?;
    let new_cmap = cmap(&map)?;

    let mut tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"cmap", new_cmap),
        (*b"glyf", new_glyf),
        (*b"head", new_head),
        (*b"hhea", new_hhea),
        (*b"hmtx", new_hmtx),
        (*b"loca", new_loca),
        (*b"maxp", new_maxp),
        (*b"post", new_post),
    ];
    for tag in [b"OS/2", b"name"] {
        if let Some(data) = table(tag) {
            tables.push((*tag, data.to_vec()));
        }
    }
    tables.sort_by_key(|(tag, _)| *tag);
    Some(sfnt(tables))
}

/// A glyph's data without its hinting instructions: a simple glyph's are cut out (their length
/// set to 0); a composite glyph is kept as it is (its components are renumbered in place).
/// A tenth of a CJK subset's glyph data is instructions, which call the hinting programs a
/// subset leaves out. `None` for a simple glyph shorter than its header says.
fn without_instructions(data: &[u8]) -> Option<std::borrow::Cow<'_, [u8]>> {
    use std::borrow::Cow;
    if data.len() < 10 {
        return Some(Cow::Borrowed(data)); // an empty glyph (a space)
    }
    let contours = u16_at(data, 0)? as i16;
    if contours < 0 {
        return Some(Cow::Borrowed(data));
    }
    let length_at = 10 + 2 * usize::from(contours as u16);
    let length = usize::from(u16_at(data, length_at)?);
    if length == 0 {
        return Some(Cow::Borrowed(data));
    }
    let rest = data.get(length_at + 2 + length..)?;
    let mut out = Vec::with_capacity(data.len() - length);
    out.extend_from_slice(&data[..length_at]);
    out.extend_from_slice(&[0, 0]);
    out.extend_from_slice(rest);
    Some(Cow::Owned(out))
}

/// A cmap of `map` (code point, glyph; ascending, each code point once): format 4 under
/// Windows Unicode BMP, and format 12 under Windows Unicode full when a code point lies past
/// the BMP. `None` past format 4's size.
fn cmap(map: &[(u32, u16)]) -> Option<Vec<u8>> {
    let put16 = |out: &mut Vec<u8>, v: u16| out.extend_from_slice(&v.to_be_bytes());
    let put32 = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_be_bytes());
    // Format 4: a segment per code point of the BMP (a form holds hundreds), then 0xFFFF.
    let bmp: Vec<(u16, u16)> = map
        .iter()
        .filter_map(|&(c, g)| Some((u16::try_from(c).ok().filter(|&c| c != 0xFFFF)?, g)))
        .collect();
    let segments = bmp.len() + 1;
    let floor_log2 = |n: usize| usize::BITS - 1 - n.leading_zeros();
    let mut f4 = Vec::new();
    put16(&mut f4, 4);
    put16(&mut f4, u16::try_from(16 + 8 * segments).ok()?);
    put16(&mut f4, 0);
    let search = 2 * (1usize << floor_log2(segments));
    put16(&mut f4, u16::try_from(2 * segments).ok()?);
    put16(&mut f4, u16::try_from(search).ok()?);
    put16(&mut f4, u16::try_from(floor_log2(segments)).ok()?);
    put16(&mut f4, u16::try_from(2 * segments - search).ok()?);
    bmp.iter().for_each(|&(c, _)| put16(&mut f4, c));
    put16(&mut f4, 0xFFFF);
    put16(&mut f4, 0); // reservedPad
    bmp.iter().for_each(|&(c, _)| put16(&mut f4, c));
    put16(&mut f4, 0xFFFF);
    bmp.iter()
        .for_each(|&(c, g)| put16(&mut f4, g.wrapping_sub(c)));
    put16(&mut f4, 1);
    (0..segments).for_each(|_| put16(&mut f4, 0)); // idRangeOffset
    let mut f12 = Vec::new();
    put16(&mut f12, 12);
    put16(&mut f12, 0);
    put32(&mut f12, u32::try_from(16 + 12 * map.len()).ok()?);
    put32(&mut f12, 0);
    put32(&mut f12, u32::try_from(map.len()).ok()?);
    for &(c, g) in map {
        put32(&mut f12, c);
        put32(&mut f12, c);
        put32(&mut f12, u32::from(g));
    }
    let beyond_bmp = map.iter().any(|&(c, _)| c > 0xFFFF);
    let subtables: &[u16] = if beyond_bmp { &[1, 10] } else { &[1] };
    let mut out = Vec::new();
    put16(&mut out, 0); // version
    put16(&mut out, subtables.len() as u16);
    let first = 4 + 8 * subtables.len();
    for (&encoding, offset) in subtables.iter().zip([first, first + f4.len()]) {
        put16(&mut out, 3); // Windows
        put16(&mut out, encoding);
        put32(&mut out, u32::try_from(offset).ok()?);
    }
    out.extend_from_slice(&f4);
    if beyond_bmp {
        out.extend_from_slice(&f12);
    }
    Some(out)
}

/// The font file of `tables` (sorted by tag): the table directory with each table's checksum,
/// tables on 4-byte boundaries, and head's checkSumAdjustment set over the whole file.
fn sfnt(tables: Vec<([u8; 4], Vec<u8>)>) -> Vec<u8> {
    fn checksum(bytes: &[u8]) -> u32 {
        bytes.chunks(4).fold(0u32, |sum, word| {
            let mut padded = [0u8; 4];
            padded[..word.len()].copy_from_slice(word);
            sum.wrapping_add(u32::from_be_bytes(padded))
        })
    }
    let count = tables.len();
    let power = 1usize << (usize::BITS - 1 - count.leading_zeros());
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for v in [
        count,
        16 * power,
        power.trailing_zeros() as usize,
        16 * (count - power),
    ] {
        out.extend_from_slice(&(v as u16).to_be_bytes());
    }
    let mut offset = 12 + 16 * count;
    let mut head_at = None;
    for (tag, data) in &tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in &tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(at) = head_at {
        let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[at + 8..at + 12].copy_from_slice(&adjustment.to_be_bytes());
    }
    out
}

/// Width of `text` at `size` points, each character in the face that draws it.
pub(crate) fn text_width(fonts: &Fonts, text: &str, size: f32) -> f32 {
    let ems: f32 = text.chars().map(|c| fonts.advance(c)).sum();
    ems * size
}

/// Breaks `text` into lines no wider than `width`: at spaces for Latin words, between any two
/// CJK characters, and inside a word only when the word alone is too wide. Newlines are kept
/// (a Windows line end too); a tab, which no font draws, is four spaces.
///
/// Chinese line breaking (GB/T 15834 and every CJK typesetter): a line never starts with
/// closing punctuation ("。", "，", "）", "》"…) nor ends with an opening bracket ("（", "《"…);
/// the character before is carried down with it instead.
pub(crate) fn wrap(font: &Fonts, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.strip_suffix('\r').unwrap_or(paragraph);
        let paragraph = &paragraph.replace('\t', "    ");
        let mut line: Vec<Cow<'_, str>> = Vec::new();
        let mut line_width = 0.0;
        for token in tokens(paragraph) {
            let token_width = text_width(font, token, size);
            if line_width + token_width <= width || line.is_empty() && token_width <= width {
                line.push(Cow::Borrowed(token));
                line_width += token_width;
                continue;
            }
            if token.trim().is_empty() {
                // A space at a break disappears.
                lines.push(line.concat().trim_end().to_owned());
                line.clear();
                line_width = 0.0;
                continue;
            }
            let carried = carry_down(&mut line, token);
            if !line.concat().trim().is_empty() {
                lines.push(line.concat().trim_end().to_owned());
            }
            line = carried;
            line_width = text_width(font, &line.concat(), size);
            if line_width + token_width <= width {
                line.push(Cow::Borrowed(token));
                line_width += token_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(line.concat());
                line.clear();
                line_width = 0.0;
            }
            // A token wider than the whole line is cut between characters.
            let mut piece = String::new();
            for c in token.chars() {
                let w = text_width(font, c.encode_utf8(&mut [0; 4]), size);
                if line_width + w > width && !piece.is_empty() {
                    lines.push(std::mem::take(&mut piece));
                    line_width = 0.0;
                }
                piece.push(c);
                line_width += w;
            }
            line.push(Cow::Owned(piece));
        }
        lines.push(line.concat().trim_end().to_owned());
    }
    lines
}

/// Closing punctuation, which never starts a line.
pub(crate) const NO_LINE_START: &str = "。，、；：？！）】》」』〉〕］｝”’…～％·.,;:?!)]}%";
/// Opening brackets and quotes, which never end a line.
pub(crate) const NO_LINE_END: &str = "（【《「『〈〔［｛“‘([{";

/// Before `line` is ended for `next`: takes off its end, and returns, what must go down to the
/// next line with `next` so that the next line does not start with closing punctuation and
/// this one does not end with an opening bracket. A line is never emptied for it: one made
/// only of such characters breaks where it must.
fn carry_down<'a>(line: &mut Vec<Cow<'a, str>>, next: &str) -> Vec<Cow<'a, str>> {
    let starts_badly = |token: &str| {
        token
            .chars()
            .next()
            .is_some_and(|c| NO_LINE_START.contains(c))
    };
    let ends_badly = |token: &str| {
        token
            .chars()
            .last()
            .is_some_and(|c| NO_LINE_END.contains(c))
    };
    // Closing punctuation after a number's measure word ("38.00元。") takes the measure word
    // down rather than stay on a line of its own: of the two rules, GB/T 15834's comes first.
    if starts_badly(next)
        && let Some(last) = line.pop()
    {
        match last.char_indices().last() {
            Some((at, c)) if at > 0 && is_ideograph(c) => {
                let (number, word) = match last {
                    Cow::Borrowed(text) => (Cow::Borrowed(&text[..at]), Cow::Borrowed(&text[at..])),
                    Cow::Owned(text) => (
                        Cow::Owned(text[..at].to_owned()),
                        Cow::Owned(text[at..].to_owned()),
                    ),
                };
                line.extend([number, word]);
            }
            _ => line.push(last),
        }
    }
    let mut carried: Vec<Cow<'a, str>> = Vec::new();
    let mut first = next.to_owned();
    while line.len() > 1
        && (starts_badly(&first) || line.last().is_some_and(|last| ends_badly(last)))
    {
        let Some(last) = line.pop() else { break };
        first = last.to_string();
        carried.insert(0, last);
    }
    // Still a closing mark first, or an opening one last: nothing can be done for it.
    let fixed = !starts_badly(&first) && !line.last().is_some_and(|last| ends_badly(last));
    if !fixed || line.concat().trim().is_empty() {
        line.append(&mut carried);
    }
    carried
}

/// Packs whole `units` (tick-box choices) into lines no wider than `width`, three spaces apart;
/// a unit wider than a line is wrapped on its own.
pub(crate) fn pack(font: &Fonts, units: &[String], size: f32, width: f32) -> Vec<String> {
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
/// every other character on its own (CJK breaks anywhere). A number keeps the Chinese
/// character after it (its measure word: "3栋", "277室", "10月"), so an address never reads
/// "…71号3" above "栋277室…".
fn tokens(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut ends_in_digit = false;
    for (i, c) in text.char_indices() {
        let wordish =
            c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '-' | '/' | ':' | '@' | '(' | ')');
        if wordish {
            start.get_or_insert(i);
            ends_in_digit = c.is_ascii_digit();
            continue;
        }
        let end = i + c.len_utf8();
        match start.take() {
            Some(s) if ends_in_digit && is_ideograph(c) => tokens.push(&text[s..end]),
            Some(s) => {
                tokens.push(&text[s..i]);
                tokens.push(&text[i..end]);
            }
            None => tokens.push(&text[i..end]),
        }
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}

/// A Chinese character (the unified ideographs and their extensions), not punctuation.
fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use skrifa::instance::{LocationRef, Size};
    use skrifa::{FontRef, GlyphId, MetadataProvider};

    #[test]
    fn a_subsets_glyphs_carry_no_hinting_instructions_and_its_cmap_no_table_it_does_not_need() {
        let full = Fonts::shared().bundled();
        let chars: std::collections::BTreeSet<char> =
            "售后服务处理确认单 Room 12 浔阳路".chars().collect();
        let bytes = truetype_subset(full, &chars).unwrap();
        let table = |tag: &[u8; 4]| -> &[u8] {
            let count = usize::from(u16_at(&bytes, 4).unwrap());
            (0..count)
                .map(|i| 12 + 16 * i)
                .find(|&at| &bytes[at..at + 4] == tag)
                .map(|at| {
                    let offset = u32_at(&bytes, at + 8).unwrap() as usize;
                    &bytes[offset..offset + u32_at(&bytes, at + 12).unwrap() as usize]
                })
                .unwrap()
        };
        let (loca, glyf) = (table(b"loca"), table(b"glyf"));
        let glyphs = loca.len() / 4 - 1;
        let mut simple = 0;
        for i in 0..glyphs {
            let (start, end) = (
                u32_at(loca, 4 * i).unwrap() as usize,
                u32_at(loca, 4 * i + 4).unwrap() as usize,
            );
            let glyph = &glyf[start..end];
            if glyph.len() < 10 || (u16_at(glyph, 0).unwrap() as i16) < 0 {
                continue;
            }
            let contours = usize::from(u16_at(glyph, 0).unwrap());
            assert_eq!(u16_at(glyph, 10 + 2 * contours), Some(0), "glyph {i}");
            simple += 1;
        }
        assert!(simple >= chars.len() - 1, "{simple} glyphs checked");
        // The bundled font's own glyphs have instructions: what was taken out was there.
        let gid = usize::try_from(full.glyph('售').unwrap().to_u32()).unwrap();
        let (loca, glyf) = (full.table(b"loca").unwrap(), full.table(b"glyf").unwrap());
        let start = if u16_at(full.table(b"head").unwrap(), 50) == Some(1) {
            u32_at(loca, 4 * gid).unwrap() as usize
        } else {
            usize::from(u16_at(loca, 2 * gid).unwrap()) * 2
        };
        let contours = usize::from(u16_at(glyf, start).unwrap());
        assert!(u16_at(glyf, start + 10 + 2 * contours).unwrap() > 0);
        // Every character is in the Basic Multilingual Plane: format 4 alone.
        assert_eq!(u16_at(table(b"cmap"), 2), Some(1));
        // A character past it needs format 12 as well.
        let both = cmap(&[(0x4E00, 1), (0x2_0000, 2)]).unwrap();
        assert_eq!(u16_at(&both, 2), Some(2));
    }

    #[test]
    fn a_subset_draws_each_character_with_the_bundled_fonts_own_glyph_and_width() {
        let full = Fonts::shared().bundled();
        // Latin, CJK, a rare character (浔), a symbol, a space, and a character the font
        // lacks (𡈼: no glyph, so not in the subset's cmap).
        let chars: std::collections::BTreeSet<char> =
            "张三 Room 12 浔阳路①·，。𡈼".chars().collect();
        let bytes = truetype_subset(full, &chars).expect("the bundled font is TrueType");
        // The whole file sums to the magic number once head's adjustment is in.
        let sum = bytes.chunks(4).fold(0u32, |sum, w| {
            sum.wrapping_add(u32::from_be_bytes(w.try_into().unwrap()))
        });
        assert_eq!(sum, 0xB1B0_AFBA);
        let subset = FontRef::new(&bytes).expect("a font skrifa reads");
        let charmap = subset.charmap();
        let widths = subset.glyph_metrics(Size::unscaled(), LocationRef::default());
        // A glyph's outline as drawn (composite glyphs resolved through their components).
        let outline = |font: &FontRef<'_>, gid: GlyphId| {
            #[derive(Default)]
            struct Pen(Vec<String>);
            impl skrifa::outline::OutlinePen for Pen {
                fn move_to(&mut self, x: f32, y: f32) {
                    self.0.push(format!("M{x},{y}"));
                }
                fn line_to(&mut self, x: f32, y: f32) {
                    self.0.push(format!("L{x},{y}"));
                }
                fn quad_to(&mut self, a: f32, b: f32, x: f32, y: f32) {
                    self.0.push(format!("Q{a},{b},{x},{y}"));
                }
                fn curve_to(&mut self, a: f32, b: f32, c: f32, d: f32, x: f32, y: f32) {
                    self.0.push(format!("C{a},{b},{c},{d},{x},{y}"));
                }
                fn close(&mut self) {
                    self.0.push("Z".into());
                }
            }
            let mut pen = Pen::default();
            let settings =
                skrifa::outline::DrawSettings::unhinted(Size::unscaled(), LocationRef::default());
            font.outline_glyphs()
                .get(gid)
                .unwrap()
                .draw(settings, &mut pen)
                .unwrap();
            pen.0
        };
        let original = full.font();
        let mut drawn = 0;
        for c in chars {
            match full.glyph(c) {
                None => assert_eq!(charmap.map(c), None, "{c:?} is not in the bundled font"),
                Some(old) => {
                    let new = charmap.map(c).unwrap_or_else(|| panic!("{c:?} kept"));
                    let em = f32::from(
                        subset
                            .metrics(Size::unscaled(), LocationRef::default())
                            .units_per_em,
                    );
                    assert_eq!(
                        widths.advance_width(new).map(|w| w / em),
                        Some(full.advance(c)),
                        "{c:?}"
                    );
                    assert_eq!(
                        outline(&subset, new),
                        outline(original, old),
                        "{c:?} drawn the same"
                    );
                    drawn += 1;
                }
            }
        }
        assert!(
            drawn >= 14,
            "the font draws all but 𡈼 (and perhaps ①): {drawn}"
        );
        assert!(
            ['张', '浔', 'R', '1', ' ', '，']
                .iter()
                .all(|&c| full.glyph(c).is_some())
        );
        // printpdf reads it, and maps the characters as skrifa does.
        let parsed = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).expect("printpdf reads it");
        assert_eq!(
            parsed.lookup_glyph_index('浔' as u32).map(u32::from),
            charmap.map('浔').map(|g| g.to_u32())
        );
        // Far smaller than the font, and no larger than allsorts' own subset.
        let chars: std::collections::BTreeSet<char> = "张三 Room 12 浔阳路①·，。".chars().collect();
        let ours = truetype_subset(full, &chars).unwrap().len();
        let theirs = allsorts_subset(full, &chars).unwrap().len();
        assert!(
            ours < 64 * 1024 && ours <= theirs + 1024,
            "{ours} against {theirs}"
        );
    }
}

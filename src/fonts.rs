//! The fonts text is drawn in, on paper and on screen: the bundled CJK font first, then the
//! fonts of this computer for what it lacks (a rare character of a name such as 𡈼 or 𠀾 from
//! CJK Extension B, an emoji). Each character is drawn by the first font that has it.
//!
//! The computer's fonts are looked at only when a text needs a character the bundled font
//! lacks, so a form of ordinary text pays nothing for them. Where they are looked for is the
//! system's font folders, or the folders named in `AFTERSALES_FONT_DIRS` (separated as in
//! `PATH`; empty for none), which is how a portable copy carries its own fonts and how the
//! tests choose theirs.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::{FontRef, GlyphId, MetadataProvider};

use crate::assets::CJK_FONT;

/// The environment variable naming the folders fallback fonts are looked for in, instead of
/// the system's.
pub const FONT_DIRS_VAR: &str = "AFTERSALES_FONT_DIRS";

/// Families tried first, in this order, for a character the bundled font lacks: the fonts
/// that hold CJK Extension B and beyond on Windows, Debian and macOS, then broad CJK faces,
/// then symbols. Any other font of the computer comes after them.
const PREFERRED: &[&str] = &[
    "SimSun-ExtB",
    "SimSun-ExtG",
    "MingLiU-ExtB",
    "HanaMinB",
    "HanaMinA",
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Serif SC",
    "PingFang SC",
    "Songti SC",
    "Microsoft YaHei",
    "Segoe UI Symbol",
    "Segoe UI Emoji",
    "Apple Symbols",
    "Noto Sans Symbols",
    "Noto Sans Symbols2",
    "DejaVu Sans",
    "Symbola",
];

/// `chars` as a clerk can name them where they show as boxes, each with its code point:
/// "\u{3FFFD} (U+3FFFD), 😀 (U+1F600)".
pub fn named<'a>(chars: impl IntoIterator<Item = &'a char>) -> String {
    chars
        .into_iter()
        .map(|c| format!("{c} (U+{:04X})", u32::from(*c)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One font face: its bytes and what laying text out needs of it, read where they lie.
pub struct Face {
    /// The PostScript name, which a PDF names the font by.
    pub name: String,
    pub bytes: &'static [u8],
    /// The face's index in a collection (.ttc).
    pub index: u32,
    font: FontRef<'static>,
    charmap: Charmap<'static>,
    widths: GlyphMetrics<'static>,
    units_per_em: u16,
}

impl Face {
    /// The face `index` of `bytes`, if it is a font with outlines and a Unicode map.
    pub fn read(bytes: &'static [u8], index: u32) -> Option<Face> {
        let font = FontRef::from_index(bytes, index).ok()?;
        let outlined = [b"glyf", b"CFF ", b"CFF2"]
            .iter()
            .any(|tag| font.table_data(skrifa::Tag::new(tag)).is_some());
        if !outlined {
            return None; // a bitmap-only face (a colour emoji font) draws nothing on paper
        }
        let name = font
            .localized_strings(skrifa::string::StringId::POSTSCRIPT_NAME)
            .english_or_first()
            .map(|name| name.chars().filter(char::is_ascii_alphanumeric).collect())
            .filter(|name: &String| !name.is_empty())
            .unwrap_or_else(|| "Font".to_owned());
        Some(Face {
            name,
            bytes,
            index,
            charmap: font.charmap(),
            widths: font.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em: font
                .metrics(Size::unscaled(), LocationRef::default())
                .units_per_em
                .max(1),
            font,
        })
    }

    /// The glyph that draws `c`, if the face has one.
    pub fn glyph(&self, c: char) -> Option<GlyphId> {
        self.charmap.map(c).filter(|gid| *gid != GlyphId::NOTDEF)
    }

    /// `c`'s advance in ems (that of the face's empty box for a character it lacks).
    pub fn advance(&self, c: char) -> f32 {
        let gid = self.charmap.map(c).unwrap_or(GlyphId::NOTDEF);
        let units = self
            .widths
            .advance_width(gid)
            .unwrap_or(f32::from(self.units_per_em / 2));
        units / f32::from(self.units_per_em)
    }

    /// One of the face's tables, by its tag.
    pub fn table(&self, tag: &[u8; 4]) -> Option<&'static [u8]> {
        self.font
            .table_data(skrifa::Tag::new(tag))
            .map(|data| data.as_bytes())
    }

    pub fn font(&self) -> &FontRef<'static> {
        &self.font
    }
}

/// Which face draws a character: 0 is the bundled font, then the computer's fonts in the order
/// they were first needed.
pub type FaceNumber = usize;

/// Where fallback fonts are looked for.
enum Folders {
    System,
    These(Vec<PathBuf>),
}

/// The bundled font and, behind it, the fonts of this computer.
pub struct Fonts {
    bundled: Face,
    folders: Folders,
    /// The faces of the folders, listed at the first character the bundled font lacks, the
    /// preferred families first.
    found: OnceLock<(fontdb::Database, Vec<fontdb::ID>)>,
    /// Faces read for drawing, in the order they were first needed (face number 1 onwards).
    /// Each is read once and kept for the life of the program.
    loaded: Mutex<Vec<&'static Face>>,
    /// Which face draws each character the bundled font lacks; `None` when no font has it.
    chosen: Mutex<HashMap<char, Option<FaceNumber>>>,
}

impl Fonts {
    /// The program's fonts: the bundled one, then the folders of `AFTERSALES_FONT_DIRS` when
    /// it is set, else the system's.
    pub fn shared() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let folders = match std::env::var_os(FONT_DIRS_VAR) {
                Some(dirs) => Folders::These(std::env::split_paths(&dirs).collect()),
                None => Folders::System,
            };
            Fonts::new(folders)
        })
    }

    /// The bundled font, then the fonts in `dirs` (none: the bundled font alone).
    pub fn in_folders(dirs: Vec<PathBuf>) -> Fonts {
        Fonts::new(Folders::These(dirs))
    }

    fn new(folders: Folders) -> Fonts {
        Fonts {
            // The bundled font is part of the program: a build that cannot read it is broken,
            // and the tests read it.
            bundled: Face::read(CJK_FONT, 0).expect("the bundled font is a TrueType face"),
            folders,
            found: OnceLock::new(),
            loaded: Mutex::new(Vec::new()),
            chosen: Mutex::new(HashMap::new()),
        }
    }

    pub fn bundled(&self) -> &Face {
        &self.bundled
    }

    /// The face that draws `c`, `None` when no font here has it. A space, a line break or
    /// another control character needs none and is drawn by the bundled font.
    pub fn face_of(&self, c: char) -> Option<FaceNumber> {
        if c.is_control() || self.bundled.glyph(c).is_some() {
            return Some(0);
        }
        let mut chosen = self.chosen.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = chosen.get(&c) {
            return *known;
        }
        let number = self.find(c);
        chosen.insert(c, number);
        number
    }

    /// Face `number`, if it is the bundled font or one already chosen for a character.
    pub fn face(&self, number: FaceNumber) -> Option<&Face> {
        if number == 0 {
            return Some(&self.bundled);
        }
        let loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        loaded.get(number - 1).map(|face| &**face)
    }

    /// How wide `c` is, in ems, in the face that draws it.
    pub fn advance(&self, c: char) -> f32 {
        match self.face_of(c).and_then(|n| self.face(n)) {
            Some(face) => face.advance(c),
            None => self.bundled.advance(c),
        }
    }

    /// The characters of `text` that no font here draws, each once, in order.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if !missing.contains(&c) && self.face_of(c).is_none() {
                missing.push(c);
            }
        }
        missing
    }

    /// Looks through the folders' faces for `c`, reading the first face that has it.
    fn find(&self, c: char) -> Option<FaceNumber> {
        let (db, order) = self.found.get_or_init(|| self.list_faces());
        let mut loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner());
        // A face already read may have it.
        if let Some(at) = loaded.iter().position(|face| face.glyph(c).is_some()) {
            return Some(at + 1);
        }
        for &id in order {
            // The file is mapped, not read, to look at its character map.
            let has = db.with_face_data(id, |bytes, index| {
                FontRef::from_index(bytes, index).is_ok_and(|font| {
                    font.charmap()
                        .map(c)
                        .is_some_and(|gid| gid != GlyphId::NOTDEF)
                })
            });
            if has != Some(true) {
                continue;
            }
            let Some(Some(face)) = db.with_face_data(id, |bytes, index| {
                Face::read(Box::leak(bytes.to_vec().into_boxed_slice()), index)
            }) else {
                continue;
            };
            loaded.push(Box::leak(Box::new(face)));
            return Some(loaded.len());
        }
        None
    }

    /// Every face of the folders, the preferred families first.
    fn list_faces(&self) -> (fontdb::Database, Vec<fontdb::ID>) {
        let mut db = fontdb::Database::new();
        match &self.folders {
            Folders::System => db.load_system_fonts(),
            Folders::These(dirs) => {
                for dir in dirs {
                    db.load_fonts_dir(dir);
                }
            }
        }
        let rank = |info: &fontdb::FaceInfo| {
            info.families
                .iter()
                .filter_map(|(family, _)| PREFERRED.iter().position(|p| p == family))
                .min()
                .unwrap_or(PREFERRED.len())
        };
        let mut faces: Vec<&fontdb::FaceInfo> = db.faces().collect();
        faces.sort_by(|a, b| {
            (rank(a), &a.post_script_name, a.index).cmp(&(rank(b), &b.post_script_name, b.index))
        });
        let order = faces.iter().map(|info| info.id).collect();
        (db, order)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_fonts() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fonts")
    }

    #[test]
    fn a_character_the_bundled_font_lacks_is_drawn_by_the_first_font_that_has_it() {
        let fonts = Fonts::in_folders(vec![test_fonts()]);
        assert_eq!(fonts.face_of('张'), Some(0));
        assert_eq!(fonts.face_of('\n'), Some(0));
        let rare = fonts.face_of('𡈼').expect("the test font has 𡈼");
        assert_ne!(rare, 0);
        assert_eq!(fonts.face_of('𠀾'), Some(rare), "the same face, read once");
        let face = fonts.face(rare).unwrap();
        assert_eq!(face.name, "AftersalesTestGlyphs");
        assert!(fonts.advance('𡈼') > 0.5, "a full-width glyph");
        assert_eq!(fonts.missing("张𡈼\u{2A6D6}三\u{2A6D6}"), vec!['\u{2A6D6}']);
    }

    #[test]
    fn without_fallback_fonts_a_rare_character_is_missing_not_drawn_as_a_box() {
        let fonts = Fonts::in_folders(Vec::new());
        assert_eq!(fonts.face_of('𡈼'), None);
        assert_eq!(fonts.missing("王𡈼𠀾"), vec!['𡈼', '𠀾']);
        assert!(fonts.missing("浔阳路①Ⅻ½ Room 12").is_empty());
    }

    #[test]
    fn a_folder_that_is_not_there_or_holds_no_fonts_is_no_error() {
        let fonts = Fonts::in_folders(vec![
            PathBuf::from("/nonexistent/fonts"),
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src"),
        ]);
        assert_eq!(fonts.face_of('𡈼'), None);
    }
}

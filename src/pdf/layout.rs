//! The layout of a form as data: what each form file describes (rows of boxed label/value
//! cells in sections, tables, paragraphs, signatures, photos) and the bilingual labels; the
//! painter puts it on pages.

use crate::domain::company::CompanyProfile;
use crate::i18n::{I18n, Lang};

/// One row of a form: one or two label/value cells side by side.
pub struct Row {
    pub cells: Vec<Cell>,
}

/// A labelled box. `label_key` names the catalogue entry printed in Chinese and English;
/// `lines` is how many handwriting lines a blank form leaves.
pub struct Cell {
    pub label_key: &'static str,
    pub value: String,
    pub blank_lines: u32,
    /// Printed in the box of a blank form instead of empty lines: the choices to tick
    /// ("□ 是 Yes"), each kept whole on a line.
    pub blank_choices: Option<Vec<String>>,
}

impl Cell {
    pub fn new(label_key: &'static str, value: impl Into<String>) -> Cell {
        Cell {
            label_key,
            value: value.into(),
            blank_lines: 1,
            blank_choices: None,
        }
    }

    /// On a blank form, print these choices to tick instead of a line to write on.
    pub fn choices(mut self, choices: Vec<String>) -> Cell {
        self.blank_choices = Some(choices);
        self
    }

    pub fn tall(mut self, blank_lines: u32) -> Cell {
        self.blank_lines = blank_lines;
        self
    }
}

/// A form to print: what the header says and the rows in order.
pub struct Form<'a> {
    /// Catalogue key of the form's title, printed in Chinese above English.
    pub title_key: &'static str,
    /// The letterhead: the company's name, address, phone, fax and logo.
    pub company: &'a CompanyProfile,
    /// The form's number, on every page; empty on a blank form.
    pub number: String,
    pub number_label_key: &'static str,
    pub sections: Vec<Section>,
    /// Catalogue keys of the signature and seal boxes at the end.
    pub signatures: Vec<&'static str>,
    /// A closing note printed above the signatures (terms), already in both languages.
    pub note: String,
    /// Photos printed after the signatures, two to a row.
    pub photos: Vec<FormPhoto>,
    /// Pages of signed paper that came back (the case packet's), each printed after the form
    /// on a page of its own, as large as the page allows.
    pub scans: Vec<FormPhoto>,
    /// Signatures given on screen, each drawn in its box as lines.
    pub inked: Vec<Inked>,
    /// Set on a voided record: when and why, printed as a VOID mark on every page.
    pub void: Option<crate::store::Void>,
    /// The stored record the form prints, as the QR code beside its number on every page
    /// holds it; none on a blank form or a report.
    pub code: Option<crate::domain::paper::FormCode>,
}

/// A signature given on screen, printed in the box `key` names with the day it was given.
#[derive(Clone, Debug, PartialEq)]
pub struct Inked {
    /// The box's catalogue key ("pdf-sign-customer").
    pub key: &'static str,
    pub strokes: crate::domain::signature::Strokes,
    pub signed_at: chrono::NaiveDateTime,
}

impl Inked {
    /// The signatures of a form to print, each in its signer's box.
    pub fn boxes(signatures: &[crate::store::signature::Signature]) -> Vec<Inked> {
        signatures
            .iter()
            .map(|s| Inked {
                key: s.signer.box_key(),
                strokes: s.strokes.clone(),
                signed_at: s.signed_at,
            })
            .collect()
    }
}

/// Characters of a form's value that no font of this computer draws: printed as empty boxes
/// (the PDF's text keeps them), so the clerk is told which and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unprintable {
    /// The form's number ("" on a blank form).
    pub form: String,
    /// The field, as its label prints: "用户姓名 Customer name".
    pub field: String,
    pub chars: Vec<char>,
}

impl Form<'_> {
    /// Every value of this form holding a character no font in `fonts` draws, by field, in
    /// the order they print. Labels and headings come from the catalogue, which the bundled
    /// font covers; what is checked is what was typed (and the letterhead).
    pub fn unprintable(&self, fonts: &crate::fonts::Fonts) -> Vec<Unprintable> {
        let text = Bilingual::shared();
        let heading = |heading: &Heading| match heading {
            Heading::Key(key) => text.both(key),
            Heading::Text(text) => text.clone(),
        };
        let mut values: Vec<(String, &str)> = vec![
            (text.both("pdf-company-name"), self.company.name.as_str()),
            (
                text.both("pdf-company-address"),
                self.company.address.as_str(),
            ),
        ];
        for section in &self.sections {
            for paragraph in &section.paragraphs {
                values.push((heading(&section.heading), paragraph));
            }
            for cell in section.rows.iter().flat_map(|row| &row.cells) {
                values.push((text.both(cell.label_key), &cell.value));
            }
            if let Some(table) = &section.table {
                for row in &table.rows {
                    for (column, value) in table.columns.iter().zip(row) {
                        values.push((heading(column), value));
                    }
                }
            }
        }
        values.push((text.both("pdf-note"), &self.note));
        for photo in &self.photos {
            values.push((text.both("pdf-photo-caption"), &photo.caption));
        }
        for scan in &self.scans {
            values.push((text.both("pdf-signed-original"), &scan.caption));
        }
        let mut found: Vec<Unprintable> = Vec::new();
        for (field, value) in values {
            let chars = fonts.missing(value);
            if chars.is_empty() {
                continue;
            }
            match found.iter_mut().find(|f| f.field == field) {
                Some(known) => {
                    for c in chars {
                        if !known.chars.contains(&c) {
                            known.chars.push(c);
                        }
                    }
                }
                None => found.push(Unprintable {
                    form: self.number.clone(),
                    field,
                    chars,
                }),
            }
        }
        found
    }
}

/// A PDF made, and what in it printed as empty boxes for want of a font. It reads as the
/// file's bytes.
#[derive(Debug)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub unprintable: Vec<Unprintable>,
}

impl std::ops::Deref for Rendered {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

impl AsRef<[u8]> for Rendered {
    fn as_ref(&self) -> &[u8] {
        &self.bytes
    }
}

/// A photo to print, with the caption under it.
pub struct FormPhoto {
    pub caption: String,
    /// On a copy of a page of signed paper: the code printed on its page, naming the page
    /// copied (instead of the form's).
    pub copy_code: Option<crate::domain::paper::CopyCode>,
    /// JPEG or PNG file contents.
    pub bytes: Vec<u8>,
}

/// A heading: a catalogue key printed in Chinese and English, or text already in both
/// languages (a report's headings name months and offices).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heading {
    Key(&'static str),
    Text(String),
}

impl Heading {
    /// Headings from catalogue keys.
    pub fn keys(keys: &[&'static str]) -> Vec<Heading> {
        keys.iter().map(|k| Heading::Key(k)).collect()
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Heading::Key(key) => key.is_empty(),
            Heading::Text(text) => text.is_empty(),
        }
    }
}

pub struct Section {
    /// The heading; empty for a section without one.
    pub heading: Heading,
    /// Text printed before the rows, unboxed, one paragraph after another (a letter's body);
    /// an empty paragraph is a gap of half a line.
    pub paragraphs: Vec<String>,
    pub rows: Vec<Row>,
    /// A table printed after the rows (parts, costs), if any.
    pub table: Option<Table>,
    /// A bar chart printed before the table, if any.
    pub chart: Option<BarChart>,
}

impl Section {
    pub fn new(heading_key: &'static str, rows: Vec<Row>) -> Section {
        Section::titled(Heading::Key(heading_key), rows)
    }

    pub fn titled(heading: Heading, rows: Vec<Row>) -> Section {
        Section {
            heading,
            paragraphs: Vec::new(),
            rows,
            table: None,
            chart: None,
        }
    }

    /// A section of running text only.
    pub fn text(heading_key: &'static str, paragraphs: Vec<String>) -> Section {
        Section {
            paragraphs,
            ..Section::new(heading_key, Vec::new())
        }
    }

    pub fn with_table(mut self, table: Table) -> Section {
        self.table = Some(table);
        self
    }

    pub fn with_chart(mut self, chart: BarChart) -> Section {
        self.chart = Some(chart);
        self
    }
}

/// A horizontal bar chart in black and white: a solid bar for each value and, where given,
/// an outlined bar under it for the period before; each bar's value printed at its end.
/// Solid black and an outline stay apart after a fax, where shades of grey do not.
pub struct BarChart {
    pub bars: Vec<Bar>,
    /// The value a full-width bar stands for; the largest value when `None`.
    pub full_scale: Option<f64>,
    /// What the solid and the outlined bars stand for ("2026-10", "2026-09"); the outlined
    /// one is empty when there are no earlier bars.
    pub legend: (String, String),
}

pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as printed at the bar's end.
    pub shown: String,
    /// The same figure for the period before, and as printed.
    pub before: Option<(f64, String)>,
}

/// A table with bilingual column headings; rows wrap and continue across pages, where the
/// heading is repeated.
pub struct Table {
    /// The column headings.
    pub columns: Vec<Heading>,
    /// Relative column widths.
    pub widths: Vec<f32>,
    pub rows: Vec<Vec<String>>,
    /// Empty rows to write in on a blank form.
    pub blank_rows: usize,
    /// Columns whose values are printed against the right edge (figures); none when empty.
    pub right_aligned: Vec<bool>,
}

/// Both languages of the catalogue, as printed on paper.
pub struct Bilingual {
    zh: I18n,
    en: I18n,
}

impl Bilingual {
    /// Both catalogues, read once on each thread (reading them takes longer than laying out
    /// a form, and a batch prints a thousand).
    pub fn shared() -> &'static Bilingual {
        thread_local! {
            static BOTH: &'static Bilingual = Box::leak(Box::new(Bilingual {
                zh: I18n::new(Lang::ZhCn),
                en: I18n::new(Lang::English),
            }));
        }
        BOTH.with(|both| *both)
    }

    pub(crate) fn zh(&self, key: &str) -> String {
        self.zh.tr(key)
    }

    pub(crate) fn en(&self, key: &str) -> String {
        self.en.tr(key)
    }

    /// "中文 English" on one line.
    pub fn both(&self, key: &str) -> String {
        format!("{} {}", self.zh.tr(key), self.en.tr(key))
    }

    /// "是 Yes" or "否 No".
    pub fn yes_no(&self, yes: bool) -> String {
        self.both(if yes { "pdf-yes" } else { "pdf-no" })
    }

    /// A yes-or-no question's boxes to tick on a blank form: "□ 是 Yes", "□ 否 No".
    pub fn yes_no_boxes(&self) -> Vec<String> {
        [true, false]
            .map(|yes| format!("□ {}", self.yes_no(yes)))
            .to_vec()
    }

    pub fn both_args(&self, key: &str, args: &[(&str, &str)]) -> String {
        format!(
            "{} {}",
            self.zh.tr_args(key, args),
            self.en.tr_args(key, args)
        )
    }
}

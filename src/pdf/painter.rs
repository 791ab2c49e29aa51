//! The painter: a form's layout put on A4 pages with printpdf — the header and letterhead,
//! boxed rows that wrap and continue across pages, tables with repeated headings, signature
//! boxes, photos, page numbers per form, and the font subset of exactly what was printed.

use printpdf::{
    Color, Line, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, Rect, Rgb, TextItem,
};

use std::collections::{BTreeMap, BTreeSet};

use super::PdfError;
use super::font::{pack, subset_font, text_width, wrap};
use super::layout::{BarChart, Bilingual, Form, FormPhoto, Heading, Rendered, Row, Section, Table};
use crate::domain::company::CompanyProfile;
use crate::fonts::{FaceNumber, Fonts};

/// A4 portrait, in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 42.5; // 15 mm
/// The smallest text on paper: anything smaller does not survive a fax.
pub const MIN_TEXT_PT: f32 = 9.0;
const LABEL_PT: f32 = 9.0;
const VALUE_PT: f32 = 11.0;
/// The outline drawn around each glyph of a value, in points, to embolden it.
const VALUE_STROKE: f32 = 0.35;
const CELL_PAD: f32 = 4.0;
/// The narrowest a figure (an amount, a phone number, a date) is condensed to stay on one line
/// of its box: a number broken across lines is misread by a person and a fax reader alike.
const MIN_FIGURE_SCALE: f32 = 0.6;
/// A section's heading line, from the end of the section before to the first box: its 11 pt
/// text clear of both.
const SECTION_HEADING: f32 = 14.5;
/// Below a section's last box, before the next heading.
const SECTION_GAP: f32 = 2.5;
const LINE_GAP: f32 = 1.3;
const LINE_WIDTH: f32 = 0.8;
/// Height of the header block when it holds the company name on one line; a letterhead with
/// a logo, address, phone or fax (on a form's first page) makes it taller.
const HEADER_HEIGHT: f32 = 78.0;
/// The side of one module of the code on a stored form's pages: 0.56 mm, about four dots of a
/// fax's 204 × 196 per inch, so a faxed or scanned page still reads. A form's code (33 modules)
/// is 53 points square.
const CODE_MODULE: f32 = 1.6;
/// How far below the page's top edge the code starts: under the number, beside the title.
const CODE_TOP: f32 = 15.0;
const FOOTER_HEIGHT: f32 = 18.0;
/// Height of the logo in the letterhead, and the widest it may be.
const LOGO_HEIGHT: f32 = 34.0;
const LOGO_MAX_WIDTH: f32 = 110.0;
/// Pixels the logo keeps on paper: sharp at 34 pt (about 300 dpi), and small.
const LOGO_MAX_PIXELS: u32 = 480;

/// Longest side, in pixels, a photo keeps on paper: sharp at 7 cm wide, and a report with
/// a dozen phone photos stays a few megabytes.
const PHOTO_MAX_PIXELS: u32 = 1200;

/// Decodes a photo and scales it down for printing; `None` when it cannot be read.
fn printable_photo(bytes: &[u8]) -> Option<printpdf::RawImage> {
    let image = image::load_from_memory(bytes).ok()?;
    let image = if image.width().max(image.height()) > PHOTO_MAX_PIXELS {
        image.resize(
            PHOTO_MAX_PIXELS,
            PHOTO_MAX_PIXELS,
            image::imageops::FilterType::Triangle,
        )
    } else {
        image
    };
    let rgb = image.to_rgb8();
    Some(printpdf::RawImage {
        width: rgb.width() as usize,
        height: rgb.height() as usize,
        pixels: printpdf::RawImageData::U8(rgb.into_raw()),
        data_format: printpdf::RawImageFormat::RGB8,
        tag: Vec::new(),
    })
}

/// Decodes the logo for the letterhead: laid on white (a transparent logo must not print
/// black), in greys (forms are faxed), and scaled down; `None` when it cannot be read.
fn printable_logo(bytes: &[u8]) -> Option<printpdf::RawImage> {
    let image = crate::domain::company::decode_logo(bytes)?;
    let image = if image.width().max(image.height()) > LOGO_MAX_PIXELS {
        image.resize(
            LOGO_MAX_PIXELS,
            LOGO_MAX_PIXELS,
            image::imageops::FilterType::Triangle,
        )
    } else {
        image
    };
    let rgba = image.to_rgba8();
    let grey: Vec<u8> = rgba
        .pixels()
        .map(|p| {
            let [r, g, b, a] = p.0.map(f32::from);
            let luma = 0.299 * r + 0.587 * g + 0.114 * b;
            // Over white: what is transparent is paper.
            let luma = luma * a / 255.0 + 255.0 * (1.0 - a / 255.0);
            // More contrast, so a coloured logo prints near black rather than as a grey a
            // fax machine turns into dots.
            ((luma - 64.0) * 255.0 / 160.0).clamp(0.0, 255.0).round() as u8
        })
        .collect();
    Some(printpdf::RawImage {
        width: rgba.width() as usize,
        height: rgba.height() as usize,
        pixels: printpdf::RawImageData::U8(grey),
        data_format: printpdf::RawImageFormat::R8,
        tag: Vec::new(),
    })
}

/// A logo added to the document: its image and its size on paper, in points.
#[derive(Clone)]
struct PlacedLogo {
    id: printpdf::XObjectId,
    width: f32,
    height: f32,
    /// Points per pixel.
    scale: f32,
}

/// Adds the logo to the document once and says how big it prints.
fn place_logo(bytes: &[u8], doc: &mut PdfDocument) -> Option<PlacedLogo> {
    let image = printable_logo(bytes)?;
    let (w, h) = (image.width as f32, image.height as f32);
    let scale = (LOGO_HEIGHT / h).min(LOGO_MAX_WIDTH / w);
    let id = doc.add_image(&image);
    Some(PlacedLogo {
        id,
        width: w * scale,
        height: h * scale,
        scale,
    })
}

/// The header of a form's pages as laid out: the letterhead's lines beside the logo, then
/// the title. Offsets are measured down from the top margin.
#[derive(Clone)]
struct Header {
    logo: Option<PlacedLogo>,
    /// Text, size and baseline offset of each letterhead line.
    lines: Vec<(String, f32, f32)>,
    text_x: f32,
    /// The rule under a full letterhead.
    rule: Option<f32>,
    /// Baseline offset of the title's Chinese line.
    title: f32,
    height: f32,
}

impl Header {
    fn lay_out(
        font: &Fonts,
        text: &Bilingual,
        company: &CompanyProfile,
        logo: Option<PlacedLogo>,
        number_width: f32,
        code_side: f32,
    ) -> Header {
        let text_x = MARGIN + logo.as_ref().map_or(0.0, |l| l.width + 8.0);
        // The letterhead keeps clear of the code in the top right corner.
        let beside_code = if code_side > 0.0 {
            code_side + 8.0
        } else {
            0.0
        };
        let text_width = PAGE_WIDTH - MARGIN - text_x - beside_code;
        let mut lines: Vec<(String, f32, f32)> = Vec::new();
        let name = company.name.trim();
        if !name.is_empty() {
            // The first line shares the top with the form's number.
            let width = (text_width - number_width - 12.0).max(text_width / 3.0);
            for (index, line) in wrap(font, name, 11.0, width).into_iter().enumerate() {
                lines.push((line, 11.0, 10.0 + index as f32 * line_height(11.0)));
            }
        }
        let field = |key: &str, value: &str| {
            let value = value.trim();
            (!value.is_empty()).then(|| format!("{}: {value}", text.both(key)))
        };
        // The address on its line(s), then phone and fax side by side.
        let address: Vec<String> = field("pdf-company-address", &company.address)
            .into_iter()
            .collect();
        let numbers: Vec<String> = [
            field("pdf-company-phone", &company.phone),
            field("pdf-company-fax", &company.fax),
        ]
        .into_iter()
        .flatten()
        .collect();
        let contact = !address.is_empty() || !numbers.is_empty();
        let mut baseline = lines
            .last()
            .map_or(10.0, |(_, _, y)| y + line_height(LABEL_PT));
        for line in [address, numbers]
            .iter()
            .flat_map(|units| pack(font, units, LABEL_PT, text_width))
        {
            lines.push((line, LABEL_PT, baseline));
            baseline += line_height(LABEL_PT);
        }
        // Below the last line's descenders.
        let text_bottom = lines.last().map_or(0.0, |(_, _, y)| y + 3.0);
        // A name alone on one line leaves the title where it always was.
        if logo.is_none() && !contact && lines.len() <= 1 {
            return Header {
                logo,
                lines,
                text_x,
                rule: None,
                title: 40.0,
                height: HEADER_HEIGHT,
            };
        }
        let band = text_bottom.max(logo.as_ref().map_or(0.0, |l| l.height));
        let rule = band + 4.0;
        let title = rule + 22.0;
        Header {
            logo,
            lines,
            text_x,
            rule: Some(rule),
            title,
            height: title + 38.0,
        }
    }
}

/// How a table is laid out on the page.
struct TableFrame {
    widths: Vec<f32>,
    headings: Vec<Vec<String>>,
    heading_height: f32,
    row_line: f32,
}

/// Lays a form out on as many A4 pages as it needs and returns the PDF file's bytes.
pub fn render(form: &Form, blank: bool) -> Result<Rendered, PdfError> {
    render_all(&[form], blank)
}

/// Lays several forms out one after the other in one PDF (a case packet). Each form keeps
/// its own number and its own "page x of y" on its pages.
pub fn render_all(forms: &[&Form], blank: bool) -> Result<Rendered, PdfError> {
    render_all_in(forms, blank, Fonts::shared())
}

/// [`render_all`] with these fonts: the bundled one and the fallbacks behind it.
pub fn render_all_in(forms: &[&Form], blank: bool, fonts: &Fonts) -> Result<Rendered, PdfError> {
    let mut book = Book::new(forms, fonts);
    let mut pages = Vec::new();
    for form in forms {
        pages.extend(book.paint(form, blank).pages);
    }
    book.finish(pages, forms)
}

/// Where a form of a packet fell: how many pages it took, and the page (of the form, from 0)
/// each of its photos is on.
pub struct Placed {
    pub pages: usize,
    pub photo_pages: Vec<usize>,
    /// The page (of the form, from 0) each of its pages of signed paper is on.
    pub scan_pages: Vec<usize>,
}

/// `forms` in one PDF behind a cover sheet that `cover` makes once it knows where each form
/// fell (its table of contents gives their pages). The cover is one page or more; the
/// contents count the cover's own pages.
pub fn render_behind_cover<'a>(
    forms: &[&Form],
    cover: impl Fn(&[Placed], usize) -> Form<'a>,
) -> Result<Rendered, PdfError> {
    let fonts = Fonts::shared();
    let mut book = Book::new(forms, fonts);
    let mut painted = Vec::new();
    for form in forms {
        painted.push(book.paint(form, false));
    }
    let placed: Vec<Placed> = painted
        .iter()
        .map(|p| Placed {
            pages: p.pages.len(),
            photo_pages: p.photo_pages.clone(),
            scan_pages: p.scan_pages.clone(),
        })
        .collect();
    // The cover's length changes the pages it gives; it settles at once in practice (a
    // cover of one page gives numbers that still fit on one).
    let mut cover_pages = 1;
    let mut sheet = cover(&placed, cover_pages);
    let mut front = book.paint(&sheet, false);
    for _ in 0..3 {
        if front.pages.len() == cover_pages {
            break;
        }
        cover_pages = front.pages.len();
        sheet = cover(&placed, cover_pages);
        front = book.paint(&sheet, false);
    }
    let mut pages = front.pages;
    for form in painted {
        pages.extend(form.pages);
    }
    let mut all: Vec<&Form> = vec![&sheet];
    all.extend(forms);
    book.finish(pages, &all)
}

/// One form laid out: its pages and where its photos and signed pages are.
struct Painted {
    pages: Vec<PdfPage>,
    photo_pages: Vec<usize>,
    scan_pages: Vec<usize>,
}

/// A PDF being made: the document, the characters drawn so far by face, and the logos in it.
struct Book<'f> {
    doc: PdfDocument,
    fonts: &'f Fonts,
    text: &'static Bilingual,
    chars: BTreeMap<FaceNumber, BTreeSet<char>>,
    /// Each logo goes into the file once, however many pages and forms print it.
    logos: Vec<(Vec<u8>, Option<PlacedLogo>)>,
}

impl<'f> Book<'f> {
    fn new(forms: &[&Form], fonts: &'f Fonts) -> Book<'f> {
        let text = Bilingual::shared();
        let first = forms.first().map_or("", |f| f.number.as_str());
        let title = forms
            .first()
            .map(|f| text.both(f.title_key))
            .unwrap_or_default();
        let mut doc = PdfDocument::new(&format!("{title} {first}"));
        // Archive metadata: what the document is, its numbers, and when it was made.
        let info = &mut doc.metadata.info;
        info.subject = first.to_owned();
        info.creator = "aftersales".to_owned();
        info.producer = "aftersales (printpdf)".to_owned();
        info.keywords = forms
            .iter()
            .map(|f| f.number.to_owned())
            .filter(|n| !n.is_empty())
            .collect();
        let now = printpdf::OffsetDateTime::now_utc();
        info.creation_date = now;
        info.modification_date = now;
        info.metadata_date = now;
        Book {
            doc,
            fonts,
            text,
            chars: BTreeMap::new(),
            logos: Vec::new(),
        }
    }

    /// Lays `form` out on its pages.
    fn paint(&mut self, form: &Form, blank: bool) -> Painted {
        let (font, text) = (self.fonts, self.text);
        let logo = form.company.logo.as_deref().and_then(|bytes| {
            if let Some((_, placed)) = self.logos.iter().find(|(known, _)| known == bytes) {
                return placed.clone();
            }
            let placed = place_logo(bytes, &mut self.doc);
            self.logos.push((bytes.to_vec(), placed.clone()));
            placed
        });
        let number_width = text_width(font, &number_text(text, form), 10.0);
        let code = form.code.as_ref().and_then(FormQr::of);
        let code_side = code.as_ref().map_or(0.0, FormQr::side);
        let first_header = Header::lay_out(font, text, form.company, logo, number_width, code_side);
        // Later pages carry only the name: the full letterhead there would push rows of a
        // form that fitted onto another page.
        let name_only = CompanyProfile::named(&form.company.name);
        let later_header = Header::lay_out(font, text, &name_only, None, number_width, code_side);
        let mut painter = Painter {
            font,
            pages: Vec::new(),
            ops: Vec::new(),
            chars: Default::default(),
            y: 0.0,
            form,
            text,
            first_header,
            later_header,
            photo_pages: Vec::new(),
            scan_pages: Vec::new(),
            code,
        };
        painter.start_page();
        for section in &form.sections {
            painter.section(section, blank);
        }
        painter.note_and_signatures();
        painter.photos(&form.photos, &mut self.doc);
        painter.scans(&form.scans, &mut self.doc);
        let photo_pages = std::mem::take(&mut painter.photo_pages);
        let scan_pages = std::mem::take(&mut painter.scan_pages);
        let (pages, form_chars) = painter.finish();
        for (face, face_chars) in form_chars {
            self.chars.entry(face).or_default().extend(face_chars);
        }
        Painted {
            pages,
            photo_pages,
            scan_pages,
        }
    }

    /// The file of `pages`: each face's subset is added now that every character is known,
    /// and the text pointed at it. `forms` are those on the pages, for what did not print.
    fn finish(self, mut pages: Vec<PdfPage>, forms: &[&Form]) -> Result<Rendered, PdfError> {
        let Book {
            doc, fonts, chars, ..
        } = self;
        let mut doc = doc;
        let mut ids = BTreeMap::new();
        for (number, face_chars) in &chars {
            let face = fonts.face(*number).ok_or(PdfError::Font)?;
            ids.insert(
                face_handle(*number),
                doc.add_font(&subset_font(face, face_chars)?),
            );
        }
        for page in &mut pages {
            for op in &mut page.ops {
                if let Op::SetFont {
                    font: PdfFontHandle::External(placeholder),
                    ..
                } = op
                    && let Some(id) = ids.get(placeholder)
                {
                    *placeholder = id.clone();
                }
            }
        }
        let doc = doc.with_pages(pages);
        let mut file = doc.to_lopdf_document(&PdfSaveOptions::default(), &mut Vec::new());
        compress_streams(&mut file);
        let mut bytes = Vec::new();
        (file.save_to(&mut bytes)).map_err(|e| PdfError::Assemble(e.to_string()))?;
        let unprintable = forms
            .iter()
            .flat_map(|form| form.unprintable(fonts))
            .collect();
        Ok(Rendered { bytes, unprintable })
    }
}

/// The stand-in for face `number` in the text's operations until its subset is in the file.
fn face_handle(number: FaceNumber) -> printpdf::FontId {
    printpdf::FontId(format!("face-{number}"))
}

/// The same text item as UTF-16BE with a byte-order mark: a PDF text string (ISO 32000-1
/// §7.9.2.2), as `/ActualText` needs.
fn text_string(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    bytes
}

/// How hard the streams are compressed: zlib's fastest level. printpdf's level 9 took a third
/// of a form's work for a file 5 % smaller (a complaint form: 30.2 KB at 9, 31.6 KB at 1;
/// docs/PERFORMANCE.md).
const COMPRESSION: u32 = 1;

/// Deflates every stream of `file` that is not yet filtered, where that makes it smaller (what
/// printpdf's `save` does, at [`COMPRESSION`] instead of the slowest level).
fn compress_streams(file: &mut lopdf::Document) {
    use std::io::Write;
    for object in file.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 2),
            flate2::Compression::new(COMPRESSION),
        );
        let Ok(compressed) = encoder
            .write_all(&stream.content)
            .and_then(|()| encoder.finish())
        else {
            continue; // left as it is: still a valid stream
        };
        if compressed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(compressed);
        }
    }
}

struct Painter<'a> {
    font: &'a Fonts,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Every character drawn, by the face that draws it, for the fonts' subsets.
    chars: BTreeMap<FaceNumber, BTreeSet<char>>,
    /// The top of the free space on the current page, from the bottom edge.
    y: f32,
    form: &'a Form<'a>,
    text: &'a Bilingual,
    /// The header of the form's first page, with the full letterhead.
    first_header: Header,
    /// The header of its later pages.
    later_header: Header,
    /// The page (of this form, from 0) each photo is printed on, in order.
    photo_pages: Vec<usize>,
    /// The page (of this form, from 0) each page of signed paper is printed on, in order.
    scan_pages: Vec<usize>,
    /// The code of the stored record, drawn on every page.
    code: Option<FormQr>,
}

/// The QR code of a stored form ([`crate::domain::paper::FormCode`]): its modules, row by row.
struct FormQr {
    width: usize,
    dark: Vec<bool>,
}

impl FormQr {
    /// The code of `code`, at medium error correction (a smudge or a fold loses up to 15 %);
    /// none when the text is too long for any code, which a form's number and identity never
    /// are.
    fn of(code: &crate::domain::paper::FormCode) -> Option<FormQr> {
        FormQr::of_text(code.text())
    }

    /// The code holding `text`, as [`FormQr::of`].
    fn of_text(text: String) -> Option<FormQr> {
        let qr = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
        Some(FormQr {
            width: qr.width(),
            dark: qr
                .to_colors()
                .into_iter()
                .map(|c| c == qrcode::Color::Dark)
                .collect(),
        })
    }

    /// The side of the square it prints as, in points.
    fn side(&self) -> f32 {
        self.width as f32 * CODE_MODULE
    }

    /// Its dark modules as rectangles, a run along a row at a time, with `(x, top)` the code's
    /// top left corner: (x, y, width, height) from the page's bottom edge.
    fn runs(&self, x: f32, top: f32) -> Vec<(f32, f32, f32, f32)> {
        let mut runs = Vec::new();
        for (row, modules) in self.dark.chunks(self.width).enumerate() {
            let y = top - (row + 1) as f32 * CODE_MODULE;
            let mut column = 0;
            while column < self.width {
                if !modules[column] {
                    column += 1;
                    continue;
                }
                let start = column;
                while column < self.width && modules[column] {
                    column += 1;
                }
                let width = (column - start) as f32 * CODE_MODULE;
                runs.push((x + start as f32 * CODE_MODULE, y, width, CODE_MODULE));
            }
        }
        runs
    }
}

/// "编号 No.: WC-2026-000042", or a line to write the number on for a blank form.
fn number_text(text: &Bilingual, form: &Form) -> String {
    let label = text.both(form.number_label_key);
    if form.number.is_empty() {
        format!("{label}: ____________________")
    } else {
        format!("{label}: {}", form.number)
    }
}

const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// The height of one bar of a chart.
const CHART_ROW: f32 = 15.0;
const LABEL_WIDTH: f32 = 100.0;
const BOTTOM: f32 = MARGIN + FOOTER_HEIGHT;

fn black() -> Color {
    Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}

impl Painter<'_> {
    fn start_page(&mut self) {
        if !self.ops.is_empty() {
            self.pages.push(std::mem::take(&mut self.ops));
        }
        self.ops.push(Op::SetFillColor { col: black() });
        self.ops.push(Op::SetOutlineColor { col: black() });
        self.ops
            .push(Op::SetOutlineThickness { pt: Pt(LINE_WIDTH) });
        let top = PAGE_HEIGHT - MARGIN;
        let header = if self.pages.is_empty() {
            self.first_header.clone()
        } else {
            self.later_header.clone()
        };
        if let Some(logo) = &header.logo {
            self.ops.push(Op::UseXobject {
                id: logo.id.clone(),
                transform: printpdf::XObjectTransform {
                    translate_x: Some(Pt(MARGIN)),
                    translate_y: Some(Pt(top - logo.height)),
                    scale_x: Some(logo.scale),
                    scale_y: Some(logo.scale),
                    // One pixel is one point before scaling.
                    dpi: Some(72.0),
                    ..Default::default()
                },
            });
        }
        for (line, size, offset) in &header.lines {
            self.text_at(header.text_x, top - offset, line, *size);
        }
        if let Some(rule) = header.rule {
            // Short of the code where it would run through it.
            let code_side = self.code.as_ref().map_or(0.0, FormQr::side);
            let end = if code_side > 0.0 && rule < CODE_TOP + code_side {
                PAGE_WIDTH - MARGIN - code_side - 8.0
            } else {
                PAGE_WIDTH - MARGIN
            };
            self.hline(MARGIN, end, top - rule);
        }
        let number = number_text(self.text, self.form);
        let number_width = text_width(self.font, &number, 10.0);
        self.text_at(
            PAGE_WIDTH - MARGIN - number_width,
            top - 10.0,
            &number,
            10.0,
        );
        if let Some(code) = &self.code {
            let x = PAGE_WIDTH - MARGIN - code.side();
            for (x, y, width, height) in code.runs(x, top - CODE_TOP) {
                self.filled_rect(x, y, width, height);
            }
        }
        let zh = self.text.zh(self.form.title_key);
        let en = self.text.en(self.form.title_key);
        let title = top - header.title;
        self.centered(title, &zh, 20.0);
        self.centered(title - 18.0, &en, 12.0);
        let first_page = self.pages.is_empty();
        self.y = top - header.height;
        if let Some(void) = self.form.void.clone() {
            self.void_mark();
            if first_page {
                self.void_banner(&void);
            }
        }
    }

    /// "作废 VOID" across the whole page, in outlined letters 120 points high: unmistakable
    /// from across the room and after a fax (black strokes, not a grey that a fax drops),
    /// and the values beneath stay readable through it.
    fn void_mark(&mut self) {
        const SIZE: f32 = 120.0;
        let mark = self.text.both("pdf-void");
        let width = text_width(self.font, &mark, SIZE);
        let angle = (PAGE_HEIGHT - 2.0 * MARGIN).atan2(PAGE_WIDTH - 2.0 * MARGIN);
        let (sin, cos) = angle.sin_cos();
        // The mark's middle (half its width along, a third of its height up) on the page's.
        let x = PAGE_WIDTH / 2.0 - cos * width / 2.0 + sin * SIZE / 3.0;
        let y = PAGE_HEIGHT / 2.0 - sin * width / 2.0 - cos * SIZE / 3.0;
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetOutlineThickness { pt: Pt(1.6) },
            Op::SetTextRenderingMode {
                mode: printpdf::TextRenderingMode::Stroke,
            },
        ]);
        let matrix = printpdf::TextMatrix::Raw([cos, sin, -sin, cos, x, y]);
        self.text_placed(Op::SetTextMatrix { matrix }, &mark, SIZE);
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// Under the first page's title: a box ruled heavier than the form's saying "作废 VOID",
    /// since when, and the reason whole.
    fn void_banner(&mut self, void: &crate::store::Void) {
        const HEAD_PT: f32 = 14.0;
        let head = format!(
            "{}  {}",
            self.text.both("pdf-void"),
            void.at.format("%Y-%m-%d %H:%M")
        );
        let reason = wrap(
            self.font,
            &void.reason,
            VALUE_PT,
            CONTENT_WIDTH - 2.0 * CELL_PAD,
        );
        let height =
            3.0 * CELL_PAD + line_height(HEAD_PT) + reason.len() as f32 * line_height(VALUE_PT);
        let top = self.y - 4.0;
        self.ops.push(Op::SetOutlineThickness { pt: Pt(2.0) });
        self.rect(MARGIN, top - height, CONTENT_WIDTH, height);
        self.ops
            .push(Op::SetOutlineThickness { pt: Pt(LINE_WIDTH) });
        self.text_at(MARGIN + CELL_PAD, top - CELL_PAD - HEAD_PT, &head, HEAD_PT);
        let mut line_top = top - 2.0 * CELL_PAD - line_height(HEAD_PT);
        for line in &reason {
            self.value_at(MARGIN + CELL_PAD, line_top - VALUE_PT, line);
            line_top -= line_height(VALUE_PT);
        }
        self.y = top - height - 8.0;
    }

    /// Adds the footers, now that the page count is known; returns the pages and every
    /// character drawn on them.
    fn finish(mut self) -> (Vec<PdfPage>, BTreeMap<FaceNumber, BTreeSet<char>>) {
        self.pages.push(std::mem::take(&mut self.ops));
        let count = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        let pages = pages
            .into_iter()
            .enumerate()
            .map(|(index, mut ops)| {
                let (page, pages) = ((index + 1).to_string(), count.to_string());
                let footer = self
                    .text
                    .both_args("pdf-page-of", &[("page", &page), ("pages", &pages)]);
                self.ops = std::mem::take(&mut ops);
                self.centered(MARGIN, &footer, 9.0);
                if !self.form.number.is_empty() {
                    let w = text_width(self.font, &self.form.number, 9.0);
                    self.text_at(PAGE_WIDTH - MARGIN - w, MARGIN, &self.form.number, 9.0);
                }
                PdfPage::new(
                    Mm::from(Pt(PAGE_WIDTH)),
                    Mm::from(Pt(PAGE_HEIGHT)),
                    std::mem::take(&mut self.ops),
                )
            })
            .collect();
        (pages, self.chars)
    }

    /// What was typed into a form, at [`VALUE_PT`], in strokes thickened by [`VALUE_STROKE`]:
    /// the bundled face is thin, and a fax's one bit at 204 dpi broke its strokes apart
    /// (docs/PAPER.md: 88.5 % of values read back without the outline, 90.3 % with it).
    fn value_at(&mut self, x: f32, y: f32, text: &str) {
        self.value_within(x, y, text, f32::INFINITY);
    }

    /// [`Self::value_at`] in a box `room` wide: a line wider than that (a figure
    /// [`Self::value_lines`] kept whole) is condensed to fit.
    fn value_within(&mut self, x: f32, y: f32, text: &str, room: f32) {
        let width = text_width(self.font, text, VALUE_PT);
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetOutlineThickness {
                pt: Pt(VALUE_STROKE),
            },
            Op::SetTextRenderingMode {
                mode: printpdf::TextRenderingMode::FillStroke,
            },
        ]);
        if width > room {
            self.ops.push(Op::SetHorizontalScaling {
                percent: 100.0 * room / width,
            });
        }
        self.text_at(x, y, text, VALUE_PT);
        self.ops.push(Op::RestoreGraphicsState);
    }

    /// A value's lines in a box `room` wide: each of its lines wrapped, except a figure that
    /// fits on one line when condensed (to no less than [`MIN_FIGURE_SCALE`]), which is kept
    /// whole.
    fn value_lines(&self, value: &str, room: f32) -> Vec<String> {
        value
            .split('\n')
            .flat_map(|line| {
                if is_figure(line)
                    && text_width(self.font, line, VALUE_PT) * MIN_FIGURE_SCALE <= room
                {
                    vec![line.to_owned()]
                } else {
                    wrap(self.font, line, VALUE_PT, room)
                }
            })
            .collect()
    }

    /// Writes `text` from (`x`, `y`), each run of characters in the face that draws it. A
    /// character no font here has shows as the bundled font's empty box, and the text layer
    /// keeps the character itself (`/ActualText`), so it can still be searched and copied.
    fn text_at(&mut self, x: f32, y: f32, text: &str, size: f32) {
        let at = Op::SetTextCursor {
            pos: Point { x: Pt(x), y: Pt(y) },
        };
        self.text_placed(at, text, size);
    }

    /// [`Self::text_at`] where `placed` puts the text (a cursor, or a matrix that turns it).
    fn text_placed(&mut self, placed: Op, text: &str, size: f32) {
        debug_assert!(size >= MIN_TEXT_PT);
        let mut runs: Vec<(Option<FaceNumber>, String)> = Vec::new();
        for c in text.chars() {
            let face = self.font.face_of(c);
            match runs.last_mut() {
                Some((last, run)) if *last == face => run.push(c),
                _ => runs.push((face, c.to_string())),
            }
        }
        self.ops.push(Op::StartTextSection);
        self.ops.push(placed);
        for (face, run) in runs {
            let number = face.unwrap_or(0);
            self.chars.entry(number).or_default().extend(run.chars());
            // Replaced by the subset font's handle once the document is laid out.
            self.ops.push(Op::SetFont {
                font: PdfFontHandle::External(face_handle(number)),
                size: Pt(size),
            });
            let show = Op::ShowText {
                items: vec![TextItem::Text(run.clone())],
            };
            if face.is_some() {
                self.ops.push(show);
                continue;
            }
            let mut properties = std::collections::BTreeMap::new();
            properties.insert(
                "ActualText".to_owned(),
                printpdf::DictItem::String {
                    data: text_string(&run),
                    literal: false,
                },
            );
            self.ops.extend([
                Op::BeginMarkedContentWithProperties {
                    tag: "Span".to_owned(),
                    properties: printpdf::DictItem::Dict { map: properties },
                },
                show,
                Op::EndMarkedContent,
            ]);
        }
        self.ops.push(Op::EndTextSection);
    }

    fn centered(&mut self, y: f32, text: &str, size: f32) {
        let width = text_width(self.font, text, size);
        self.text_at((PAGE_WIDTH - width) / 2.0, y, text, size);
    }

    /// An outlined rectangle (a cell, a box).
    fn rect(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.rectangle(x, y, width, height, PaintMode::Stroke);
    }

    /// A solid black rectangle (a chart's bar).
    fn filled_rect(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.rectangle(x, y, width, height, PaintMode::Fill);
    }

    fn rectangle(&mut self, x: f32, y: f32, width: f32, height: f32, mode: PaintMode) {
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(y),
                width: Pt(width),
                height: Pt(height),
                mode: Some(mode),
                winding_order: None,
            },
        });
    }

    fn vline(&mut self, x: f32, y1: f32, y2: f32) {
        self.line((x, y1), (x, y2));
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32) {
        self.line((x1, y), (x2, y));
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32)) {
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        self.ops.push(Op::DrawLine {
            line: Line {
                points: vec![point(from), point(to)],
                is_closed: false,
            },
        });
    }

    fn ensure_space(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.start_page();
        }
    }

    /// A heading's lines: a catalogue key's Chinese and English, or text as given.
    fn heading_lines(&self, heading: &Heading) -> Vec<String> {
        match heading {
            Heading::Key(key) => vec![self.text.zh(key), self.text.en(key)],
            Heading::Text(text) => text.lines().map(str::to_owned).collect(),
        }
    }

    fn section(&mut self, section: &Section, blank: bool) {
        if !section.heading.is_empty() {
            let heading = self.heading_lines(&section.heading).join(" ");
            // Keep a heading with at least one line of what follows it: its first row, or the
            // heading row and first row of a table that opens the section.
            let first = match &section.table {
                _ if section.chart.is_some() => CHART_ROW * 2.0,
                Some(table) if section.rows.is_empty() && section.paragraphs.is_empty() => {
                    self.table_opening(table, &self.table_frame(table, blank))
                }
                _ => 2.0 * line_height(VALUE_PT) + 2.0 * CELL_PAD,
            };
            self.ensure_space(SECTION_HEADING + first);
            self.text_at(MARGIN, self.y - 11.0, &heading, 11.0);
            self.y -= SECTION_HEADING;
        }
        for paragraph in &section.paragraphs {
            self.paragraph(paragraph);
        }
        for row in &section.rows {
            self.row(row, blank);
        }
        if let Some(chart) = &section.chart {
            self.chart(chart);
        }
        if let Some(table) = &section.table {
            self.table(table, blank);
        }
        self.y -= SECTION_GAP;
    }

    /// Draws one row; a value too long for the rest of the page continues on the next one.
    fn row(&mut self, row: &Row, blank: bool) {
        let cell_width = CONTENT_WIDTH / row.cells.len() as f32;
        let value_width = cell_width - LABEL_WIDTH - 2.0 * CELL_PAD;
        let mut cells: Vec<(Vec<String>, Vec<String>)> = row
            .cells
            .iter()
            .map(|cell| {
                let label = [self.text.zh(cell.label_key), self.text.en(cell.label_key)];
                let label_lines: Vec<String> = label
                    .iter()
                    .flat_map(|l| wrap(self.font, l, LABEL_PT, LABEL_WIDTH - 2.0 * CELL_PAD))
                    .collect();
                let value_lines = if let (true, Some(choices)) = (blank, &cell.blank_choices) {
                    pack(self.font, choices, VALUE_PT, value_width)
                } else if blank {
                    vec![String::new(); cell.blank_lines.max(1) as usize]
                } else {
                    self.value_lines(&cell.value, value_width)
                };
                (label_lines, value_lines)
            })
            .collect();
        // Handwriting needs taller lines than print; a row of printed choices keeps print's.
        let handwriting = blank && row.cells.iter().any(|c| c.blank_choices.is_none());
        let value_line = line_height(VALUE_PT) * if handwriting { 1.6 } else { 1.0 };
        let mut continued = false;
        loop {
            let label_height = |labels: &Vec<String>| labels.len() as f32 * line_height(LABEL_PT);
            let needed = cells
                .iter()
                .map(|(labels, values)| label_height(labels).max(values.len() as f32 * value_line))
                .fold(0.0, f32::max)
                + 2.0 * CELL_PAD;
            let min_height = cells
                .iter()
                .map(|(labels, _)| label_height(labels).max(value_line))
                .fold(0.0, f32::max)
                + 2.0 * CELL_PAD;
            // A row that fits on a fresh page is kept whole; only a longer one is split.
            let page_room = PAGE_HEIGHT - MARGIN - self.later_header.height - BOTTOM;
            if self.y - min_height < BOTTOM || (self.y - needed < BOTTOM && needed <= page_room) {
                self.start_page();
            }
            let available = self.y - BOTTOM;
            let height = needed.min(available);
            // The small tolerance keeps rounding from pushing a last line that fits onto a new page.
            let fits_lines = ((height - 2.0 * CELL_PAD) / value_line + 1e-3)
                .floor()
                .max(1.0) as usize;
            let top = self.y;
            let mut rest_of_row = Vec::new();
            for (index, (labels, values)) in cells.iter_mut().enumerate() {
                let x = MARGIN + index as f32 * cell_width;
                self.rect(x, top - height, LABEL_WIDTH, height);
                self.rect(
                    x + LABEL_WIDTH,
                    top - height,
                    cell_width - LABEL_WIDTH,
                    height,
                );
                let mut label_y = top - CELL_PAD - LABEL_PT;
                let mut label_lines = labels.clone();
                if continued {
                    label_lines.push(self.text.both("pdf-continued"));
                }
                for label in &label_lines {
                    self.text_at(x + CELL_PAD, label_y, label, LABEL_PT);
                    label_y -= line_height(LABEL_PT);
                }
                let shown = values.len().min(fits_lines);
                let mut value_y = top - CELL_PAD - VALUE_PT;
                for (line_index, value) in values[..shown].iter().enumerate() {
                    if blank && !value.is_empty() {
                        self.value_at(x + LABEL_WIDTH + CELL_PAD, value_y, value);
                    } else if blank {
                        // Handwriting rules inside the value box.
                        let rule_y = top - CELL_PAD - (line_index as f32 + 1.0) * value_line;
                        if line_index + 1 < values.len() {
                            self.hline(
                                x + LABEL_WIDTH + CELL_PAD,
                                x + cell_width - CELL_PAD,
                                rule_y,
                            );
                        }
                    } else if !value.is_empty() {
                        self.value_within(
                            x + LABEL_WIDTH + CELL_PAD,
                            value_y,
                            value,
                            cell_width - LABEL_WIDTH - 2.0 * CELL_PAD,
                        );
                    }
                    value_y -= value_line;
                }
                rest_of_row.push(values.split_off(shown));
            }
            self.y = top - height;
            if rest_of_row.iter().all(Vec::is_empty) {
                return;
            }
            for ((_, values), rest) in cells.iter_mut().zip(rest_of_row) {
                *values = rest;
            }
            continued = true;
            self.start_page();
        }
    }

    /// Running text across the page, continuing on the next one when it runs out.
    fn paragraph(&mut self, text: &str) {
        if text.is_empty() {
            self.y -= line_height(VALUE_PT) / 2.0;
            return;
        }
        for line in wrap(self.font, text, VALUE_PT, CONTENT_WIDTH) {
            self.ensure_space(line_height(VALUE_PT));
            if !line.is_empty() {
                self.text_at(MARGIN, self.y - VALUE_PT, &line, VALUE_PT);
            }
            self.y -= line_height(VALUE_PT);
        }
        self.y -= 4.0;
    }

    fn note_and_signatures(&mut self) {
        if !self.form.note.is_empty() {
            let lines = wrap(self.font, &self.form.note, LABEL_PT, CONTENT_WIDTH);
            for line in lines {
                self.ensure_space(line_height(LABEL_PT));
                self.text_at(MARGIN, self.y - LABEL_PT, &line, LABEL_PT);
                self.y -= line_height(LABEL_PT);
            }
            self.y -= 8.0;
        }
        if self.form.signatures.is_empty() {
            return;
        }
        let height = 64.0;
        self.ensure_space(height);
        let width = CONTENT_WIDTH / self.form.signatures.len() as f32;
        let top = self.y;
        for (index, key) in self.form.signatures.iter().enumerate() {
            let x = MARGIN + index as f32 * width;
            self.rect(x, top - height, width, height);
            let zh = self.text.zh(key);
            let en = self.text.en(key);
            self.text_at(x + CELL_PAD, top - CELL_PAD - LABEL_PT, &zh, LABEL_PT);
            self.text_at(
                x + CELL_PAD,
                top - CELL_PAD - LABEL_PT - line_height(LABEL_PT),
                &en,
                LABEL_PT,
            );
            let date = self.text.both("pdf-date");
            let inked = self.form.inked.iter().find(|i| i.key == *key);
            let day = inked.map_or(String::new(), |i| {
                format!(" {}", i.signed_at.format("%Y-%m-%d"))
            });
            self.text_at(
                x + CELL_PAD,
                top - height + CELL_PAD + 2.0,
                &format!("{date}:{day}"),
                LABEL_PT,
            );
            if let Some(inked) = inked {
                // Right of the box's label and above its date line, as a hand signs.
                let label =
                    text_width(self.font, &zh, LABEL_PT).max(text_width(self.font, &en, LABEL_PT));
                let left = x + 2.0 * CELL_PAD + label;
                let above_date = top - height + CELL_PAD + 2.0 + line_height(LABEL_PT);
                let room = Rect {
                    x: Pt(left),
                    y: Pt(above_date),
                    width: Pt(x + width - CELL_PAD - left),
                    height: Pt(top - CELL_PAD - above_date),
                    mode: None,
                    winding_order: None,
                };
                self.strokes(&inked.strokes, &room);
            }
        }
        self.y = top - height;
    }

    /// A signature's strokes as lines, as large as fits in `room` keeping the pad's shape:
    /// vectors, so a fax prints them as sharp as the form's own lines.
    fn strokes(&mut self, strokes: &crate::domain::signature::Strokes, room: &Rect) {
        use crate::domain::signature::{PAD_HEIGHT, PAD_WIDTH};
        let (pad_w, pad_h) = (f32::from(PAD_WIDTH), f32::from(PAD_HEIGHT));
        let scale = (room.width.0 / pad_w).min(room.height.0 / pad_h);
        let left = room.x.0 + (room.width.0 - pad_w * scale) / 2.0;
        let top = room.y.0 + (room.height.0 + pad_h * scale) / 2.0;
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetOutlineThickness { pt: Pt(1.1) },
            Op::SetLineCapStyle {
                cap: printpdf::LineCapStyle::Round,
            },
            Op::SetLineJoinStyle {
                join: printpdf::LineJoinStyle::Round,
            },
        ]);
        for stroke in &strokes.0 {
            let mut points: Vec<LinePoint> = stroke
                .iter()
                .map(|&(x, y)| LinePoint {
                    p: Point {
                        x: Pt(left + f32::from(x) * scale),
                        y: Pt(top - f32::from(y) * scale),
                    },
                    bezier: false,
                })
                .collect();
            // A dot is a line of no length, which a round cap draws as a dot.
            if let [only] = points.as_slice() {
                points.push(only.clone());
            }
            self.ops.push(Op::DrawLine {
                line: Line {
                    points,
                    is_closed: false,
                },
            });
        }
        self.ops.push(Op::RestoreGraphicsState);
    }
}

impl Painter<'_> {
    /// Draws a table: the heading row, then each row as tall as its longest cell.
    /// The measures of a table: column widths, wrapped column headings, the heading row's
    /// height and the height of one line of a row.
    fn table_frame(&self, table: &Table, blank: bool) -> TableFrame {
        let total: f32 = table.widths.iter().sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = table
            .widths
            .iter()
            .map(|w| w / total * CONTENT_WIDTH)
            .collect();
        let headings: Vec<Vec<String>> = table
            .columns
            .iter()
            .zip(&widths)
            .map(|(heading, width)| {
                self.heading_lines(heading)
                    .iter()
                    .flat_map(|l| wrap(self.font, l, LABEL_PT, width - 2.0 * CELL_PAD))
                    .collect()
            })
            .collect();
        let heading_height = headings.iter().map(Vec::len).max().unwrap_or(1) as f32
            * line_height(LABEL_PT)
            + 2.0 * CELL_PAD;
        // Empty rows are written in by hand; printed rows need less room.
        let row_line = line_height(VALUE_PT)
            * if blank && table.rows.is_empty() {
                1.6
            } else {
                1.0
            };
        TableFrame {
            widths,
            headings,
            heading_height,
            row_line,
        }
    }

    /// The room a table needs where it starts: its heading row and its first row whole, as long
    /// as that row fits on a page (a longer one is split anyway). Kept together, a heading is
    /// never left alone at the foot of a page.
    fn table_opening(&self, table: &Table, frame: &TableFrame) -> f32 {
        let one_line = frame.row_line + 2.0 * CELL_PAD;
        // A blank form's empty rows are one line each.
        let first = table.rows.first().map_or(one_line, |row| {
            self.row_height(&self.wrap_row(row, &frame.widths), frame.row_line)
        });
        let room = self.page_room(frame);
        frame.heading_height + if first <= room { first } else { one_line }
    }

    /// A table row's cells, each wrapped to its column.
    fn wrap_row(&self, row: &[String], widths: &[f32]) -> Vec<Vec<String>> {
        row.iter()
            .zip(widths)
            .map(|(value, width)| self.value_lines(value, width - 2.0 * CELL_PAD))
            .collect()
    }

    /// The height of a row of `cells` (wrapped), as tall as its longest cell.
    fn row_height(&self, cells: &[Vec<String>], row_line: f32) -> f32 {
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        lines as f32 * row_line + 2.0 * CELL_PAD
    }

    /// The room for a table's rows on a page of its own, below its repeated heading.
    fn page_room(&self, frame: &TableFrame) -> f32 {
        PAGE_HEIGHT - MARGIN - self.later_header.height - BOTTOM - frame.heading_height
    }

    fn table(&mut self, table: &Table, blank: bool) {
        let frame = self.table_frame(table, blank);
        let opening = self.table_opening(table, &frame);
        let page_room = self.page_room(&frame);
        let TableFrame {
            widths,
            headings,
            heading_height,
            row_line,
        } = frame;
        let empty = vec![String::new(); widths.len()];
        // A blank form prints the rows it was given (cost kinds, aspects to rate) or else
        // empty rows to write in.
        let rows: Vec<&Vec<String>> = if blank && table.rows.is_empty() {
            std::iter::repeat_n(&empty, table.blank_rows).collect()
        } else {
            table.rows.iter().collect()
        };
        let draw_heading = |painter: &mut Self| {
            let top = painter.y;
            let mut x = MARGIN;
            for (lines, width) in headings.iter().zip(&widths) {
                painter.rect(x, top - heading_height, *width, heading_height);
                for (i, line) in lines.iter().enumerate() {
                    painter.text_at(
                        x + CELL_PAD,
                        top - CELL_PAD - LABEL_PT - i as f32 * line_height(LABEL_PT),
                        line,
                        LABEL_PT,
                    );
                }
                x += width;
            }
            painter.y = top - heading_height;
        };
        self.ensure_space(opening);
        draw_heading(self);
        for row in rows {
            let mut cells = self.wrap_row(row, &widths);
            // A row that fits on a fresh page is kept whole; only a longer one (a cause of
            // failure of thousands of characters) is split, continuing under the headings
            // repeated on the next page.
            loop {
                let needed = self.row_height(&cells, row_line);
                let min_height = row_line + 2.0 * CELL_PAD;
                if self.y - min_height < BOTTOM || (self.y - needed < BOTTOM && needed <= page_room)
                {
                    self.start_page();
                    draw_heading(self);
                }
                let height = needed.min(self.y - BOTTOM);
                // The small tolerance keeps rounding from pushing a last line that fits onto a
                // new page.
                let fits = ((height - 2.0 * CELL_PAD) / row_line + 1e-3)
                    .floor()
                    .max(1.0) as usize;
                let top = self.y;
                let mut x = MARGIN;
                for (column, (lines, width)) in cells.iter().zip(&widths).enumerate() {
                    self.rect(x, top - height, *width, height);
                    let right = table.right_aligned.get(column).copied().unwrap_or(false);
                    let room = width - 2.0 * CELL_PAD;
                    for (i, line) in lines.iter().take(fits).enumerate() {
                        let indent = if right {
                            width - CELL_PAD - text_width(self.font, line, VALUE_PT).min(room)
                        } else {
                            CELL_PAD
                        };
                        self.value_within(
                            x + indent,
                            top - CELL_PAD - VALUE_PT - i as f32 * row_line,
                            line,
                            room,
                        );
                    }
                    x += width;
                }
                self.y = top - height;
                let rest: Vec<Vec<String>> = cells
                    .iter_mut()
                    .map(|lines| lines.split_off(lines.len().min(fits)))
                    .collect();
                if rest.iter().all(Vec::is_empty) {
                    break;
                }
                cells = rest;
                self.start_page();
                draw_heading(self);
            }
        }
    }

    /// Draws a bar chart: the legend, then a line a bar (with the bar before it under it),
    /// its label on the left and its value printed at the bar's end.
    fn chart(&mut self, chart: &BarChart) {
        const LABEL_SHARE: f32 = 0.34;
        const VALUE_ROOM: f32 = 78.0;
        let label_width = CONTENT_WIDTH * LABEL_SHARE;
        let bar_x = MARGIN + label_width + CELL_PAD;
        let bar_room = CONTENT_WIDTH - label_width - CELL_PAD - VALUE_ROOM;
        let largest = chart
            .bars
            .iter()
            .flat_map(|b| std::iter::once(b.value).chain(b.before.as_ref().map(|(v, _)| *v)))
            .fold(0.0_f64, f64::max);
        let full = chart.full_scale.unwrap_or(largest);
        let length = |value: f64| {
            if full > 0.0 && value > 0.0 {
                (value / full).min(1.0) as f32 * bar_room
            } else {
                0.0
            }
        };
        let with_before = chart.bars.iter().any(|b| b.before.is_some());
        // The legend: a solid swatch for this period, an outlined one for the one before.
        self.ensure_space(CHART_ROW * 2.0);
        let (now, before) = &chart.legend;
        let swatch_y = self.y - LABEL_PT;
        self.filled_rect(bar_x, swatch_y, 14.0, 7.0);
        self.text_at(bar_x + 18.0, swatch_y, now, LABEL_PT);
        if with_before && !before.is_empty() {
            let x = bar_x + 18.0 + text_width(self.font, now, LABEL_PT) + 16.0;
            self.rect(x, swatch_y, 14.0, 5.0);
            self.text_at(x + 18.0, swatch_y, before, LABEL_PT);
        }
        self.y -= line_height(LABEL_PT) + 4.0;
        // A bar's row: room for the bar before it under it, if any.
        let row = if with_before {
            CHART_ROW + 7.0
        } else {
            CHART_ROW
        };
        for bar in &chart.bars {
            let label_lines = wrap(self.font, &bar.label, LABEL_PT, label_width);
            let height = row.max(label_lines.len() as f32 * line_height(LABEL_PT) + 4.0);
            self.ensure_space(height);
            let top = self.y;
            for (i, line) in label_lines.iter().enumerate() {
                let w = text_width(self.font, line, LABEL_PT);
                self.text_at(
                    bar_x - CELL_PAD - w,
                    top - LABEL_PT - 1.0 - i as f32 * line_height(LABEL_PT),
                    line,
                    LABEL_PT,
                );
            }
            // The axis the bars start from.
            self.vline(bar_x, top, top - height + 2.0);
            let bar_top = top - 2.0;
            let solid = length(bar.value);
            if solid > 0.0 {
                self.filled_rect(bar_x, bar_top - 9.0, solid, 9.0);
            }
            self.text_at(bar_x + solid + 4.0, bar_top - 8.0, &bar.shown, LABEL_PT);
            if let Some((value, shown)) = &bar.before {
                let outlined = length(*value);
                let y = bar_top - 9.0 - 7.0;
                if outlined > 0.0 {
                    self.rect(bar_x, y, outlined, 5.0);
                }
                self.text_at(bar_x + outlined + 4.0, y - 1.5, shown, LABEL_PT);
            }
            self.y = top - height;
        }
        self.y -= 4.0;
    }

    /// Prints each page of signed paper on a page of its own, under the form's header, with
    /// its caption above it, as large as the page allows.
    fn scans(&mut self, scans: &[FormPhoto], doc: &mut PdfDocument) {
        for scan in scans {
            // A copy's page carries the copy's code, not the form's: scanned again, it is
            // known for a copy of a page kept before, not taken for a new signed original.
            let form_code = self.code.take();
            self.code = scan
                .copy_code
                .as_ref()
                .and_then(|copy| FormQr::of_text(copy.text()));
            self.start_page();
            self.code = form_code;
            self.scan_pages.push(self.pages.len());
            let caption: String = format!(
                "{}：{}",
                self.text.both("pdf-signed-original"),
                scan.caption.chars().take(60).collect::<String>()
            );
            self.text_at(MARGIN, self.y - 12.0, &caption, LABEL_PT);
            let top = self.y - 18.0;
            let (room_w, room_h) = (CONTENT_WIDTH, top - BOTTOM - 4.0);
            match printable_scan(&scan.bytes) {
                Some(image) => {
                    let (w, h) = (image.width as f32, image.height as f32);
                    let scale = (room_w / w).min(room_h / h);
                    let (x, y) = (MARGIN + (room_w - w * scale) / 2.0, top - h * scale);
                    let id = doc.add_image(&image);
                    self.ops.push(Op::UseXobject {
                        id,
                        transform: printpdf::XObjectTransform {
                            translate_x: Some(Pt(x)),
                            translate_y: Some(Pt(y)),
                            scale_x: Some(scale),
                            scale_y: Some(scale),
                            dpi: Some(72.0),
                            ..Default::default()
                        },
                    });
                    self.rect(x, y, w * scale, h * scale);
                }
                None => {
                    let unreadable = self.text.both("pdf-photo-unreadable");
                    self.text_at(MARGIN + CELL_PAD, top - 40.0, &unreadable, LABEL_PT);
                }
            }
            self.y = BOTTOM;
        }
    }

    /// Prints the photos two to a row, each scaled to fit its box, with its caption below.
    fn photos(&mut self, photos: &[FormPhoto], doc: &mut PdfDocument) {
        if photos.is_empty() {
            return;
        }
        const BOX_HEIGHT: f32 = 190.0;
        const CAPTION: f32 = 16.0;
        let heading = self.text.both("pdf-section-photos");
        self.ensure_space(20.0 + BOX_HEIGHT + CAPTION);
        self.y -= 8.0;
        self.text_at(MARGIN, self.y - 14.0, &heading, 11.0);
        self.y -= 20.0;
        let width = CONTENT_WIDTH / 2.0;
        for pair in photos.chunks(2) {
            self.ensure_space(BOX_HEIGHT + CAPTION);
            let top = self.y;
            for (index, photo) in pair.iter().enumerate() {
                self.photo_pages.push(self.pages.len());
                let x = MARGIN + index as f32 * width;
                self.rect(x, top - BOX_HEIGHT, width, BOX_HEIGHT);
                match printable_photo(&photo.bytes) {
                    Some(image) => {
                        let (w, h) = (image.width as f32, image.height as f32);
                        let scale = ((width - 8.0) / w).min((BOX_HEIGHT - 8.0) / h);
                        let id = doc.add_image(&image);
                        self.ops.push(Op::UseXobject {
                            id,
                            transform: printpdf::XObjectTransform {
                                translate_x: Some(Pt(x + (width - w * scale) / 2.0)),
                                translate_y: Some(Pt(
                                    top - BOX_HEIGHT + (BOX_HEIGHT - h * scale) / 2.0
                                )),
                                scale_x: Some(scale),
                                scale_y: Some(scale),
                                // One pixel is one point before scaling.
                                dpi: Some(72.0),
                                ..Default::default()
                            },
                        });
                    }
                    None => {
                        let unreadable = self.text.both("pdf-photo-unreadable");
                        self.text_at(x + CELL_PAD, top - BOX_HEIGHT / 2.0, &unreadable, LABEL_PT);
                    }
                }
                let caption: String = photo.caption.chars().take(60).collect();
                self.text_at(
                    x + CELL_PAD,
                    top - BOX_HEIGHT - CAPTION + 4.0,
                    &caption,
                    LABEL_PT,
                );
            }
            self.y = top - BOX_HEIGHT - CAPTION;
        }
    }
}

/// Decodes a page of signed paper for printing, in greys as it is kept; `None` when it cannot
/// be read.
fn printable_scan(bytes: &[u8]) -> Option<printpdf::RawImage> {
    let grey = image::load_from_memory(bytes).ok()?.into_luma8();
    Some(printpdf::RawImage {
        width: grey.width() as usize,
        height: grey.height() as usize,
        pixels: printpdf::RawImageData::U8(grey.into_raw()),
        data_format: printpdf::RawImageFormat::R8,
        tag: Vec::new(),
    })
}

/// Whether `text` is a figure: digits with the marks that go with them (an amount, a phone
/// number, a date, a rate), which must not be broken across lines.
fn is_figure(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ".,-+%/:()".contains(c))
}

fn line_height(size: f32) -> f32 {
    size * LINE_GAP
}

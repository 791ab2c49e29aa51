//! Paper: a small layout engine for fax-legible A4 forms, on top of printpdf.
//!
//! Every form is a title block, then rows of boxed label/value cells that wrap and continue
//! across pages (a letter has paragraphs of running text too), then signature and seal boxes.
//! Every page carries the form's number and "page x of y". Text is black on white, never
//! below 9 pt, in one embedded CJK font (a subset, so a filled form stays tens of kilobytes and
//! its text can be copied out). `font` measures and subsets, `layout` describes a form as data,
//! `painter` puts it on pages; one file per form describes its layout.

pub mod case;
pub mod complaint;
pub mod confirmation;
mod font;
pub mod investigation;
mod layout;
mod painter;
pub mod paper;
pub mod renewal_letter;
pub mod report;
pub mod warranty_card;

use thiserror::Error;

pub use layout::{
    Bar, BarChart, Bilingual, Cell, Form, FormPhoto, Heading, Inked, Rendered, Row, Section, Table,
    Unprintable,
};
pub use painter::{MIN_TEXT_PT, render, render_all, render_all_in};

/// The code printed on each page of a stored record's form: its number, the office that made
/// it (the one printing, when made here) and its identity.
fn code_of(
    number: &str,
    origin: &str,
    uuid: &str,
    company: &crate::domain::company::CompanyProfile,
) -> crate::domain::paper::FormCode {
    crate::domain::paper::FormCode {
        number: number.to_owned(),
        office: if origin.is_empty() {
            company.office.clone()
        } else {
            origin.to_owned()
        },
        uuid: uuid.to_owned(),
    }
}

/// What can go wrong while making a PDF.
#[derive(Debug, Error)]
pub enum PdfError {
    #[error("the bundled font could not be read")]
    Font,
    #[error("the PDF could not be put together: {0}")]
    Assemble(String),
    #[error("cannot write the PDF to {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Writes `bytes` to `path` through a temporary file beside it, so a failed write (a full
/// disk) never leaves half a PDF under the real name.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), PdfError> {
    let error = |source| PdfError::Write {
        path: path.display().to_string(),
        source,
    };
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    let result = std::fs::write(&partial, bytes).and_then(|()| std::fs::rename(&partial, path));
    if let Err(source) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(error(source));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::font::{pack, text_width, wrap};
    use super::*;
    use crate::domain::company::CompanyProfile;
    use crate::fonts::Fonts;

    /// The bundled font alone: no fallback, whatever this computer has.
    fn font() -> Fonts {
        Fonts::in_folders(Vec::new())
    }

    /// The bundled font, then the font made for the tests (𡈼, 𠀾 and 😀).
    fn with_test_font() -> Fonts {
        Fonts::in_folders(vec![
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fonts"),
        ])
    }

    /// A card with a customer's name and address.
    fn named<'a>(company: &'a CompanyProfile, name: &str, address: &str) -> Form<'a> {
        Form {
            title_key: "pdf-card-title",
            company,
            number: "WC-2026-000042".into(),
            number_label_key: "card-registration-no",
            sections: vec![Section::new(
                "",
                vec![Row {
                    cells: vec![
                        Cell::new("card-customer-name", name.to_owned()),
                        Cell::new("card-customer-address", address.to_owned()),
                    ],
                }],
            )],
            signatures: Vec::new(),
            note: String::new(),
            photos: Vec::new(),
            scans: Vec::new(),
            inked: Vec::new(),
            void: None,
            code: None,
        }
    }

    /// The embedded fonts' names (`/BaseFont` of each Type0 font).
    fn font_names(bytes: &[u8]) -> Vec<String> {
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        let mut names: Vec<String> = doc
            .objects
            .values()
            .filter_map(|object| object.as_dict().ok())
            .filter(|dict| dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Type0"))
            .map(|dict| {
                String::from_utf8_lossy(dict.get(b"BaseFont").unwrap().as_name().unwrap())
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }

    /// Every `/ActualText` of the pages' marked content, decoded.
    fn actual_texts(bytes: &[u8]) -> Vec<String> {
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        let mut found = Vec::new();
        for page in doc.get_pages().values() {
            let content = doc.get_and_decode_page_content(*page).unwrap();
            for op in content.operations.iter().filter(|op| op.operator == "BDC") {
                let Some(Ok(dict)) = op.operands.get(1).map(|o| o.as_dict()) else {
                    continue;
                };
                let Ok(lopdf::Object::String(data, _)) = dict.get(b"ActualText") else {
                    continue;
                };
                let units: Vec<u16> = data[2..]
                    .chunks(2)
                    .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                    .collect();
                found.push(String::from_utf16(&units).unwrap());
            }
        }
        found
    }

    #[test]
    fn the_embedded_font_is_named_as_a_subset() {
        let company = CompanyProfile::named("白沙企业售后服务中心");
        let bytes = render_all_in(&[&named(&company, "张三", "浔阳路")], false, &font()).unwrap();
        let names = font_names(&bytes);
        assert_eq!(names.len(), 1, "{names:?}");
        let (tag, name) = names[0].split_once('+').expect("a subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{tag}"
        );
        assert_eq!(name, "WenQuanYiMicroHei");
        // The same text, the same tag: a form printed twice is the same file.
        let again = render_all_in(&[&named(&company, "张三", "浔阳路")], false, &font()).unwrap();
        assert_eq!(font_names(&again), names);
    }

    #[test]
    fn a_rare_character_prints_in_the_fallback_font_that_has_it_and_stays_in_the_text() {
        let company = CompanyProfile::named("白沙企业售后服务中心");
        let form = named(&company, "王𡈼", "江西省九江市浔阳区𠀾路1号 😀");
        let bytes = render_all_in(&[&form], false, &with_test_font()).unwrap();
        let names = font_names(&bytes);
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(
            names.iter().any(|n| n.ends_with("+AftersalesTestGlyphs")),
            "{names:?}"
        );
        assert!(
            names.iter().any(|n| n.ends_with("+WenQuanYiMicroHei")),
            "{names:?}"
        );
        let text = page_texts(&bytes).concat();
        assert!(text.contains("王𡈼"), "{text}");
        assert!(text.contains("浔阳区𠀾路1号"), "{text}");
        assert!(text.contains('😀'), "{text}");
        assert!(
            actual_texts(&bytes).is_empty(),
            "every character has a font"
        );
    }

    #[test]
    fn a_character_no_font_has_prints_as_a_box_and_is_kept_in_the_text_layer() {
        let company = CompanyProfile::named("白沙企业售后服务中心");
        let form = named(&company, "王𡈼", "浔阳区𠀾路");
        let bytes = render_all_in(&[&form], false, &font()).unwrap();
        assert_eq!(font_names(&bytes).len(), 1);
        assert_eq!(actual_texts(&bytes), ["𡈼", "𠀾"]);
    }

    /// The text of each page of a PDF.
    fn page_texts(bytes: &[u8]) -> Vec<String> {
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        doc.get_pages()
            .keys()
            .map(|page| doc.extract_text(&[*page]).unwrap())
            .collect()
    }

    #[test]
    fn a_section_heading_stays_with_the_table_that_opens_it() {
        // Push the section further down a row at a time, so that its heading meets the foot
        // of the page at every height.
        let company = CompanyProfile::named("白沙企业售后服务中心");
        for filler in 0..60 {
            // One more line of text each time: a finer step than a whole row.
            let text = vec!["张三"; filler + 1].join("\n");
            let mut sections = vec![Section::new(
                "",
                vec![Row {
                    cells: vec![Cell::new("card-customer-name", text)],
                }],
            )];
            sections.push(
                Section::new("pdf-section-costs", Vec::new()).with_table(Table {
                    columns: Heading::keys(&["confirmation-ratings", "pdf-rating"]),
                    widths: vec![1.0, 2.0],
                    rows: vec![vec!["FIRSTROW".into(), "满意".into()]],
                    blank_rows: 0,
                    right_aligned: Vec::new(),
                }),
            );
            let form = Form {
                title_key: "pdf-card-title",
                company: &company,
                number: "SC-2026-11-0001".into(),
                number_label_key: "card-registration-no",
                sections,
                signatures: Vec::new(),
                note: String::new(),
                photos: Vec::new(),
                scans: Vec::new(),
                inked: Vec::new(),
                void: None,
                code: None,
            };
            let pages = page_texts(&render(&form, false).unwrap());
            let heading = pages.iter().position(|t| t.contains("Costs")).unwrap();
            let row = pages.iter().position(|t| t.contains("FIRSTROW")).unwrap();
            assert_eq!(heading, row, "{} lines before the section", filler + 1);
        }
    }

    #[test]
    fn a_table_row_longer_than_a_page_continues_on_the_next_pages_under_its_headings() {
        // A cause of failure of thousands of characters in a report's table: drawn whole on
        // one page it would run off the paper's foot and be lost.
        let company = CompanyProfile::named("白沙企业售后服务中心");
        let long: Vec<String> = (1..=400).map(|n| format!("L{n:04}")).collect();
        let form = Form {
            title_key: "pdf-card-title",
            company: &company,
            number: "SC-2026-11-0001".into(),
            number_label_key: "card-registration-no",
            sections: vec![
                Section::new("pdf-section-costs", Vec::new()).with_table(Table {
                    columns: Heading::keys(&["confirmation-ratings", "pdf-rating"]),
                    widths: vec![3.0, 1.0],
                    rows: vec![
                        vec!["FIRST".into(), "1".into()],
                        vec![long.join("\n"), "400".into()],
                        vec!["AFTER".into(), "2".into()],
                    ],
                    blank_rows: 0,
                    right_aligned: vec![false, true],
                }),
            ],
            signatures: Vec::new(),
            note: String::new(),
            photos: Vec::new(),
            scans: Vec::new(),
            inked: Vec::new(),
            void: None,
            code: None,
        };
        let pages = page_texts(&render(&form, false).unwrap());
        let page_of = |text: &str| {
            let found: Vec<usize> = (0..pages.len())
                .filter(|&p| pages[p].contains(text))
                .collect();
            assert_eq!(found.len(), 1, "{text} printed once: {found:?}");
            found[0]
        };
        let first = page_of("L0001");
        let last = page_of("L0400");
        assert!(
            last >= first + 3,
            "400 lines take several pages: {first}..{last}"
        );
        for (page, text) in pages.iter().enumerate().take(last + 1).skip(first) {
            assert!(text.contains("Rating"), "headings repeated on page {page}");
            // No page holds more lines than fit on it.
            let lines = long.iter().filter(|l| text.contains(l.as_str())).count();
            assert!(lines <= 70, "page {page} has {lines} lines");
        }
        assert!(
            long.iter()
                .all(|l| pages.iter().any(|p| p.contains(l.as_str())))
        );
        assert!(page_of("AFTER") >= last);
        assert!(page_of("FIRST") <= first);
    }

    #[test]
    fn a_tab_prints_as_spaces_and_a_windows_line_end_as_a_line_end() {
        let lines = wrap(&font(), "数量\t2\r\n单价", 10.0, 500.0);
        assert_eq!(lines, ["数量    2", "单价"]);
    }

    #[test]
    fn wrapping_breaks_between_chinese_characters_and_at_latin_spaces() {
        let font = &font();
        let one = text_width(font, "张", 11.0);
        let lines = wrap(font, "江西省南昌市东湖区", 11.0, one * 4.5);
        assert_eq!(lines, ["江西省南", "昌市东湖", "区"]);
        let lines = wrap(
            font,
            "Room 12 Bayi Avenue",
            11.0,
            text_width(font, "Room 12 Bayi", 11.0) + 0.1,
        );
        assert_eq!(lines, ["Room 12 Bayi", "Avenue"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_not_lost() {
        let font = &font();
        let word = "SN20260302001SN20260302001SN20260302001";
        let lines = wrap(font, word, 11.0, 60.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
        assert!(lines.iter().all(|l| text_width(font, l, 11.0) <= 60.0));
    }

    #[test]
    fn choices_are_packed_whole_onto_lines() {
        let font = &font();
        let units: Vec<String> = ["□ 电话 Phone", "□ 传真 Fax", "□ 网络 Online"]
            .map(String::from)
            .to_vec();
        let width = text_width(font, "□ 电话 Phone   □ 传真 Fax", 11.0) + 1.0;
        assert_eq!(
            pack(font, &units, 11.0, width),
            ["□ 电话 Phone   □ 传真 Fax", "□ 网络 Online"]
        );
    }

    #[test]
    fn a_void_record_carries_the_mark_across_every_page_and_its_whole_reason() {
        let company = CompanyProfile::named("白沙企业售后服务中心");
        let reason = format!(
            "登记号重复，{}以此为准。END",
            "与 WC-2026-000041 为同一台热水器，".repeat(5)
        );
        let mut form = named(&company, &"张三\n".repeat(80), "浔阳路");
        form.void = Some(crate::store::Void {
            at: chrono::NaiveDate::from_ymd_opt(2026, 11, 2)
                .unwrap()
                .and_hms_opt(10, 15, 0)
                .unwrap(),
            reason: reason.clone(),
        });
        let bytes = render_all_in(&[&form], false, &font()).unwrap();
        let pages = page_texts(&bytes);
        assert!(pages.len() >= 2, "the name's 80 lines take two pages");
        let text: String = pages.concat().split_whitespace().collect();
        let reason: String = reason.split_whitespace().collect();
        assert!(text.contains(&reason), "the reason whole: {text}");
        assert!(text.contains("作废VOID2026-11-0210:15"), "{text}");
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        for (number, page) in doc.get_pages() {
            let content = doc.get_and_decode_page_content(page).unwrap();
            let ops = &content.operations;
            let stroked = ops.iter().position(|op| {
                op.operator == "Tr" && op.operands.first().and_then(|o| o.as_i64().ok()) == Some(1)
            });
            let turned = ops.iter().position(|op| {
                op.operator == "Tm"
                    && op
                        .operands
                        .get(1)
                        .and_then(|o| o.as_float().ok())
                        .is_some_and(|b| b > 0.5)
            });
            let (Some(stroked), Some(turned)) = (stroked, turned) else {
                panic!("page {number} has no outlined mark turned across it");
            };
            assert!(stroked < turned);
            let size = ops[turned..]
                .iter()
                .find(|op| op.operator == "Tf")
                .and_then(|op| op.operands.get(1).and_then(|o| o.as_float().ok()));
            assert!(size.is_some_and(|s| s >= 72.0), "page {number}: {size:?}");
        }
    }

    #[test]
    fn a_line_never_starts_with_closing_punctuation_nor_ends_with_an_opening_bracket() {
        let font = &font();
        let one = text_width(font, "张", 11.0);
        // Seven characters fit: "。" would open the second line; "理" goes down with it.
        let lines = wrap(font, "按调查结论处理。试机正常", 11.0, one * 7.0);
        assert_eq!(lines, ["按调查结论处", "理。试机正常"]);
        // "（" would end the first line: it goes down to open the second.
        let lines = wrap(font, "更换比例阀（保修内）", 11.0, one * 6.0);
        assert_eq!(lines, ["更换比例阀", "（保修内）"]);
        // At every width, over a text full of punctuation, nothing is lost and no line
        // breaks the rule where it could be kept.
        let text = "用户反映：热水器点火后熄火（已三次），“怀疑”比例阀故障。经检查，确认为阀体卡滞；更换后试机正常！费用：38.00元。";
        for chars in 4..40 {
            let width = one * chars as f32 + 0.5;
            let lines = wrap(font, text, 11.0, width);
            assert_eq!(lines.concat(), text, "at {chars}");
            for (index, line) in lines.iter().enumerate() {
                assert!(text_width(font, line, 11.0) <= width, "{line} at {chars}");
                let first = line.chars().next().unwrap();
                assert!(
                    index == 0 || !font::NO_LINE_START.contains(first),
                    "{line:?} starts line {index} at {chars}: {lines:?}"
                );
                let last = line.chars().last().unwrap();
                assert!(
                    index + 1 == lines.len() || !font::NO_LINE_END.contains(last),
                    "{line:?} ends line {index} at {chars}: {lines:?}"
                );
            }
        }
    }

    #[test]
    fn a_number_stays_on_the_line_of_the_measure_word_after_it() {
        let font = &font();
        let one = text_width(font, "张", 11.0);
        let text = "浙江省杭州市西湖区文化路271号11栋2094室";
        for chars in 4..30 {
            let width = one * chars as f32 + 0.5;
            let lines = wrap(font, text, 11.0, width);
            assert_eq!(lines.concat(), text, "at {chars}");
            for pair in lines.windows(2) {
                let (above, below) = (&pair[0], &pair[1]);
                assert!(
                    !(above.ends_with(|c: char| c.is_ascii_digit())
                        && below.starts_with(['号', '栋', '室'])),
                    "{above:?} / {below:?} at {chars}: {lines:?}"
                );
            }
        }
        // Where the number begins a token of its own, it still breaks between words.
        assert_eq!(
            wrap(font, "门牌 71号", 11.0, text_width(font, "门牌 7", 11.0)),
            ["门牌", "71号"]
        );
    }

    #[test]
    fn newlines_are_kept_as_line_breaks() {
        let font = &font();
        assert_eq!(wrap(font, "a\nb", 11.0, 500.0), ["a", "b"]);
    }
}

//! The report on paper: a period's report as an A4 PDF that survives a fax. The first page is
//! the summary beside the period before, then the charts a manager looks at (complaints per
//! month, timeliness per rule, costs by payer) drawn in black and white, then every table of
//! the report. Chinese and English side by side, as on the forms.

use super::Rendered;
use super::{Bar, BarChart, Form, Heading, PdfError, Section, Table, render};
use crate::domain::company::CompanyProfile;
use crate::domain::confirmation::BorneBy;
use crate::domain::money::Fen;
use crate::i18n::{I18n, Lang};
use crate::report::{MonthlyReport, rule_label};
use crate::sheet::{Sheet, SheetCell};
use crate::store::report::Scope;

/// The report as a PDF's bytes. `own_code` is this office's code, printed for its own
/// records.
pub fn render_report(
    report: &MonthlyReport,
    company: &CompanyProfile,
    own_code: &str,
) -> Result<Rendered, PdfError> {
    let zh = I18n::new(Lang::ZhCn);
    let en = I18n::new(Lang::English);
    let both = |key: &str| join(&zh.tr(key), &en.tr(key), " ");
    let mut sections = Vec::new();
    let zh_sheets = report.sheets(&zh);
    let en_sheets = report.sheets(&en);
    // The trend's table is its chart: every bar carries its figure.
    let trend = zh.tr("report-trend");
    let mut tables = zh_sheets
        .iter()
        .zip(&en_sheets)
        .filter(|(z, _)| z.name != trend)
        .map(|(z, e)| table_section(z, e));
    // The summary first, then the charts, then the other tables.
    sections.extend(tables.next());
    sections.push(
        Section::new("report-trend", Vec::new()).with_chart(BarChart {
            bars: report
                .trend
                .iter()
                .map(|(month, n)| Bar {
                    label: month.to_string(),
                    value: *n as f64,
                    shown: n.to_string(),
                    before: None,
                })
                .collect(),
            full_scale: None,
            legend: (both("report-received"), String::new()),
        }),
    );
    let previous_rules = &report.previous.timeliness.rules;
    sections.push(
        Section::new("report-timeliness", Vec::new()).with_chart(BarChart {
            bars: report
                .this
                .timeliness
                .rules
                .iter()
                .map(|r| Bar {
                    label: join(
                        &rule_label(&zh, r.rule, report.limits),
                        &rule_label(&en, r.rule, report.limits),
                        " ",
                    ),
                    value: share(r.kept, r.judged),
                    shown: format!("{} ({}/{})", percent(r.kept, r.judged), r.kept, r.judged),
                    before: previous_rules.iter().find(|p| p.rule == r.rule).map(|p| {
                        (
                            share(p.kept, p.judged),
                            format!("{} ({}/{})", percent(p.kept, p.judged), p.kept, p.judged),
                        )
                    }),
                })
                .collect(),
            full_scale: Some(100.0),
            legend: (
                report.period.to_string(),
                report.period.previous().to_string(),
            ),
        }),
    );
    let previous_payers = &report.previous.money.by_payer;
    sections.push(
        Section::new("report-costs-by-payer", Vec::new()).with_chart(BarChart {
            bars: report
                .this
                .money
                .by_payer
                .iter()
                .map(|(code, fen)| Bar {
                    label: BorneBy::from_code(code).map_or(code.clone(), |b| {
                        join(&zh.tr(b.message_key()), &en.tr(b.message_key()), " ")
                    }),
                    value: *fen as f64,
                    shown: Fen(*fen).to_string(),
                    before: previous_payers
                        .iter()
                        .find(|(c, _)| c == code)
                        .map(|(_, before)| (*before as f64, Fen(*before).to_string())),
                })
                .collect(),
            full_scale: None,
            legend: (
                report.period.to_string(),
                report.period.previous().to_string(),
            ),
        }),
    );
    sections.extend(tables);
    let number = format!(
        "{} {}",
        report.period,
        scope_label(&report.scope, own_code, &both)
    );
    let form = Form {
        title_key: "report-pdf-title",
        company,
        number,
        number_label_key: "report-pdf-period",
        sections,
        signatures: vec!["report-prepared-by", "report-approved-by"],
        note: String::new(),
        photos: Vec::new(),
        scans: Vec::new(),
        inked: Vec::new(),
        void: None,
        code: None,
    };
    render(&form, false)
}

/// Whose records the report covers, as printed beside its period.
fn scope_label(scope: &Scope, own_code: &str, both: &dyn Fn(&str) -> String) -> String {
    match scope {
        Scope::All => both("report-scope-all"),
        Scope::Office(code) if code.is_empty() => own_code.to_owned(),
        Scope::Office(code) => code.clone(),
        Scope::Region(code) => format!("{} {code}", both("report-scope-region")),
    }
}

/// One table of the report, its Chinese and English versions side by side: a heading or
/// label printed in both where they differ, figures once.
fn table_section(zh: &Sheet, en: &Sheet) -> Section {
    let columns = zh.headings.len();
    let headings = zh
        .headings
        .iter()
        .zip(&en.headings)
        .map(|(z, e)| Heading::Text(join(z, e, "\n")))
        .collect();
    let rows: Vec<Vec<String>> = zh
        .rows
        .iter()
        .zip(&en.rows)
        .map(|(z, e)| {
            z.iter()
                .zip(e)
                .map(|(z, e)| join(&z.text(), &e.text(), " "))
                .collect()
        })
        .collect();
    // Figures line up on the right: a column of counts, amounts and shares.
    let right_aligned: Vec<bool> = (0..columns)
        .map(|c| {
            let cells: Vec<&SheetCell> = zh.rows.iter().filter_map(|r| r.get(c)).collect();
            cells.iter().any(|cell| !matches!(cell, SheetCell::Empty))
                && cells.iter().all(|cell| match cell {
                    SheetCell::Integer(_) | SheetCell::Money(_) | SheetCell::Empty => true,
                    SheetCell::Text(text) => text.ends_with('%') || is_decimal(text),
                    _ => false,
                })
        })
        .collect();
    // The first column (what a row is) takes the room it needs; figures are narrow.
    let widths = (0..columns)
        .map(|c| if right_aligned[c] { 1.0 } else { 2.2 })
        .collect();
    Section::titled(Heading::Text(join(&zh.name, &en.name, " ")), Vec::new()).with_table(Table {
        columns: headings,
        widths,
        rows,
        blank_rows: 0,
        right_aligned,
    })
}

/// "4.25": a rating's average.
fn is_decimal(text: &str) -> bool {
    text.split_once('.').is_some_and(|(whole, part)| {
        !whole.is_empty()
            && whole.bytes().all(|b| b.is_ascii_digit())
            && part.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The two languages' texts, once when they are the same.
fn join(zh: &str, en: &str, between: &str) -> String {
    if zh == en {
        zh.to_owned()
    } else {
        format!("{zh}{between}{en}")
    }
}

fn share(kept: u64, of: u64) -> f64 {
    if of == 0 {
        0.0
    } else {
        kept as f64 * 100.0 / of as f64
    }
}

fn percent(kept: u64, of: u64) -> String {
    if of == 0 {
        "–".to_owned()
    } else {
        format!("{:.1} %", share(kept, of))
    }
}

//! Lists as spreadsheets, for headquarters, which works in Excel: `.xlsx` (dates as dates,
//! amounts and counts as numbers, Chinese as it is) or CSV (UTF-8 with the byte-order mark
//! Excel needs to read Chinese). A sheet is plain data: the views build it from their own
//! columns, the shell writes it.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use thiserror::Error;

use crate::domain::money::Fen;

/// The most data rows an Excel sheet holds (1,048,576 rows, one of them the headings).
pub const XLSX_MAX_ROWS: usize = 1_048_575;

/// One cell, typed as a spreadsheet should hold it.
#[derive(Clone, Debug, PartialEq)]
pub enum SheetCell {
    Text(String),
    Integer(i64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    /// An amount in yuan, two decimals.
    Money(Fen),
    Empty,
}

impl SheetCell {
    /// The cell as CSV writes it (and as a human reads it).
    pub fn text(&self) -> String {
        match self {
            SheetCell::Text(text) => text.clone(),
            SheetCell::Integer(n) => n.to_string(),
            SheetCell::Date(date) => date.format("%Y-%m-%d").to_string(),
            SheetCell::DateTime(at) => at.format("%Y-%m-%d %H:%M").to_string(),
            SheetCell::Money(fen) => fen.to_string(),
            SheetCell::Empty => String::new(),
        }
    }
}

/// A list as a table: its name (the sheet's tab), its headings and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub headings: Vec<String>,
    pub rows: Vec<Vec<SheetCell>>,
}

/// The kinds of file a list is written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SheetFormat {
    Xlsx,
    Csv,
}

impl SheetFormat {
    pub fn extension(self) -> &'static str {
        match self {
            SheetFormat::Xlsx => "xlsx",
            SheetFormat::Csv => "csv",
        }
    }
}

#[derive(Debug, Error)]
pub enum SheetError {
    #[error(
        "{rows} rows are more than an Excel sheet holds ({XLSX_MAX_ROWS}); narrow the search, or write CSV"
    )]
    TooManyRows { rows: usize },
    #[error("cannot write the spreadsheet ({0})")]
    Write(String),
}

/// Writes `sheet` to `path` as `format`, through a file beside it renamed over it when
/// complete (a failure leaves no half-written file and no earlier file damaged).
pub fn write(sheet: &Sheet, format: SheetFormat, path: &Path) -> Result<(), SheetError> {
    match format {
        SheetFormat::Xlsx => write_workbook(std::slice::from_ref(sheet), path),
        SheetFormat::Csv => through_partial(path, "csv", |partial| write_csv(sheet, partial)),
    }
}

/// Writes a file through a temporary one beside it, renamed over `path` once complete.
fn through_partial(
    path: &Path,
    extension: &str,
    write: impl FnOnce(&Path) -> Result<(), SheetError>,
) -> Result<(), SheetError> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let partial = tempfile::Builder::new()
        .prefix(".aftersales-sheet-")
        .suffix(&format!(".{extension}"))
        .tempfile_in(folder)
        .map_err(|e| SheetError::Write(e.to_string()))?;
    write(partial.path())?;
    partial
        .persist(path)
        .map_err(|e| SheetError::Write(e.error.to_string()))?;
    Ok(())
}

/// Writes `sheets` to one workbook at `path`, a tab each, the way [`write`] writes one.
pub fn write_workbook(sheets: &[Sheet], path: &Path) -> Result<(), SheetError> {
    if let Some(sheet) = sheets.iter().find(|s| s.rows.len() > XLSX_MAX_ROWS) {
        return Err(SheetError::TooManyRows {
            rows: sheet.rows.len(),
        });
    }
    through_partial(path, "xlsx", |partial| write_xlsx(sheets, partial))
}

fn write_csv(sheet: &Sheet, path: &Path) -> Result<(), SheetError> {
    let error = |e: &dyn std::fmt::Display| SheetError::Write(e.to_string());
    let mut file = std::fs::File::create(path).map_err(|e| error(&e))?;
    // Excel reads a CSV as the system's code page unless it starts with the UTF-8 mark.
    std::io::Write::write_all(&mut file, "\u{feff}".as_bytes()).map_err(|e| error(&e))?;
    let mut writer = csv::Writer::from_writer(file);
    writer
        .write_record(&sheet.headings)
        .map_err(|e| error(&e))?;
    for row in &sheet.rows {
        writer
            .write_record(row.iter().map(SheetCell::text))
            .map_err(|e| error(&e))?;
    }
    let file = writer.into_inner().map_err(|e| error(&e))?;
    file.sync_all().map_err(|e| error(&e))
}

fn write_xlsx(sheets: &[Sheet], path: &Path) -> Result<(), SheetError> {
    use rust_xlsxwriter::{Format, Workbook};
    let error = |e: rust_xlsxwriter::XlsxError| SheetError::Write(e.to_string());
    let mut workbook = Workbook::new();
    let heading = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let time = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let money = Format::new().set_num_format("#,##0.00");
    let mut names: Vec<String> = Vec::new();
    for sheet in sheets {
        // Rows are written in order and flushed as they go: a million-row list does not sit in
        // memory whole.
        let worksheet = workbook.add_worksheet_with_constant_memory();
        // A tab's name is at most 31 characters, has none of []:*?/\ and is the workbook's only
        // one of that name.
        let mut name: String = sheet
            .name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(28)
            .collect();
        let base = name.clone();
        let mut n = 1;
        while names
            .iter()
            .any(|taken| taken.to_lowercase() == name.to_lowercase())
        {
            n += 1;
            name = format!("{base} {n}");
        }
        if !name.is_empty() {
            worksheet.set_name(&name).map_err(error)?;
        }
        names.push(name);
        for (col, text) in sheet.headings.iter().enumerate() {
            let col = col as u16;
            let widest = sheet
                .rows
                .iter()
                .take(200)
                .filter_map(|r| r.get(col as usize))
                .map(|c| display_width(&c.text()))
                .chain([display_width(text)])
                .max()
                .unwrap_or(8);
            worksheet
                .set_column_width(col, (widest as f64 + 2.0).min(60.0))
                .map_err(error)?;
            worksheet
                .write_string_with_format(0, col, text, &heading)
                .map_err(error)?;
        }
        for (index, row) in sheet.rows.iter().enumerate() {
            let r = index as u32 + 1;
            for (col, cell) in row.iter().enumerate() {
                let col = col as u16;
                match cell {
                    SheetCell::Text(text) => {
                        worksheet.write_string(r, col, text).map_err(error)?;
                    }
                    SheetCell::Integer(n) => {
                        worksheet.write_number(r, col, *n as f64).map_err(error)?;
                    }
                    SheetCell::Date(day) => {
                        worksheet
                            .write_datetime_with_format(r, col, day, &date)
                            .map_err(error)?;
                    }
                    SheetCell::DateTime(at) => {
                        worksheet
                            .write_datetime_with_format(r, col, at, &time)
                            .map_err(error)?;
                    }
                    SheetCell::Money(fen) => {
                        worksheet
                            .write_number_with_format(r, col, fen.0 as f64 / 100.0, &money)
                            .map_err(error)?;
                    }
                    SheetCell::Empty => {}
                }
            }
        }
    }
    workbook.save(path).map_err(error)
}

/// How wide `text` shows in Excel's character units: a Chinese character takes two.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) < 0x2E80 { 1 } else { 2 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_as_yuan_with_two_decimals_and_a_negative_amount_keeps_its_sign() {
        assert_eq!(SheetCell::Money(Fen(123_456)).text(), "1234.56");
        assert_eq!(SheetCell::Money(Fen(5)).text(), "0.05");
        assert_eq!(SheetCell::Money(Fen(-250)).text(), "-2.50");
        assert_eq!(SheetCell::Money(Fen(-5)).text(), "-0.05");
    }

    #[test]
    fn a_chinese_character_is_two_columns_wide() {
        assert_eq!(display_width("WC-1"), 4);
        assert_eq!(display_width("张三"), 4);
    }
}

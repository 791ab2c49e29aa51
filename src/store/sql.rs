//! SQL helpers shared by the form stores: column readers and the search-box filter.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Row;

/// How timestamps are stored (local time, to the second).
pub(crate) const TIMESTAMP: &str = "%Y-%m-%d %H:%M:%S";

pub(crate) fn conversion_error(index: usize, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        index,
        rusqlite::types::Type::Text,
        format!("unreadable date {text:?} in column {index}").into(),
    )
}

pub(crate) fn date_column(row: &Row, index: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(index)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| conversion_error(index, &text))
}

pub(crate) fn optional_date_column(row: &Row, index: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(index)?;
    text.map(|text| {
        NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| conversion_error(index, &text))
    })
    .transpose()
}

pub(crate) fn timestamp_column(row: &Row, index: usize) -> rusqlite::Result<NaiveDateTime> {
    let text: String = row.get(index)?;
    NaiveDateTime::parse_from_str(&text, TIMESTAMP).map_err(|_| conversion_error(index, &text))
}

/// `WHERE a AND b …`, or nothing when there are no conditions.
pub(crate) fn where_clause(conditions: &[String]) -> String {
    if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    }
}

pub(crate) fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}

/// Reads a stored choice code; an unknown code (a newer program's) is a readable error.
pub(crate) fn choice<T>(
    row: &Row,
    index: usize,
    from_code: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let code: String = row.get(index)?;
    from_code(&code).ok_or_else(|| conversion_error(index, &code))
}

/// Bytes as lowercase hex text.
pub(crate) fn to_hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

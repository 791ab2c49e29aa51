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

/// The conditions and arguments for a search box: every word must match one of `columns`
/// (case-insensitive for Latin letters). A phone typed with spaces or hyphens matches the
/// digits stored in `phone_column`. Returns the conditions (numbered `?1`, `?2`… in the order
/// of the arguments) and the arguments; more conditions can be appended to both.
pub(crate) fn search_filter(
    search: &str,
    columns: &[&str],
    phone_column: &str,
) -> (Vec<String>, Vec<String>) {
    let mut clauses = Vec::new();
    let mut args = Vec::new();
    for word in search.split_whitespace().take(8) {
        let pattern = format!("%{}%", escape_like(word));
        let digits: String = word.chars().filter(char::is_ascii_digit).collect();
        let phone_like = word
            .chars()
            .all(|c| c.is_ascii_digit() || "-+()".contains(c));
        let mut alternatives: Vec<String> = columns
            .iter()
            .map(|column| {
                args.push(pattern.clone());
                format!("{column} LIKE ?{} ESCAPE '\\'", args.len())
            })
            .collect();
        if phone_like && digits.len() >= 3 {
            args.push(format!("%{digits}%"));
            alternatives.push(format!(
                "replace({phone_column}, '-', '') LIKE ?{}",
                args.len()
            ));
        }
        clauses.push(format!("({})", alternatives.join(" OR ")));
    }
    (clauses, args)
}

/// `WHERE a AND b …`, or nothing when there are no conditions.
pub(crate) fn where_clause(conditions: &[String]) -> String {
    if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    }
}

fn escape_like(text: &str) -> String {
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

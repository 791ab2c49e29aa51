//! SQL helpers shared by the form stores: column readers and the search-box filter.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::Row;

/// A stored value as text, whatever its type; `None` for NULL. Text that is not UTF-8 (bytes
/// another tool wrote) reads with U+FFFD where it cannot be read, so it can still be shown,
/// logged and hashed.
pub(crate) fn value_text(value: rusqlite::types::ValueRef) -> Option<String> {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}

/// A text column as a list or a search shows it: read as [`value_text`], NULL as empty. For
/// showing only; a form reads its fields strictly and refuses such a record as unreadable.
pub(crate) fn shown_text(row: &Row, index: usize) -> rusqlite::Result<String> {
    Ok(value_text(row.get_ref(index)?).unwrap_or_default())
}

/// SQL showing a record's number with its office beside it when it came from another office
/// (`WC-2026-000001 · JX-D01`): at a region or headquarters, two dealers' same numbers are told
/// apart in every list and search result. This office's own records show the number alone.
#[macro_export]
#[doc(hidden)]
macro_rules! shown_number {
    ($number:literal, $origin:literal) => {
        concat!(
            $number,
            " || CASE WHEN ",
            $origin,
            " <> '' THEN ' · ' || ",
            $origin,
            " ELSE '' END"
        )
    };
}

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
    let text = text_column(row, index)?;
    parse_timestamp(text).ok_or_else(|| conversion_error(index, text))
}

/// A text column read in place, without a `String` of its own (a report reads hundreds of
/// thousands); anything but text is refused as `row.get::<String>` refuses it.
pub(crate) fn text_column<'r>(row: &'r Row, index: usize) -> rusqlite::Result<&'r str> {
    let value = row.get_ref(index)?;
    value
        .as_str()
        .map_err(|_| rusqlite::Error::InvalidColumnType(index, String::new(), value.data_type()))
}

/// A stored timestamp ([`TIMESTAMP`]), read without chrono's format interpreter on its one
/// shape (`2026-11-23 09:30:00`: a report reads hundreds of thousands); any other text is
/// left to chrono, which decides as before.
pub(crate) fn parse_timestamp(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    let shaped = b.len() == 19
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b' '
        && b[13] == b':'
        && b[16] == b':'
        && [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    if !shaped {
        return NaiveDateTime::parse_from_str(text, TIMESTAMP).ok();
    }
    let number = |from: usize, to: usize| {
        b[from..to]
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
    };
    let year = i32::try_from(number(0, 4)).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, number(5, 7), number(8, 10))
        .and_then(|day| day.and_hms_opt(number(11, 13), number(14, 16), number(17, 19)))
        // What the quick way refuses (a leap second, 2026-02-30) chrono decides.
        .or_else(|| NaiveDateTime::parse_from_str(text, TIMESTAMP).ok())
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
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

/// A row to write: each column's name and value, as a form's record gives them.
pub(crate) type Columns = Vec<(&'static str, rusqlite::types::Value)>;

/// Text as a column value.
pub(crate) fn text(value: &str) -> rusqlite::types::Value {
    rusqlite::types::Value::Text(value.to_owned())
}

/// A time as a column value (local time, to the second).
pub(crate) fn time(value: NaiveDateTime) -> rusqlite::types::Value {
    rusqlite::types::Value::Text(value.format(TIMESTAMP).to_string())
}

/// A day as a column value.
pub(crate) fn day(value: NaiveDate) -> rusqlite::types::Value {
    rusqlite::types::Value::Text(value.format("%Y-%m-%d").to_string())
}

/// Inserts `columns` into `table`; returns the new row's id. The one way a form's row is
/// inserted.
pub(crate) fn insert_row(
    conn: &rusqlite::Connection,
    table: &str,
    columns: &Columns,
) -> rusqlite::Result<i64> {
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    conn.prepare_cached(&format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        marks.join(", ")
    ))?
    .execute(rusqlite::params_from_iter(columns.iter().map(|(_, v)| v)))?;
    Ok(conn.last_insert_rowid())
}

/// Writes `columns` over row `id` of `table` and raises its revision. The one way a form's
/// row is changed (the caller has checked the revision it was opened at).
pub(crate) fn update_row(
    conn: &rusqlite::Connection,
    table: &str,
    id: i64,
    columns: &Columns,
) -> rusqlite::Result<usize> {
    let assignments: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (name, _))| format!("{name} = ?{}", i + 1))
        .collect();
    conn.prepare_cached(&format!(
        "UPDATE {table} SET {}, revision = revision + 1 WHERE id = ?{}",
        assignments.join(", "),
        columns.len() + 1
    ))?
    .execute(rusqlite::params_from_iter(
        columns
            .iter()
            .map(|(_, v)| v.clone())
            .chain(std::iter::once(rusqlite::types::Value::Integer(id))),
    ))
}

/// A record read from a row, split in two: the outer `Result` is SQLite's (the read failed),
/// the inner one whether the stored text made sense as the record (a date that is no date is
/// [`StoreError::BadRow`], so it is reported as unreadable rather than as a database error).
pub(crate) fn record<T>(parsed: rusqlite::Result<T>) -> rusqlite::Result<super::Result<T>> {
    match parsed {
        Ok(record) => Ok(Ok(record)),
        Err(rusqlite::Error::FromSqlConversionFailure(_, _, error)) => {
            Ok(Err(super::StoreError::BadRow(error.to_string())))
        }
        Err(other) => Err(other),
    }
}

/// How many rows `table` holds.
pub(crate) fn count(conn: &rusqlite::Connection, table: &str) -> rusqlite::Result<u64> {
    let count: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
    Ok(count.max(0) as u64)
}

/// The ids of `table`'s rows meeting every one of `conditions` (their `?N` numbered in
/// `args`), in `order` (what follows `ORDER BY`).
pub(crate) fn ids_where(
    conn: &rusqlite::Connection,
    table: &str,
    conditions: &[String],
    args: &[String],
    order: &str,
) -> rusqlite::Result<Vec<i64>> {
    let sql = format!(
        "SELECT id FROM {table} {} ORDER BY {order}",
        where_clause(conditions)
    );
    let mut statement = conn.prepare_cached(&sql)?;
    statement
        .query_map(rusqlite::params_from_iter(args.iter()), |row| row.get(0))?
        .collect()
}

/// The rows of `ids` read with `select` (a `SELECT … FROM …` whose `id_column` is matched),
/// in the order of `ids`; an id no longer there is left out, and so is a row whose stored
/// value cannot be read as its type (a date that is no date, written by another tool), so one
/// such record hides no others: a list marks what it asked for and did not get. One query,
/// however many ids.
pub(crate) fn rows_by_ids<T>(
    conn: &rusqlite::Connection,
    select: &str,
    id_column: &str,
    ids: &[i64],
    mut map: impl FnMut(&Row) -> rusqlite::Result<(i64, T)>,
) -> rusqlite::Result<Vec<T>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; ids.len()].join(", ");
    let mut statement = conn.prepare(&format!("{select} WHERE {id_column} IN ({marks})"))?;
    let mut rows = statement.query(rusqlite::params_from_iter(ids.iter()))?;
    let mut by_id = std::collections::HashMap::new();
    while let Some(row) = rows.next()? {
        match map(row) {
            Ok((id, value)) => {
                by_id.insert(id, value);
            }
            Err(
                rusqlite::Error::FromSqlConversionFailure(..)
                | rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::IntegralValueOutOfRange(..),
            ) => {}
            Err(error) => return Err(error),
        }
    }
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timestamp_is_read_as_chrono_reads_it_whatever_the_text() {
        for text in [
            "2026-11-23 09:30:00",
            "0000-01-01 00:00:00",
            "9999-12-31 23:59:59",
            "2024-02-29 12:00:00",
            "2026-02-29 12:00:00",
            "2026-02-30 12:00:00",
            "2026-13-01 00:00:00",
            "2026-11-23 24:00:00",
            "2026-11-23 23:60:00",
            "2026-11-23 23:59:60",
            "2026-11-23T09:30:00",
            "2026-11-23 9:30:00",
            "2026-11-23 09:30:00 ",
            "2026-11-23",
            "",
            "２０２６-11-23 09:30:00",
            "+2026-11-23 09:30:0",
            "-001-11-23 09:30:00",
        ] {
            assert_eq!(
                parse_timestamp(text),
                NaiveDateTime::parse_from_str(text, TIMESTAMP).ok(),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_of_a_timestamps_shape_is_read_as_chrono_reads_it(
            text in "[0-9+ -]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}",
        ) {
            proptest::prop_assert_eq!(
                parse_timestamp(&text),
                NaiveDateTime::parse_from_str(&text, TIMESTAMP).ok()
            );
        }
    }

    #[test]
    fn hex_is_two_lowercase_digits_a_byte_high_nibble_first() {
        assert_eq!(super::to_hex(&[0x00, 0x0f, 0xa5, 0xff, 0x10]), "000fa5ff10");
        assert_eq!(super::to_hex(&[]), "");
    }
}

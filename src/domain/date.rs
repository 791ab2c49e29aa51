//! Calendar dates as clerks type them.

use chrono::NaiveDate;

/// Why a typed date was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not in the form year-month-day.
    Format,
    /// Well formed, but no such day (2026-02-30).
    NoSuchDay,
}

/// Parses `2026-11-23`, `2026/11/23`, `2026.11.23` or `20261123`.
///
/// The year-month-day order is the Chinese and ISO order; the day-first and month-first
/// orders are refused rather than guessed.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let text = text.trim();
    let parts: Vec<&str> = if text.len() == 8 && text.chars().all(|c| c.is_ascii_digit()) {
        vec![&text[0..4], &text[4..6], &text[6..8]]
    } else {
        text.split(['-', '/', '.']).collect()
    };
    let [year, month, day] = parts.as_slice() else {
        return Err(DateError::Format);
    };
    let well_formed = year.len() == 4
        && (1..=2).contains(&month.len())
        && (1..=2).contains(&day.len())
        && [year, month, day]
            .iter()
            .all(|p| p.chars().all(|c| c.is_ascii_digit()));
    if !well_formed {
        return Err(DateError::Format);
    }
    let (Ok(year), Ok(month), Ok(day)) = (year.parse::<i32>(), month.parse(), day.parse()) else {
        return Err(DateError::Format);
    };
    // The calendar goes from 1 BC to AD 1: a year 0 is no more a day than 30 February.
    if year == 0 {
        return Err(DateError::NoSuchDay);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NoSuchDay)
}

/// A typed date that must exist and not lie after `today`; the error is the message key to
/// show beside the field.
pub fn past_date(text: &str, today: NaiveDate) -> Result<NaiveDate, super::MessageKey> {
    match parse_date(text) {
        Ok(date) if date > today => Err("error-date-in-future"),
        Ok(date) => Ok(date),
        Err(DateError::Format) => Err("error-date-format"),
        Err(DateError::NoSuchDay) => Err("error-date-no-such-day"),
    }
}

/// The form dates are written in, on screen, in the database and on paper.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_are_read_in_year_month_day_order_with_common_separators() {
        assert_eq!(parse_date("2026-11-23"), Ok(ymd(2026, 11, 23)));
        assert_eq!(parse_date(" 2026/1/5 "), Ok(ymd(2026, 1, 5)));
        assert_eq!(parse_date("2026.01.05"), Ok(ymd(2026, 1, 5)));
        assert_eq!(parse_date("20260105"), Ok(ymd(2026, 1, 5)));
    }

    #[test]
    fn an_impossible_date_is_refused_as_no_such_day() {
        assert_eq!(parse_date("2026-02-30"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("2026-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("2025-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("2024-02-29"), Ok(ymd(2024, 2, 29)));
        assert_eq!(parse_date("0000-01-01"), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("0001-01-01"), Ok(ymd(1, 1, 1)));
    }

    #[test]
    fn a_malformed_date_is_refused_as_format() {
        for text in [
            "",
            "23-11-2026",
            "2026-11",
            "2026-11-23-1",
            "二〇二六年",
            "2026-1a-01",
            "99999-01-01",
        ] {
            assert_eq!(parse_date(text), Err(DateError::Format), "{text:?}");
        }
    }
}

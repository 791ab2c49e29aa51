//! Human form numbers: a configurable prefix, the year and a sequence (WC-2026-000042).

/// Why a number prefix was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidPrefix;

/// A prefix is 1 to 8 capital ASCII letters or digits, so numbers stay readable over the
/// phone and on a fax.
pub fn parse_prefix(text: &str) -> Result<String, InvalidPrefix> {
    let prefix = text.trim().to_ascii_uppercase();
    let valid = (1..=8).contains(&prefix.len())
        && prefix
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if valid {
        Ok(prefix)
    } else {
        Err(InvalidPrefix)
    }
}

/// The registration number of the `sequence`-th card of `year`.
pub fn registration_no(prefix: &str, year: i32, sequence: u32) -> String {
    format!("{prefix}-{year}-{sequence:06}")
}

/// The number of the `sequence`-th complaint received in `year`-`month` (CC-2026-11-0042).
pub fn complaint_no(prefix: &str, year: i32, month: u32, sequence: u32) -> String {
    format!("{prefix}-{year}-{month:02}-{sequence:04}")
}

/// Prefix of maintenance contract numbers (MC-2026-0042).
pub const CONTRACT_PREFIX: &str = "MC";

/// The number of the `sequence`-th maintenance contract starting in `year` (MC-2026-0042).
pub fn contract_no(prefix: &str, year: i32, sequence: u32) -> String {
    format!("{prefix}-{year}-{sequence:04}")
}

/// Prefix of investigation report numbers (IR-2026-11-0042, after complaint CC-2026-11-0042).
pub const INVESTIGATION_PREFIX: &str = "IR";
/// Prefix of service confirmation numbers (SC-2026-11-0042).
pub const CONFIRMATION_PREFIX: &str = "SC";

/// The number of a form belonging to complaint `complaint_no`: the same year, month and
/// sequence under the form's own prefix, so the three papers of a case are recognisably one.
pub fn linked_no(complaint_no: &str, form_prefix: &str) -> String {
    match complaint_no.split_once('-') {
        Some((_, rest)) => format!("{form_prefix}-{rest}"),
        None => format!("{form_prefix}-{complaint_no}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registration_numbers_read_prefix_year_and_six_digit_sequence() {
        assert_eq!(registration_no("WC", 2026, 42), "WC-2026-000042");
        assert_eq!(registration_no("BS", 2027, 1_234_567), "BS-2027-1234567");
    }

    #[test]
    fn complaint_numbers_read_prefix_year_month_and_four_digit_sequence() {
        assert_eq!(complaint_no("CC", 2026, 11, 42), "CC-2026-11-0042");
        assert_eq!(complaint_no("CC", 2027, 1, 12_345), "CC-2027-01-12345");
    }

    #[test]
    fn contract_numbers_read_prefix_year_and_four_digit_sequence() {
        assert_eq!(contract_no(CONTRACT_PREFIX, 2026, 42), "MC-2026-0042");
        assert_eq!(contract_no(CONTRACT_PREFIX, 2027, 12_345), "MC-2027-12345");
    }

    #[test]
    fn a_cases_forms_share_the_complaints_year_month_and_sequence() {
        assert_eq!(
            linked_no("CC-2026-11-0042", INVESTIGATION_PREFIX),
            "IR-2026-11-0042"
        );
        assert_eq!(
            linked_no("CC-2026-11-0042", CONFIRMATION_PREFIX),
            "SC-2026-11-0042"
        );
    }

    #[test]
    fn a_prefix_is_short_capital_letters_or_digits() {
        assert_eq!(parse_prefix(" wc "), Ok("WC".to_owned()));
        assert_eq!(parse_prefix("JX01"), Ok("JX01".to_owned()));
        for bad in ["", "W-C", "保修", "ABCDEFGHI"] {
            assert_eq!(parse_prefix(bad), Err(InvalidPrefix), "{bad:?}");
        }
    }
}

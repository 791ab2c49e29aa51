//! The office a database belongs to (a dealer, a region or headquarters) and the calendar of
//! the monthly exchange (DOMAIN.md, "Monthly customer files": every dealer submits last month's
//! files to its regional manager by the 5th; the region submits its summary to HQ by the 8th).

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::MessageKey;
use super::complaint::ReceivingUnit;

/// The longest unit code (`JX-NC-012`).
pub const MAX_CODE_CHARS: usize = 20;

crate::domain::choices! {
    /// Where an office stands in the exchange: dealers send to their region, regions to
    /// headquarters, headquarters keeps the archive.
    UnitLevel {
        Dealer => "dealer", "unit-level-dealer";
        Region => "region", "unit-level-region";
        Headquarters => "hq", "unit-level-hq";
    }
}

impl UnitLevel {
    /// Where a complaint received at this office is received, on the complaint form (a
    /// regional office receives for the company, as headquarters does).
    pub fn receiving_unit(self) -> ReceivingUnit {
        match self {
            UnitLevel::Dealer => ReceivingUnit::Dealer,
            UnitLevel::Region | UnitLevel::Headquarters => ReceivingUnit::Headquarters,
        }
    }

    /// The level this office's monthly file goes to; headquarters sends none.
    pub fn sends_to(self) -> Option<UnitLevel> {
        match self {
            UnitLevel::Dealer => Some(UnitLevel::Region),
            UnitLevel::Region => Some(UnitLevel::Headquarters),
            UnitLevel::Headquarters => None,
        }
    }
}

/// An office: its code (the same in every database that knows it), its name, its level and,
/// for a dealer, the code of its region (empty when it reports to headquarters directly).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    pub code: String,
    pub name: String,
    pub level: UnitLevel,
    pub region: String,
}

/// The unit as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitDraft {
    pub code: String,
    pub name: String,
    pub level: UnitLevel,
    pub region: String,
}

/// The fields of a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnitField {
    Code,
    Name,
    Region,
}

impl UnitField {
    pub fn label_key(self) -> MessageKey {
        match self {
            UnitField::Code => "unit-code",
            UnitField::Name => "unit-name",
            UnitField::Region => "unit-region",
        }
    }
}

/// A code as stored: trimmed, upper case; `None` unless it is 1 to [`MAX_CODE_CHARS`] ASCII
/// letters, digits and hyphens (it names the unit in file names and on every printed form).
pub fn parse_unit_code(text: &str) -> Option<String> {
    let code = text.trim().to_ascii_uppercase();
    let well_formed = !code.is_empty()
        && code.len() <= MAX_CODE_CHARS
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !code.starts_with('-')
        && !code.ends_with('-');
    well_formed.then_some(code)
}

impl UnitDraft {
    /// The unit, or the message for each field that refuses it.
    pub fn parse(&self) -> Result<Unit, Vec<super::FieldError<UnitField>>> {
        let UnitDraft {
            code,
            name,
            level,
            region,
        } = self;
        let mut errors = Vec::new();
        let mut fail = |field, message| errors.push(super::FieldError { field, message });
        let code = match parse_unit_code(code) {
            Some(code) => code,
            None if code.trim().is_empty() => {
                fail(UnitField::Code, "error-required");
                String::new()
            }
            None => {
                fail(UnitField::Code, "error-unit-code");
                String::new()
            }
        };
        let name = match super::checked_line(name, true) {
            Ok(name) => name.to_owned(),
            Err(message) => {
                fail(UnitField::Name, message);
                String::new()
            }
        };
        let region = match (level, region.trim()) {
            (_, "") => String::new(),
            (UnitLevel::Dealer, typed) => match parse_unit_code(typed) {
                Some(region) if region == code => {
                    fail(UnitField::Region, "error-unit-region-self");
                    String::new()
                }
                Some(region) => region,
                None => {
                    fail(UnitField::Region, "error-unit-code");
                    String::new()
                }
            },
            (UnitLevel::Region | UnitLevel::Headquarters, _) => {
                fail(UnitField::Region, "error-unit-region-dealer-only");
                String::new()
            }
        };
        if errors.is_empty() {
            Ok(Unit {
                code,
                name,
                level: *level,
                region,
            })
        } else {
            Err(errors)
        }
    }
}

/// A record's number as a region or headquarters shows it: with the code of the office that
/// made it beside it (`WC-2026-000001 · JX-D01`); this office's own records (`origin` '') show
/// the number alone.
pub fn shown_number(number: &str, origin: &str) -> String {
    if origin.is_empty() {
        number.to_owned()
    } else {
        format!("{number} · {origin}")
    }
}

/// The month a monthly file covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    month: u32,
}

impl Period {
    /// The month of `day`.
    pub fn of(day: NaiveDate) -> Period {
        Period {
            year: day.year(),
            month: day.month(),
        }
    }

    /// `2026-10`; `None` for anything else (a month 13, a year before 2000 or after 9999).
    pub fn parse(text: &str) -> Option<Period> {
        let (year, month) = text.trim().split_once('-')?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(year) || !all_digits(month) || year.len() != 4 || month.len() != 2 {
            return None;
        }
        let period = Period {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
        };
        (period.year >= 2000 && NaiveDate::from_ymd_opt(period.year, period.month, 1).is_some())
            .then_some(period)
    }

    /// Its first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The month after it.
    pub fn next(self) -> Period {
        if self.month == 12 {
            Period {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Period {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The month before it.
    pub fn previous(self) -> Period {
        if self.month == 1 {
            Period {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Period {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// Whether `at` falls in this month.
    pub fn contains(self, at: NaiveDateTime) -> bool {
        Period::of(at.date()) == self
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The days of the following month by which a monthly file is due (settings; DOMAIN.md: the
/// 5th for a dealer, the 8th for a region).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueDays {
    pub dealer: u32,
    pub region: u32,
}

impl Default for DueDays {
    fn default() -> Self {
        DueDays {
            dealer: 5,
            region: 8,
        }
    }
}

/// The last day on which a `level` office's file for `period` is on time; headquarters sends
/// none. A day past the end of the month falls back to its last day.
pub fn submission_due(level: UnitLevel, period: Period, days: DueDays) -> Option<NaiveDate> {
    let day = match level {
        UnitLevel::Dealer => days.dealer,
        UnitLevel::Region => days.region,
        UnitLevel::Headquarters => return None,
    };
    let month = period.next().first_day();
    let last = period.next().next().first_day().pred_opt().unwrap_or(month);
    Some(month.with_day(day.max(1)).unwrap_or(last).min(last))
}

/// Whether a file received at `received` is on time: on the due day itself it still is.
pub fn submitted_on_time(
    level: UnitLevel,
    period: Period,
    received: NaiveDateTime,
    days: DueDays,
) -> bool {
    submission_due(level, period, days).is_none_or(|due| received.date() <= due)
}

/// The month whose file a `level` office owes on `today`, and by when, while it has not sent
/// it: last month's, from the first of this month.
pub fn file_owed(level: UnitLevel, today: NaiveDate, days: DueDays) -> Option<(Period, NaiveDate)> {
    let period = Period::of(today).previous();
    submission_due(level, period, days).map(|due| (period, due))
}

/// Where an office's monthly file for a month stands, as the tracker shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submission {
    /// Received by its due day.
    OnTime(NaiveDateTime),
    /// Received after its due day.
    Late(NaiveDateTime),
    /// Not received, and its due day has passed.
    Missing { due: NaiveDate },
    /// Not received yet, and still not late.
    Awaited { due: NaiveDate },
}

impl Submission {
    /// The standing of a `level` office's file for `period` on `today`, received first at
    /// `received` (if at all).
    pub fn of(
        level: UnitLevel,
        period: Period,
        received: Option<NaiveDateTime>,
        today: NaiveDate,
        days: DueDays,
    ) -> Submission {
        let due = submission_due(level, period, days).unwrap_or(NaiveDate::MAX);
        match received {
            Some(at) if at.date() <= due => Submission::OnTime(at),
            Some(at) => Submission::Late(at),
            None if today > due => Submission::Missing { due },
            None => Submission::Awaited { due },
        }
    }

    pub fn message_key(self) -> MessageKey {
        match self {
            Submission::OnTime(_) => "submission-on-time",
            Submission::Late(_) => "submission-late",
            Submission::Missing { .. } => "submission-missing",
            Submission::Awaited { .. } => "submission-awaited",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        ymd(y, m, d).and_hms_opt(h, min, 0).unwrap()
    }

    fn october() -> Period {
        Period::parse("2026-10").unwrap()
    }

    #[test]
    fn a_dealers_file_is_due_by_the_5th_of_the_next_month_and_a_regions_by_the_8th() {
        let days = DueDays::default();
        assert_eq!(
            submission_due(UnitLevel::Dealer, october(), days),
            Some(ymd(2026, 11, 5))
        );
        assert_eq!(
            submission_due(UnitLevel::Region, october(), days),
            Some(ymd(2026, 11, 8))
        );
        assert_eq!(
            submission_due(UnitLevel::Headquarters, october(), days),
            None
        );
        // December's file is due in January of the next year.
        let december = Period::parse("2026-12").unwrap();
        assert_eq!(
            submission_due(UnitLevel::Dealer, december, days),
            Some(ymd(2027, 1, 5))
        );
    }

    #[test]
    fn a_file_received_on_the_due_day_is_on_time_and_one_a_day_later_is_late() {
        let days = DueDays::default();
        let dealer = UnitLevel::Dealer;
        assert!(submitted_on_time(
            dealer,
            october(),
            at(2026, 11, 5, 23, 59),
            days
        ));
        assert!(!submitted_on_time(
            dealer,
            october(),
            at(2026, 11, 6, 0, 0),
            days
        ));
        let region = UnitLevel::Region;
        assert!(submitted_on_time(
            region,
            october(),
            at(2026, 11, 8, 17, 0),
            days
        ));
        assert!(!submitted_on_time(
            region,
            october(),
            at(2026, 11, 9, 8, 0),
            days
        ));
        // Sent early, in the month itself, is on time.
        assert!(submitted_on_time(
            dealer,
            october(),
            at(2026, 10, 31, 18, 0),
            days
        ));
    }

    #[test]
    fn a_due_day_the_month_lacks_falls_back_to_its_last_day() {
        let days = DueDays {
            dealer: 31,
            region: 30,
        };
        let january = Period::parse("2027-01").unwrap();
        assert_eq!(
            submission_due(UnitLevel::Dealer, january, days),
            Some(ymd(2027, 2, 28))
        );
        let leap = Period::parse("2028-01").unwrap();
        assert_eq!(
            submission_due(UnitLevel::Region, leap, days),
            Some(ymd(2028, 2, 29))
        );
    }

    #[test]
    fn the_file_owed_is_last_months_due_this_month() {
        let days = DueDays::default();
        assert_eq!(
            file_owed(UnitLevel::Dealer, ymd(2026, 11, 1), days),
            Some((october(), ymd(2026, 11, 5)))
        );
        assert_eq!(
            file_owed(UnitLevel::Dealer, ymd(2027, 1, 3), days),
            Some((Period::parse("2026-12").unwrap(), ymd(2027, 1, 5)))
        );
        assert_eq!(
            file_owed(UnitLevel::Headquarters, ymd(2026, 11, 1), days),
            None
        );
    }

    #[test]
    fn a_period_is_written_year_month_and_nothing_else_is_one() {
        assert_eq!(october().to_string(), "2026-10");
        assert_eq!(october().first_day(), ymd(2026, 10, 1));
        assert_eq!(october().next().to_string(), "2026-11");
        assert_eq!(
            Period::parse("2027-01").unwrap().previous().to_string(),
            "2026-12"
        );
        for bad in [
            "2026-13",
            "2026-00",
            "2026-1",
            "26-10",
            "2026/10",
            "",
            "1999-12",
            "2026-10-01",
            "２０２６-10",
            "+026-10",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad:?}");
        }
        assert!(october().contains(at(2026, 10, 31, 23, 59)));
        assert!(!october().contains(at(2026, 11, 1, 0, 0)));
    }

    #[test]
    fn a_unit_code_is_letters_digits_and_inner_hyphens_stored_upper_case() {
        assert_eq!(parse_unit_code(" jx-nc-012 ").as_deref(), Some("JX-NC-012"));
        for bad in [
            "",
            "-JX",
            "JX-",
            "江西",
            "JX NC",
            "A".repeat(21).as_str(),
            "JX_NC",
        ] {
            assert_eq!(parse_unit_code(bad), None, "{bad:?}");
        }
        assert!(parse_unit_code(&"A".repeat(20)).is_some());
    }

    #[test]
    fn a_unit_needs_a_code_and_a_name_and_only_a_dealer_has_a_region() {
        let draft = |level, region: &str| UnitDraft {
            code: "jx-nc".into(),
            name: "南昌洪城经销部".into(),
            level,
            region: region.into(),
        };
        let unit = draft(UnitLevel::Dealer, "jx").parse().unwrap();
        assert_eq!((unit.code.as_str(), unit.region.as_str()), ("JX-NC", "JX"));
        assert!(draft(UnitLevel::Dealer, "").parse().is_ok());
        let errors = |d: UnitDraft| -> Vec<(UnitField, MessageKey)> {
            d.parse()
                .unwrap_err()
                .into_iter()
                .map(|e| (e.field, e.message))
                .collect()
        };
        assert_eq!(
            errors(draft(UnitLevel::Region, "HQ")),
            [(UnitField::Region, "error-unit-region-dealer-only")]
        );
        assert_eq!(
            errors(draft(UnitLevel::Dealer, "jx-nc")),
            [(UnitField::Region, "error-unit-region-self")]
        );
        assert_eq!(
            errors(UnitDraft {
                code: " ".into(),
                name: String::new(),
                level: UnitLevel::Headquarters,
                region: String::new(),
            }),
            [
                (UnitField::Code, "error-required"),
                (UnitField::Name, "error-required")
            ]
        );
        assert_eq!(
            errors(UnitDraft {
                code: "南昌".into(),
                ..draft(UnitLevel::Dealer, "")
            }),
            [(UnitField::Code, "error-unit-code")]
        );
    }

    #[test]
    fn a_regional_office_receives_complaints_for_the_company() {
        assert_eq!(UnitLevel::Dealer.receiving_unit(), ReceivingUnit::Dealer);
        assert_eq!(
            UnitLevel::Region.receiving_unit(),
            ReceivingUnit::Headquarters
        );
        assert_eq!(UnitLevel::Dealer.sends_to(), Some(UnitLevel::Region));
        assert_eq!(UnitLevel::Headquarters.sends_to(), None);
    }

    #[test]
    fn a_file_not_received_by_its_due_day_is_missing_the_day_after_and_awaited_until_then() {
        let days = DueDays::default();
        let dealer = UnitLevel::Dealer;
        assert_eq!(
            Submission::of(dealer, october(), None, ymd(2026, 11, 5), days),
            Submission::Awaited {
                due: ymd(2026, 11, 5)
            }
        );
        assert_eq!(
            Submission::of(dealer, october(), None, ymd(2026, 11, 6), days),
            Submission::Missing {
                due: ymd(2026, 11, 5)
            }
        );
        let region = UnitLevel::Region;
        assert_eq!(
            Submission::of(region, october(), None, ymd(2026, 11, 8), days),
            Submission::Awaited {
                due: ymd(2026, 11, 8)
            }
        );
        assert_eq!(
            Submission::of(region, october(), None, ymd(2026, 11, 9), days),
            Submission::Missing {
                due: ymd(2026, 11, 8)
            }
        );
    }

    #[test]
    fn a_file_received_at_the_last_minute_of_the_due_day_is_on_time_and_at_midnight_late() {
        let days = DueDays::default();
        let last_minute = at(2026, 11, 5, 23, 59);
        let midnight = at(2026, 11, 6, 0, 0);
        let today = ymd(2026, 12, 1);
        assert_eq!(
            Submission::of(UnitLevel::Dealer, october(), Some(last_minute), today, days),
            Submission::OnTime(last_minute)
        );
        assert_eq!(
            Submission::of(UnitLevel::Dealer, october(), Some(midnight), today, days),
            Submission::Late(midnight)
        );
        // A region's file of the 6th is still on time: its day is the 8th.
        assert_eq!(
            Submission::of(UnitLevel::Region, october(), Some(midnight), today, days),
            Submission::OnTime(midnight)
        );
    }
}

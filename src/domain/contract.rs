//! The maintenance contract (维修保养合同): the record, the draft a clerk types, the parse from
//! one to the other, and the rule of DOMAIN.md that a renewal notice goes out one month before
//! the contract ends.

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::date::{DateError, format_date, parse_date};
use super::money::Fen;
use super::phone::parse_phone;
use super::warranty_card::{MAX_LINE_CHARS, MAX_TEXT_CHARS};
use super::{MessageKey, checked_field};

/// Longest terms accepted: a page or two of conditions.
pub const MAX_TERMS_CHARS: usize = 5000;
/// A contract runs at most ten years; a longer one is a typing mistake in a year.
pub const MAX_CONTRACT_YEARS: u32 = 10;
/// How long before the end the renewal notice is due (DOMAIN.md: one month).
pub const RENEWAL_NOTICE_MONTHS: u32 = 1;

/// A maintenance contract as signed. Its number is issued by the store when it is first saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaintenanceContract {
    pub customer_name: String,
    /// Canonical form, see [`super::phone::Phone::as_str`].
    pub customer_phone: String,
    pub customer_address: String,
    pub product_model: String,
    pub serial_no: String,
    /// The first day covered.
    pub start_date: NaiveDate,
    /// The last day covered.
    pub end_date: NaiveDate,
    pub annual_fee: Fen,
    /// Who carries out the maintenance: a dealer or the service center.
    pub service_unit: String,
    /// The number the customer calls about the contract; canonical, or empty.
    pub service_phone: String,
    /// What the contract covers (visits a year, parts, labour) and on what conditions.
    pub terms: String,
}

/// The day the renewal notice is due: one calendar month before the contract ends. A day that
/// the earlier month lacks falls back to that month's last day (ending 31 March, notice from
/// 28 or 29 February).
pub fn renewal_notice_from(end: NaiveDate) -> NaiveDate {
    end.checked_sub_months(Months::new(RENEWAL_NOTICE_MONTHS))
        .unwrap_or(NaiveDate::MIN)
}

/// Whether the renewal notice is due on `today`: from the notice day through the last day of
/// the contract. Once the contract has ended there is nothing left to renew in time.
pub fn renewal_notice_due(end: NaiveDate, today: NaiveDate) -> bool {
    renewal_notice_from(end) <= today && today <= end
}

/// Where a contract stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContractStatus {
    /// Signed, not started yet.
    Upcoming,
    Active,
    /// Ends within a month and has not been renewed: the notice is due.
    RenewalDue,
    /// Ends within a month, and a renewal is already on file.
    Renewed,
    Ended,
}

impl ContractStatus {
    pub const ALL: [ContractStatus; 5] = [
        ContractStatus::Upcoming,
        ContractStatus::Active,
        ContractStatus::RenewalDue,
        ContractStatus::Renewed,
        ContractStatus::Ended,
    ];

    pub fn message_key(self) -> MessageKey {
        match self {
            ContractStatus::Upcoming => "contract-status-upcoming",
            ContractStatus::Active => "contract-status-active",
            ContractStatus::RenewalDue => "contract-status-renewal-due",
            ContractStatus::Renewed => "contract-status-renewed",
            ContractStatus::Ended => "contract-status-ended",
        }
    }
}

/// The status on `today` of a contract running `start..=end`; `renewed` says whether a
/// contract renewing it is on file.
pub fn contract_status(
    start: NaiveDate,
    end: NaiveDate,
    renewed: bool,
    today: NaiveDate,
) -> ContractStatus {
    if today > end {
        ContractStatus::Ended
    } else if renewal_notice_due(end, today) {
        if renewed {
            ContractStatus::Renewed
        } else {
            ContractStatus::RenewalDue
        }
    } else if today < start {
        ContractStatus::Upcoming
    } else {
        ContractStatus::Active
    }
}

/// Every field of the contract form, to place an error beside the right field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ContractField {
    CustomerName,
    CustomerPhone,
    CustomerAddress,
    ProductModel,
    SerialNo,
    StartDate,
    EndDate,
    AnnualFee,
    ServiceUnit,
    ServicePhone,
    Terms,
}

impl ContractField {
    /// The field's label in the catalogue (the customer and product as on the card).
    pub fn label_key(self) -> MessageKey {
        match self {
            ContractField::CustomerName => "card-customer-name",
            ContractField::CustomerPhone => "card-customer-phone",
            ContractField::CustomerAddress => "card-customer-address",
            ContractField::ProductModel => "card-product-model",
            ContractField::SerialNo => "card-serial-no",
            ContractField::StartDate => "contract-start-date",
            ContractField::EndDate => "contract-end-date",
            ContractField::AnnualFee => "contract-annual-fee",
            ContractField::ServiceUnit => "contract-service-unit",
            ContractField::ServicePhone => "contract-service-phone",
            ContractField::Terms => "contract-terms",
        }
    }
}

/// One refusal of the contract's parse.
pub type ContractError = super::FieldError<ContractField>;

/// The contract form as typed, kept as a draft so nothing typed is lost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MaintenanceContractDraft {
    pub customer_name: String,
    pub customer_phone: String,
    pub customer_address: String,
    pub product_model: String,
    pub serial_no: String,
    pub start_date: String,
    pub end_date: String,
    pub annual_fee: String,
    pub service_unit: String,
    pub service_phone: String,
    pub terms: String,
}

impl MaintenanceContractDraft {
    /// A new contract as a clerk starts it: one year from today, serviced by this unit.
    pub fn new_contract(today: NaiveDate, service_unit: &str) -> Self {
        let (start, end) = one_year_from(today);
        MaintenanceContractDraft {
            start_date: format_date(start),
            end_date: format_date(end),
            service_unit: service_unit.to_owned(),
            ..Default::default()
        }
    }

    /// The draft of the contract renewing `contract`: the same customer, product, fee and
    /// terms, for the year after it ends.
    pub fn renewal_of(contract: &MaintenanceContract) -> Self {
        let next_day = contract
            .end_date
            .checked_add_days(Days::new(1))
            .unwrap_or(contract.end_date);
        let (start, end) = one_year_from(next_day);
        MaintenanceContractDraft {
            start_date: format_date(start),
            end_date: format_date(end),
            ..MaintenanceContractDraft::from_contract(contract)
        }
    }

    /// The draft of a stored contract, for editing.
    pub fn from_contract(contract: &MaintenanceContract) -> Self {
        let MaintenanceContract {
            customer_name,
            customer_phone,
            customer_address,
            product_model,
            serial_no,
            start_date,
            end_date,
            annual_fee,
            service_unit,
            service_phone,
            terms,
        } = contract;
        MaintenanceContractDraft {
            customer_name: customer_name.clone(),
            customer_phone: customer_phone.clone(),
            customer_address: customer_address.clone(),
            product_model: product_model.clone(),
            serial_no: serial_no.clone(),
            start_date: format_date(*start_date),
            end_date: format_date(*end_date),
            annual_fee: annual_fee.to_string(),
            service_unit: service_unit.clone(),
            service_phone: service_phone.clone(),
            terms: terms.clone(),
        }
    }

    /// Turns the draft into a contract, or lists every field that is wrong. Contracts may be
    /// signed ahead, so no date is bounded by today.
    pub fn parse(&self) -> Result<MaintenanceContract, Vec<ContractError>> {
        let MaintenanceContractDraft {
            customer_name,
            customer_phone,
            customer_address,
            product_model,
            serial_no,
            start_date,
            end_date,
            annual_fee,
            service_unit,
            service_phone,
            terms,
        } = self;
        let mut errors = Vec::new();
        let mut fail = |field, message| errors.push(ContractError { field, message });

        let mut text = |field, value: &str, required: bool, max: usize| -> String {
            if let Err(message) = checked_field(value, required, max) {
                fail(field, message);
            }
            value.trim().to_owned()
        };
        let customer_name = text(
            ContractField::CustomerName,
            customer_name,
            true,
            MAX_LINE_CHARS,
        );
        let customer_address = text(
            ContractField::CustomerAddress,
            customer_address,
            true,
            MAX_TEXT_CHARS,
        );
        let product_model = text(
            ContractField::ProductModel,
            product_model,
            true,
            MAX_LINE_CHARS,
        );
        let serial_no = text(ContractField::SerialNo, serial_no, false, MAX_LINE_CHARS);
        let service_unit = text(
            ContractField::ServiceUnit,
            service_unit,
            true,
            MAX_LINE_CHARS,
        );
        let terms = text(ContractField::Terms, terms, true, MAX_TERMS_CHARS);

        let mut phone = |field, value: &str, required: bool| -> String {
            if value.trim().is_empty() {
                if required {
                    fail(field, "error-required");
                }
                return String::new();
            }
            match parse_phone(value) {
                Ok(phone) => phone.as_str().to_owned(),
                Err(_) => {
                    fail(field, "error-phone");
                    String::new()
                }
            }
        };
        let customer_phone = phone(ContractField::CustomerPhone, customer_phone, true);
        let service_phone = phone(ContractField::ServicePhone, service_phone, false);

        let mut date = |field, value: &str| -> Option<NaiveDate> {
            if value.trim().is_empty() {
                fail(field, "error-required");
                return None;
            }
            match parse_date(value) {
                Ok(date) => Some(date),
                Err(DateError::Format) => {
                    fail(field, "error-date-format");
                    None
                }
                Err(DateError::NoSuchDay) => {
                    fail(field, "error-date-no-such-day");
                    None
                }
            }
        };
        let start_date = date(ContractField::StartDate, start_date);
        let end_date = date(ContractField::EndDate, end_date);
        if let (Some(start), Some(end)) = (start_date, end_date) {
            let longest = start
                .checked_add_months(Months::new(12 * MAX_CONTRACT_YEARS))
                .unwrap_or(NaiveDate::MAX);
            if end <= start {
                fail(ContractField::EndDate, "error-contract-end-before-start");
            } else if end >= longest {
                fail(ContractField::EndDate, "error-contract-too-long");
            }
        }

        let annual_fee = match Fen::parse(annual_fee) {
            Ok(fee) => fee,
            Err(_) => {
                fail(ContractField::AnnualFee, "error-amount");
                Fen(0)
            }
        };

        match (start_date, end_date) {
            (Some(start_date), Some(end_date)) if errors.is_empty() => Ok(MaintenanceContract {
                customer_name,
                customer_phone,
                customer_address,
                product_model,
                serial_no,
                start_date,
                end_date,
                annual_fee,
                service_unit,
                service_phone,
                terms,
            }),
            _ => Err(errors),
        }
    }
}

/// A year's contract starting on `start`: through the day before the same date next year
/// (from 29 February, through 28 February).
fn one_year_from(start: NaiveDate) -> (NaiveDate, NaiveDate) {
    let end = match start.checked_add_months(Months::new(12)) {
        // No 29 February next year: the date fell back to the 28th, the last day covered.
        Some(same_date) if same_date.day() != start.day() => same_date,
        Some(same_date) => same_date.pred_opt().unwrap_or(same_date),
        None => start,
    };
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn filled_draft() -> MaintenanceContractDraft {
        MaintenanceContractDraft {
            customer_name: "张三".into(),
            customer_phone: "138 0013 8000".into(),
            customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
            product_model: "KF-260/B".into(),
            serial_no: "KF2602401234".into(),
            start_date: "2026-01-01".into(),
            end_date: "2026-12-31".into(),
            annual_fee: "1,200".into(),
            service_unit: "南昌城东售后服务站".into(),
            service_phone: "0791-88881234".into(),
            terms: "每年上门保养两次，人工免费，配件八折。".into(),
        }
    }

    fn errors_of(draft: MaintenanceContractDraft) -> Vec<(ContractField, &'static str)> {
        draft
            .parse()
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    #[test]
    fn a_renewal_notice_is_due_one_month_before_the_contract_ends() {
        let end = ymd(2026, 12, 20);
        assert_eq!(renewal_notice_from(end), ymd(2026, 11, 20));
        assert!(!renewal_notice_due(end, ymd(2026, 11, 19)));
        assert!(
            renewal_notice_due(end, ymd(2026, 11, 20)),
            "exactly a month"
        );
        assert!(renewal_notice_due(end, ymd(2026, 12, 1)));
        assert!(renewal_notice_due(end, end), "still due on the last day");
    }

    #[test]
    fn a_renewal_notice_for_a_month_end_falls_on_the_last_day_of_the_month_before() {
        assert_eq!(renewal_notice_from(ymd(2027, 3, 31)), ymd(2027, 2, 28));
        assert_eq!(renewal_notice_from(ymd(2026, 5, 31)), ymd(2026, 4, 30));
        assert_eq!(renewal_notice_from(ymd(2027, 1, 31)), ymd(2026, 12, 31));
        assert!(renewal_notice_due(ymd(2027, 3, 31), ymd(2027, 2, 28)));
        assert!(!renewal_notice_due(ymd(2027, 3, 31), ymd(2027, 2, 27)));
    }

    #[test]
    fn a_renewal_notice_in_a_leap_year_falls_on_29_february() {
        assert_eq!(renewal_notice_from(ymd(2028, 3, 31)), ymd(2028, 2, 29));
        assert_eq!(renewal_notice_from(ymd(2028, 3, 29)), ymd(2028, 2, 29));
        assert_eq!(renewal_notice_from(ymd(2028, 2, 29)), ymd(2028, 1, 29));
    }

    #[test]
    fn no_renewal_notice_is_due_once_the_contract_has_ended() {
        let end = ymd(2026, 11, 22);
        assert!(!renewal_notice_due(end, ymd(2026, 11, 23)));
        assert_eq!(
            contract_status(ymd(2025, 11, 23), end, false, ymd(2026, 11, 23)),
            ContractStatus::Ended
        );
    }

    #[test]
    fn a_contract_reads_upcoming_active_renewal_due_renewed_or_ended() {
        let (start, end) = (ymd(2026, 1, 1), ymd(2026, 12, 31));
        let status = |renewed, today| contract_status(start, end, renewed, today);
        assert_eq!(status(false, ymd(2025, 12, 31)), ContractStatus::Upcoming);
        assert_eq!(status(false, ymd(2026, 6, 1)), ContractStatus::Active);
        assert_eq!(status(false, ymd(2026, 12, 1)), ContractStatus::RenewalDue);
        assert_eq!(status(true, ymd(2026, 12, 1)), ContractStatus::Renewed);
        assert_eq!(status(true, ymd(2027, 1, 1)), ContractStatus::Ended);
    }

    #[test]
    fn a_complete_draft_parses_with_canonical_phones_and_the_fee_in_fen() {
        let contract = filled_draft().parse().expect("valid draft");
        assert_eq!(contract.customer_phone, "13800138000");
        assert_eq!(contract.service_phone, "0791-88881234");
        assert_eq!(contract.annual_fee, Fen(120_000));
        assert_eq!(contract.end_date, ymd(2026, 12, 31));
        assert_eq!(
            MaintenanceContractDraft::from_contract(&contract).parse(),
            Ok(contract)
        );
    }

    #[test]
    fn required_fields_are_required() {
        let errors = errors_of(MaintenanceContractDraft::default());
        for field in [
            ContractField::CustomerName,
            ContractField::CustomerPhone,
            ContractField::CustomerAddress,
            ContractField::ProductModel,
            ContractField::StartDate,
            ContractField::EndDate,
            ContractField::ServiceUnit,
            ContractField::Terms,
        ] {
            assert!(
                errors.contains(&(field, "error-required")),
                "{field:?} in {errors:?}"
            );
        }
        for optional in [ContractField::SerialNo, ContractField::ServicePhone] {
            assert!(!errors.iter().any(|(f, _)| *f == optional), "{optional:?}");
        }
    }

    #[test]
    fn a_contract_must_end_after_it_starts() {
        for end in ["2026-01-01", "2025-12-31"] {
            let draft = MaintenanceContractDraft {
                end_date: end.into(),
                ..filled_draft()
            };
            assert_eq!(
                errors_of(draft),
                vec![(ContractField::EndDate, "error-contract-end-before-start")]
            );
        }
    }

    #[test]
    fn a_contract_runs_at_most_ten_years() {
        let draft = MaintenanceContractDraft {
            end_date: "2036-01-01".into(),
            ..filled_draft()
        };
        assert_eq!(
            errors_of(draft),
            vec![(ContractField::EndDate, "error-contract-too-long")]
        );
        let draft = MaintenanceContractDraft {
            end_date: "2035-12-31".into(),
            ..filled_draft()
        };
        assert!(draft.parse().is_ok());
    }

    #[test]
    fn impossible_dates_phones_and_amounts_are_refused_beside_their_fields() {
        let draft = MaintenanceContractDraft {
            start_date: "2026-02-30".into(),
            end_date: "31/12/2026".into(),
            customer_phone: "12345".into(),
            service_phone: "abc".into(),
            annual_fee: "1.234".into(),
            ..filled_draft()
        };
        assert_eq!(
            errors_of(draft),
            vec![
                (ContractField::CustomerPhone, "error-phone"),
                (ContractField::ServicePhone, "error-phone"),
                (ContractField::StartDate, "error-date-no-such-day"),
                (ContractField::EndDate, "error-date-format"),
                (ContractField::AnnualFee, "error-amount"),
            ]
        );
    }

    #[test]
    fn overlong_text_is_refused_not_cut() {
        let draft = MaintenanceContractDraft {
            customer_name: "张".repeat(MAX_LINE_CHARS + 1),
            terms: "条".repeat(MAX_TERMS_CHARS + 1),
            ..filled_draft()
        };
        assert_eq!(
            errors_of(draft),
            vec![
                (ContractField::CustomerName, "error-too-long"),
                (ContractField::Terms, "error-too-long"),
            ]
        );
        let draft = MaintenanceContractDraft {
            terms: "第一条\n第二条".into(),
            ..filled_draft()
        };
        assert!(draft.parse().is_ok(), "terms may run over several lines");
    }

    #[test]
    fn a_new_contract_runs_one_year_and_a_renewal_the_year_after() {
        let draft = MaintenanceContractDraft::new_contract(ymd(2026, 11, 23), "南昌总代理");
        assert_eq!(
            (draft.start_date.as_str(), draft.end_date.as_str()),
            ("2026-11-23", "2027-11-22")
        );
        assert_eq!(draft.service_unit, "南昌总代理");
        let contract = filled_draft().parse().unwrap();
        let renewal = MaintenanceContractDraft::renewal_of(&contract);
        assert_eq!(
            (renewal.start_date.as_str(), renewal.end_date.as_str()),
            ("2027-01-01", "2027-12-31")
        );
        assert_eq!(renewal.terms, contract.terms);
        assert_eq!(renewal.annual_fee, "1200.00");
        // A year from a leap day runs through 28 February; a year to one through the 29th.
        assert_eq!(one_year_from(ymd(2028, 2, 29)).1, ymd(2029, 2, 28));
        assert_eq!(one_year_from(ymd(2027, 3, 1)).1, ymd(2028, 2, 29));
    }
}

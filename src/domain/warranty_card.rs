//! The warranty card (质量保证卡) with its quality feedback form: the record, the draft a
//! clerk types, the parse from one to the other, and the warranty status rule.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::date::{format_date, past_date};
use super::phone::parse_phone;
use super::{MessageKey, checked_line, checked_text};

/// Longest text accepted in a one-line field; longer input is refused with a message, not cut.
pub const MAX_LINE_CHARS: usize = 200;
/// Longest text accepted in a free-text field (the address).
pub const MAX_TEXT_CHARS: usize = 1000;
/// Warranty periods are whole months, up to ten years.
pub const MAX_WARRANTY_MONTHS: u32 = 120;

/// A warranty card as issued. The registration number is issued by the store when the card
/// is first saved, so it is not part of what the clerk types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarrantyCard {
    pub issue_date: NaiveDate,
    pub issuing_dealer: String,
    pub customer_name: String,
    pub customer_address: String,
    /// Canonical form, see [`super::phone::Phone::as_str`].
    pub customer_phone: String,
    pub product_category: String,
    pub product_model: String,
    pub serial_no: String,
    pub purchase_date: NaiveDate,
    pub purchase_area: String,
    pub installation_date: Option<NaiveDate>,
    pub invoice_no: String,
    pub warranty_months: u32,
    /// Whether the customer's quality feedback form (质量反馈单) came back.
    pub feedback_returned: bool,
}

/// The rules that turn a card into a status; every number is a setting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WarrantyPolicy {
    /// Days after issue within which the feedback form must come back before the customer is
    /// deemed to have waived the warranty.
    pub feedback_grace_days: u32,
}

impl Default for WarrantyPolicy {
    fn default() -> Self {
        WarrantyPolicy {
            feedback_grace_days: 30,
        }
    }
}

/// Where a card stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WarrantyStatus {
    Valid,
    Expired,
    /// The feedback form never came back: the warranty is deemed waived (not registered).
    Waived,
}

impl WarrantyStatus {
    pub fn message_key(self) -> MessageKey {
        match self {
            WarrantyStatus::Valid => "status-valid",
            WarrantyStatus::Expired => "status-expired",
            WarrantyStatus::Waived => "status-waived",
        }
    }
}

impl WarrantyCard {
    /// The warranty runs from installation (when the product was installed) or else from
    /// purchase.
    pub fn warranty_start(&self) -> NaiveDate {
        self.installation_date.unwrap_or(self.purchase_date)
    }

    /// The last day covered: start + the warranty months, less one day.
    pub fn warranty_end(&self) -> NaiveDate {
        warranty_end(self.warranty_start(), self.warranty_months)
    }

    /// The card's status on `today`.
    pub fn status(&self, today: NaiveDate, policy: WarrantyPolicy) -> WarrantyStatus {
        warranty_status(
            self.warranty_end(),
            self.issue_date,
            self.feedback_returned,
            today,
            policy,
        )
    }
}

/// How long a new card's warranty runs: per product category (a setting, 热水器 12 months,
/// 空调 36 …) and the default for any category not listed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WarrantyPeriods {
    pub default_months: u32,
    /// Category and months, in the order the settings list them.
    pub by_category: Vec<(String, u32)>,
}

impl WarrantyPeriods {
    /// The months for `category`: its own when listed (ignoring surrounding spaces and Latin
    /// letter case), otherwise the default.
    pub fn months_for(&self, category: &str) -> u32 {
        let wanted = category.trim().to_lowercase();
        if wanted.is_empty() {
            return self.default_months;
        }
        self.by_category
            .iter()
            .find(|(listed, _)| listed.trim().to_lowercase() == wanted)
            .map_or(self.default_months, |(_, months)| *months)
    }
}

/// The last day covered by a warranty of `months` starting on `start`.
pub fn warranty_end(start: NaiveDate, months: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// Expired once the end date has passed; before that, waived when the feedback form has not
/// come back within the grace period after issue; otherwise valid.
pub fn warranty_status(
    warranty_end: NaiveDate,
    issue_date: NaiveDate,
    feedback_returned: bool,
    today: NaiveDate,
    policy: WarrantyPolicy,
) -> WarrantyStatus {
    if today > warranty_end {
        return WarrantyStatus::Expired;
    }
    let feedback_due = issue_date
        .checked_add_days(chrono::Days::new(policy.feedback_grace_days.into()))
        .unwrap_or(NaiveDate::MAX);
    if !feedback_returned && today > feedback_due {
        return WarrantyStatus::Waived;
    }
    WarrantyStatus::Valid
}

/// Every field of the card form, to place an error beside the right field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CardField {
    IssueDate,
    IssuingDealer,
    CustomerName,
    CustomerAddress,
    CustomerPhone,
    ProductCategory,
    ProductModel,
    SerialNo,
    PurchaseDate,
    PurchaseArea,
    InstallationDate,
    InvoiceNo,
    WarrantyMonths,
}

impl CardField {
    /// The field's label in the catalogue.
    pub fn label_key(self) -> MessageKey {
        match self {
            CardField::IssueDate => "card-issue-date",
            CardField::IssuingDealer => "card-issuing-dealer",
            CardField::CustomerName => "card-customer-name",
            CardField::CustomerAddress => "card-customer-address",
            CardField::CustomerPhone => "card-customer-phone",
            CardField::ProductCategory => "card-product-category",
            CardField::ProductModel => "card-product-model",
            CardField::SerialNo => "card-serial-no",
            CardField::PurchaseDate => "card-purchase-date",
            CardField::PurchaseArea => "card-purchase-area",
            CardField::InstallationDate => "card-installation-date",
            CardField::InvoiceNo => "card-invoice-no",
            CardField::WarrantyMonths => "card-warranty-months",
        }
    }
}

/// One refusal of the warranty card's parse.
pub type CardError = super::FieldError<CardField>;

/// The card form as typed: strings, exactly as the clerk left them. Saved as a draft so
/// nothing typed is lost, and parsed into a [`WarrantyCard`] before it can be stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WarrantyCardDraft {
    pub issue_date: String,
    pub issuing_dealer: String,
    pub customer_name: String,
    pub customer_address: String,
    pub customer_phone: String,
    pub product_category: String,
    pub product_model: String,
    pub serial_no: String,
    pub purchase_date: String,
    pub purchase_area: String,
    pub installation_date: String,
    pub invoice_no: String,
    pub warranty_months: String,
    pub feedback_returned: bool,
}

impl WarrantyCardDraft {
    /// A new card as a clerk starts it: issued and bought today, the usual warranty length.
    pub fn new_card(today: NaiveDate, warranty_months: u32, dealer: &str) -> Self {
        WarrantyCardDraft {
            issue_date: format_date(today),
            purchase_date: format_date(today),
            warranty_months: warranty_months.to_string(),
            issuing_dealer: dealer.to_owned(),
            ..Default::default()
        }
    }

    /// A new card follows its product category's warranty: once the category has changed
    /// from `previous`, the months become the new category's, unless they no longer read what
    /// `previous` gave (the clerk typed months of their own). Returns whether they changed.
    pub fn follow_category(&mut self, previous: &str, periods: &WarrantyPeriods) -> bool {
        let months = periods.months_for(&self.product_category).to_string();
        let automatic = self.warranty_months.trim() == periods.months_for(previous).to_string();
        if automatic && self.warranty_months != months {
            self.warranty_months = months;
            return true;
        }
        false
    }

    /// The draft of a stored card, for editing.
    pub fn from_card(card: &WarrantyCard) -> Self {
        let WarrantyCard {
            issue_date,
            issuing_dealer,
            customer_name,
            customer_address,
            customer_phone,
            product_category,
            product_model,
            serial_no,
            purchase_date,
            purchase_area,
            installation_date,
            invoice_no,
            warranty_months,
            feedback_returned,
        } = card;
        WarrantyCardDraft {
            issue_date: format_date(*issue_date),
            issuing_dealer: issuing_dealer.clone(),
            customer_name: customer_name.clone(),
            customer_address: customer_address.clone(),
            customer_phone: customer_phone.clone(),
            product_category: product_category.clone(),
            product_model: product_model.clone(),
            serial_no: serial_no.clone(),
            purchase_date: format_date(*purchase_date),
            purchase_area: purchase_area.clone(),
            installation_date: installation_date.map(format_date).unwrap_or_default(),
            invoice_no: invoice_no.clone(),
            warranty_months: warranty_months.to_string(),
            feedback_returned: *feedback_returned,
        }
    }

    /// Turns the draft into a card, or lists every field that is wrong. `today` bounds the
    /// dates: nothing can have been bought, installed or issued in the future.
    pub fn parse(&self, today: NaiveDate) -> Result<WarrantyCard, Vec<CardError>> {
        let WarrantyCardDraft {
            issue_date,
            issuing_dealer,
            customer_name,
            customer_address,
            customer_phone,
            product_category,
            product_model,
            serial_no,
            purchase_date,
            purchase_area,
            installation_date,
            invoice_no,
            warranty_months,
            feedback_returned,
        } = self;
        let mut errors = Vec::new();
        let mut fail = |field, message| errors.push(CardError { field, message });

        let mut line = |field, text: &str, required: bool| -> String {
            if let Err(message) = checked_line(text, required) {
                fail(field, message);
            }
            text.trim().to_owned()
        };
        let issuing_dealer = line(CardField::IssuingDealer, issuing_dealer, true);
        let customer_name = line(CardField::CustomerName, customer_name, true);
        let product_category = line(CardField::ProductCategory, product_category, false);
        let product_model = line(CardField::ProductModel, product_model, true);
        let serial_no = line(CardField::SerialNo, serial_no, true);
        let purchase_area = line(CardField::PurchaseArea, purchase_area, false);
        let invoice_no = line(CardField::InvoiceNo, invoice_no, false);

        let customer_address = customer_address.trim().to_owned();
        if let Err(message) = checked_text(&customer_address, true, MAX_TEXT_CHARS) {
            fail(CardField::CustomerAddress, message);
        }

        let customer_phone = if customer_phone.trim().is_empty() {
            fail(CardField::CustomerPhone, "error-required");
            String::new()
        } else {
            match parse_phone(customer_phone) {
                Ok(phone) => phone.as_str().to_owned(),
                Err(_) => {
                    fail(CardField::CustomerPhone, "error-phone");
                    String::new()
                }
            }
        };

        let mut date = |field, text: &str, required: bool| -> Option<NaiveDate> {
            if text.trim().is_empty() {
                if required {
                    fail(field, "error-required");
                }
                return None;
            }
            past_date(text, today)
                .map_err(|message| fail(field, message))
                .ok()
        };
        let issue_date = date(CardField::IssueDate, issue_date, true);
        let purchase_date = date(CardField::PurchaseDate, purchase_date, true);
        let installation_date = date(CardField::InstallationDate, installation_date, false);
        if let (Some(purchase), Some(installation)) = (purchase_date, installation_date)
            && purchase > installation
        {
            fail(CardField::PurchaseDate, "error-purchase-after-installation");
        }

        let warranty_months = match warranty_months.trim().parse::<u32>() {
            Ok(months) if (1..=MAX_WARRANTY_MONTHS).contains(&months) => months,
            _ => {
                fail(CardField::WarrantyMonths, "error-warranty-months");
                0
            }
        };

        match (issue_date, purchase_date) {
            (Some(issue_date), Some(purchase_date)) if errors.is_empty() => Ok(WarrantyCard {
                issue_date,
                issuing_dealer,
                customer_name,
                customer_address,
                customer_phone,
                product_category,
                product_model,
                serial_no,
                purchase_date,
                purchase_area,
                installation_date,
                invoice_no,
                warranty_months,
                feedback_returned: *feedback_returned,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn today() -> NaiveDate {
        ymd(2026, 11, 23)
    }

    fn filled_draft() -> WarrantyCardDraft {
        WarrantyCardDraft {
            issue_date: "2026-03-02".into(),
            issuing_dealer: "南昌洪城经销部".into(),
            customer_name: "张三".into(),
            customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
            customer_phone: "138 0013 8000".into(),
            product_category: "热水器".into(),
            product_model: "BS-60L".into(),
            serial_no: "SN20260302001".into(),
            purchase_date: "2026-03-01".into(),
            purchase_area: "江西南昌".into(),
            installation_date: "2026-03-05".into(),
            invoice_no: "No.00123456".into(),
            warranty_months: "12".into(),
            feedback_returned: true,
        }
    }

    fn card(purchase: NaiveDate, installation: Option<NaiveDate>, feedback: bool) -> WarrantyCard {
        let mut card = filled_draft().parse(today()).unwrap();
        card.issue_date = purchase;
        card.purchase_date = purchase;
        card.installation_date = installation;
        card.feedback_returned = feedback;
        card
    }

    #[test]
    fn a_new_cards_months_follow_its_category_until_typed_by_hand() {
        let periods = WarrantyPeriods {
            default_months: 12,
            by_category: vec![("空调".into(), 36), ("热水器".into(), 18)],
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut draft = WarrantyCardDraft::new_card(today, 12, "");
        draft.product_category = "空调".into();
        assert!(draft.follow_category("", &periods));
        assert_eq!(draft.warranty_months, "36");
        draft.product_category = "洗衣机".into();
        assert!(draft.follow_category("空调", &periods));
        assert_eq!(draft.warranty_months, "12", "back to the default");
        // Months typed by hand stay whatever the category becomes.
        draft.warranty_months = "24".into();
        draft.product_category = "热水器".into();
        assert!(!draft.follow_category("洗衣机", &periods));
        assert_eq!(draft.warranty_months, "24");
    }

    #[test]
    fn warranty_period_is_by_product_category_with_the_default_for_others() {
        let periods = WarrantyPeriods {
            default_months: 12,
            by_category: vec![
                ("热水器".into(), 18),
                ("空调".into(), 36),
                ("TV".into(), 24),
            ],
        };
        assert_eq!(periods.months_for("空调"), 36);
        assert_eq!(periods.months_for(" 热水器 "), 18);
        assert_eq!(periods.months_for("tv"), 24, "Latin letter case is ignored");
        assert_eq!(periods.months_for("洗衣机"), 12, "not listed: the default");
        assert_eq!(periods.months_for(""), 12);
        assert_eq!(
            periods.months_for("空调外机"),
            12,
            "a category is matched whole"
        );
    }

    #[test]
    fn warranty_runs_from_installation_else_purchase_for_the_warranty_months() {
        let installed = card(ymd(2026, 3, 1), Some(ymd(2026, 3, 5)), true);
        assert_eq!(installed.warranty_end(), ymd(2027, 3, 4));
        let bought = card(ymd(2026, 3, 1), None, true);
        assert_eq!(bought.warranty_end(), ymd(2027, 2, 28));
        // Month ends clamp: bought on 31 January, one month covers through 27/28 February.
        assert_eq!(warranty_end(ymd(2026, 1, 31), 1), ymd(2026, 2, 27));
    }

    #[test]
    fn warranty_is_valid_within_the_period_with_feedback_returned() {
        let card = card(ymd(2026, 3, 1), None, true);
        assert_eq!(
            card.status(ymd(2027, 2, 28), WarrantyPolicy::default()),
            WarrantyStatus::Valid
        );
    }

    #[test]
    fn warranty_expires_the_day_after_its_end_date() {
        let card = card(ymd(2026, 3, 1), None, true);
        assert_eq!(
            card.status(ymd(2027, 3, 1), WarrantyPolicy::default()),
            WarrantyStatus::Expired
        );
    }

    #[test]
    fn warranty_is_waived_when_the_feedback_form_never_came_back() {
        let card = card(ymd(2026, 3, 1), None, false);
        let policy = WarrantyPolicy {
            feedback_grace_days: 30,
        };
        // Within the grace period the card is still valid: the form may be in the post.
        assert_eq!(card.status(ymd(2026, 3, 31), policy), WarrantyStatus::Valid);
        assert_eq!(card.status(ymd(2026, 4, 1), policy), WarrantyStatus::Waived);
    }

    #[test]
    fn an_expired_card_reads_expired_even_without_feedback() {
        let card = card(ymd(2024, 3, 1), None, false);
        assert_eq!(
            card.status(today(), WarrantyPolicy::default()),
            WarrantyStatus::Expired
        );
    }

    #[test]
    fn a_complete_draft_parses_with_a_canonical_phone() {
        let card = filled_draft().parse(today()).expect("valid draft");
        assert_eq!(card.customer_phone, "13800138000");
        assert_eq!(card.customer_name, "张三");
        assert_eq!(card.installation_date, Some(ymd(2026, 3, 5)));
        assert_eq!(WarrantyCardDraft::from_card(&card).parse(today()), Ok(card));
    }

    fn errors_of(draft: WarrantyCardDraft) -> Vec<(CardField, &'static str)> {
        draft
            .parse(today())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    #[test]
    fn required_fields_are_required() {
        let errors = errors_of(WarrantyCardDraft::default());
        for field in [
            CardField::IssueDate,
            CardField::IssuingDealer,
            CardField::CustomerName,
            CardField::CustomerAddress,
            CardField::CustomerPhone,
            CardField::ProductModel,
            CardField::SerialNo,
            CardField::PurchaseDate,
        ] {
            assert!(
                errors.contains(&(field, "error-required")),
                "{field:?} in {errors:?}"
            );
        }
        assert!(
            !errors
                .iter()
                .any(|(f, _)| *f == CardField::InstallationDate)
        );
    }

    #[test]
    fn an_impossible_date_is_refused_beside_its_field() {
        let draft = WarrantyCardDraft {
            purchase_date: "2026-02-30".into(),
            ..filled_draft()
        };
        assert_eq!(
            errors_of(draft),
            vec![(CardField::PurchaseDate, "error-date-no-such-day")]
        );
    }

    #[test]
    fn purchase_may_not_be_after_installation() {
        let draft = WarrantyCardDraft {
            purchase_date: "2026-03-06".into(),
            installation_date: "2026-03-05".into(),
            ..filled_draft()
        };
        assert_eq!(
            errors_of(draft),
            vec![(CardField::PurchaseDate, "error-purchase-after-installation")]
        );
    }

    #[test]
    fn purchase_may_not_be_in_the_future() {
        let draft = WarrantyCardDraft {
            purchase_date: "2026-11-24".into(),
            installation_date: String::new(),
            ..filled_draft()
        };
        assert_eq!(
            errors_of(draft),
            vec![(CardField::PurchaseDate, "error-date-in-future")]
        );
    }

    #[test]
    fn an_implausible_phone_is_refused() {
        let draft = WarrantyCardDraft {
            customer_phone: "12345".into(),
            ..filled_draft()
        };
        assert_eq!(
            errors_of(draft),
            vec![(CardField::CustomerPhone, "error-phone")]
        );
    }

    #[test]
    fn overlong_text_is_refused_not_cut() {
        let draft = WarrantyCardDraft {
            customer_name: "张".repeat(20_000),
            ..filled_draft()
        };
        assert_eq!(
            errors_of(draft),
            vec![(CardField::CustomerName, "error-too-long")]
        );
    }

    #[test]
    fn warranty_months_must_be_a_whole_number_from_1_to_120() {
        for (good, end) in [
            ("1", ymd(2026, 4, 4)),
            (" 120 ", ymd(2036, 3, 4)),
            ("36", ymd(2029, 3, 4)),
        ] {
            let card = WarrantyCardDraft {
                warranty_months: good.into(),
                ..filled_draft()
            }
            .parse(today())
            .unwrap_or_else(|errors| panic!("{good:?} refused: {errors:?}"));
            assert_eq!(card.warranty_months, good.trim().parse::<u32>().unwrap());
            assert_eq!(
                card.warranty_end(),
                end,
                "installed 2026-03-05, {good} months"
            );
        }
        for bad in ["0", "121", "twelve", "-3", "1.5", ""] {
            let draft = WarrantyCardDraft {
                warranty_months: bad.into(),
                ..filled_draft()
            };
            assert_eq!(
                errors_of(draft),
                vec![(CardField::WarrantyMonths, "error-warranty-months")]
            );
        }
    }
}

//! The warranty card on paper: filled from a stored card, or blank for filling by hand.

use super::Rendered;
use super::{Bilingual, Cell, Form, Inked, PdfError, Row, Section, render};
use crate::domain::company::CompanyProfile;
use crate::domain::date::format_date;
use crate::domain::unit::shown_number;
use crate::domain::warranty_card::WarrantyCard;
use crate::store::signature::Signature;
use crate::store::warranty_card::StoredCard;

/// What the paper needs besides the card: the settings printed on it.
pub struct CardPaper {
    /// The letterhead.
    pub company: CompanyProfile,
    pub feedback_grace_days: u32,
    /// The day the card is printed: its warranty status is as of this day.
    pub today: chrono::NaiveDate,
}

impl CardPaper {
    /// The paper the settings describe (letterhead with `logo`, the stored one), for a card
    /// printed on `today`.
    pub fn from_settings(
        settings: &crate::domain::settings::Settings,
        logo: Option<Vec<u8>>,
        today: chrono::NaiveDate,
    ) -> CardPaper {
        CardPaper {
            company: settings.company_profile(logo),
            feedback_grace_days: settings.feedback_grace_days,
            today,
        }
    }
}

/// The PDF of a filled card.
pub fn filled(stored: &StoredCard, paper: &CardPaper) -> Result<Rendered, PdfError> {
    filled_signed(stored, paper, &[])
}

/// The PDF of a filled card with the signatures given on screen in their boxes.
pub fn filled_signed(
    stored: &StoredCard,
    paper: &CardPaper,
    signatures: &[Signature],
) -> Result<Rendered, PdfError> {
    let form = Form {
        inked: Inked::boxes(signatures),
        ..form(Some(stored), paper)
    };
    render(&form, false)
}

/// The PDF of an empty card, with room to write by hand.
pub fn blank(paper: &CardPaper) -> Result<Rendered, PdfError> {
    let form = form(None, paper);
    render(&form, true)
}

/// A card's values as printed, by field: empty for a blank card.
#[derive(Default)]
struct Printed {
    registration_no: String,
    issue_date: String,
    issuing_dealer: String,
    customer_name: String,
    customer_phone: String,
    customer_address: String,
    product_category: String,
    product_model: String,
    serial_no: String,
    invoice_no: String,
    purchase_date: String,
    purchase_area: String,
    installation_date: String,
    warranty_months: String,
    warranty_end: String,
    feedback_returned: String,
    status: String,
}

impl Printed {
    fn of(stored: &StoredCard, paper: &CardPaper, text: &Bilingual) -> Printed {
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
        } = &stored.card;
        let policy = crate::domain::warranty_card::WarrantyPolicy {
            feedback_grace_days: paper.feedback_grace_days,
        };
        let status = stored.card.status(paper.today, policy);
        Printed {
            registration_no: shown_number(&stored.registration_no, &stored.origin),
            issue_date: format_date(*issue_date),
            issuing_dealer: issuing_dealer.clone(),
            customer_name: customer_name.clone(),
            customer_phone: customer_phone.clone(),
            customer_address: customer_address.clone(),
            product_category: product_category.clone(),
            product_model: product_model.clone(),
            serial_no: serial_no.clone(),
            invoice_no: invoice_no.clone(),
            purchase_date: format_date(*purchase_date),
            purchase_area: purchase_area.clone(),
            installation_date: installation_date.map(format_date).unwrap_or_default(),
            warranty_months: warranty_months.to_string(),
            warranty_end: format_date(stored.card.warranty_end()),
            feedback_returned: text.yes_no(*feedback_returned),
            status: format!(
                "{} · {}",
                text.both(status.message_key()),
                format_date(paper.today)
            ),
        }
    }
}

fn form<'a>(stored: Option<&'a StoredCard>, paper: &'a CardPaper) -> Form<'a> {
    let text = Bilingual::shared();
    let Printed {
        registration_no,
        issue_date,
        issuing_dealer,
        customer_name,
        customer_phone,
        customer_address,
        product_category,
        product_model,
        serial_no,
        invoice_no,
        purchase_date,
        purchase_area,
        installation_date,
        warranty_months,
        warranty_end,
        feedback_returned,
        status,
    } = stored
        .map(|stored| Printed::of(stored, paper, text))
        .unwrap_or_default();
    let shown = stored
        .map(|s| shown_number(&s.registration_no, &s.origin))
        .unwrap_or_default();
    let pair = |a: Cell, b: Cell| Row { cells: vec![a, b] };
    let single = |a: Cell| Row { cells: vec![a] };
    let grace = paper.feedback_grace_days.to_string();
    Form {
        title_key: "pdf-card-title",
        company: &paper.company,
        number: shown,
        number_label_key: "card-registration-no",
        sections: vec![
            Section::new(
                "pdf-section-card",
                vec![
                    pair(
                        Cell::new("card-registration-no", registration_no),
                        Cell::new("card-issue-date", issue_date),
                    ),
                    single(Cell::new("card-issuing-dealer", issuing_dealer)),
                ],
            ),
            Section::new(
                "pdf-section-customer",
                vec![
                    pair(
                        Cell::new("card-customer-name", customer_name),
                        Cell::new("card-customer-phone", customer_phone),
                    ),
                    single(Cell::new("card-customer-address", customer_address).tall(2)),
                ],
            ),
            Section::new(
                "pdf-section-product",
                vec![
                    pair(
                        Cell::new("card-product-category", product_category),
                        Cell::new("card-product-model", product_model),
                    ),
                    pair(
                        Cell::new("card-serial-no", serial_no),
                        Cell::new("card-invoice-no", invoice_no),
                    ),
                    pair(
                        Cell::new("card-purchase-date", purchase_date),
                        Cell::new("card-purchase-area", purchase_area),
                    ),
                    pair(
                        Cell::new("card-installation-date", installation_date),
                        Cell::new("card-warranty-months", warranty_months),
                    ),
                    pair(
                        Cell::new("card-warranty-end", warranty_end),
                        Cell::new("card-feedback-returned", feedback_returned)
                            .choices(text.yes_no_boxes()),
                    ),
                    single(Cell::new("pdf-card-status-printed", status)),
                ],
            ),
        ],
        signatures: vec![
            "pdf-sign-customer",
            "pdf-sign-dealer-seal",
            "pdf-sign-clerk",
        ],
        note: text.both_args("pdf-card-terms", &[("days", &grace)]),
        photos: Vec::new(),
        scans: Vec::new(),
        inked: Vec::new(),
        void: stored.and_then(|s| s.void.clone()),
        code: stored
            .map(|s| super::code_of(&s.registration_no, &s.origin, &s.uuid, &paper.company)),
    }
}

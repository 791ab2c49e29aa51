//! The warranty card on paper: filled from a stored card, or blank for filling by hand.

use super::{Bilingual, Cell, Form, PdfError, Row, Section, render};
use crate::domain::company::CompanyProfile;
use crate::domain::date::format_date;
use crate::domain::warranty_card::WarrantyCard;
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
        settings: &crate::store::Settings,
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
pub fn filled(stored: &StoredCard, paper: &CardPaper) -> Result<Vec<u8>, PdfError> {
    let form = form(Some(stored), paper);
    render(&form, false)
}

/// The PDF of an empty card, with room to write by hand.
pub fn blank(paper: &CardPaper) -> Result<Vec<u8>, PdfError> {
    let form = form(None, paper);
    render(&form, true)
}

fn form<'a>(stored: Option<&'a StoredCard>, paper: &'a CardPaper) -> Form<'a> {
    let text = Bilingual::new();
    let yes_no = |yes: bool| text.both(if yes { "pdf-yes" } else { "pdf-no" });
    let policy = crate::domain::warranty_card::WarrantyPolicy {
        feedback_grace_days: paper.feedback_grace_days,
    };
    let values = stored.map(|stored| {
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
        [
            stored.registration_no.clone(),
            format_date(*issue_date),
            issuing_dealer.clone(),
            customer_name.clone(),
            customer_phone.clone(),
            customer_address.clone(),
            product_category.clone(),
            product_model.clone(),
            serial_no.clone(),
            invoice_no.clone(),
            format_date(*purchase_date),
            purchase_area.clone(),
            installation_date.map(format_date).unwrap_or_default(),
            warranty_months.to_string(),
            format_date(stored.card.warranty_end()),
            yes_no(*feedback_returned),
            format!(
                "{} · {}",
                text.both(stored.card.status(paper.today, policy).message_key()),
                format_date(paper.today)
            ),
        ]
    });
    let [
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
    ] = values.unwrap_or_default();
    let pair = |a: Cell, b: Cell| Row { cells: vec![a, b] };
    let single = |a: Cell| Row { cells: vec![a] };
    let grace = paper.feedback_grace_days.to_string();
    Form {
        title_key: "pdf-card-title",
        company: &paper.company,
        number: stored.map_or("", |s| s.registration_no.as_str()),
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
                        Cell::new("card-feedback-returned", feedback_returned).choices(vec![
                            format!("□ {}", text.both("pdf-yes")),
                            format!("□ {}", text.both("pdf-no")),
                        ]),
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
        void: stored.and_then(|s| s.void.clone()),
    }
}

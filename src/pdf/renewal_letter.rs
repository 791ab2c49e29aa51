//! The renewal notice (续约通知书) on paper: a letter to the customer, sent a month before their
//! maintenance contract ends, asking them to renew; Chinese first, then English.

use crate::domain::unit::shown_number;
use chrono::NaiveDate;

use super::Rendered;
use super::{Bilingual, Cell, Form, PdfError, Row, Section, render};
use crate::domain::company::CompanyProfile;
use crate::domain::contract::MaintenanceContract;
use crate::domain::date::format_date;
use crate::i18n::{I18n, Lang};
use crate::store::contract::StoredContract;

/// The PDF of the renewal notice for a stored contract, dated `today`.
pub fn filled(
    stored: &StoredContract,
    company: &CompanyProfile,
    today: NaiveDate,
) -> Result<Rendered, PdfError> {
    render(&letter(stored, company, today), false)
}

/// One passage of the letter in each of its languages.
struct Translated {
    chinese: String,
    english: String,
}

fn letter<'a>(
    stored: &'a StoredContract,
    company: &'a CompanyProfile,
    today: NaiveDate,
) -> Form<'a> {
    let text = Bilingual::shared();
    let (zh, en) = (I18n::new(Lang::ZhCn), I18n::new(Lang::English));
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
    } = &stored.contract;
    let end = format_date(*end_date);
    let shown = shown_number(&stored.contract_no, &stored.origin);
    let body_args = [
        ("name", customer_name.as_str()),
        ("number", stored.contract_no.as_str()),
        ("product", product_model.as_str()),
        ("end", end.as_str()),
    ];
    let both_langs = |key: &str, args: &[(&str, &str)]| Translated {
        chinese: zh.tr_args(key, args),
        english: en.tr_args(key, args),
    };
    let greeting = both_langs("pdf-renewal-greeting", &body_args);
    let body = both_langs("pdf-renewal-body", &body_args);
    let labelled = |key: &str, value: &str| format!("{}: {value}", text.both(key));
    let paragraphs = vec![
        labelled("pdf-date", &format_date(today)),
        labelled("pdf-renewal-to", customer_name),
        format!(
            "{}    {}",
            labelled("card-customer-address", customer_address),
            labelled("card-customer-phone", customer_phone)
        ),
        String::new(),
        greeting.chinese,
        body.chinese,
        String::new(),
        greeting.english,
        body.english,
    ];
    let sign_off = both_langs("pdf-renewal-closing", &[]);
    let contact_key = if service_phone.is_empty() {
        "pdf-renewal-contact"
    } else {
        "pdf-renewal-contact-phone"
    };
    let contact_args = [
        ("unit", service_unit.as_str()),
        ("phone", service_phone.as_str()),
    ];
    let contact = both_langs(contact_key, &contact_args);
    let pair = |a: Cell, b: Cell| Row { cells: vec![a, b] };
    let single = |a: Cell| Row { cells: vec![a] };
    let reply = [
        format!("□ {}", text.both("pdf-renewal-agree")),
        format!("□ {}", text.both("pdf-renewal-decline")),
    ]
    .join("   ");
    let mut closing = vec![
        String::new(),
        contact.chinese,
        contact.english,
        String::new(),
        format!("{}  {}", sign_off.chinese, sign_off.english),
    ];
    // The closing is signed with the company's name when it is known.
    if !company.name.is_empty() {
        closing.push(company.name.clone());
    }
    Form {
        title_key: "pdf-renewal-title",
        company,
        number: shown.clone(),
        number_label_key: "contract-number",
        sections: vec![
            Section::text("", paragraphs),
            Section::new(
                "pdf-section-contract",
                vec![
                    pair(
                        Cell::new("contract-number", shown),
                        Cell::new("card-product-model", product_model.clone()),
                    ),
                    pair(
                        Cell::new("card-serial-no", serial_no.clone()),
                        Cell::new("contract-annual-fee", annual_fee.to_string()),
                    ),
                    pair(
                        Cell::new("contract-start-date", format_date(*start_date)),
                        Cell::new("contract-end-date", end.clone()),
                    ),
                    pair(
                        Cell::new("contract-service-unit", service_unit.clone()),
                        Cell::new("contract-service-phone", service_phone.clone()),
                    ),
                    single(Cell::new("contract-terms", terms.clone())),
                    single(Cell::new("pdf-renewal-reply", reply)),
                ],
            ),
            Section::text("", closing),
        ],
        signatures: vec!["pdf-sign-unit-seal", "pdf-sign-customer"],
        note: String::new(),
        photos: Vec::new(),
        scans: Vec::new(),
        inked: Vec::new(),
        void: None,
        code: Some(super::code_of(
            &stored.contract_no,
            &stored.origin,
            &stored.uuid,
            company,
        )),
    }
}

//! The customer complaint acceptance form on paper, filled or blank.

use super::Rendered;
use super::{Bilingual, Cell, Form, Inked, PdfError, Row, Section, render};
use crate::domain::company::CompanyProfile;
use crate::domain::complaint::{
    Channel, Complaint, ComplaintType, CustomerRequest, MediaRisk, ReceivingUnit, Urgency,
    format_time,
};
use crate::domain::date::format_date;
use crate::domain::unit::shown_number;
use crate::store::complaint::StoredComplaint;
use crate::store::signature::Signature;

/// The PDF of a stored complaint.
pub fn filled(stored: &StoredComplaint, company: &CompanyProfile) -> Result<Rendered, PdfError> {
    filled_signed(stored, company, &[])
}

/// The PDF of a stored complaint with the signatures given on screen in their boxes.
pub fn filled_signed(
    stored: &StoredComplaint,
    company: &CompanyProfile,
    signatures: &[Signature],
) -> Result<Rendered, PdfError> {
    let form = Form {
        inked: Inked::boxes(signatures),
        ..form(Some(stored), company)
    };
    render(&form, false)
}

/// The PDF of an empty acceptance form, with tick boxes for every choice.
pub fn blank(company: &CompanyProfile) -> Result<Rendered, PdfError> {
    render(&form(None, company), true)
}

/// "□ 电话 Phone", "□ 传真 Fax" …: the choices of a list, to tick by hand.
pub(super) fn tick_boxes<T: Copy>(
    text: &Bilingual,
    all: &[T],
    key: impl Fn(T) -> &'static str,
) -> Vec<String> {
    all.iter()
        .map(|&choice| format!("□ {}", text.both(key(choice))))
        .collect()
}

/// A complaint's values as printed, by field: empty for a blank form.
#[derive(Default)]
struct Printed {
    complaint_no: String,
    received_at: String,
    channel: String,
    receiving_unit: String,
    receiving_unit_name: String,
    received_by: String,
    warranty_no: String,
    customer_name: String,
    customer_phone: String,
    customer_address: String,
    product_model: String,
    serial_no: String,
    purchase_date: String,
    complaint_type: String,
    customer_request: String,
    urgency: String,
    media_risk: String,
    description: String,
}

impl Printed {
    fn of(stored: &StoredComplaint, text: &Bilingual) -> Printed {
        let Complaint {
            received_at,
            channel,
            receiving_unit,
            receiving_unit_name,
            received_by,
            warranty_registration_no,
            customer_name,
            customer_address,
            customer_phone,
            product_model,
            serial_no,
            purchase_date,
            complaint_type,
            description,
            customer_request,
            urgency,
            media_risk,
        } = &stored.complaint;
        Printed {
            complaint_no: shown_number(&stored.complaint_no, &stored.origin),
            received_at: format_time(*received_at),
            channel: text.both(channel.message_key()),
            receiving_unit: text.both(receiving_unit.message_key()),
            receiving_unit_name: receiving_unit_name.clone(),
            received_by: received_by.clone(),
            warranty_no: warranty_registration_no.clone().unwrap_or_default(),
            customer_name: customer_name.clone(),
            customer_phone: customer_phone.clone(),
            customer_address: customer_address.clone(),
            product_model: product_model.clone(),
            serial_no: serial_no.clone(),
            purchase_date: purchase_date.map(format_date).unwrap_or_default(),
            complaint_type: text.both(complaint_type.message_key()),
            customer_request: text.both(customer_request.message_key()),
            urgency: text.both(urgency.message_key()),
            media_risk: text.both(media_risk.message_key()),
            description: description.clone(),
        }
    }
}

pub(super) fn form<'a>(
    stored: Option<&'a StoredComplaint>,
    company: &'a CompanyProfile,
) -> Form<'a> {
    let text = Bilingual::shared();
    let Printed {
        complaint_no,
        received_at,
        channel,
        receiving_unit,
        receiving_unit_name,
        received_by,
        warranty_no,
        customer_name,
        customer_phone,
        customer_address,
        product_model,
        serial_no,
        purchase_date,
        complaint_type,
        customer_request,
        urgency,
        media_risk,
        description,
    } = stored
        .map(|stored| Printed::of(stored, text))
        .unwrap_or_default();
    let channels = tick_boxes(text, Channel::ALL, Channel::message_key);
    let units = tick_boxes(text, ReceivingUnit::ALL, ReceivingUnit::message_key);
    let types = tick_boxes(text, ComplaintType::ALL, ComplaintType::message_key);
    let requests = tick_boxes(text, CustomerRequest::ALL, CustomerRequest::message_key);
    let urgencies = tick_boxes(text, Urgency::ALL, Urgency::message_key);
    let risks = tick_boxes(text, MediaRisk::ALL, MediaRisk::message_key);
    let pair = |a: Cell, b: Cell| Row { cells: vec![a, b] };
    let single = |a: Cell| Row { cells: vec![a] };
    let shown = stored
        .map(|s| shown_number(&s.complaint_no, &s.origin))
        .unwrap_or_default();
    Form {
        title_key: "pdf-complaint-title",
        company,
        number: shown,
        number_label_key: "complaint-number",
        sections: vec![
            Section::new(
                "pdf-section-receipt",
                vec![
                    pair(
                        Cell::new("complaint-number", complaint_no),
                        Cell::new("complaint-received-at", received_at),
                    ),
                    single(Cell::new("complaint-channel", channel).choices(channels)),
                    single(Cell::new("complaint-receiving-unit", receiving_unit).choices(units)),
                    pair(
                        Cell::new("complaint-receiving-unit-name", receiving_unit_name),
                        Cell::new("complaint-received-by", received_by),
                    ),
                ],
            ),
            Section::new(
                "pdf-section-customer",
                vec![
                    pair(
                        Cell::new("complaint-warranty-no", warranty_no),
                        Cell::new("card-purchase-date", purchase_date),
                    ),
                    pair(
                        Cell::new("card-customer-name", customer_name),
                        Cell::new("card-customer-phone", customer_phone),
                    ),
                    single(Cell::new("card-customer-address", customer_address).tall(2)),
                    pair(
                        Cell::new("card-product-model", product_model),
                        Cell::new("card-serial-no", serial_no),
                    ),
                ],
            ),
            Section::new(
                "pdf-section-complaint",
                vec![
                    single(Cell::new("complaint-type", complaint_type).choices(types)),
                    single(Cell::new("complaint-request", customer_request).choices(requests)),
                    pair(
                        Cell::new("complaint-urgency", urgency).choices(urgencies),
                        Cell::new("complaint-media-risk", media_risk).choices(risks),
                    ),
                    single(Cell::new("complaint-description", description).tall(14)),
                ],
            ),
        ],
        signatures: vec![
            "pdf-sign-customer",
            "pdf-sign-receiver",
            "pdf-sign-unit-seal",
        ],
        note: String::new(),
        photos: Vec::new(),
        scans: Vec::new(),
        inked: Vec::new(),
        void: stored.and_then(|s| s.void.clone()),
        code: stored.map(|s| super::code_of(&s.complaint_no, &s.origin, &s.uuid, company)),
    }
}

//! The after-sales service processing confirmation form on paper, with its parts table, the
//! costs and who bears them, the three-guarantees settlement and the customer's ratings.

use super::complaint::tick_boxes;
use super::{Bilingual, Cell, Form, PdfError, Row, Section, Table, render};
use crate::domain::company::CompanyProfile;
use crate::domain::complaint::format_time;
use crate::domain::confirmation::{
    Aspect, BorneBy, Confirmation, CostKind, Rating, ServiceCategory,
};
use crate::domain::date::format_date;
use crate::domain::investigation::Treatment;
use crate::domain::three_guarantees::{DepreciationRates, Remedy};
use crate::store::complaint::StoredComplaint;
use crate::store::confirmation::StoredConfirmation;

/// A stored confirmation with its complaint and the depreciation rates in force.
pub struct ConfirmationPaper<'a> {
    pub confirmation: &'a StoredConfirmation,
    pub complaint: &'a StoredComplaint,
    pub rates: DepreciationRates,
}

pub fn filled(paper: &ConfirmationPaper, company: &CompanyProfile) -> Result<Vec<u8>, PdfError> {
    render(&form(Some(paper), company), false)
}

pub fn blank(company: &CompanyProfile) -> Result<Vec<u8>, PdfError> {
    render(&form(None, company), true)
}

pub(super) fn form<'a>(
    paper: Option<&'a ConfirmationPaper>,
    company: &'a CompanyProfile,
) -> Form<'a> {
    let text = Bilingual::new();
    let yes_no = |yes: bool| text.both(if yes { "pdf-yes" } else { "pdf-no" });
    let mut parts_rows = Vec::new();
    let mut cost_rows = Vec::new();
    let mut rating_rows = Vec::new();
    let values = paper.map(|paper| {
        let confirmation = &paper.confirmation.confirmation;
        let Confirmation {
            treatment,
            work_done,
            parts,
            service_category,
            costs,
            three_guarantees,
            ratings,
            comments,
            completed_at,
        } = confirmation;
        for part in parts {
            parts_rows.push(vec![
                part.name.clone(),
                part.quantity.to_string(),
                part.unit_cost.to_string(),
                part.total().to_string(),
                yes_no(part.old_part_returned),
            ]);
        }
        for (kind, cost) in CostKind::ALL.iter().zip(costs) {
            cost_rows.push(vec![
                text.both(kind.message_key()),
                cost.amount.to_string(),
                text.both(cost.borne_by.message_key()),
            ]);
        }
        cost_rows.push(vec![
            text.both("pdf-total"),
            confirmation.total_cost().to_string(),
            String::new(),
        ]);
        for (aspect, rating) in Aspect::ALL.iter().zip(ratings) {
            let marks = Rating::ALL
                .iter()
                .map(|r| {
                    format!(
                        "{} {}",
                        if r == rating { "■" } else { "□" },
                        text.both(r.message_key())
                    )
                })
                .collect::<Vec<_>>()
                .join("  ");
            rating_rows.push(vec![text.both(aspect.message_key()), marks]);
        }
        let complaint = &paper.complaint.complaint;
        let (remedy, price, sale_date, days, charge, credited) =
            match (three_guarantees, confirmation.settlement(paper.rates)) {
                (Some(t), Some(settlement)) => (
                    text.both(match t.remedy {
                        Remedy::Exchange => "treatment-replace",
                        Remedy::Refund => "treatment-refund",
                    }),
                    t.price.to_string(),
                    format_date(t.sale_date),
                    settlement.days_in_use.to_string(),
                    settlement.charge.to_string(),
                    settlement.credited.to_string(),
                ),
                _ => Default::default(),
            };
        [
            paper.confirmation.confirmation_no.clone(),
            paper.complaint.complaint_no.clone(),
            complaint.customer_name.clone(),
            complaint.customer_phone.clone(),
            complaint.customer_address.clone(),
            complaint.product_model.clone(),
            complaint.serial_no.clone(),
            text.both(treatment.message_key()),
            text.both(service_category.message_key()),
            work_done.clone(),
            remedy,
            price,
            sale_date,
            days,
            charge,
            credited,
            comments.clone(),
            format_time(*completed_at),
        ]
    });
    let [
        confirmation_no,
        complaint_no,
        customer_name,
        customer_phone,
        customer_address,
        product_model,
        serial_no,
        treatment,
        service_category,
        work_done,
        remedy,
        price,
        sale_date,
        days,
        charge,
        credited,
        comments,
        completed_at,
    ] = values.unwrap_or_default();
    if paper.is_none() {
        // A blank form lists the kinds of cost and the aspects to rate, with boxes to tick.
        let bearers = tick_boxes(&text, BorneBy::ALL, BorneBy::message_key).join(" ");
        for kind in CostKind::ALL {
            cost_rows.push(vec![
                text.both(kind.message_key()),
                String::new(),
                bearers.clone(),
            ]);
        }
        let levels = tick_boxes(&text, Rating::ALL, Rating::message_key).join("  ");
        for aspect in Aspect::ALL {
            rating_rows.push(vec![text.both(aspect.message_key()), levels.clone()]);
        }
    }
    let pair = |a: Cell, b: Cell| Row { cells: vec![a, b] };
    let single = |a: Cell| Row { cells: vec![a] };
    let remedies = vec![
        format!("□ {}", text.both("treatment-replace")),
        format!("□ {}", text.both("treatment-refund")),
    ];
    let three_guarantees_apply =
        paper.is_none_or(|p| p.confirmation.confirmation.three_guarantees.is_some());
    let three_guarantees_section = three_guarantees_apply.then(|| {
        Section::new(
            "confirmation-three-guarantees",
            vec![
                pair(
                    Cell::new("confirmation-treatment", remedy).choices(remedies),
                    Cell::new("three-guarantees-price", price),
                ),
                pair(
                    Cell::new("three-guarantees-sale-date", sale_date),
                    Cell::new("three-guarantees-days", days),
                ),
                pair(
                    Cell::new("three-guarantees-charge", charge),
                    Cell::new("three-guarantees-credited", credited),
                ),
            ],
        )
    });
    let mut form = Form {
        title_key: "pdf-confirmation-title",
        company,
        number: paper.map_or("", |p| p.confirmation.confirmation_no.as_str()),
        number_label_key: "confirmation-number",
        sections: vec![
            Section::new(
                "pdf-section-customer",
                vec![
                    pair(
                        Cell::new("confirmation-number", confirmation_no),
                        Cell::new("complaint-number", complaint_no),
                    ),
                    pair(
                        Cell::new("card-customer-name", customer_name),
                        Cell::new("card-customer-phone", customer_phone),
                    ),
                    single(Cell::new("card-customer-address", customer_address)),
                    pair(
                        Cell::new("card-product-model", product_model),
                        Cell::new("card-serial-no", serial_no),
                    ),
                ],
            ),
            Section::new(
                "pdf-section-service",
                vec![
                    single(
                        Cell::new("confirmation-treatment", treatment).choices(tick_boxes(
                            &text,
                            Treatment::ALL,
                            Treatment::message_key,
                        )),
                    ),
                    single(
                        Cell::new("confirmation-service-category", service_category).choices(
                            tick_boxes(&text, ServiceCategory::ALL, ServiceCategory::message_key),
                        ),
                    ),
                    single(Cell::new("confirmation-work-done", work_done).tall(3)),
                ],
            ),
            Section::new("confirmation-parts", Vec::new()).with_table(Table {
                columns: vec![
                    "part-name",
                    "part-quantity",
                    "part-unit-cost",
                    "part-total",
                    "part-old-returned",
                ],
                widths: vec![4.0, 1.2, 1.6, 1.6, 1.6],
                rows: parts_rows,
                blank_rows: 3,
            }),
            Section::new("pdf-section-costs", Vec::new()).with_table(Table {
                columns: vec![
                    "confirmation-costs",
                    "pdf-amount",
                    "confirmation-cost-borne-by",
                ],
                widths: vec![1.5, 1.0, 5.2],
                rows: cost_rows.clone(),
                blank_rows: 0,
            }),
            Section::new("pdf-section-rating", Vec::new()).with_table(Table {
                columns: vec!["confirmation-ratings", "pdf-rating"],
                widths: vec![1.3, 5.0],
                rows: rating_rows.clone(),
                blank_rows: 0,
            }),
            Section::new(
                "pdf-section-conclusion",
                vec![
                    single(Cell::new("confirmation-comments", comments).tall(2)),
                    single(Cell::new("confirmation-completed-at", completed_at)),
                ],
            ),
        ],
        signatures: vec![
            "pdf-sign-customer",
            "pdf-sign-technician",
            "pdf-sign-unit-seal",
        ],
        note: String::new(),
        photos: Vec::new(),
        void: paper.and_then(|p| p.complaint.void.clone()),
    };
    // The three guarantees are printed only where they apply (and always on a blank form).
    if let Some(section) = three_guarantees_section {
        form.sections.insert(4, section);
    }
    form
}

//! The after-sales service processing confirmation form on paper, with its parts table, the
//! costs and who bears them, the three-guarantees settlement and the customer's ratings.

use super::Rendered;
use super::case::CaseCustomer;
use super::complaint::tick_boxes;
use super::{Bilingual, Cell, Form, Heading, Inked, PdfError, Row, Section, Table, render};
use crate::domain::company::CompanyProfile;
use crate::domain::complaint::format_time;
use crate::domain::confirmation::{
    Aspect, BorneBy, Confirmation, CostKind, Rating, ServiceCategory, TECHNICIAN_SEPARATOR,
    ThreeGuarantees,
};
use crate::domain::date::format_date;
use crate::domain::investigation::Treatment;
use crate::domain::three_guarantees::{DepreciationRates, Remedy, Settlement, format_rate_percent};
use crate::domain::unit::shown_number;
use crate::store::complaint::StoredComplaint;
use crate::store::confirmation::StoredConfirmation;
use crate::store::signature::Signature;

/// A stored confirmation with its complaint and the depreciation rates in force.
pub struct ConfirmationPaper<'a> {
    pub confirmation: &'a StoredConfirmation,
    pub complaint: &'a StoredComplaint,
    pub rates: DepreciationRates,
}

pub fn filled(paper: &ConfirmationPaper, company: &CompanyProfile) -> Result<Rendered, PdfError> {
    filled_signed(paper, company, &[])
}

/// The PDF of a confirmation with the signatures given on screen in their boxes.
pub fn filled_signed(
    paper: &ConfirmationPaper,
    company: &CompanyProfile,
    signatures: &[Signature],
) -> Result<Rendered, PdfError> {
    let form = Form {
        inked: Inked::boxes(signatures),
        ..form(Some(paper), company)
    };
    render(&form, false)
}

pub fn blank(company: &CompanyProfile) -> Result<Rendered, PdfError> {
    render(&form(None, company), true)
}

/// A confirmation's values as printed, by field: empty for a blank form, whose costs and
/// ratings tables list the kinds of cost and the aspects to rate with boxes to tick.
#[derive(Default)]
struct Printed {
    customer: CaseCustomer,
    treatment: String,
    service_category: String,
    work_done: String,
    technicians: String,
    contact_person: String,
    cause_found: String,
    parts: Vec<Vec<String>>,
    costs: Vec<Vec<String>>,
    settlement: PrintedSettlement,
    ratings: Vec<Vec<String>>,
    comments: String,
    completed_at: String,
}

/// The three-guarantees exchange or refund as printed: empty where none applies.
#[derive(Default)]
struct PrintedSettlement {
    remedy: String,
    price: String,
    sale_date: String,
    days_in_use: String,
    charge: String,
    credited: String,
    /// The depreciation rate for the remedy, % a day.
    rate: String,
    counterfeit: String,
}

impl Printed {
    fn of(paper: &ConfirmationPaper, text: &Bilingual) -> Printed {
        let confirmation = &paper.confirmation.confirmation;
        let Confirmation {
            treatment,
            work_done,
            technicians,
            contact_person,
            cause_found,
            parts,
            service_category,
            costs,
            three_guarantees,
            ratings,
            comments,
            completed_at,
        } = confirmation;
        let parts = parts
            .iter()
            .map(|part| {
                vec![
                    part.name.clone(),
                    part.quantity.to_string(),
                    part.unit_cost.to_string(),
                    part.total().to_string(),
                    text.yes_no(part.old_part_returned),
                    part.faulty_serial.clone(),
                    part.replacement_serial.clone(),
                ]
            })
            .collect();
        // The kinds of cost across, as the seeds' form has them: under each its amount, and
        // who bears it below the amount; the total last.
        let mut amounts: Vec<String> = costs
            .iter()
            .map(|cost| {
                format!(
                    "{}\n{}",
                    cost.amount,
                    text.both(cost.borne_by.message_key())
                )
            })
            .collect();
        amounts.push(confirmation.total_cost().to_string());
        let costs = vec![amounts];
        // The aspects across, each with the level the customer chose.
        let ratings = vec![
            ratings
                .iter()
                .map(|rating| format!("■ {}", text.both(rating.message_key())))
                .collect(),
        ];
        let settlement = match (three_guarantees, confirmation.settlement(paper.rates)) {
            (Some(three_guarantees), Some(settlement)) => {
                PrintedSettlement::of(three_guarantees, &settlement, paper.rates, text)
            }
            _ => PrintedSettlement::default(),
        };
        Printed {
            customer: CaseCustomer::of(paper.complaint),
            treatment: text.both(treatment.message_key()),
            service_category: text.both(service_category.message_key()),
            work_done: work_done.clone(),
            technicians: technicians.join(TECHNICIAN_SEPARATOR),
            contact_person: contact_person.clone(),
            cause_found: cause_found.clone(),
            parts,
            costs,
            settlement,
            ratings,
            comments: comments.clone(),
            completed_at: format_time(*completed_at),
        }
    }

    /// A blank form: the kinds of cost with who bears each to tick, and the aspects to rate
    /// with a box under each level.
    fn blank(text: &Bilingual) -> Printed {
        // A line to write the amount on, then who bears it to tick; the total to write.
        let bearers = tick_boxes(text, BorneBy::ALL, BorneBy::message_key).join("\n");
        let mut amounts = vec![format!("\n{bearers}"); CostKind::ALL.len()];
        amounts.push(String::new());
        Printed {
            costs: vec![amounts],
            ratings: vec![vec![
                tick_boxes(text, Rating::ALL, Rating::message_key)
                    .join("\n");
                Aspect::ALL.len()
            ]],
            ..Printed::default()
        }
    }
}

impl PrintedSettlement {
    fn of(
        three_guarantees: &ThreeGuarantees,
        settlement: &Settlement,
        rates: DepreciationRates,
        text: &Bilingual,
    ) -> PrintedSettlement {
        let ThreeGuarantees {
            remedy,
            price,
            sale_date,
            counterfeit_or_unmarked,
        } = three_guarantees;
        let DepreciationRates {
            exchange_bp_per_day,
            refund_bp_per_day,
        } = rates;
        let Settlement {
            days_in_use,
            charge,
            credited,
        } = settlement;
        PrintedSettlement {
            remedy: text.both(match remedy {
                Remedy::Exchange => "treatment-replace",
                Remedy::Refund => "treatment-refund",
            }),
            price: price.to_string(),
            sale_date: format_date(*sale_date),
            days_in_use: days_in_use.to_string(),
            charge: charge.to_string(),
            credited: credited.to_string(),
            rate: format_rate_percent(match remedy {
                Remedy::Exchange => exchange_bp_per_day,
                Remedy::Refund => refund_bp_per_day,
            }),
            // Taken back without charge: the charge shows it, and the paper says why.
            counterfeit: text.yes_no(*counterfeit_or_unmarked),
        }
    }
}

pub(super) fn form<'a>(
    paper: Option<&'a ConfirmationPaper>,
    company: &'a CompanyProfile,
) -> Form<'a> {
    let text = Bilingual::shared();
    let Printed {
        customer,
        treatment,
        service_category,
        work_done,
        technicians,
        contact_person,
        cause_found,
        parts,
        costs,
        settlement,
        ratings,
        comments,
        completed_at,
    } = paper.map_or_else(|| Printed::blank(text), |paper| Printed::of(paper, text));
    let PrintedSettlement {
        remedy,
        price,
        sale_date,
        days_in_use,
        charge,
        credited,
        rate,
        counterfeit,
    } = settlement;
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
                // Three short values a row: the section one row shorter keeps a confirmation
                // under the three guarantees on one page.
                Row {
                    cells: vec![
                        Cell::new("three-guarantees-sale-date", sale_date),
                        Cell::new("three-guarantees-days", days_in_use),
                        Cell::new("three-guarantees-rate", rate),
                    ],
                },
                Row {
                    cells: vec![
                        Cell::new("pdf-counterfeit", counterfeit).choices(text.yes_no_boxes()),
                        Cell::new("three-guarantees-charge", charge),
                        Cell::new("three-guarantees-credited", credited),
                    ],
                },
            ],
        )
    });
    let shown = paper
        .map(|p| shown_number(&p.confirmation.confirmation_no, &p.confirmation.origin))
        .unwrap_or_default();
    // A filled form with no part replaced prints no empty parts table (a blank one keeps its
    // lines to write on).
    let parts_section = (paper.is_none() || !parts.is_empty()).then(|| {
        Section::new("confirmation-parts", Vec::new()).with_table(Table {
            columns: Heading::keys(&[
                "part-name",
                "part-quantity",
                "part-unit-cost",
                "part-total",
                "part-old-returned",
                "part-faulty-serial",
                "part-replacement-serial",
            ]),
            // Each heading's English on one line, and a serial of the suppliers' usual 12
            // characters. The serials last, by the margin: a serial's line ending at a rule
            // with "是 Yes" just beyond it read after a fax as one word with it (a reader
            // took 199 of the longest case's 200 new-part serials so).
            widths: vec![66.0, 44.0, 80.0, 62.0, 86.0, 86.0, 86.0],
            rows: parts,
            blank_rows: 3,
            right_aligned: Vec::new(),
        })
    });
    Form {
        title_key: "pdf-confirmation-title",
        company,
        number: shown,
        number_label_key: "confirmation-number",
        // The three guarantees are printed only where they apply (and always on a blank
        // form), after the costs.
        sections: [
            // The confirmation's own number heads every page.
            Some(customer.compact_section()),
            Some(Section::new(
                "pdf-section-service",
                vec![
                    // Side by side: a simple confirmation stays on one page.
                    pair(
                        Cell::new("confirmation-treatment", treatment).choices(tick_boxes(
                            text,
                            Treatment::ALL,
                            Treatment::message_key,
                        )),
                        Cell::new("confirmation-service-category", service_category).choices(
                            tick_boxes(text, ServiceCategory::ALL, ServiceCategory::message_key),
                        ),
                    ),
                    // What was found (and who was there), then what was done about it.
                    pair(
                        Cell::new("confirmation-cause-found", cause_found),
                        Cell::new("confirmation-contact-person", contact_person),
                    ),
                    single(Cell::new("confirmation-work-done", work_done).tall(3)),
                    // Who did the work and when it was done, side by side: a row more
                    // would take a blank form with its letterhead onto a third page.
                    pair(
                        Cell::new("confirmation-technicians", technicians),
                        Cell::new("confirmation-completed-at", completed_at),
                    ),
                ],
            )),
            parts_section,
            Some(
                Section::new("pdf-section-costs", Vec::new()).with_table(Table {
                    columns: CostKind::ALL
                        .iter()
                        .map(|kind| Heading::Key(kind.message_key()))
                        .chain(std::iter::once(Heading::Key("pdf-total")))
                        .collect(),
                    // Room for "公司 Company" on one line under each amount, and for "Travel
                    // and accommodation".
                    widths: vec![80.0, 80.0, 125.0, 80.0, 80.0, 65.0],
                    rows: costs,
                    blank_rows: 0,
                    right_aligned: Vec::new(),
                }),
            ),
            three_guarantees_section,
            // The customer's words, then the ratings, under one heading: what the customer
            // signs for below.
            Some(
                Section::new(
                    "pdf-section-rating",
                    vec![single(Cell::new("confirmation-comments", comments).tall(2))],
                )
                .with_table(Table {
                    columns: Aspect::ALL
                        .iter()
                        .map(|aspect| Heading::Key(aspect.message_key()))
                        .collect(),
                    widths: vec![1.0; Aspect::ALL.len()],
                    rows: ratings,
                    blank_rows: 0,
                    right_aligned: Vec::new(),
                }),
            ),
        ]
        .into_iter()
        .flatten()
        .collect(),
        signatures: vec![
            "pdf-sign-customer",
            "pdf-sign-technician",
            "pdf-sign-unit-seal",
        ],
        note: String::new(),
        photos: Vec::new(),
        scans: Vec::new(),
        inked: Vec::new(),
        void: paper.and_then(|p| p.complaint.void.clone()),
        code: paper.map(|p| {
            let c = p.confirmation;
            super::code_of(&c.confirmation_no, &c.origin, &c.uuid, company)
        }),
    }
}

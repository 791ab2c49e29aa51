//! The case `aftersales demo --longest` writes, every text as long as its form allows, on
//! paper: each of the four forms prints every value whole and in order, and keeps every figure
//! (an amount, a phone number, a count) on one line, condensed when its box is too narrow.

mod common;

use aftersales::domain::paper::Paper;
use aftersales::i18n::{I18n, Lang};
use aftersales::store::Store;
use common::{all_fonts_embedded, drawn_text, now, printed_whole};

/// A value's beginning and length, for a message: the values run to 20,000 characters.
fn short(value: &str) -> String {
    let start: String = value.chars().take(20).collect();
    format!("{start}… ({} characters)", value.chars().count())
}

/// A figure is on one line when a single drawn line of some page holds it.
fn on_one_line(pages: &[String], figure: &str) -> bool {
    pages
        .iter()
        .any(|page| page.lines().any(|line| line.contains(figure)))
}

#[test]
fn every_value_of_the_longest_case_prints_whole_and_every_figure_on_one_line() {
    let mut store = Store::open_in_memory().unwrap();
    let id = aftersales::demo::fill_longest(&mut store, now()).unwrap();
    let i18n = I18n::new(Lang::English);
    let print = |paper: Paper| {
        let printed = aftersales::pdf::paper::print(&store, paper, now().date(), &i18n).unwrap();
        assert!(all_fonts_embedded(&printed.bytes), "{}", printed.file_name);
        drawn_text(&printed.bytes)
    };
    let complaint = store.complaint_by_id(id).unwrap();
    let registration_no = complaint
        .complaint
        .warranty_registration_no
        .clone()
        .unwrap();
    let stored_card = store.card_by_registration_no(&registration_no).unwrap();
    let card = &stored_card.card;
    let report = store.investigation_of(id).unwrap().unwrap();
    let confirmation = store.confirmation_of(id).unwrap().unwrap();

    let pages = print(Paper::Card(stored_card.id));
    for value in [
        &card.issuing_dealer,
        &card.customer_name,
        &card.customer_address,
        &card.product_category,
        &card.product_model,
        &card.serial_no,
        &card.purchase_area,
        &card.invoice_no,
    ] {
        assert_eq!(
            value.chars().count() % 100,
            0,
            "at a limit: {}",
            short(value)
        );
        assert!(
            printed_whole(&pages, value),
            "the card lost {}",
            short(value)
        );
    }
    assert!(on_one_line(&pages, &card.customer_phone));

    let pages = print(Paper::Complaint(id));
    let c = &complaint.complaint;
    for value in [
        &c.receiving_unit_name,
        &c.received_by,
        &c.customer_name,
        &c.customer_address,
        &c.description,
    ] {
        assert!(
            printed_whole(&pages, value),
            "the complaint lost {}",
            short(value)
        );
    }
    assert_eq!(c.description.chars().count(), 20_000);

    let pages = print(Paper::Investigation(report.id));
    let r = &report.investigation;
    for value in [&r.investigators, &r.findings, &r.cause, &r.customer_opinion] {
        assert!(
            printed_whole(&pages, value),
            "the report lost {}",
            short(value)
        );
    }
    assert!(on_one_line(&pages, &r.estimated_cost.to_string()));

    let pages = print(Paper::Confirmation(confirmation.id));
    let f = &confirmation.confirmation;
    assert_eq!(f.parts.len(), 200);
    for value in [&f.work_done, &f.contact_person, &f.cause_found, &f.comments] {
        assert!(
            printed_whole(&pages, value),
            "the confirmation lost {}",
            short(value)
        );
    }
    assert!(printed_whole(&pages, &f.technicians.join("、")));
    for part in &f.parts {
        for value in [&part.name, &part.faulty_serial, &part.replacement_serial] {
            assert!(
                printed_whole(&pages, value),
                "the parts lost {}",
                short(value)
            );
        }
        assert!(
            on_one_line(&pages, &part.total().to_string()),
            "{}",
            part.total()
        );
    }
    let total: aftersales::domain::money::Fen = f.costs.iter().map(|cost| cost.amount).sum();
    for cost in &f.costs {
        assert!(
            on_one_line(&pages, &cost.amount.to_string()),
            "{}",
            cost.amount
        );
    }
    assert!(
        on_one_line(&pages, &total.to_string()),
        "the total is broken"
    );
}

#[test]
fn every_page_of_the_longest_forms_carries_its_records_code() {
    use aftersales::domain::paper::FormCode;
    let mut store = Store::open_in_memory().unwrap();
    let id = aftersales::demo::fill_longest(&mut store, now()).unwrap();
    let i18n = I18n::new(Lang::English);
    let complaint = store.complaint_by_id(id).unwrap();
    let card = store
        .card_by_registration_no(
            complaint
                .complaint
                .warranty_registration_no
                .as_ref()
                .unwrap(),
        )
        .unwrap();
    let report = store.investigation_of(id).unwrap().unwrap();
    let confirmation = store.confirmation_of(id).unwrap().unwrap();
    for (paper, uuid) in [
        (Paper::Card(card.id), &card.uuid),
        (Paper::Complaint(id), &complaint.uuid),
        (Paper::Investigation(id), &report.uuid),
        (Paper::Confirmation(id), &confirmation.uuid),
    ] {
        let printed = aftersales::pdf::paper::print(&store, paper, now().date(), &i18n).unwrap();
        let codes = common::page_codes(&printed.bytes);
        assert!(codes.len() > 1, "{}", printed.file_name);
        for (page, code) in codes.iter().enumerate() {
            let read = code.as_deref().and_then(FormCode::parse);
            assert_eq!(
                read.map(|code| code.uuid).as_ref(),
                Some(uuid),
                "{} page {}",
                printed.file_name,
                page + 1
            );
        }
    }
}

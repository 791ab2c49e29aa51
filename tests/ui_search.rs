//! The search of everything from the top bar: Chinese substrings, numbers, and opening what
//! was found.

mod common;

use common::{SaveDialog, click, fill, harness, now, store_in};
use egui_kittest::kittest::Queryable;

#[test]
fn searching_everything_finds_cards_complaints_and_customers_and_opens_them() {
    let mut store = store_in("en");
    aftersales::demo::fill(&mut store, 120, 11, now()).unwrap();
    let complaint_id = store.complaint_ids(&Default::default()).unwrap()[0];
    let complaint = store.complaint_by_id(complaint_id).unwrap();
    let mut harness = harness(store, &SaveDialog::default());

    fill(&mut harness, "Search everything", &complaint.complaint_no);
    harness.get_by_label_contains("1 found");
    click(&mut harness, &complaint.complaint_no);
    harness.get_by_label(&format!("Complaint {}", complaint.complaint_no));

    // Two characters of a Chinese name find every record of that customer.
    let name: String = complaint.complaint.customer_name.chars().take(2).collect();
    fill(&mut harness, "Search everything", &name);
    harness.get_by_label_contains("Search “");
    let hits = harness.state().store().search_all(&name, 200).unwrap();
    assert!(
        hits.len() >= 3,
        "card, complaint and customer at least: {hits:?}"
    );
    harness.get_by_label_contains(&format!("{} found", hits.len()));
}

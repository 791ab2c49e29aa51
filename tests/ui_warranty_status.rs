//! The warranty status on screen: valid, expired, and waived when the feedback form never
//! came back (after 30 days by default), in the cards list, on the card and where a complaint
//! looks the card up.

mod common;

use aftersales::store::Store;
use common::{SaveDialog, click, fill, harness, now, store_in};
use egui_kittest::kittest::Queryable;

/// On 2026-11-23: 王五 bought in March and never returned the feedback form (waived); 赵六
/// bought on 10 November and may still return it (valid); 孙七 returned it (valid); 周八's
/// twelve months ended on 2024-12-31 (expired).
fn store() -> Store {
    let mut store = store_in("en");
    for (name, purchase, feedback_returned) in [
        ("王五", "2026-03-01", false),
        ("赵六", "2026-11-10", false),
        ("孙七", "2026-03-01", true),
        ("周八", "2024-01-01", true),
    ] {
        let mut card = common::card(name, "13800138000", purchase);
        card.feedback_returned = feedback_returned;
        store.insert_card(&card, "WC", now()).unwrap();
    }
    store
}

/// The status shown on the list row of `name`.
fn status_beside(harness: &egui_kittest::Harness<'_, aftersales::app::App>, name: &str) -> String {
    let row = harness.get_by_label(name).rect().center().y;
    let statuses = ["Valid", "Expired", "Waived (no feedback form)"];
    let beside: Vec<&str> = statuses
        .into_iter()
        .filter(|status| {
            harness
                .query_all_by_label(status)
                .any(|node| (node.rect().center().y - row).abs() < 2.0)
        })
        .collect();
    assert_eq!(beside.len(), 1, "{name}: {beside:?}");
    beside[0].to_owned()
}

#[test]
fn the_cards_list_shows_each_cards_warranty_status() {
    let harness = harness(store(), &SaveDialog::default());
    for (name, status) in [
        ("王五", "Waived (no feedback form)"),
        ("赵六", "Valid"),
        ("孙七", "Valid"),
        ("周八", "Expired"),
    ] {
        assert_eq!(status_beside(&harness, name), status, "{name}");
    }
}

#[test]
fn a_card_whose_feedback_form_never_came_back_reads_waived_on_the_card_and_in_a_complaint() {
    let mut harness = harness(store(), &SaveDialog::default());
    click(&mut harness, "王五");
    harness.get_by_label("Warranty card WC-2026-000001");
    harness.get_by_label("Warranty status: Waived (no feedback form) (covered through 2027-02-28)");
    click(&mut harness, "← Back to list");
    click(&mut harness, "Complaints");
    click(&mut harness, "New complaint");
    fill(&mut harness, "Warranty card no.", "WC-2026-000001");
    harness.get_by_label_contains(
        "Card found: 王五, JSQ20-A1. Warranty: Waived (no feedback form) (through 2027-02-28).",
    );
    // The card still in its grace period reads valid.
    fill(&mut harness, "Warranty card no.", "WC-2026-000002");
    harness.get_by_label_contains("Card found: 赵六, JSQ20-A1. Warranty: Valid");
}

//! Nothing looks like data unless it is: an empty box's placeholder says what to type, and one
//! with a number in it says "e.g." (如) so it cannot be read as a linked card or a date already
//! filled in. Checked on every text box of the card, complaint and confirmation forms, in both
//! languages.

mod common;

use common::{SaveDialog, click, harness, store_in};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

type App = aftersales::app::App;

/// Every placeholder shown in the window's text boxes, with the box's name.
fn placeholders(harness: &Harness<'_, App>) -> Vec<(String, String)> {
    [
        egui::accesskit::Role::TextInput,
        egui::accesskit::Role::MultilineTextInput,
    ]
    .into_iter()
    .flat_map(|role| harness.query_all_by_role(role))
    .filter_map(|node| {
        let node = node.accesskit_node();
        let placeholder = node.placeholder()?.to_owned();
        Some((node.label().unwrap_or_default(), placeholder))
    })
    .collect()
}

/// Fails on a placeholder with a figure in it that is not marked as an example.
fn assert_examples(harness: &Harness<'_, App>, marker: &str, form: &str) {
    let shown = placeholders(harness);
    assert!(!shown.is_empty(), "{form}: no placeholders at all");
    for (field, placeholder) in shown {
        if placeholder.chars().any(|c| c.is_ascii_digit()) {
            assert!(
                placeholder.contains(marker),
                "{form}, {field}: {placeholder:?} looks like a value"
            );
        }
    }
}

#[test]
fn every_placeholder_with_a_figure_in_it_says_it_is_an_example_in_both_languages() {
    for (language, marker, cards, new_card, complaints, new_complaint) in [
        (
            "en",
            "e.g.",
            "Warranty cards",
            "New card",
            "Complaints",
            "New complaint",
        ),
        (
            "zh-CN",
            "如",
            "质量保证卡",
            "新建保证卡",
            "客户投诉",
            "新建投诉",
        ),
    ] {
        let mut harness = harness(store_in(language), &SaveDialog::default());
        click(&mut harness, cards);
        click(&mut harness, new_card);
        assert_examples(&harness, marker, "card");
        click(&mut harness, complaints);
        harness
            .query_all_by_label(new_complaint)
            .next()
            .expect("the button")
            .click();
        harness.run();
        assert_examples(&harness, marker, "complaint");
        // The card number box in particular: an example, not a card.
        let card_no = placeholders(&harness)
            .into_iter()
            .find(|(_, p)| p.contains("WC-"))
            .expect("the card number box says what a number looks like");
        assert!(card_no.1.contains(marker), "{card_no:?}");
    }
}

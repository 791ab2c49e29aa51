//! Drafts: the typing of an open form kept in the database while it is not saved, so a crash
//! or a power cut loses at most the last two seconds of it. The window runs on a clock the test
//! moves, so the draft timer and the messages' lifetimes are tried without waiting.

mod common;

use std::path::Path;
use std::sync::{Arc, Mutex};

use aftersales::app::App;
use aftersales::store::Store;
use aftersales::store::audit::Operator;
use chrono::{Duration, NaiveDateTime};
use common::{click, fill, now};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A clock the test sets.
#[derive(Clone)]
struct Clock(Arc<Mutex<NaiveDateTime>>);

impl Clock {
    fn new() -> Clock {
        Clock(Arc::new(Mutex::new(now())))
    }

    fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

/// The window on the file at `path`, in English, running on `clock`.
fn window(path: &Path, clock: &Clock) -> Harness<'static, App> {
    let store = Store::open(path).unwrap();
    store.set_setting("language", "en").unwrap();
    store
        .set_operator(&Operator {
            name: "测试员".into(),
            unit: "hq".into(),
        })
        .unwrap();
    let time = clock.0.clone();
    let app = App::with(
        store,
        Box::new(|_| None),
        Box::new(move || *time.lock().unwrap()),
    );
    let mut harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_context_setup(aftersales::ui::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

fn draft(harness: &Harness<'_, App>) -> Option<String> {
    harness.state().store().draft("open_form").unwrap()
}

#[test]
fn two_fields_typed_in_a_row_are_both_in_the_draft_once_the_interval_has_passed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drafts.db");
    let clock = Clock::new();
    {
        let mut harness = window(&path, &clock);
        click(&mut harness, "Warranty cards");
        click(&mut harness, "New card");
        fill(&mut harness, "Customer name", "赵六");
        // The first change is written at once; the next waits for the interval.
        let first = draft(&harness).expect("written at once");
        assert!(first.contains("赵六") && !first.contains("13912345678"));
        fill(&mut harness, "Phone", "13912345678");
        assert!(!draft(&harness).unwrap().contains("13912345678"));
        // Two seconds later, with no key pressed, the window draws again and writes it.
        clock.advance(Duration::seconds(2));
        harness.step();
        let later = draft(&harness).unwrap();
        assert!(
            later.contains("赵六") && later.contains("13912345678"),
            "{later}"
        );
        // The program is killed here: nothing was saved.
    }
    let mut harness = window(&path, &clock);
    assert_eq!(
        harness.get_by_label("Customer name").value().as_deref(),
        Some("赵六")
    );
    assert_eq!(
        harness.get_by_label("Phone").value().as_deref(),
        Some("13912345678")
    );
    harness.get_by_label("The form you had not saved was restored from the last session.");
    harness.run();
}

#[test]
fn no_draft_is_left_after_save_or_after_discarding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drafts.db");
    let clock = Clock::new();
    let mut harness = window(&path, &clock);
    click(&mut harness, "Warranty cards");
    click(&mut harness, "New card");
    for (label, value) in [
        ("Issuing dealer", "南昌洪城经销部"),
        ("Customer name", "李娜"),
        ("Phone", "13912345678"),
        ("Address", "江西省南昌市东湖区八一大道 88 号"),
        ("Product model", "JSQ20-A1"),
        ("Serial no.", "KF15261130777"),
        ("Purchase date", "2026-03-01"),
    ] {
        fill(&mut harness, label, value);
    }
    assert!(draft(&harness).is_some());
    click(&mut harness, "Save");
    assert_eq!(harness.state().store().card_count().unwrap(), 1);
    assert_eq!(draft(&harness), None, "saved: no draft");

    click(&mut harness, "← Back to list");
    click(&mut harness, "New card");
    fill(&mut harness, "Customer name", "王五");
    assert!(draft(&harness).unwrap().contains("王五"));
    click(&mut harness, "← Back to list");
    click(&mut harness, "Discard changes");
    assert_eq!(draft(&harness), None, "discarded: no draft");
    drop(harness);
    // Nothing is restored the next time.
    let harness = window(&path, &clock);
    assert!(
        harness
            .query_by_label("The form you had not saved was restored from the last session.")
            .is_none()
    );
    assert_eq!(harness.state().store().card_count().unwrap(), 1);
}

#[test]
fn a_draft_that_cannot_be_read_back_is_set_aside_and_the_clerk_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drafts.db");
    let garbage = r#"{"Card": {"form": {"draft": 42"#;
    Store::open(&path)
        .unwrap()
        .save_draft("open_form", garbage)
        .unwrap();
    let clock = Clock::new();
    let mut harness = window(&path, &clock);
    harness.get_by_label_contains("could not be read back");
    let store = harness.state().store();
    assert_eq!(store.draft("open_form").unwrap(), None, "not tried again");
    assert_eq!(
        store.draft("open_form.unreadable").unwrap().as_deref(),
        Some(garbage),
        "kept exactly"
    );
    // The message is an error: it stays until dismissed, however long the clerk waits.
    clock.advance(Duration::minutes(10));
    harness.step();
    harness.get_by_label_contains("could not be read back");
    click(&mut harness, "Dismiss");
    assert!(
        harness
            .query_by_label_contains("could not be read back")
            .is_none()
    );
}

#[test]
fn a_message_that_is_not_an_error_goes_after_six_seconds_on_the_apps_clock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("drafts.db");
    let clock = Clock::new();
    {
        let mut harness = window(&path, &clock);
        click(&mut harness, "Warranty cards");
        click(&mut harness, "New card");
        fill(&mut harness, "Customer name", "赵六");
    }
    let mut harness = window(&path, &clock);
    let restored = "The form you had not saved was restored from the last session.";
    harness.get_by_label(restored);
    clock.advance(Duration::seconds(5));
    harness.step();
    harness.get_by_label(restored);
    clock.advance(Duration::seconds(1));
    harness.step();
    assert!(
        harness.query_by_label(restored).is_none(),
        "gone at six seconds"
    );
}

//! The monthly files screen, driven through the window: a dealer sends October (the
//! dashboard's reminder goes once it is sent), and the region checks the file, sees what it
//! will do, must confirm the new sender's fingerprint, and imports it; the tracker then shows
//! the dealer's file as late (it came on the 23rd). The work runs beside the window, which
//! keeps drawing.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use aftersales::app::App;
use aftersales::store::Store;
use common::{click, now, press, tick};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rusqlite::Connection;

/// The app on the database at `db`, at the tests' fixed time, saving to `save` and importing
/// `import` when asked.
fn window(db: &Path, save: Option<PathBuf>, import: Option<PathBuf>) -> Harness<'static, App> {
    let store = Store::open(db).unwrap();
    store.set_setting("language", "en").unwrap();
    store
        .set_operator(&aftersales::store::audit::Operator {
            name: "李静".into(),
            unit: "dealer".into(),
        })
        .unwrap();
    let suggested = Arc::new(Mutex::new(Vec::<String>::new()));
    let app = App::with(
        store,
        Box::new(move |name| {
            suggested.lock().unwrap().push(name.to_owned());
            save.clone()
        }),
        Box::new(now),
    )
    .with_monthly_file_picker(Box::new(move || import.clone()));
    let mut harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_context_setup(aftersales::ui::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.run();
    harness
}

/// Draws frames until a widget labelled `label` shows (the work beside the window is done),
/// for at most 30 seconds.
fn wait_for(harness: &mut Harness<'_, App>, label: &str) {
    let start = Instant::now();
    while harness.query_by_label_contains(label).is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{label:?} never showed"
        );
        std::thread::sleep(Duration::from_millis(20));
        harness.step();
    }
    harness.run();
}

/// Clicks the button labelled `label`, which starts work beside the window: the frames that
/// follow keep drawing its progress, so they are stepped, not run to rest.
fn start(harness: &mut Harness<'_, App>, label: &str) {
    use egui_kittest::kittest::NodeT;
    harness
        .query_all_by_label(label)
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::Button)
        .unwrap_or_else(|| panic!("no button {label:?}"))
        .click();
    harness.step();
}

fn demo(db: &Path, args: &[&str]) {
    let mut all = vec!["demo", "--db", db.to_str().unwrap(), "--count", "12"];
    all.extend_from_slice(args);
    let output = common::aftersales_at("2026-10-20 10:00", &all);
    assert!(output.status.success(), "{}", common::stderr(&output));
}

#[test]
fn a_dealer_sends_october_and_the_region_imports_it_through_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let (dealer, region) = (dir.path().join("dealer.db"), dir.path().join("region.db"));
    demo(
        &dealer,
        &[
            "--unit",
            "JX-D01",
            "--unit-name",
            "南昌红谷滩经销商",
            "--level",
            "dealer",
            "--region",
            "JX",
        ],
    );
    demo(
        &region,
        &[
            "--unit",
            "JX",
            "--unit-name",
            "江西大区",
            "--level",
            "region",
        ],
    );
    let file = dir.path().join("JX-D01-2026-10.asmf");

    // The dealer: the dashboard says October's file is owed, and past due (it is the 23rd).
    let mut harness = window(&dealer, Some(file.clone()), None);
    assert!(
        harness
            .query_by_label("The monthly file for 2026-10 is due by 2026-11-05")
            .is_some()
    );
    click(&mut harness, "Monthly files");
    assert!(
        harness
            .query_by_label("This office: JX-D01 (南昌红谷滩经销商), Dealer")
            .is_some()
    );
    start(&mut harness, "Send monthly file…");
    wait_for(&mut harness, "Monthly file for 2026-10 written");
    assert!(file.exists());
    let sent: i64 = Connection::open(&dealer)
        .unwrap()
        .query_row(
            "SELECT count(*) FROM exchanges WHERE direction = 'sent' AND period = '2026-10'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sent, 1);
    click(&mut harness, "Dashboard");
    assert!(
        harness
            .query_by_label("The monthly file for 2026-10 is due by 2026-11-05")
            .is_none(),
        "the reminder goes once the file is sent"
    );
    drop(harness);

    // The region: check, see, confirm the new sender, import.
    let tracker = dir.path().join("tracker.xlsx");
    let mut harness = window(&region, Some(tracker.clone()), Some(file.clone()));
    click(&mut harness, "Monthly files");
    start(&mut harness, "Import monthly file…");
    wait_for(&mut harness, "From JX-D01 (南昌红谷滩经销商), for 2026-10");
    // The plan's table names each kind (beside the menu's own "Warranty cards").
    assert_eq!(harness.query_all_by_label("Warranty cards").count(), 2);
    assert!(harness.query_by_label("Case steps").is_some());
    assert!(
        harness
            .query_by_label_contains("has not sent a file here before")
            .is_some()
    );
    // Not before the fingerprint is confirmed.
    press(&mut harness, "Import");
    std::thread::sleep(Duration::from_millis(200));
    harness.run();
    let cards = |db: &Path| -> i64 {
        Connection::open(db)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM warranty_cards WHERE origin = 'JX-D01'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(cards(&region), 0, "imported before the key was accepted");
    tick(&mut harness, "I checked this fingerprint with the office");
    start(&mut harness, "Import");
    wait_for(&mut harness, "Imported JX-D01's file for 2026-10");
    assert_eq!(cards(&region), 12);
    // The tracker: the dealer's file came on the 23rd, after the 5th.
    assert!(harness.query_by_label_contains("1 of 1 offices").is_some());
    assert!(harness.query_by_label("Late").is_some());
    assert!(harness.query_by_label("2026-11-23 09:30").is_some());
    // The tracker goes to Excel as it shows, the time received as a date and time.
    click(&mut harness, "Excel…");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&tracker).unwrap();
    let name = calamine::Reader::sheet_names(&book)[0].clone();
    assert_eq!(name, "Who submitted 2026-10");
    let range = calamine::Reader::worksheet_range(&mut book, &name).unwrap();
    let rows: Vec<_> = range.rows().map(|r| r.to_vec()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][0], calamine::Data::String("JX-D01".into()));
    assert_eq!(rows[1][3], calamine::Data::String("Late".into()));
    assert!(
        matches!(rows[1][4], calamine::Data::DateTime(_)),
        "{:?}",
        rows[1][4]
    );
    assert!(
        matches!(rows[1][5], calamine::Data::Float(n) if n > 12.0),
        "{:?}",
        rows[1][5]
    );
    // And the cards list shows them.
    click(&mut harness, "Warranty cards");
    // The region's own card and the dealer's carry the same number: the dealer's says whose.
    assert!(harness.query_by_label("WC-2026-000001").is_some());
    assert!(harness.query_by_label("WC-2026-000001 · JX-D01").is_some());
    // Opened, the dealer's card says whose it is in its title.
    click(&mut harness, "WC-2026-000001 · JX-D01");
    assert!(
        harness
            .query_by_label_contains("WC-2026-000001 · JX-D01")
            .is_some()
    );
    assert!(harness.query_by_label("WC-2026-000001").is_none());
}

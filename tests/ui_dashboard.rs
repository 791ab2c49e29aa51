//! The dashboard, the first screen: overdue work and return visits, each opening its case.

mod common;

use aftersales::domain::complaint::{ComplaintDraft, ReceivingUnit};
use aftersales::store::audit::Operator;
use chrono::Duration;
use common::{SaveDialog, click, harness_as_is, now, store_in};
use egui_kittest::kittest::Queryable;

#[test]
fn the_dashboard_opens_first_and_leads_to_the_overdue_case() {
    let mut store = store_in("en");
    store
        .set_operator(&Operator {
            name: "测试员".into(),
            unit: "hq".into(),
        })
        .unwrap();
    let received = now() - Duration::days(3);
    let complaint = ComplaintDraft {
        receiving_unit_name: "南昌洪城经销部".into(),
        received_by: "刘敏".into(),
        customer_name: "张三".into(),
        customer_phone: "13800138000".into(),
        description: "漏水".into(),
        ..ComplaintDraft::new_complaint(received, ReceivingUnit::Dealer, "", "")
    }
    .parse(now())
    .unwrap();
    let number = store
        .insert_complaint(&complaint, "CC", received)
        .unwrap()
        .complaint_no;
    let mut harness = harness_as_is(store, &SaveDialog::default(), None);
    harness.get_by_label("Today's work");
    // Not answered in 24 h, not on site in 48 h, not reported to HQ in 48 h.
    harness.get_by_label("Overdue (3)");
    harness.get_by_label_contains("Overdue: 3");
    // Each overdue clock links to the case; open it from the first.
    harness.get_all_by_label(&number).next().unwrap().click();
    harness.run();
    harness.get_by_label(&format!("Complaint {number}"));
    click(&mut harness, "Responded");
    click(&mut harness, "Dashboard");
    harness.get_by_label("Overdue (2)");
}

/// A complaint received at a dealer `days` ago and not answered since: its number.
fn received_days_ago(store: &mut aftersales::store::Store, days: i64) -> String {
    let received = now() - Duration::days(days);
    let complaint = ComplaintDraft {
        receiving_unit_name: "南昌洪城经销部".into(),
        received_by: "刘敏".into(),
        customer_name: format!("客户{days}"),
        customer_phone: "13800138000".into(),
        description: "漏水".into(),
        ..ComplaintDraft::new_complaint(received, ReceivingUnit::Dealer, "", "")
    }
    .parse(now())
    .unwrap();
    store
        .insert_complaint(&complaint, "CC", received)
        .unwrap()
        .complaint_no
}

#[test]
fn thousands_overdue_list_the_most_late_hundred_and_count_the_rest() {
    let mut store = store_in("en");
    // 40 complaints, each with three clocks run out: 120 overdue, each received a day apart.
    let numbers: Vec<String> = (0..40)
        .map(|day| received_days_ago(&mut store, 3 + day))
        .collect();
    let harness = harness_as_is(store, &SaveDialog::default(), None);
    harness.get_by_label("Overdue (120)");
    harness.get_by_label("… and 20 more (the most urgent are listed above)");
    // The most late (received first) are listed; the least late are counted, not drawn.
    assert_eq!(harness.get_all_by_label(&numbers[39]).count(), 3);
    assert_eq!(harness.query_all_by_label(&numbers[0]).count(), 0);
}

#[test]
fn headquarters_open_work_is_read_beside_the_window_and_shows_when_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = aftersales::store::Store::open(&dir.path().join("a.db")).unwrap();
    store.set_setting("language", "en").unwrap();
    for day in 0..3 {
        received_days_ago(&mut store, 3 + day);
    }
    store
        .set_operator(&Operator {
            name: "测试员".into(),
            unit: "hq".into(),
        })
        .unwrap();
    // As at headquarters, where the open cases are thousands: here from one.
    let app = aftersales::app::App::with(store, Box::new(|_| None), Box::new(now))
        .with_dashboard_beside_from(1);
    let mut harness = common::window(app);
    harness.step();
    // The window is there while the clocks are read on a connection of their own.
    harness.get_by_label("Today's work");
    for _ in 0..200 {
        // Until the clocks come, no count is shown: a zero would read as "nothing overdue".
        assert!(harness.query_by_label("Overdue (0)").is_none());
        if harness.query_by_label("Reading the open cases…").is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.step();
    }
    assert!(harness.query_by_label("Reading the open cases…").is_none());
    harness.run();
    harness.get_by_label("Overdue (9)");
}

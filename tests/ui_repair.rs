//! The repairs screen driven as a clerk would: machines received are registered with their
//! count, the turnaround follows the 10-units-a-day rule, and a late delivery shows on the
//! dashboard until it is marked repaired.

mod common;

use aftersales::domain::repair::Repair;
use chrono::Duration;
use common::{SaveDialog, click, fill, harness, now, press, store_in};
use egui_kittest::kittest::Queryable;

#[test]
fn a_clerk_registers_a_delivery_and_sees_when_it_must_be_repaired() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    click(&mut harness, "Repairs");
    fill(&mut harness, "Units", "0");
    press(&mut harness, "Register delivery");
    harness.get_by_label("A whole number of units from 1 to 9999");
    assert!(harness.state().store().repairs(10).unwrap().is_empty());

    fill(
        &mut harness,
        "Sent by (customer or dealer)",
        "南昌洪城经销部",
    );
    fill(&mut harness, "Phone", "0791 8888 1234");
    fill(&mut harness, "Product model", "JSQ20-A1");
    fill(&mut harness, "Units", "25");
    // 25 units at 10 a day: three days.
    harness.get_by_label("To be repaired by 2026-11-26 09:30");
    press(&mut harness, "Register delivery");

    let repairs = harness.state().store().repairs(10).unwrap();
    assert_eq!(repairs.len(), 1);
    let stored = &repairs[0];
    assert_eq!(stored.repair_no, "RP-2026-11-0001");
    assert_eq!(stored.repair.sender, "南昌洪城经销部");
    assert_eq!(stored.repair.sender_phone, "0791-88881234");
    assert_eq!(stored.repair.units, 25);
    assert_eq!(stored.repair.received_at, now());
    assert_eq!(stored.operator, "测试员");
    harness.get_by_label("RP-2026-11-0001");
    click(&mut harness, "Dashboard");
    harness.get_by_label("Repairs under way (1)");
    harness.get_by_label("Repair by 2026-11-26 09:30");
}

#[test]
fn a_late_delivery_is_overdue_on_the_dashboard_until_marked_repaired() {
    let mut store = store_in("en");
    let received_at = now() - Duration::days(2);
    store
        .insert_repair(
            &Repair {
                received_at,
                sender: "李四".into(),
                sender_phone: String::new(),
                product_model: "KF-260/B".into(),
                units: 8,
                notes: String::new(),
            },
            received_at,
        )
        .unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "Dashboard");
    harness.get_by_label("OVERDUE: repair by 2026-11-22 09:30 (24 h late)");
    click(&mut harness, "RP-2026-11-0001");
    harness.get_by_label("OVERDUE 24 h");
    press(&mut harness, "Mark repaired");
    // It cannot be undone, so the clerk is asked first; cancelling changes nothing.
    harness.get_by_label("Mark RP-2026-11-0001 as repaired?");
    press(&mut harness, "Not yet");
    assert_eq!(
        harness.state().store().repairs(10).unwrap()[0].completed_at,
        None
    );
    press(&mut harness, "Mark repaired");
    press(&mut harness, "Yes, all repaired");
    let repairs = harness.state().store().repairs(10).unwrap();
    assert_eq!(repairs[0].completed_at, Some(now()));
    harness.get_by_label("Finished 2026-11-23 09:30");
    click(&mut harness, "Dashboard");
    harness.get_by_label("Repairs under way (0)");
}

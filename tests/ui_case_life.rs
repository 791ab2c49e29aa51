//! A complaint's whole life driven through the window: answered, escalated, visited, decided,
//! resolved, called back dissatisfied and reopened, resolved again, called back satisfied and
//! closed; the dashboard follows it and the database records every step.

mod common;

use aftersales::domain::case_life::Step;
use aftersales::domain::complaint::{ComplaintDraft, ReceivingUnit};
use aftersales::domain::return_visit::Outcome;
use aftersales::store::Store;
use aftersales::store::audit::Operator;
use chrono::Duration;
use common::{SaveDialog, click, fill, harness_as_is, now, press, store_in};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// A complaint a dealer received three days ago and nobody has touched since.
fn store_with_a_forgotten_complaint() -> (Store, i64, String) {
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
        customer_name: "李四".into(),
        customer_phone: "13900139000".into(),
        description: "热水器漏水".into(),
        ..ComplaintDraft::new_complaint(received, ReceivingUnit::Dealer, "", "")
    }
    .parse(now())
    .unwrap();
    let stored = store.insert_complaint(&complaint, "CC", received).unwrap();
    (store, stored.id, stored.complaint_no)
}

/// Opens the case from the dashboard by its number.
fn open_from_dashboard(harness: &mut Harness<'_, aftersales::app::App>, number: &str) {
    click(harness, "Dashboard");
    harness.get_all_by_label(number).next().unwrap().click();
    harness.run();
    harness.get_by_label(&format!("Complaint {number}"));
}

/// Picks the radio button labelled `label` (not a drop-down showing the same word).
fn pick(harness: &mut Harness<'_, aftersales::app::App>, label: &str) {
    harness
        .query_all_by_label(label)
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::RadioButton)
        .unwrap_or_else(|| panic!("no radio button {label:?}"))
        .click();
    harness.run();
}

fn button_disabled(harness: &Harness<'_, aftersales::app::App>, label: &str) -> bool {
    harness
        .query_all_by_label(label)
        .find(|node| node.accesskit_node().role() == egui::accesskit::Role::Button)
        .unwrap_or_else(|| panic!("no button {label:?}"))
        .accesskit_node()
        .is_disabled()
}

fn steps(harness: &Harness<'_, aftersales::app::App>, id: i64) -> Vec<Step> {
    harness
        .state()
        .store()
        .steps_of(id)
        .unwrap()
        .iter()
        .map(|s| s.step)
        .collect()
}

#[test]
fn a_case_goes_through_its_whole_life_and_leaves_the_overdue_list() {
    let (store, id, number) = store_with_a_forgotten_complaint();
    let mut harness = harness_as_is(store, &SaveDialog::default(), None);
    // Not answered, not on site, not reported to HQ.
    harness.get_by_label("Overdue (3)");
    // The list marks it too, with the most late of its clocks.
    click(&mut harness, "Complaints");
    harness.get_by_label("Received · OVERDUE 48 h: Response due");

    open_from_dashboard(&mut harness, &number);
    // A step reloads the case, so typing is saved first.
    fill(&mut harness, "Description", "热水器漏水，地板已泡坏");
    assert!(button_disabled(&harness, "Responded"));
    click(&mut harness, "Save");
    press(&mut harness, "Responded");
    press(&mut harness, "Escalated to HQ");
    click(&mut harness, "Dashboard");
    harness.get_by_label("Overdue (1)");

    // The investigation report puts the case on site.
    open_from_dashboard(&mut harness, &number);
    click(&mut harness, "Investigation");
    click(&mut harness, "Create investigation report");
    fill(&mut harness, "Investigators", "王磊");
    fill(&mut harness, "Findings", "进水阀密封圈老化");
    click(&mut harness, "Save");
    harness.get_by_label_contains("Step: On site");
    press(&mut harness, "Treatment decided");
    // The signed confirmation resolves it.
    click(&mut harness, "Confirmation");
    click(&mut harness, "Create service confirmation");
    common::rate_all(&mut harness);
    fill(&mut harness, "Work done", "更换密封圈，试机无渗漏。");
    fill(&mut harness, "Technician(s)", "王建国、刘强");
    click(&mut harness, "Save");
    harness.get_by_label_contains("Step: Resolved");
    click(&mut harness, "Dashboard");
    harness.get_by_label("Overdue (0)");
    harness.get_by_label("Awaiting return visit (1)");

    // The customer is called back and is not satisfied: the case reopens.
    open_from_dashboard(&mut harness, &number);
    harness.get_by_label("Return visit");
    assert!(
        harness.query_by_label("Return visit done").is_none(),
        "the visit is recorded with its outcome, not as a bare step"
    );
    click(&mut harness, "Record return visit");
    harness.get_by_label("Required");
    assert_eq!(steps(&harness, id).last(), Some(&Step::Resolved));
    assert_eq!(
        harness
            .get_by_label("Called by")
            .accesskit_node()
            .value()
            .as_deref(),
        Some("测试员"),
        "the clerk on duty makes the call"
    );
    fill(&mut harness, "Called by", "王丽");
    pick(&mut harness, "Dissatisfied");
    harness.get_by_label_contains("sends it back to the dealer");
    fill(&mut harness, "Notes", "仍有少量渗水");
    click(&mut harness, "Record return visit");
    harness.get_by_label_contains("Step: Reopened");
    let visits = harness.state().store().return_visits_of(id).unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0].visit.caller, "王丽");
    assert_eq!(visits[0].visit.outcome, Outcome::Dissatisfied);
    assert_eq!(visits[0].visit.notes, "仍有少量渗水");
    assert_eq!(visits[0].operator, "测试员");
    assert_eq!(
        harness
            .state()
            .store()
            .complaint_by_id(id)
            .unwrap()
            .complaint
            .description,
        "热水器漏水，地板已泡坏"
    );
    click(&mut harness, "Dashboard");
    harness.get_by_label("Awaiting return visit (0)");

    // Back on site (its arrival clock runs again, two days for another province), put
    // right, and this time the customer is satisfied.
    click(&mut harness, "Complaints");
    click(&mut harness, "李四");
    harness.get_by_label_contains("On-site arrival due by 2026-11-25 09:30");
    press(&mut harness, "On site");
    press(&mut harness, "Treatment decided");
    press(&mut harness, "Resolved");
    pick(&mut harness, "Satisfied");
    click(&mut harness, "Record return visit");
    harness.get_by_label_contains("Step: Return visit done");
    press(&mut harness, "Closed");
    harness.get_by_label_contains("Step: Closed");
    assert_eq!(
        steps(&harness, id),
        [
            Step::Received,
            Step::Responded,
            Step::EscalatedToHq,
            Step::OnSite,
            Step::TreatmentDecided,
            Step::Resolved,
            Step::Reopened,
            Step::OnSite,
            Step::TreatmentDecided,
            Step::Resolved,
            Step::ReturnVisitDone,
            Step::Closed,
        ]
    );
    assert_eq!(
        harness.state().store().return_visits_of(id).unwrap().len(),
        2
    );
    click(&mut harness, "Dashboard");
    harness.get_by_label("Overdue (0)");
    harness.get_by_label_contains("Overdue: 0 · Due within 24 h: 0 · Awaiting return visit: 0");
    click(&mut harness, "Complaints");
    assert!(harness.query_by_label_contains("OVERDUE").is_none());
    harness.get_by_label("Closed");
}

#[test]
fn the_time_typed_for_a_step_says_whether_the_step_is_late_then() {
    let (store, _, number) = store_with_a_forgotten_complaint();
    let mut harness = harness_as_is(store, &SaveDialog::default(), None);
    open_from_dashboard(&mut harness, &number);
    // Now, three days after it came in: the answer is late (24 h allowed).
    harness.get_by_label_contains("h late for");
    // An hour after it came in, the time the dealer says they called back: in time.
    let received = now() - Duration::days(3);
    let at = (received + Duration::hours(1))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    fill(&mut harness, "Happened at", &at);
    // Recorded days later, it says why.
    fill(
        &mut harness,
        "Reason if recorded late",
        "经销商电话回访，补录",
    );
    harness.get_by_label_contains(&format!("Recorded at {at}: in time for"));
    assert!(harness.query_by_label_contains("h late for").is_none());
}

#[test]
fn a_step_recorded_by_mistake_is_withdrawn_by_whoever_recorded_it_once() {
    let (store, id, number) = store_with_a_forgotten_complaint();
    let mut harness = harness_as_is(store, &SaveDialog::default(), None);
    open_from_dashboard(&mut harness, &number);
    assert!(
        harness.query_by_label("Withdraw “Received”").is_none(),
        "the receipt that opened the case stays"
    );
    press(&mut harness, "Responded");
    // The wrong button: the dealer did not report it to headquarters.
    press(&mut harness, "Escalated to HQ");
    assert_eq!(
        steps(&harness, id),
        [Step::Received, Step::Responded, Step::EscalatedToHq]
    );
    press(&mut harness, "Withdraw “Escalated to HQ”");
    assert_eq!(steps(&harness, id), [Step::Received, Step::Responded]);
    harness.get_by_label("“Escalated to HQ” withdrawn; the case is back at the step before it.");
    harness.get_by_label_contains("Step: Responded");
    // Still shown, struck through, with who withdrew it.
    harness.get_by_label_contains("Escalated to HQ (测试员): withdrawn");
    // Once: the step before it stays.
    assert!(harness.query_by_label("Withdraw “Responded”").is_none());
    // The case goes on from where it stood: the right step now.
    press(&mut harness, "On site");
    assert_eq!(
        steps(&harness, id),
        [Step::Received, Step::Responded, Step::OnSite]
    );
    // Typing not saved: the step cannot be withdrawn before it is (withdrawing reloads the case).
    fill(&mut harness, "Description", "热水器漏水，地板已泡坏");
    assert!(button_disabled(&harness, "Withdraw “On site”"));
    click(&mut harness, "Save");
    assert!(!button_disabled(&harness, "Withdraw “On site”"));
}

//! The case view driven as a clerk would: a complaint, then its investigation report with a
//! photo, then its service confirmation with parts, each read back from the database.

mod common;

use aftersales::domain::complaint::{ComplaintDraft, ReceivingUnit};
use aftersales::domain::confirmation::{BorneBy, Cost, Rating};
use aftersales::domain::investigation::{Document, PhotoDocument, ResponsibleParty};
use aftersales::domain::money::Fen;
use aftersales::store::Store;
use aftersales::store::audit::AuditedTable;
use chrono::Duration;
use common::{SaveDialog, choose, click, fill, harness, harness_with_photo, now, store_in, tick};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// A store holding one complaint, received two days before the tests' now.
fn store_with_a_complaint() -> (Store, i64) {
    let mut store = store_in("en");
    let received = now() - Duration::days(2);
    let complaint = ComplaintDraft {
        receiving_unit_name: "总部客服中心".into(),
        received_by: "刘敏".into(),
        customer_name: "张三".into(),
        customer_phone: "13800138000".into(),
        product_model: "JSQ20-A1".into(),
        purchase_date: "2026-11-01".into(),
        description: "热水器点火后熄火。".into(),
        ..ComplaintDraft::new_complaint(received, ReceivingUnit::Headquarters, "", "")
    }
    .parse(now())
    .unwrap();
    let id = store
        .insert_complaint(&complaint, "CC", received)
        .unwrap()
        .id;
    (store, id)
}

fn open_case(harness: &mut Harness<'_, aftersales::app::App>) {
    click(harness, "Complaints");
    click(harness, "张三");
}

fn png_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("现场.png");
    image::RgbImage::from_fn(80, 60, |x, y| image::Rgb([x as u8 * 3, y as u8 * 4, 90]))
        .save(&path)
        .unwrap();
    path
}

#[test]
fn a_clerk_writes_the_investigation_report_and_attaches_a_photo() {
    let dir = tempfile::tempdir().unwrap();
    let (store, complaint_id) = store_with_a_complaint();
    let mut harness = harness_with_photo(store, &SaveDialog::default(), Some(png_file(dir.path())));
    open_case(&mut harness);
    click(&mut harness, "Investigation");
    click(&mut harness, "Create investigation report");
    fill(&mut harness, "Investigators", "王磊、孙涛");
    fill(&mut harness, "Findings", "排烟管接口松动，冷凝水倒流。");
    tick(&mut harness, "Product acceptance certificate");
    tick(&mut harness, "Photos");
    fill(&mut harness, "Cause of failure", "安装不规范");
    choose(&mut harness, "Responsible party", "Installer");
    fill(&mut harness, "Estimated cost (yuan)", "350.5");
    assert!(
        harness
            .get_by_label("Add photo…")
            .accesskit_node()
            .is_disabled(),
        "photos need a saved report"
    );
    harness.get_by_label("Save the report first: photos are attached to a saved report.");
    click(&mut harness, "Save");

    let store = harness.state().store();
    let stored = store
        .investigation_of(complaint_id)
        .unwrap()
        .expect("the report was saved");
    assert_eq!(stored.investigation_no, "IR-2026-11-0001");
    let report = &stored.investigation;
    assert_eq!(report.investigators, "王磊、孙涛");
    assert_eq!(report.findings, "排烟管接口松动，冷凝水倒流。");
    assert_eq!(
        report.documents_checked,
        [Document::AcceptanceCertificate, Document::Photos]
    );
    assert_eq!(report.responsible_party, ResponsibleParty::Installer);
    assert_eq!(report.estimated_cost, Fen(35_050));
    assert_eq!(report.arrived_at, now(), "arrival defaults to now");

    // What the photo shows decides how long it is kept: it is asked before the file.
    assert!(
        harness
            .get_by_label("Add photo…")
            .accesskit_node()
            .is_disabled(),
        "the document a photo shows comes first"
    );
    choose(&mut harness, "This photo shows", "Scene photo");
    click(&mut harness, "Add photo…");
    let photos = harness.state().store().photos_of(stored.id).unwrap();
    assert_eq!(photos.len(), 1);
    assert_eq!(photos[0].photo.file_name, "现场.png");
    assert_eq!(photos[0].photo.document, PhotoDocument::Scene);
    harness.get_by_label("现场.png");
    click(&mut harness, "Take off report…");
    fill(&mut harness, "Reason", "拍错了");
    click(&mut harness, "Take it off the report");
    assert!(
        harness
            .state()
            .store()
            .photos_of(stored.id)
            .unwrap()
            .is_empty()
    );
    assert!(harness.query_by_label("现场.png").is_none());
    // Taken off the report, kept in the history with its content.
    let history = harness
        .state()
        .store()
        .history(AuditedTable::Investigations, stored.id)
        .unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.field.as_deref() == Some("photo-withdrawn")
                && e.new_value.as_deref() == Some("拍错了")
                && e.old_value
                    .as_deref()
                    .is_some_and(|v| v.contains("现场.png"))),
        "{history:?}"
    );
}

#[test]
fn a_file_that_is_not_a_photo_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("notes.jpg");
    std::fs::write(&fake, "not a picture").unwrap();
    let (store, complaint_id) = store_with_a_complaint();
    let mut harness = harness_with_photo(store, &SaveDialog::default(), Some(fake));
    open_case(&mut harness);
    click(&mut harness, "Investigation");
    click(&mut harness, "Create investigation report");
    fill(&mut harness, "Investigators", "王磊");
    fill(&mut harness, "Findings", "正常");
    click(&mut harness, "Save");
    choose(&mut harness, "This photo shows", "Scene photo");
    click(&mut harness, "Add photo…");
    harness.get_by_label("Only JPEG and PNG photos can be attached");
    let report = harness
        .state()
        .store()
        .investigation_of(complaint_id)
        .unwrap()
        .unwrap();
    assert!(
        harness
            .state()
            .store()
            .photos_of(report.id)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_clerk_fills_the_confirmation_with_parts_costs_three_guarantees_and_ratings() {
    let (store, complaint_id) = store_with_a_complaint();
    let mut harness = harness(store, &SaveDialog::default());
    open_case(&mut harness);
    click(&mut harness, "Confirmation");
    click(&mut harness, "Create service confirmation");
    common::rate_all(&mut harness);
    fill(&mut harness, "Work done", "更换比例阀，试机正常。");
    // Typed as clerks do: a Chinese comma, an enumeration comma, a name twice.
    fill(&mut harness, "Technician(s)", "王建国，刘强、 王建国");
    fill(&mut harness, "Contact person", " 王女士（家属） ");
    fill(&mut harness, "Cause as found", "比例阀线圈烧毁");
    click(&mut harness, "Add part");
    fill(&mut harness, "Part 1", "比例阀");
    fill(&mut harness, "Unit cost (yuan) 1", "120");
    fill(&mut harness, "Faulty part S/N 1", "PV2023118204");
    fill(&mut harness, "New part S/N 1", "PV2026507331");
    click(&mut harness, "Add part");
    fill(&mut harness, "Part 2", "点火针");
    fill(&mut harness, "Quantity 2", "2");
    fill(&mut harness, "Unit cost (yuan) 2", "15.5");
    tick(&mut harness, "Old part returned 2");
    fill(&mut harness, "Labour", "80");
    choose(&mut harness, "Travel and accommodation borne by", "Dealer");
    fill(&mut harness, "Travel and accommodation", "30");
    choose(&mut harness, "Packaging borne by", "Customer");
    fill(&mut harness, "Packaging", "12.5");
    harness.get_by_label("Total: 273.50 yuan");
    tick(
        &mut harness,
        "Exchange or refund under the three guarantees",
    );
    fill(&mut harness, "Price paid (yuan)", "2000");
    // Sold 1 November (from the complaint), completed 23 November: 22 days × 0.3 %.
    harness.get_by_label("22 days in use: depreciation 132.00 yuan, credited 1868.00 yuan");
    choose(&mut harness, "Skill", "Very satisfied");
    click(&mut harness, "Save");

    let stored = harness
        .state()
        .store()
        .confirmation_of(complaint_id)
        .unwrap()
        .expect("saved");
    let confirmation = &stored.confirmation;
    assert_eq!(stored.confirmation_no, "SC-2026-11-0001");
    assert_eq!(confirmation.work_done, "更换比例阀，试机正常。");
    assert_eq!(confirmation.technicians, ["王建国", "刘强"]);
    assert_eq!(confirmation.parts.len(), 2);
    assert_eq!(
        (
            confirmation.parts[1].name.as_str(),
            confirmation.parts[1].quantity
        ),
        ("点火针", 2)
    );
    assert!(confirmation.parts[1].old_part_returned && !confirmation.parts[0].old_part_returned);
    assert_eq!(
        confirmation.costs[1].amount,
        Fen(15_100),
        "parts cost is the parts table's sum"
    );
    assert_eq!(confirmation.costs[2].borne_by, BorneBy::Dealer);
    assert_eq!(
        confirmation.costs[4],
        Cost {
            amount: Fen(1_250),
            borne_by: BorneBy::Customer
        },
        "packaging"
    );
    assert_eq!(confirmation.total_cost(), Fen(27_350));
    assert_eq!(confirmation.contact_person, "王女士（家属）");
    assert_eq!(confirmation.cause_found, "比例阀线圈烧毁");
    assert_eq!(
        (
            confirmation.parts[0].faulty_serial.as_str(),
            confirmation.parts[0].replacement_serial.as_str(),
            confirmation.parts[1].faulty_serial.as_str(),
        ),
        ("PV2023118204", "PV2026507331", ""),
        "each serial on its own part line; a line without one keeps none"
    );
    assert_eq!(confirmation.ratings[1], Rating::VerySatisfied);
    let three = confirmation
        .three_guarantees
        .expect("three guarantees recorded");
    assert_eq!(three.price, Fen(200_000));
    // The signed confirmation resolved the case.
    harness.get_by_label_contains("Step: Resolved");
    let steps = harness.state().store().steps_of(complaint_id).unwrap();
    assert_eq!(
        steps.last().unwrap().step,
        aftersales::domain::case_life::Step::Resolved
    );
}

#[test]
fn recording_the_response_takes_the_case_off_the_overdue_list() {
    let (store, complaint_id) = store_with_a_complaint();
    let mut harness = harness(store, &SaveDialog::default());
    open_case(&mut harness);
    // Received two days ago and never answered: the 24-hour clock has run out.
    harness.get_by_label_contains("OVERDUE: Response due");
    let region = aftersales::domain::case_life::Region::default();
    let late = |h: &egui_kittest::Harness<'_, aftersales::app::App>| {
        h.state()
            .store()
            .overdue(now(), Default::default(), &region)
            .unwrap()
    };
    assert!(
        late(&harness).iter().any(|o| o.complaint_id == complaint_id
            && o.due == aftersales::domain::case_life::Due::Respond)
    );
    click(&mut harness, "Responded");
    harness.get_by_label_contains("Step: Responded");
    assert!(
        harness
            .query_by_label_contains("OVERDUE: Response due")
            .is_none()
    );
    // Headquarters received it: there is nobody above to report it to.
    harness.get_by_label("On site");
    assert!(harness.query_by_label("Escalated to HQ").is_none());
    assert!(
        !late(&harness)
            .iter()
            .any(|o| o.due == aftersales::domain::case_life::Due::Respond)
    );
}

#[test]
fn a_bad_part_row_blocks_saving_with_a_message_beside_it() {
    let (store, complaint_id) = store_with_a_complaint();
    let mut harness = harness(store, &SaveDialog::default());
    open_case(&mut harness);
    click(&mut harness, "Confirmation");
    click(&mut harness, "Create service confirmation");
    common::rate_all(&mut harness);
    fill(&mut harness, "Work done", "维修");
    click(&mut harness, "Add part");
    fill(&mut harness, "Part 1", "比例阀");
    fill(&mut harness, "Quantity 1", "0");
    harness.get_by_label("A whole number from 1");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    fill(&mut harness, "Quantity 1", "1");
    // A serial longer than the supplier's box holds is refused beside it, not cut.
    fill(&mut harness, "Faulty part S/N 1", &"PV".repeat(21));
    harness.get_by_label("At most 40 characters");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    fill(&mut harness, "Faulty part S/N 1", "PV2024001234");
    // A price typed with its decimal point lost: a part dearer than any amount the form takes.
    fill(&mut harness, "Quantity 1", "1000");
    fill(&mut harness, "Unit cost (yuan) 1", "10000001");
    harness.get_by_label(
        "The parts come to more than 100,000,000 yuan: check each quantity and price",
    );
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    fill(&mut harness, "Unit cost (yuan) 1", "100");
    assert!(
        harness
            .query_by_label_contains("The parts come to")
            .is_none()
    );
    assert!(
        harness
            .state()
            .store()
            .confirmation_of(complaint_id)
            .unwrap()
            .is_none()
    );
}

#[test]
fn the_saved_technicians_show_joined_by_the_enumeration_comma() {
    let (store, complaint_id) = store_with_a_complaint();
    let mut harness = harness(store, &SaveDialog::default());
    open_case(&mut harness);
    click(&mut harness, "Confirmation");
    click(&mut harness, "Create service confirmation");
    common::rate_all(&mut harness);
    fill(&mut harness, "Work done", "清理点火针");
    fill(&mut harness, "Technician(s)", " 李明辉 , 张伟,");
    click(&mut harness, "Save");
    let stored = harness
        .state()
        .store()
        .confirmation_of(complaint_id)
        .unwrap()
        .expect("saved");
    assert_eq!(stored.confirmation.technicians, ["李明辉", "张伟"]);
    // Opened again, the form shows the names as stored.
    click(&mut harness, "← Back to list");
    click(&mut harness, "张三");
    click(&mut harness, "Confirmation");
    assert_eq!(
        harness
            .get_by_label("Technician(s)")
            .accesskit_node()
            .value()
            .as_deref(),
        Some("李明辉、张伟")
    );
}

#[test]
fn a_technicians_name_too_long_is_refused_beside_the_field_and_nothing_is_saved() {
    let (store, complaint_id) = store_with_a_complaint();
    let mut harness = harness(store, &SaveDialog::default());
    open_case(&mut harness);
    click(&mut harness, "Confirmation");
    click(&mut harness, "Create service confirmation");
    common::rate_all(&mut harness);
    fill(&mut harness, "Work done", "清理点火针");
    // Names between spaces, which separate nothing: one name of 21 characters.
    fill(
        &mut harness,
        "Technician(s)",
        "王建国 刘强 李明辉 张伟 陈志刚 周海涛",
    );
    harness.get_by_label("A name of at most 20 characters each; separate names with 、 or a comma");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    click(&mut harness, "Save");
    assert!(
        harness
            .state()
            .store()
            .confirmation_of(complaint_id)
            .unwrap()
            .is_none()
    );
    // Separated, the same names save.
    fill(
        &mut harness,
        "Technician(s)",
        "王建国、刘强、李明辉、张伟、陈志刚、周海涛",
    );
    assert!(!harness.get_by_label("Save").accesskit_node().is_disabled());
}

#[test]
fn a_confirmation_without_a_technician_does_not_save() {
    let (store, complaint_id) = store_with_a_complaint();
    let mut harness = harness(store, &SaveDialog::default());
    open_case(&mut harness);
    click(&mut harness, "Confirmation");
    click(&mut harness, "Create service confirmation");
    common::rate_all(&mut harness);
    fill(&mut harness, "Work done", "清理点火针");
    fill(&mut harness, "Technician(s)", " ，、 ");
    harness.get_by_label("Required");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    assert!(
        harness
            .state()
            .store()
            .confirmation_of(complaint_id)
            .unwrap()
            .is_none()
    );
}

#[test]
fn leaving_a_case_with_an_unsaved_report_asks_first() {
    let (store, _) = store_with_a_complaint();
    let mut harness = harness(store, &SaveDialog::default());
    open_case(&mut harness);
    click(&mut harness, "Investigation");
    click(&mut harness, "Create investigation report");
    fill(&mut harness, "Investigators", "王磊");
    click(&mut harness, "← Back to list");
    harness.get_by_label("Unsaved changes");
}

#[test]
fn the_response_clock_follows_the_setting() {
    let (mut store, _) = store_with_a_complaint();
    let mut settings = store.settings().unwrap();
    settings.respond_hours = 4;
    store.save_settings(&settings).unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    open_case(&mut harness);
    // Received 2026-11-21 09:30; four hours later it was due.
    harness.get_by_label_contains("OVERDUE: Response due since 2026-11-21 13:30");
}

#[test]
fn no_rating_is_assumed_the_form_names_those_still_to_ask_and_saves_once_all_are_chosen() {
    let (store, complaint_id) = store_with_a_complaint();
    let mut harness = harness(store, &SaveDialog::default());
    open_case(&mut harness);
    click(&mut harness, "Confirmation");
    click(&mut harness, "Create service confirmation");
    fill(&mut harness, "Work done", "更换比例阀");
    fill(&mut harness, "Technician(s)", "王建国");
    harness
        .get_by_label("Still to ask the customer: Attitude, Skill, Arrival time, Follow-through");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    choose(&mut harness, "Attitude", "Fair");
    choose(&mut harness, "Skill", "Very satisfied");
    choose(&mut harness, "Arrival time", "Dissatisfied");
    harness.get_by_label("Still to ask the customer: Follow-through");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    choose(&mut harness, "Follow-through", "Satisfied");
    assert!(harness.query_by_label_contains("Still to ask").is_none());
    click(&mut harness, "Save");
    let stored = harness
        .state()
        .store()
        .confirmation_of(complaint_id)
        .unwrap()
        .expect("saved once every rating was chosen");
    assert_eq!(
        stored.confirmation.ratings,
        [
            Rating::Fair,
            Rating::VerySatisfied,
            Rating::Dissatisfied,
            Rating::Satisfied
        ]
    );
}

#[test]
fn the_fields_need_attention_link_shows_the_tab_whose_form_has_them() {
    let (store, _) = store_with_a_complaint();
    let mut harness = harness(store, &SaveDialog::default());
    open_case(&mut harness);
    click(&mut harness, "Confirmation");
    click(&mut harness, "Create service confirmation");
    // The confirmation is started and left empty; the clerk goes back to the complaint.
    click(&mut harness, "Complaint");
    assert!(harness.query_by_label("Work done").is_none());
    let link = harness
        .query_all_by_role(egui::accesskit::Role::Link)
        .find_map(|node| {
            node.accesskit_node()
                .label()
                .filter(|label| label.contains("need attention"))
        })
        .expect("the confirmation's problems are counted");
    click(&mut harness, &link);
    harness.run();
    harness.get_by_label("Work done");
    // The first box refused, work done (a box of several lines), has the cursor.
    assert!(
        harness
            .get_by_label("Work done")
            .accesskit_node()
            .is_focused()
    );
}

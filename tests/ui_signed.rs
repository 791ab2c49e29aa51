//! Signed paper coming back, from the case view: "Attach signed paper…" takes the files, each
//! page goes to the form whose code it carries, and a page kept aside is attached by hand.

mod common;

use aftersales::domain::paper::Paper;
use aftersales::store::audit::AuditedTable;
use aftersales::store::signed_page::FormRecord;
use common::{SaveDialog, Scan, click, harness, now, pages_scanned};
use egui_kittest::kittest::Queryable;

#[test]
fn a_clerk_attaches_the_signed_confirmation_and_a_page_kept_aside_to_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let (store, complaint) = common::case();
    store.set_setting("language", "en").unwrap();
    let i18n = aftersales::i18n::I18n::new(aftersales::i18n::Lang::English);
    let printed =
        aftersales::pdf::paper::print(&store, Paper::Confirmation(complaint), now().date(), &i18n)
            .unwrap();
    let confirmation = store.confirmation_of(complaint).unwrap().unwrap();
    let report = store.investigation_of(complaint).unwrap().unwrap();
    // The confirmation's first page back by fax, turned a little.
    let fax = Scan {
        across: 204.0 / 72.0,
        down: 196.0 / 72.0,
        degrees: 1.5,
        noise: 0.01,
    };
    let signed = dir.path().join("签字确认单.png");
    pages_scanned(&printed.bytes, fax)[0].save(&signed).unwrap();
    // The report's signature page photographed with its corner folded: no code on it.
    let folded = dir.path().join("folded.png");
    image::GrayImage::from_pixel(1_200, 1_700, image::Luma([250]))
        .save(&folded)
        .unwrap();
    // A PDF picked by mistake.
    let pdf = dir.path().join("form.pdf");
    std::fs::write(&pdf, &printed.bytes).unwrap();
    let dialog = SaveDialog::default();
    *dialog.signed.lock().unwrap() = vec![signed, folded, pdf];

    let mut harness = harness(store, &dialog);
    click(&mut harness, "Complaints");
    click(&mut harness, "张三");
    harness.get_by_label("No signed paper has come back yet.");
    click(&mut harness, "Attach signed paper…");
    // Said: one page to its form, one aside, the PDF refused with its reason.
    harness
        .get_by_label_contains("Pages attached to their forms: 1; kept aside: 1; kept before: 0.");
    harness.get_by_label_contains("form.pdf: A page of this PDF holds no scanned picture");
    let kept = harness
        .state()
        .store()
        .signed_pages_of(FormRecord::Confirmation(confirmation.id))
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].file_name, "签字确认单.png");
    assert_eq!(kept[0].added_by, "测试员");
    harness.get_by_label_contains(&format!(
        "{}: 签字确认单.png, page 1, kept",
        confirmation.confirmation_no
    ));
    // Viewed in the system's picture viewer: the page as kept, written out as a PNG.
    harness.get_all_by_label("View").next().unwrap().click();
    harness.run();
    let (opening, shown) = dialog.opened.lock().unwrap().last().cloned().unwrap();
    assert_eq!(opening, aftersales::app::Opening::Open);
    let picture = image::open(&shown).unwrap();
    assert_eq!(
        (picture.width(), picture.height()),
        (kept[0].width, kept[0].height)
    );
    // The folded page, kept aside, is attached by hand to the report.
    click(&mut harness, &format!("To {}", report.investigation_no));
    let store = harness.state().store();
    assert!(store.signed_pages_aside(20).unwrap().is_empty());
    let report_pages = store
        .signed_pages_of(FormRecord::Investigation(report.id))
        .unwrap();
    assert_eq!(report_pages.len(), 1);
    assert_eq!(report_pages[0].file_name, "folded.png");
    assert!(report_pages[0].matched_at.is_some());
    harness.get_by_label_contains(&format!(
        "{}: folded.png, page 1, kept",
        report.investigation_no
    ));
    // In the history of each form.
    for (table, id) in [
        (AuditedTable::Confirmations, confirmation.id),
        (AuditedTable::Investigations, report.id),
    ] {
        let history = harness.state().store().history(table, id).unwrap();
        assert!(
            history
                .iter()
                .any(|e| e.field.as_deref() == Some("signed-page")),
            "{history:?}"
        );
    }
    // The same files again: nothing more is kept.
    click(&mut harness, "Attach signed paper…");
    harness
        .get_by_label_contains("Pages attached to their forms: 0; kept aside: 0; kept before: 2.");
    // The customer's file lists every signed page of their forms.
    click(&mut harness, "← Back to list");
    click(&mut harness, "Customers");
    click(&mut harness, "张三");
    harness.get_by_label_contains(&format!(
        "{}: 签字确认单.png, page 1, kept",
        confirmation.confirmation_no
    ));
    harness.get_by_label_contains(&format!(
        "{}: folded.png, page 1, kept",
        report.investigation_no
    ));
}

#[test]
fn the_warranty_card_signed_by_the_customer_is_attached_from_the_card() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::store_in("en");
    let card = store
        .insert_card(
            &common::card("王五", "13900139000", "2026-11-20"),
            "WC",
            now(),
        )
        .unwrap();
    let i18n = aftersales::i18n::I18n::new(aftersales::i18n::Lang::English);
    let printed =
        aftersales::pdf::paper::print(&store, Paper::Card(card.id), now().date(), &i18n).unwrap();
    let photo = Scan {
        across: 150.0 / 72.0,
        down: 150.0 / 72.0,
        degrees: -2.0,
        noise: 0.005,
    };
    let signed = dir.path().join("保修卡签字.jpg");
    image::DynamicImage::ImageLuma8(pages_scanned(&printed.bytes, photo).remove(0))
        .to_rgb8()
        .save(&signed)
        .unwrap();
    let dialog = SaveDialog::default();
    *dialog.signed.lock().unwrap() = vec![signed];
    let mut harness = harness(store, &dialog);
    click(&mut harness, "王五");
    harness.get_by_label("No signed paper has come back yet.");
    click(&mut harness, "Attach signed paper…");
    harness
        .get_by_label_contains("Pages attached to their forms: 1; kept aside: 0; kept before: 0.");
    harness.get_by_label_contains(&format!(
        "{}: 保修卡签字.jpg, page 1, kept",
        card.registration_no
    ));
    let store = harness.state().store();
    assert_eq!(
        store
            .signed_pages_of(FormRecord::Card(card.id))
            .unwrap()
            .len(),
        1
    );
    // Shown in the card's history at once.
    harness.get_by_label_contains("History");
    assert!(
        store
            .history(AuditedTable::WarrantyCards, card.id)
            .unwrap()
            .iter()
            .any(|e| e.field.as_deref() == Some("signed-page"))
    );
}

#[test]
fn a_long_scan_is_read_beside_the_window_and_attached_when_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let (store, complaint) = common::case();
    store.set_setting("language", "en").unwrap();
    let i18n = aftersales::i18n::I18n::new(aftersales::i18n::Lang::English);
    let printed =
        aftersales::pdf::paper::print(&store, Paper::Confirmation(complaint), now().date(), &i18n)
            .unwrap();
    let confirmation = store.confirmation_of(complaint).unwrap().unwrap();
    let fax = Scan {
        across: 204.0 / 72.0,
        down: 196.0 / 72.0,
        degrees: 0.5,
        noise: 0.0,
    };
    let signed = dir.path().join("fax.png");
    pages_scanned(&printed.bytes, fax)[0].save(&signed).unwrap();
    // The window waits for nothing: the file is read beside it.
    let dialog = SaveDialog {
        signed_awaited: Some(std::time::Duration::ZERO),
        ..SaveDialog::default()
    };
    *dialog.signed.lock().unwrap() = vec![signed];
    let mut harness = harness(store, &dialog);
    click(&mut harness, "Complaints");
    click(&mut harness, "张三");
    click(&mut harness, "Attach signed paper…");
    harness.get_by_label_contains("Reading 1 file(s) of signed paper");
    let mut waited = 0;
    while harness
        .query_by_label_contains("Pages attached to their forms: 1;")
        .is_none()
    {
        assert!(waited < 600, "the file was never attached");
        std::thread::sleep(std::time::Duration::from_millis(100));
        harness.step();
        waited += 1;
    }
    let kept = harness
        .state()
        .store()
        .signed_pages_of(FormRecord::Confirmation(confirmation.id))
        .unwrap();
    assert_eq!(kept.len(), 1);
    harness.get_by_label_contains(&format!(
        "{}: fax.png, page 1, kept",
        confirmation.confirmation_no
    ));
}

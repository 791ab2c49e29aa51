//! Signing on screen: the customer signs the confirmation on the signing pad with the pointer,
//! the strokes are kept with the form's revision and print as lines in the box; the form
//! changed afterwards asks for a new signature.

mod common;

use aftersales::app::App;
use aftersales::domain::paper::Paper;
use aftersales::domain::signature::{PAD_HEIGHT, PAD_WIDTH, Signer};
use aftersales::store::audit::AuditedTable;
use aftersales::store::signed_page::FormRecord;
use common::{SaveDialog, click, fill, harness, now, press};
use egui::{Event, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Draws one stroke on the signing pad through `points` (each a fraction of the pad's width
/// and height), pressing at the first and letting go at the last, a frame for each move.
fn draw(harness: &mut Harness<'_, App>, points: &[(f32, f32)]) {
    let pad = harness.get_by_label("Signing pad").rect();
    let at = |(x, y): (f32, f32)| pad.min + egui::vec2(x * pad.width(), y * pad.height());
    let button = |pos: Pos2, pressed: bool| Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::default(),
    };
    harness.event(Event::PointerMoved(at(points[0])));
    harness.step();
    harness.event(button(at(points[0]), true));
    harness.step();
    for &point in &points[1..] {
        harness.event(Event::PointerMoved(at(point)));
        harness.step();
    }
    harness.event(button(at(*points.last().unwrap()), false));
    harness.run();
}

/// A zigzag across the pad: `n` points from left to right.
fn zigzag(n: usize, from: f32) -> Vec<(f32, f32)> {
    (0..n)
        .map(|i| {
            let x = from + 0.5 * i as f32 / n as f32;
            let y = if i % 2 == 0 { 0.35 } else { 0.7 };
            (x, y)
        })
        .collect()
}

/// The paths of a PDF's last page (where the signature boxes are) drawn as open lines of more
/// than two points, each as its points in page units.
fn polylines(bytes: &[u8]) -> Vec<Vec<(f32, f32)>> {
    let document = lopdf::Document::load_mem(bytes).unwrap();
    let page = *document.get_pages().values().last().unwrap();
    let content = document.get_and_decode_page_content(page).unwrap();
    let number = |o: &lopdf::Object| o.as_float().unwrap();
    let mut lines = Vec::new();
    let mut current: Vec<(f32, f32)> = Vec::new();
    for operation in content.operations {
        match operation.operator.as_str() {
            "m" => {
                current = vec![(
                    number(&operation.operands[0]),
                    number(&operation.operands[1]),
                )]
            }
            "l" => current.push((
                number(&operation.operands[0]),
                number(&operation.operands[1]),
            )),
            "S" => {
                if current.len() > 2 {
                    lines.push(std::mem::take(&mut current));
                }
                current.clear();
            }
            _ => {}
        }
    }
    lines
}

#[test]
fn the_customer_signs_the_confirmation_on_the_pad_and_it_prints_in_the_box() {
    let (store, complaint) = common::case();
    store.set_setting("language", "en").unwrap();
    let confirmation = store.confirmation_of(complaint).unwrap().unwrap();
    let form = FormRecord::Confirmation(confirmation.id);
    let dialog = SaveDialog::default();
    let mut harness = harness(store, &dialog);
    click(&mut harness, "Complaints");
    click(&mut harness, "张三");
    click(&mut harness, "Confirmation");
    // Signed by the customer and the technician.
    assert_eq!(harness.get_all_by_label("Not signed on screen").count(), 2);
    harness.get_by_label("Technician signs");
    press(&mut harness, "Customer signs");
    harness.get_by_label(&format!("Customer signs {}", confirmation.confirmation_no));
    // Accepted with nothing drawn, then with a click: refused, said under the pad.
    click(&mut harness, "Accept");
    harness.get_by_label("Nothing was drawn: sign inside the box");
    draw(&mut harness, &[(0.5, 0.5), (0.505, 0.5)]);
    click(&mut harness, "Accept");
    harness.get_by_label("Too little was drawn for a signature: sign in full");
    // Cleared, then signed in two strokes.
    click(&mut harness, "Clear");
    draw(&mut harness, &zigzag(12, 0.1));
    draw(&mut harness, &zigzag(8, 0.55));
    click(&mut harness, "Accept");
    harness.get_by_label_contains(&format!(
        "Customer's signature kept on {}.",
        confirmation.confirmation_no
    ));
    assert!(harness.query_by_label("Signing pad").is_none(), "closed");

    // Kept as drawn: two strokes, the first starting where the pointer went down.
    let store = harness.state().store();
    let signatures = store.signatures_of(form).unwrap();
    assert_eq!(signatures.len(), 1);
    let signature = &signatures[0];
    assert_eq!(signature.signer, Signer::Customer);
    assert_eq!(signature.signed_by, "测试员");
    assert_eq!(signature.revision, confirmation.revision);
    let strokes = &signature.strokes.0;
    assert_eq!(strokes.len(), 2, "{strokes:?}");
    let (x, y) = strokes[0][0];
    let expected = (0.1 * f32::from(PAD_WIDTH), 0.35 * f32::from(PAD_HEIGHT));
    assert!(
        (f32::from(x) - expected.0).abs() <= 3.0 && (f32::from(y) - expected.1).abs() <= 3.0,
        "{:?} against {expected:?}",
        strokes[0][0]
    );
    assert!(
        strokes[0].len() >= 10,
        "every move a point: {}",
        strokes[0].len()
    );
    harness.get_by_label_contains("Signed 2026-11-23");
    assert_eq!(harness.get_all_by_label("Not signed on screen").count(), 1);
    let history = store
        .history(AuditedTable::Confirmations, confirmation.id)
        .unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.field.as_deref() == Some("signature")),
        "{history:?}"
    );
    assert_eq!(store.verify().unwrap().first_break, None);

    // Printed in the customer's box as lines: the first stroke, point for point, scaled.
    let i18n = aftersales::i18n::I18n::new(aftersales::i18n::Lang::English);
    let printed =
        aftersales::pdf::paper::print(store, Paper::Confirmation(complaint), now().date(), &i18n)
            .unwrap();
    let lines = polylines(&printed.bytes);
    let drawn = lines
        .iter()
        .find(|line| line.len() == strokes[0].len())
        .unwrap_or_else(|| panic!("no line of {} points: {lines:?}", strokes[0].len()));
    let scale =
        (drawn[1].0 - drawn[0].0) / (f32::from(strokes[0][1].0) - f32::from(strokes[0][0].0));
    for (point, unit) in drawn.iter().zip(&strokes[0]) {
        let x = drawn[0].0 + (f32::from(unit.0) - f32::from(strokes[0][0].0)) * scale;
        let y = drawn[0].1 - (f32::from(unit.1) - f32::from(strokes[0][0].1)) * scale;
        assert!(
            (point.0 - x).abs() < 0.05 && (point.1 - y).abs() < 0.05,
            "{point:?}"
        );
    }
    // In the customer's box: the left third of the page, in the box's 64 pt.
    assert!(
        drawn.iter().all(|p| p.0 > 36.0 && p.0 < 36.0 + 523.0 / 3.0),
        "{drawn:?}"
    );
    let (low, high) = drawn
        .iter()
        .fold((f32::MAX, f32::MIN), |(l, h), p| (l.min(p.1), h.max(p.1)));
    assert!(high - low < 64.0 && low > 36.0, "{low}..{high}");
    let text = common::pdf_text(&printed.bytes).0;
    assert!(text.contains("Date: 2026-11-23"), "{text}");

    // The confirmation changed after signing: the signature belongs to the earlier version,
    // is no longer printed, and the customer is asked to sign again.
    fill(
        &mut harness,
        "Work done",
        "更换比例阀，试机正常，另清洗燃烧器。",
    );
    harness.get_by_label("Customer signs");
    press(&mut harness, "Save");
    harness.get_by_label_contains("the form was saved again since: sign again");
    harness.get_by_label("Customer: sign again");
    let store = harness.state().store();
    let printed =
        aftersales::pdf::paper::print(store, Paper::Confirmation(complaint), now().date(), &i18n)
            .unwrap();
    assert!(
        polylines(&printed.bytes)
            .iter()
            .all(|line| line.len() != strokes[0].len()),
        "no longer printed"
    );
    assert_eq!(store.signatures_of(form).unwrap().len(), 1, "kept");
}

#[test]
fn a_form_with_typing_not_saved_is_not_signed_and_the_pad_closes_with_escape() {
    let (store, complaint) = common::case();
    store.set_setting("language", "en").unwrap();
    let dialog = SaveDialog::default();
    let mut harness = harness(store, &dialog);
    click(&mut harness, "Complaints");
    click(&mut harness, "张三");
    // The complaint is signed by the customer and whoever received it.
    harness.get_by_label("Receiver signs");
    fill(&mut harness, "Description", "热水器点火后熄火，反复三次。");
    let sign = harness.get_by_label("Customer signs");
    assert!(sign.accesskit_node().is_disabled(), "typing not saved");
    press(&mut harness, "Save");
    press(&mut harness, "Customer signs");
    draw(&mut harness, &zigzag(10, 0.2));
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Signing pad").is_none(), "closed");
    let store = harness.state().store();
    assert!(
        store
            .signatures_of(FormRecord::Complaint(complaint))
            .unwrap()
            .is_empty(),
        "nothing kept"
    );
    assert_eq!(harness.get_all_by_label("Not signed on screen").count(), 2);
}

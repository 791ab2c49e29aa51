//! The settings screen driven as a clerk would: the letterhead printed on forms (address,
//! phone, fax, logo), the warranty months per product category and the bulk-repair limit,
//! then checked in the database and on paper.

mod common;

use common::{SaveDialog, choose, click, fill, harness, image_count, pdf_text, store_in};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// Types `text` into the last text field labelled `label` (the new row of a table).
fn fill_last(harness: &mut Harness<'_, aftersales::app::App>, label: &str, text: &str) {
    fn field<'a>(
        harness: &'a Harness<'_, aftersales::app::App>,
        label: &'a str,
    ) -> egui_kittest::Node<'a> {
        harness
            .query_all_by_label(label)
            .rfind(|node| node.accesskit_node().role() == egui::accesskit::Role::TextInput)
            .unwrap_or_else(|| panic!("no field {label:?}"))
    }
    field(harness, label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    field(harness, label).type_text(text);
    harness.run();
}

#[test]
fn the_letterhead_categories_and_repair_limit_typed_in_settings_are_stored() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    click(&mut harness, "Settings");
    fill(
        &mut harness,
        "Company name (printed on forms)",
        "白沙企业售后服务中心",
    );
    fill(
        &mut harness,
        "Company address (printed on forms)",
        "江西省南昌市青山湖区高新大道 1 号",
    );
    fill(
        &mut harness,
        "Company phone (printed on forms)",
        "400 888 1234",
    );
    fill(
        &mut harness,
        "Company fax (printed on forms)",
        "0791 8888 1235",
    );
    fill(&mut harness, "Bulk repairs per day (units)", "12");
    fill(&mut harness, "Repeated problem: seen (times) or more", "4");
    fill(&mut harness, "Resolve within (working days)", "5");
    click(&mut harness, "Add category");
    fill_last(&mut harness, "Product category", "空调");
    fill_last(&mut harness, "Warranty months", "36");
    click(&mut harness, "Add category");
    fill_last(&mut harness, "Product category", "热水器");
    fill_last(&mut harness, "Warranty months", "18");
    click(&mut harness, "Save");
    harness.get_by_label("Settings saved.");

    let settings = harness.state().store().settings().unwrap();
    assert_eq!(settings.company_name, "白沙企业售后服务中心");
    assert_eq!(
        settings.company_address,
        "江西省南昌市青山湖区高新大道 1 号"
    );
    assert_eq!(
        settings.company_phone, "400-888-1234",
        "stored in canonical form"
    );
    assert_eq!(settings.company_fax, "0791-88881235");
    assert_eq!(settings.repairs_per_day, 12);
    assert_eq!(settings.limits().repairs_per_day, 12);
    assert_eq!(settings.repeated_problem_threshold, 4);
    assert_eq!(settings.limits().resolve_working_days, 5);
    assert_eq!(
        settings.category_warranty_months,
        [("空调".to_owned(), 36), ("热水器".to_owned(), 18)]
    );

    // A row removed is gone once saved.
    harness
        .query_all_by_label("Remove")
        .next()
        .expect("a Remove button per row")
        .click();
    harness.run();
    click(&mut harness, "Save");
    assert_eq!(
        harness
            .state()
            .store()
            .settings()
            .unwrap()
            .category_warranty_months,
        [("热水器".to_owned(), 18)]
    );
}

#[test]
fn a_bad_fax_or_a_category_listed_twice_is_explained_and_not_saved() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    click(&mut harness, "Settings");
    fill(&mut harness, "Company fax (printed on forms)", "fax us");
    harness.get_by_label("A phone number, e.g. 0791-88881234, or a hotline such as 400-888-1234");
    fill(&mut harness, "Company fax (printed on forms)", "");
    click(&mut harness, "Add category");
    fill_last(&mut harness, "Product category", "空调");
    fill_last(&mut harness, "Warranty months", "36");
    click(&mut harness, "Add category");
    fill_last(&mut harness, "Product category", "空调");
    fill_last(&mut harness, "Warranty months", "abc");
    harness.get_by_label("This category is already listed");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    fill_last(&mut harness, "Product category", "热水器");
    harness.get_by_label("A whole number of months from 1 to 120");
    fill(&mut harness, "Bulk repairs per day (units)", "0");
    harness.get_by_label("A whole number of units from 1 to 1000");
    assert!(harness.get_by_label("Save").accesskit_node().is_disabled());
    assert!(
        harness
            .state()
            .store()
            .settings()
            .unwrap()
            .category_warranty_months
            .is_empty()
    );
}

#[test]
fn a_logo_is_chosen_shown_printed_on_forms_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let logo = dir.path().join("logo.png");
    std::fs::write(&logo, common::logo_png()).unwrap();
    let not_a_picture = dir.path().join("logo.txt");
    std::fs::write(&not_a_picture, "白沙").unwrap();
    let too_large = dir.path().join("huge.png");
    std::fs::write(&too_large, vec![0u8; 1024 * 1024 + 1]).unwrap();
    let out = dir.path().join("blank.pdf");
    let dialog = SaveDialog::default();
    *dialog.answer.lock().unwrap() = Some(out.clone());
    let mut harness = harness(store_in("en"), &dialog);
    click(&mut harness, "Settings");
    harness.get_by_label("No logo");

    *dialog.logo.lock().unwrap() = Some(not_a_picture);
    click(&mut harness, "Choose logo…");
    harness.get_by_label_contains("The logo must be a PNG or JPEG picture");
    *dialog.logo.lock().unwrap() = Some(too_large);
    click(&mut harness, "Choose logo…");
    harness.get_by_label_contains("The logo is larger than 1 MB");
    assert_eq!(harness.state().store().company_logo().unwrap(), None);

    *dialog.logo.lock().unwrap() = Some(logo);
    click(&mut harness, "Choose logo…");
    harness.get_by_label("Logo saved; it prints at the top of every form.");
    assert_eq!(
        harness.state().store().company_logo().unwrap(),
        Some(common::logo_png())
    );
    assert!(
        harness.query_by_label("No logo").is_none(),
        "the preview shows"
    );

    click(&mut harness, "Warranty cards");
    click(&mut harness, "Print blank card…");
    let bytes = common::read(&out);
    assert_eq!(image_count(&bytes), 1, "the logo is printed");
    assert_eq!(pdf_text(&bytes).1, 1);

    click(&mut harness, "Settings");
    click(&mut harness, "Remove logo");
    harness.get_by_label("No logo");
    assert_eq!(harness.state().store().company_logo().unwrap(), None);
}

#[test]
fn the_window_is_light_where_the_system_says_nothing_follows_it_where_it_does_and_keeps_the_switch()
{
    use aftersales::domain::settings::Appearance;
    // The harness states no system theme, as a desktop without a preference.
    let store = store_in("en");
    let mut harness = harness(store, &SaveDialog::default());
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    assert!(!harness.ctx.global_style().visuals.dark_mode);

    // A system that says dark is followed.
    harness.input_mut().system_theme = Some(egui::Theme::Dark);
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);

    // Settings → Appearance → Light wins over the system, at once and without Save.
    click(&mut harness, "Settings");
    choose(&mut harness, "Appearance", "Light");
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    assert_eq!(
        harness.state().store().settings().unwrap().appearance,
        Appearance::Light
    );
    assert_eq!(
        harness
            .state()
            .store()
            .setting("appearance")
            .unwrap()
            .as_deref(),
        Some("light")
    );

    // Dark is kept as well, and back to the system's.
    choose(&mut harness, "Appearance", "Dark");
    harness.input_mut().system_theme = Some(egui::Theme::Light);
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    choose(
        &mut harness,
        "Appearance",
        "As the system (light where it says nothing)",
    );
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
}

#[test]
fn a_window_opened_on_a_file_set_to_dark_is_dark_whatever_the_system_says() {
    let store = store_in("zh-CN");
    store.set_setting("appearance", "dark").unwrap();
    let mut window = harness(store, &SaveDialog::default());
    window.run();
    assert_eq!(window.ctx.theme(), egui::Theme::Dark);
    // A value this program does not know (written by a newer one) reads as the system's.
    let store = store_in("zh-CN");
    store.set_setting("appearance", "sepia").unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    click(&mut harness, "设置");
    harness.get_by_label("外观");
    assert_eq!(
        harness.state().store().settings().unwrap().appearance,
        aftersales::domain::settings::Appearance::System
    );
}

/// The WCAG 2 contrast ratio of two opaque colours.
fn contrast(a: egui::Color32, b: egui::Color32) -> f32 {
    fn luminance(colour: egui::Color32) -> f32 {
        let linear = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(colour.r()) + 0.7152 * linear(colour.g()) + 0.0722 * linear(colour.b())
    }
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn warnings_errors_and_hints_read_at_wcag_aa_contrast_in_the_light_theme() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    harness.run();
    let visuals = harness.ctx.style_of(egui::Theme::Light).visuals.clone();
    for (name, colour) in [
        ("warning", visuals.warn_fg_color),
        ("error", visuals.error_fg_color),
        ("hint", visuals.weak_text_color()),
        ("text", visuals.text_color()),
    ] {
        for (ground, background) in [
            ("panel", visuals.panel_fill),
            ("field", visuals.text_edit_bg_color()),
        ] {
            let ratio = contrast(colour, background);
            assert!(ratio >= 4.5, "{name} on the {ground}: {ratio:.2}:1");
        }
    }
    // A text field has an edge to find it by on the light panel.
    assert!(visuals.widgets.inactive.bg_stroke.width > 0.0);
}

#[test]
fn demo_data_is_offered_only_while_the_database_is_empty_and_asked_about_first() {
    let mut harness = harness(store_in("en"), &SaveDialog::default());
    click(&mut harness, "Settings");
    click(&mut harness, "Load demo data");
    // Asked first; cancelled, nothing is added.
    harness.get_by_label_contains("cannot be taken out again");
    click(&mut harness, "Cancel");
    assert_eq!(harness.state().store().card_count().unwrap(), 0);
    // Escape cancels too.
    click(&mut harness, "Load demo data");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("cannot be taken out again")
            .is_none()
    );
    assert_eq!(harness.state().store().card_count().unwrap(), 0);
    click(&mut harness, "Load demo data");
    click(&mut harness, "Add demo data");
    assert_eq!(harness.state().store().card_count().unwrap(), 500);
    harness.get_by_label_contains("Added 500 demo warranty cards");
    // Now the database holds records: no more demo data is offered.
    click(&mut harness, "Warranty cards");
    click(&mut harness, "Settings");
    assert!(harness.query_by_label("Load demo data").is_none());
}

#[test]
fn a_database_with_one_record_is_not_offered_demo_data() {
    let mut store = store_in("en");
    let card = common::card("张三", "13800138000", "2026-03-01");
    store.insert_card(&card, "WC", common::now()).unwrap();
    let mut harness = harness(store, &SaveDialog::default());
    click(&mut harness, "Settings");
    harness.get_by_label("Company name (printed on forms)");
    assert!(harness.query_by_label("Load demo data").is_none());
}

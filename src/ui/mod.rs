//! The views. A view draws from the state it is given and returns [`Command`]s; it never
//! touches the database, files or dialogs (the shell in `app` carries the commands out).

pub mod settings;
pub mod warranty_card;

use chrono::NaiveDate;
use egui::{Color32, FontData, FontDefinitions, FontFamily, RichText, Ui};

use crate::assets::CJK_FONT;
use crate::domain::date::{format_date, parse_date};
use crate::i18n::Lang;
use crate::store::Settings;
use crate::store::warranty_card::CardQuery;

/// What a view asks the shell to do after the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Go to another screen (guarded against unsaved changes).
    Navigate(Page),
    SetLanguage(Lang),
    /// The cards list's search or sort changed: query the ids again.
    SearchCards(CardQuery),
    /// The list needs rows `start..end` of the current result.
    LoadCardRows {
        start: usize,
        end: usize,
    },
    NewCard,
    OpenCard(i64),
    /// Save the form being edited (it parsed, or the button would be disabled).
    SaveCard,
    /// Close the form (guarded against unsaved changes).
    CloseCard,
    ExportCardPdf(i64),
    PrintBlankCard,
    SaveSettings(Settings),
    LoadDemoData,
}

/// The screens of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Page {
    #[default]
    WarrantyCards,
    Settings,
}

/// Makes Chinese render: the bundled CJK font is added after egui's own fonts, so Latin text
/// keeps egui's look and every CJK character falls back to WenQuanYi Micro Hei.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "wqy-microhei".to_owned(),
        FontData::from_static(CJK_FONT).into(),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("wqy-microhei".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// The colour of a validation message beside a field: dark red, readable on both themes.
pub fn error_color(ui: &Ui) -> Color32 {
    ui.visuals().error_fg_color
}

/// A text field for a date with a calendar button beside it; typing stays possible.
/// Returns whether the text changed.
pub fn date_field(
    ui: &mut Ui,
    id_salt: &str,
    text: &mut String,
    label: egui::Id,
    today: NaiveDate,
    calendar: &str,
) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        let response = ui
            .add(
                egui::TextEdit::singleline(text)
                    .desired_width(110.0)
                    .hint_text("YYYY-MM-DD"),
            )
            .labelled_by(label);
        changed |= response.changed();
        let shown = parse_date(text).unwrap_or(today);
        let mut picked = to_jiff(shown);
        let before = picked;
        ui.add(
            egui_extras::DatePickerButton::new(&mut picked)
                .id_salt(id_salt)
                // The button shows a word, not a date: the date is in the text field beside it.
                .format(calendar.replace('%', ""))
                .show_icon(false),
        );
        if picked != before
            && let Some(date) = from_jiff(picked)
        {
            *text = format_date(date);
            changed = true;
        }
    });
    changed
}

fn to_jiff(date: NaiveDate) -> jiff::civil::Date {
    use chrono::Datelike;
    jiff::civil::Date::new(date.year() as i16, date.month() as i8, date.day() as i8)
        .unwrap_or_default()
}

fn from_jiff(date: jiff::civil::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year().into(), date.month() as u32, date.day() as u32)
}

/// Width of the label column in every form grid, so sections line up.
pub const LABEL_COLUMN_WIDTH: f32 = 150.0;

/// A section heading inside a form.
pub fn heading(ui: &mut Ui, text: String) {
    ui.add_space(6.0);
    ui.label(RichText::new(text).strong().size(15.0));
    ui.separator();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_convert_to_and_from_the_date_pickers_type() {
        let date = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(from_jiff(to_jiff(date)), Some(date));
    }
}

//! The views. A view draws from the state it is given and returns [`Command`]s; it never
//! touches the database, files or dialogs (the shell in `app` carries the commands out).

pub mod case;
pub mod complaint;
pub mod contract;
pub mod customer;
pub mod dashboard;
pub mod exchange;
pub mod form;
pub mod history;
pub mod list;
pub mod repair;
pub mod report;
pub mod search;
pub mod settings;
pub mod signature;
pub mod warranty_card;

use chrono::NaiveDate;
use egui::{Color32, FontData, FontDefinitions, FontFamily, RichText, Ui};

use crate::assets::CJK_FONT;
use crate::domain::date::{format_date, parse_date};
use crate::domain::settings::Settings;
use crate::i18n::Lang;
use crate::store::complaint::ComplaintQuery;
use crate::store::warranty_card::CardQuery;

/// What a view asks the shell to do after the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Go to another screen (guarded against unsaved changes).
    Navigate(Page),
    SetLanguage(Lang),
    /// Light, dark, or as the system says; applied at once and kept.
    SetAppearance(crate::domain::settings::Appearance),
    SetTextSize(crate::domain::settings::TextSize),
    /// The cards list's search or sort changed: query the ids again.
    SearchCards(CardQuery),
    /// Withdraw the last step of this complaint's case, recorded by mistake.
    WithdrawStep(i64),
    /// A list's columns were given these widths (all but the last): keep them.
    KeepWidths(list::ListKind, Vec<f32>),
    /// A list needs rows `start..end` of its current result.
    LoadRows {
        list: list::ListKind,
        start: usize,
        end: usize,
    },
    NewCard,
    OpenCard(i64),
    /// Save the card form being edited (it parsed, or the button would be disabled).
    SaveCard,
    /// Close the open form (guarded against unsaved changes).
    CloseForm,
    /// Print this paper: a form, a case packet, a letter or a blank form, to a file the clerk
    /// chooses.
    Print(crate::domain::paper::Paper),
    /// Ask which printer and how many copies, then send this paper to the printer.
    AskPrint(crate::domain::paper::Paper),
    SearchComplaints(ComplaintQuery),
    NewComplaint,
    /// Open the case of this complaint.
    OpenComplaint(i64),
    /// Open the case of this complaint at one of its forms.
    OpenCase {
        complaint_id: i64,
        tab: case::CaseTab,
    },
    /// Search every record for this text.
    SearchAll(String),
    /// Save every changed form of the open case.
    SaveCase,
    CreateInvestigation,
    CreateConfirmation,
    /// Choose a photo file and attach it to this investigation report, as a photo of this
    /// document.
    AddPhoto(i64, crate::domain::investigation::PhotoDocument),
    /// Ask why this photo is withdrawn from its report, then withdraw it.
    AskWithdrawPhoto(i64),
    /// Choose files of signed paper that came back and attach each page to the form whose
    /// code it carries (or keep it aside).
    AttachSignedPaper,
    /// Attach this page kept aside to this form of the open case.
    MatchSignedPage(i64, crate::store::signed_page::FormRecord),
    /// Show this page of signed paper in the system's picture viewer.
    ViewSignedPage(i64),
    /// Open the signing pad for this signer's box of this form, as saved at this revision.
    OpenSigningPad {
        form: crate::store::signed_page::FormRecord,
        number: String,
        signer: crate::domain::signature::Signer,
        revision: i64,
    },
    SearchCustomers(String),
    OpenCustomer(i64),
    SaveCustomer,
    /// Start a new card or complaint filled in from this customer's record.
    NewCardForCustomer(i64),
    NewComplaintForCustomer(i64),
    /// The warranty number typed in a complaint changed: find the card.
    LookUpCard(String),
    SaveSettings(Box<Settings>),
    /// Choose a picture file as the company logo printed on forms, and store it at once.
    ChooseLogo,
    RemoveLogo,
    /// Write a copy of the database where the clerk chooses.
    BackUp,
    /// Put a backup in place of the open database (the current file is kept aside).
    RestoreBackup,
    /// Read the lists again (another window may have changed the file).
    Refresh,
    /// List the records past their retention period, for confirmation.
    ReviewPurge,
    /// Check the whole file and its audit trail (beside the window).
    VerifyArchive,
    /// Record the next step of this complaint's case, which happened at `at` (`reason` says
    /// why it is recorded late, if it is).
    RecordStep {
        complaint_id: i64,
        step: crate::domain::case_life::Step,
        at: chrono::NaiveDateTime,
        reason: String,
    },
    /// Ask for the reason to void this card or complaint.
    AskVoid(crate::store::audit::AuditedTable, i64),
    /// Record the return visit of a resolved case (complaint id).
    RecordReturnVisit(i64, crate::domain::return_visit::ReturnVisit),
    /// Register machines received for repair.
    RegisterRepair(crate::domain::repair::Repair),
    /// The delivery's last unit is repaired.
    FinishRepair(i64),
    /// Record who is working.
    SetOperator(crate::store::audit::Operator),
    /// Asks who works at the desk now (another clerk taking over without restarting).
    AskSwitchOperator,
    /// Sets the working clerk's PIN (as typed; only its hash is kept).
    SetPin(String),
    RemovePin,
    /// Write this office's monthly file for the month, where the clerk chooses.
    ExportMonth(crate::domain::unit::Period),
    /// Choose a monthly file received, check it and show what importing it will do.
    ChooseMonthlyFile,
    /// Import the file checked and shown.
    ImportMonthlyFile,
    /// Leave the file checked and shown unimported.
    CancelImport,
    /// Show the tracker of this month's files.
    ShowSubmissions(crate::domain::unit::Period),
    /// Write the deliveries shown on the repairs screen as a spreadsheet.
    ExportRepairs(crate::sheet::SheetFormat),
    /// Write the tracker of the month shown as a spreadsheet.
    ExportTracker(crate::sheet::SheetFormat),
    /// Write the whole of this list (as searched and sorted) as a spreadsheet.
    ExportList(list::ListKind, crate::sheet::SheetFormat),
    /// Save the form of every record of this list (as searched) as a PDF each, in a folder.
    PrintList(list::ListKind),
    /// Write this sheet where the clerk chose.
    WriteSheet {
        sheet: Box<crate::sheet::Sheet>,
        path: std::path::PathBuf,
        format: crate::sheet::SheetFormat,
    },
    /// Asks whether to add demo data (only to an empty database).
    AskLoadDemo,
    LoadDemoData,
    /// The contracts list's search changed: query the ids again.
    SearchContracts(crate::store::contract::ContractQuery),
    NewContract,
    OpenContract(i64),
    /// Start a new contract renewing this one.
    RenewContract(i64),
    SaveContract,
    /// Gather the report of this period and scope onto the Reports screen.
    ShowReport(crate::domain::report::Span, crate::store::report::Scope),
    /// List the cases behind a row of the report shown, under this title.
    ShowCasesBehind {
        title: String,
        behind: crate::store::report::Behind,
    },
    CloseCasesBehind,
    /// Write the report shown where the clerk chooses.
    ExportReport(report::ReportFormat),
}

/// The screens of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Page {
    /// The first screen: today's work.
    #[default]
    Dashboard,
    WarrantyCards,
    Complaints,
    Customers,
    /// Machines received for repair.
    Repairs,
    /// The monthly files sent and received, and who submitted.
    Exchange,
    /// The month's (quarter's, year's) report.
    Reports,
    Contracts,
    Settings,
    /// What the search of everything found.
    Search,
}

/// Makes Chinese render: the bundled CJK font is added after egui's own fonts, so Latin text
/// keeps egui's look and every CJK character falls back to WenQuanYi Micro Hei.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions(&[]));
}

/// egui's fonts, then the bundled CJK font, then `fallbacks` (faces of this computer that
/// draw what the others lack), in every family.
fn font_definitions(fallbacks: &[&'static crate::fonts::Face]) -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "wqy-microhei".to_owned(),
        FontData::from_static(CJK_FONT).into(),
    );
    let mut names = vec!["wqy-microhei".to_owned()];
    for face in fallbacks {
        let name = format!("fallback-{}-{}", face.name, face.index);
        let mut data = FontData::from_static(face.bytes);
        data.index = face.index;
        fonts.font_data.insert(name.clone(), data.into());
        names.push(name);
    }
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .extend(names.iter().cloned());
    }
    fonts
}

/// The characters of `text` that no font of this computer draws; the fonts of this computer
/// that draw the others are added to the window's on the way, so a rare character typed or
/// read shows from the next frame on.
pub fn unprintable_chars(ctx: &egui::Context, text: &str) -> Vec<char> {
    let fonts = crate::fonts::Fonts::shared();
    let mut missing = Vec::new();
    let mut needed = Vec::new();
    for c in text.chars() {
        match fonts.face_of(c) {
            Some(0) => {}
            Some(number) => needed.push(number),
            None if !missing.contains(&c) => missing.push(c),
            None => {}
        }
    }
    if needed.is_empty() {
        return missing;
    }
    let id = egui::Id::unique("fallback fonts of this computer");
    let mut installed: Vec<crate::fonts::FaceNumber> =
        ctx.data(|data| data.get_temp(id)).unwrap_or_default();
    let before = installed.len();
    for number in needed {
        if !installed.contains(&number) {
            installed.push(number);
        }
    }
    if installed.len() != before {
        let faces: Vec<&'static crate::fonts::Face> =
            installed.iter().filter_map(|n| fonts.face(*n)).collect();
        ctx.set_fonts(font_definitions(&faces));
        ctx.data_mut(|data| data.insert_temp(id, installed));
    }
    missing
}

/// The colour of a validation message beside a field: the theme's own error colour, so it
/// reads on both the light and the dark theme.
/// egui's light theme made readable at a desk (WCAG AA, 4.5:1 against the panel and the
/// fields): its warning orange, error red and hint grey are about 3:1 on its near-white, and
/// its text fields have no edge to find them by.
pub fn office_light(style: &mut egui::Style) {
    let visuals = &mut style.visuals;
    visuals.warn_fg_color = Color32::from_rgb(153, 68, 0);
    visuals.error_fg_color = Color32::from_rgb(179, 0, 0);
    visuals.weak_text_color = Some(Color32::from_gray(105));
    // Disabled text fainter than the rest, still readable (4.5:1; egui's half fade is 2.7:1).
    visuals.disabled_alpha = 0.75;
    visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, Color32::from_gray(165));
}

/// The dark theme, made readable: hints, disabled text and the warning and error colours at
/// WCAG AA contrast (4.5:1) on the panel and in text boxes, like the light one.
pub fn office_dark(style: &mut egui::Style) {
    let visuals = &mut style.visuals;
    visuals.warn_fg_color = Color32::from_rgb(255, 170, 80);
    visuals.error_fg_color = Color32::from_rgb(255, 120, 120);
    visuals.weak_text_color = Some(Color32::from_gray(150));
    visuals.disabled_alpha = 0.75;
}

/// The contrast ratio of `text` on `background` (WCAG 2: 1 to 21; 4.5 is AA for body text).
pub fn contrast(text: Color32, background: Color32) -> f32 {
    let luminance = |color: Color32| {
        let channel = |c: u8| {
            let c = f32::from(c) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
    };
    let (a, b) = (luminance(text), luminance(background));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

pub fn error_color(ui: &Ui) -> Color32 {
    ui.visuals().error_fg_color
}

/// A text field for a date with a calendar button beside it; typing stays possible.
/// Returns whether the text changed.
pub fn date_field(
    ui: &mut Ui,
    i18n: &crate::i18n::I18n,
    id_salt: &str,
    text: &mut String,
    label: egui::Id,
    today: NaiveDate,
) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        let response = ui
            .add(
                egui::TextEdit::singleline(text)
                    .id(field_id(id_salt))
                    .desired_width(110.0)
                    .hint_text(example(i18n, "form-date-hint")),
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
                .format(i18n.tr("form-calendar").replace('%', ""))
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

/// How many rows beyond the visible ones are read with each fetch.
const ROW_MARGIN: usize = 100;

/// A row of a list: it names its record.
pub trait ListRow {
    fn id(&self) -> i64;
}

/// A list at archive scale: the ids of every record matching the query, and the rows read
/// for the part on screen only.
pub struct RecordList<Q, R> {
    /// The text in the search box, as typed.
    pub search: String,
    /// The query `ids` answers.
    pub query: Q,
    pub ids: Vec<i64>,
    /// Rows for `ids[window_start..window_start + window.len()]`, as read: `None` where a
    /// record could not be read or is no longer there.
    window_start: usize,
    window: Vec<Option<R>>,
    /// Records in the database, searched or not.
    pub total: u64,
    /// The search matched more records than a list reads (`store::search::LIST_SEARCH_CAP`):
    /// `ids` are the newest of them, and the list says so.
    pub cut: bool,
    /// `ids` no longer answer `query` (never read yet, or the records changed while another
    /// screen was shown): read again before the list is next drawn.
    pub stale: bool,
    /// A new reading is under way beside the window: `ids` are the last one's.
    pub reading: bool,
    /// The whole list read to be written as a spreadsheet, waiting for the view.
    pub sheet: Option<list::PendingSheet<R>>,
    /// The days typed in the list's date filter, from and to, as typed.
    pub range: [String; 2],
    /// The widths the clerk gave the columns, but the last (none until one is dragged).
    pub widths: Vec<f32>,
}

impl<Q: Default, R> Default for RecordList<Q, R> {
    fn default() -> Self {
        RecordList {
            search: String::new(),
            query: Q::default(),
            ids: Vec::new(),
            window_start: 0,
            window: Vec::new(),
            sheet: None,
            total: 0,
            cut: false,
            stale: true,
            reading: false,
            range: Default::default(),
            widths: Vec::new(),
        }
    }
}

/// Where a row of a list stands.
pub enum RowState<'a, R> {
    /// Not asked for yet.
    Unread,
    /// Asked for, and not there: removed since the search, or unreadable.
    Missing,
    Read(&'a R),
}

impl<Q, R: ListRow> RecordList<Q, R> {
    /// The row at `index` of the result, if it has been read.
    pub fn row(&self, index: usize) -> Option<&R> {
        match self.row_state(index) {
            RowState::Read(row) => Some(row),
            RowState::Unread | RowState::Missing => None,
        }
    }

    /// Whether the row at `index` was read, asked for in vain, or not asked for yet.
    pub fn row_state(&self, index: usize) -> RowState<'_, R> {
        match index
            .checked_sub(self.window_start)
            .and_then(|i| self.window.get(i))
        {
            None => RowState::Unread,
            Some(None) => RowState::Missing,
            Some(Some(row)) => RowState::Read(row),
        }
    }

    /// A new result: its ids, with no rows read yet.
    pub fn set_result(&mut self, query: Q, listed: crate::store::search::Listed, total: u64) {
        self.query = query;
        self.ids = listed.ids;
        self.cut = listed.cut;
        self.stale = false;
        self.reading = false;
        self.total = total;
        self.window_start = 0;
        self.window.clear();
    }

    /// A new reading of the list started beside the window (`true`: no longer stale), or
    /// ended without a result (`false`).
    pub fn reading(&mut self, reading: bool) {
        self.reading = reading;
        self.stale &= !reading;
    }

    /// The rows read by the shell for `ids[start..end]` (clamped to the result), each placed
    /// by its record's id: a record not among `rows` (removed since the search, or the read
    /// failed) is marked missing, so it is not asked for again and no row takes its place.
    pub fn set_window(&mut self, start: usize, end: usize, rows: Vec<R>) {
        let end = end.min(self.ids.len());
        let start = start.min(end);
        let mut by_id: std::collections::HashMap<i64, R> =
            rows.into_iter().map(|row| (row.id(), row)).collect();
        self.window_start = start;
        self.window = self.ids[start..end]
            .iter()
            .map(|id| by_id.remove(id))
            .collect();
    }

    /// The range to read when rows `first..=last` are on screen and not all read yet.
    pub fn rows_to_load(&self, visible: Option<(usize, usize)>) -> Option<(usize, usize)> {
        let (first, last) = visible?;
        let loaded = self.window_start..self.window_start + self.window.len();
        if loaded.contains(&first) && loaded.contains(&last) {
            return None;
        }
        Some((
            first.saturating_sub(ROW_MARGIN),
            (last + 1 + ROW_MARGIN).min(self.ids.len()),
        ))
    }
}

/// Widens `visible` to include `index` (collected while the table lays out its rows).
pub fn note_visible(visible: &mut Option<(usize, usize)>, index: usize) {
    *visible = Some(match *visible {
        None => (index, index),
        Some((lo, hi)) => (lo.min(index), hi.max(index)),
    });
}

/// The kinds of input a form field can be.
#[derive(Clone, Copy)]
pub enum FieldKind {
    Line {
        required: bool,
    },
    /// A line whose placeholder is an example of what to type, from the catalogue (several
    /// names, and what separates them); the example also says whether it is required.
    LineWithExample {
        example: &'static str,
    },
    Text {
        rows: usize,
        required: bool,
    },
    Date,
    Number,
}

/// One row of a form grid: the label, the field, and the field's error beside it when
/// `error` is set. Returns whether the value changed.
pub fn form_field(
    ui: &mut Ui,
    i18n: &crate::i18n::I18n,
    label_key: &'static str,
    value: &mut String,
    kind: FieldKind,
    today: NaiveDate,
    error: Option<&'static str>,
) -> bool {
    let label = ui.label(i18n.tr(label_key));
    let id = field_id(label_key);
    // Top-aligned, so a tall text box grows downwards from its label's line.
    let changed = ui
        .horizontal_top(|ui| {
            let hint = example(i18n, "form-required");
            let changed = match kind {
                FieldKind::Line { required } => {
                    let mut edit = egui::TextEdit::singleline(value)
                        .id(id)
                        .desired_width(300.0);
                    if required {
                        edit = edit.hint_text(hint.clone());
                    }
                    ui.add(edit).labelled_by(label.id).changed()
                }
                FieldKind::LineWithExample { example } => ui
                    .add(
                        egui::TextEdit::singleline(value)
                            .id(id)
                            .desired_width(300.0)
                            .hint_text(self::example(i18n, example)),
                    )
                    .labelled_by(label.id)
                    .changed(),
                FieldKind::Text { rows, required } => {
                    let mut edit = egui::TextEdit::multiline(value)
                        .id(id)
                        .desired_rows(rows)
                        .desired_width(480.0);
                    if required {
                        edit = edit.hint_text(hint);
                    }
                    ui.add(edit).labelled_by(label.id).changed()
                }
                FieldKind::Date => date_field(ui, i18n, label_key, value, label.id, today),
                FieldKind::Number => ui
                    .add(egui::TextEdit::singleline(value).id(id).desired_width(60.0))
                    .labelled_by(label.id)
                    .changed(),
            };
            if let Some(message) = error {
                ui.label(RichText::new(i18n.tr(message)).color(error_color(ui)));
            }
            let missing = unprintable_chars(ui.ctx(), value);
            if !missing.is_empty() {
                let chars = crate::fonts::named(&missing);
                ui.label(
                    RichText::new(i18n.tr_args("field-no-font", &[("chars", &chars)]))
                        .color(ui.visuals().warn_fg_color),
                );
            }
            changed
        })
        .inner;
    ui.end_row();
    changed
}

/// The identity of a form's text field, from its label alone: it must not depend on what is
/// shown above it, or a line appearing there (a status computed from the typing) would move
/// the focus away mid-word and lose the rest of the typing.
/// A placeholder: what to type, in italics, so an empty box's hint is never taken for a value
/// (one with digits in it says "e.g.").
pub fn example(i18n: &crate::i18n::I18n, key: &str) -> RichText {
    RichText::new(i18n.tr(key)).italics()
}

pub fn field_id(label_key: &str) -> egui::Id {
    egui::Id::unique(("form field", label_key))
}

/// One row of a form grid with a drop-down of `choices`. Returns whether the choice changed.
pub fn choice_field<T: Copy + PartialEq>(
    ui: &mut Ui,
    i18n: &crate::i18n::I18n,
    label_key: &'static str,
    value: &mut T,
    choices: &[T],
    choice_key: impl Fn(T) -> &'static str,
) -> bool {
    let label = ui.label(i18n.tr(label_key));
    let before = *value;
    let combo = egui::ComboBox::from_id_salt(label_key)
        .selected_text(i18n.tr(choice_key(*value)))
        .width(300.0)
        .show_ui(ui, |ui| {
            for &choice in choices {
                ui.selectable_value(value, choice, i18n.tr(choice_key(choice)));
            }
        });
    combo.response.labelled_by(label.id);
    ui.end_row();
    *value != before
}

/// A form grid with the label column of every form.
pub fn form_grid<R>(ui: &mut Ui, id: &str, add_contents: impl FnOnce(&mut Ui) -> R) -> R {
    egui::Grid::new(id)
        .num_columns(2)
        .min_col_width(LABEL_COLUMN_WIDTH)
        .spacing([12.0, 6.0])
        .show(ui, add_contents)
        .inner
}

/// Width of the label column in every form grid, so sections line up.
pub const LABEL_COLUMN_WIDTH: f32 = 150.0;

/// The message of `field` among a form's parse errors, if it has one.
pub fn error_for<F: PartialEq + Copy>(
    errors: &[crate::domain::FieldError<F>],
    field: F,
) -> Option<&'static str> {
    errors.iter().find(|e| e.field == field).map(|e| e.message)
}

/// A clock running on a case, as one line: what is due by when, or in red since when and how
/// many hours late (`strong` in bold, where it heads a case).
pub fn clock_ui(
    ui: &mut Ui,
    i18n: &crate::i18n::I18n,
    (due, deadline): (crate::domain::case_life::Due, chrono::NaiveDateTime),
    now: chrono::NaiveDateTime,
    strong: bool,
) {
    let due = i18n.tr(due.message_key());
    let deadline_text = deadline.format("%Y-%m-%d %H:%M").to_string();
    match crate::domain::case_life::lateness(deadline, now) {
        Some(late) => {
            let text = i18n.tr_args(
                "case-overdue",
                &[
                    ("due", &due),
                    ("deadline", &deadline_text),
                    ("hours", &late.num_hours().to_string()),
                ],
            );
            let mut text = RichText::new(text).color(error_color(ui));
            if strong {
                text = text.strong();
            }
            ui.label(text);
        }
        None => {
            ui.label(i18n.tr_args("case-due", &[("due", &due), ("deadline", &deadline_text)]));
        }
    }
}

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
    fn contrast_is_measured_as_wcag_measures_it() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
        // #767676 on white is the usual example of just passing AA.
        let just = contrast(Color32::from_gray(0x76), Color32::WHITE);
        assert!((4.5..4.6).contains(&just), "{just}");
    }

    #[test]
    fn hints_disabled_text_and_marks_meet_wcag_aa_in_both_themes() {
        for (theme, office) in [
            ("light", office_light as fn(&mut egui::Style)),
            ("dark", office_dark),
        ] {
            let mut style = egui::Style {
                visuals: if theme == "light" {
                    egui::Visuals::light()
                } else {
                    egui::Visuals::dark()
                },
                ..Default::default()
            };
            office(&mut style);
            let visuals = &style.visuals;
            let panel = visuals.panel_fill;
            let text_box = visuals.text_edit_bg_color();
            // Disabled widgets are drawn at `disabled_alpha` over what is behind them.
            let disabled = visuals
                .widgets
                .inactive
                .text_color()
                .gamma_multiply(visuals.disabled_alpha());
            let disabled = blend(disabled, panel);
            for (what, color, background) in [
                ("a hint in a text box", visuals.weak_text_color(), text_box),
                ("weak text on the panel", visuals.weak_text_color(), panel),
                ("disabled text", disabled, panel),
                ("a warning", visuals.warn_fg_color, panel),
                ("an error", visuals.error_fg_color, panel),
                (
                    "an error in a text box's row",
                    visuals.error_fg_color,
                    text_box,
                ),
            ] {
                let ratio = contrast(color, background);
                assert!(ratio >= 4.5, "{theme}: {what} at {ratio:.2}:1");
            }
        }
    }

    /// `color` (premultiplied, maybe translucent) drawn over the opaque `background`.
    fn blend(color: Color32, background: Color32) -> Color32 {
        let alpha = f32::from(color.a()) / 255.0;
        let mix = |c: u8, b: u8| (f32::from(c) + f32::from(b) * (1.0 - alpha)).round() as u8;
        Color32::from_rgb(
            mix(color.r(), background.r()),
            mix(color.g(), background.g()),
            mix(color.b(), background.b()),
        )
    }

    #[test]
    fn dates_convert_to_and_from_the_date_pickers_type() {
        let date = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(from_jiff(to_jiff(date)), Some(date));
    }

    #[derive(Debug, PartialEq)]
    struct Row(i64);

    impl ListRow for Row {
        fn id(&self) -> i64 {
            self.0
        }
    }

    fn list_of(ids: &[i64]) -> RecordList<(), Row> {
        let mut list = RecordList::default();
        let listed = crate::store::search::Listed {
            ids: ids.to_vec(),
            cut: false,
        };
        list.set_result((), listed, ids.len() as u64);
        list
    }

    #[test]
    fn a_row_removed_since_the_search_leaves_a_gap_and_no_row_moves_up_into_it() {
        let mut list = list_of(&[10, 20, 30, 40]);
        // Record 20 was removed by another window after the search.
        list.set_window(0, 4, vec![Row(10), Row(30), Row(40)]);
        assert_eq!(list.row(0), Some(&Row(10)));
        assert!(matches!(list.row_state(1), RowState::Missing));
        assert_eq!(list.row(2), Some(&Row(30)), "row 2 opens record 30, not 40");
        assert_eq!(list.row(3), Some(&Row(40)));
        assert_eq!(list.rows_to_load(Some((0, 3))), None, "not asked for again");
    }

    #[test]
    fn a_failed_read_marks_its_rows_missing_so_they_are_not_asked_for_every_frame() {
        let mut list = list_of(&[1, 2, 3]);
        assert_eq!(list.rows_to_load(Some((0, 2))), Some((0, 3)));
        list.set_window(0, 3, Vec::new());
        assert_eq!(list.rows_to_load(Some((0, 2))), None);
        assert!(matches!(list.row_state(0), RowState::Missing));
    }

    #[test]
    fn a_window_asked_for_past_the_end_is_cut_to_the_result() {
        let mut list = list_of(&[1, 2]);
        list.set_window(1, 50, vec![Row(2)]);
        assert_eq!(list.row(1), Some(&Row(2)));
        assert!(matches!(list.row_state(0), RowState::Unread));
    }
}

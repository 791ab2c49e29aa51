//! The shell: owns the database and the screens, lays out the window, and carries out the
//! commands the views return, after the frame.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use egui::{RichText, Ui};

use crate::domain::warranty_card::{WarrantyCardDraft, WarrantyPolicy};
use crate::i18n::{I18n, Lang};
use crate::pdf;
use crate::store::warranty_card::CardQuery;
use crate::store::{Settings, Store, StoreError};
use crate::ui::settings::SettingsDraft;
use crate::ui::warranty_card::{CardEditor, CardList};
use crate::ui::{Command, Page};

/// Draft key of the open card form.
const CARD_DRAFT: &str = "warranty_card";
/// How often an open form with changes is written to the drafts table.
const DRAFT_INTERVAL: Duration = Duration::from_secs(2);

/// Asks where to save a file: given a suggested file name, returns the chosen path.
pub type SavePicker = Box<dyn FnMut(&str) -> Option<PathBuf>>;

/// A message at the bottom of the window.
struct Toast {
    text: String,
    is_error: bool,
    shown_at: Instant,
}

/// What waits for the clerk's answer about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    /// A command that would close the form.
    Command(Command),
    /// The window is closing.
    Quit,
}

/// The whole program state, without the window: tests drive it with egui_kittest.
pub struct App {
    store: Store,
    i18n: I18n,
    settings: Settings,
    page: Page,
    cards: CardList,
    editor: Option<CardEditor>,
    settings_draft: SettingsDraft,
    toasts: Vec<Toast>,
    pending: Option<Pending>,
    pick_save_path: SavePicker,
    clock: Box<dyn Fn() -> NaiveDateTime>,
    draft_written: Option<(Instant, CardEditor)>,
    /// Set once the clerk confirmed quitting, so the close is let through.
    pub quit_confirmed: bool,
}

impl App {
    /// The app on an open store, with a real clock and the native save dialog.
    pub fn new(store: Store) -> App {
        let picker: SavePicker = Box::new(|name| {
            rfd::FileDialog::new()
                .set_file_name(name)
                .add_filter("PDF", &["pdf"])
                .save_file()
        });
        App::with(
            store,
            picker,
            Box::new(|| chrono::Local::now().naive_local()),
        )
    }

    /// The app with a chosen save picker and clock (tests use fixed ones).
    pub fn with(
        store: Store,
        pick_save_path: SavePicker,
        clock: Box<dyn Fn() -> NaiveDateTime>,
    ) -> App {
        let mut toasts = Vec::new();
        let settings = store.settings().unwrap_or_else(|error| {
            toasts.push(Toast {
                text: error.to_string(),
                is_error: true,
                shown_at: Instant::now(),
            });
            Settings::default()
        });
        let lang = Lang::from_code(&settings.language).unwrap_or_default();
        let mut app = App {
            i18n: I18n::new(lang),
            settings_draft: SettingsDraft::from_settings(&settings),
            settings,
            store,
            page: Page::default(),
            cards: CardList::default(),
            editor: None,
            toasts,
            pending: None,
            pick_save_path,
            clock,
            draft_written: None,
            quit_confirmed: false,
        };
        app.requery_cards(CardQuery::default());
        app.restore_draft();
        app
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    fn today(&self) -> NaiveDate {
        (self.clock)().date()
    }

    fn policy(&self) -> WarrantyPolicy {
        WarrantyPolicy {
            feedback_grace_days: self.settings.feedback_grace_days,
        }
    }

    /// Whether a form holds typing that is not saved.
    pub fn has_unsaved_changes(&self) -> bool {
        self.editor.as_ref().is_some_and(CardEditor::is_dirty)
    }

    /// Draws the whole window into `ui` and carries out what the views asked for.
    pub fn ui(&mut self, ui: &mut Ui) {
        let mut commands = Vec::new();
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(self.i18n.tr("app-title"));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let current = self.i18n.lang();
                    let combo = egui::ComboBox::from_id_salt("language")
                        .selected_text(current.native_name())
                        .show_ui(ui, |ui| {
                            for lang in Lang::ALL {
                                if ui
                                    .selectable_label(lang == current, lang.native_name())
                                    .clicked()
                                    && lang != current
                                {
                                    commands.push(Command::SetLanguage(lang));
                                }
                            }
                        });
                    let label = ui.label(self.i18n.tr("app-language"));
                    combo.response.labelled_by(label.id);
                });
            });
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_ui(ui));
        egui::Panel::left("navigation")
            .resizable(false)
            .show(ui, |ui| {
                ui.add_space(6.0);
                for (page, key) in [
                    (Page::WarrantyCards, "nav-warranty-cards"),
                    (Page::Settings, "nav-settings"),
                ] {
                    if ui
                        .selectable_label(self.page == page, self.i18n.tr(key))
                        .clicked()
                        && self.page != page
                    {
                        commands.push(Command::Navigate(page));
                    }
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let (today, policy) = (self.today(), self.policy());
            commands.extend(match self.page {
                Page::WarrantyCards => match &mut self.editor {
                    Some(editor) => editor.ui(ui, &self.i18n, today, policy),
                    None => self.cards.ui(ui, &self.i18n, today, policy),
                },
                Page::Settings => self.settings_draft.ui(ui, &self.i18n, &self.settings),
            });
        });
        self.unsaved_dialog(ui, &mut commands);
        if !commands.is_empty() {
            // What a command changed (rows loaded, a card saved) shows in the next frame.
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.execute(command);
        }
        self.keep_draft();
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        self.toasts
            .retain(|t| t.is_error || t.shown_at.elapsed() < Duration::from_secs(6));
        ui.horizontal(|ui| {
            if let Some(path) = self.store.path() {
                ui.weak(
                    self.i18n
                        .tr_args("app-database", &[("path", &path.display().to_string())]),
                );
            }
        });
        let mut dismiss = None;
        for (index, toast) in self.toasts.iter().enumerate() {
            ui.horizontal(|ui| {
                let text = RichText::new(&toast.text);
                if toast.is_error {
                    ui.label(text.color(ui.visuals().error_fg_color));
                    if ui.small_button(self.i18n.tr("toast-dismiss")).clicked() {
                        dismiss = Some(index);
                    }
                } else {
                    ui.label(text);
                }
            });
        }
        if let Some(index) = dismiss {
            self.toasts.remove(index);
        }
    }

    /// The question asked before typing would be lost.
    fn unsaved_dialog(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(pending) = self.pending.clone() else {
            return;
        };
        let can_save = self
            .editor
            .as_ref()
            .is_some_and(|e| e.draft.parse(self.today()).is_ok());
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ui.ctx(), |ui| {
            ui.set_max_width(380.0);
            ui.heading(self.i18n.tr("unsaved-title"));
            ui.label(self.i18n.tr("unsaved-question"));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(can_save, egui::Button::new(self.i18n.tr("unsaved-save")))
                    .clicked()
                {
                    answer = Some("save");
                }
                if ui.button(self.i18n.tr("unsaved-discard")).clicked() {
                    answer = Some("discard");
                }
                if ui.button(self.i18n.tr("unsaved-cancel")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    answer = Some("cancel");
                }
            });
        });
        let Some(answer) = answer else { return };
        self.pending = None;
        match answer {
            "save" => {
                self.save_card();
                if self.has_unsaved_changes() {
                    return; // the save failed; its error is shown
                }
            }
            "discard" => self.discard_editor(),
            _ => return,
        }
        match pending {
            Pending::Command(command) => commands.push(command),
            Pending::Quit => {
                self.quit_confirmed = true;
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Called by the window when the user closes it: returns whether it may close now.
    pub fn on_close_requested(&mut self) -> bool {
        if self.quit_confirmed || !self.has_unsaved_changes() {
            return true;
        }
        self.pending = Some(Pending::Quit);
        false
    }

    fn execute(&mut self, command: Command) {
        let leaves_form = matches!(
            command,
            Command::Navigate(_) | Command::NewCard | Command::OpenCard(_) | Command::CloseCard
        );
        if leaves_form && self.has_unsaved_changes() {
            self.pending = Some(Pending::Command(command));
            return;
        }
        match command {
            Command::Navigate(page) => {
                self.discard_editor();
                if page == Page::Settings {
                    self.settings_draft = SettingsDraft::from_settings(&self.settings);
                }
                self.page = page;
            }
            Command::SetLanguage(lang) => {
                self.i18n = I18n::new(lang);
                self.settings.language = lang.code().to_owned();
                let result = self.store.set_setting("language", lang.code());
                self.report(result);
            }
            Command::SearchCards(query) => self.requery_cards(query),
            Command::LoadCardRows { start, end } => {
                let end = end.min(self.cards.ids.len());
                let start = start.min(end);
                match self.store.card_rows(&self.cards.ids[start..end]) {
                    Ok(rows) => {
                        self.cards.window_start = start;
                        self.cards.window = rows;
                    }
                    Err(error) => self.error(error.to_string()),
                }
            }
            Command::NewCard => {
                self.page = Page::WarrantyCards;
                let draft = WarrantyCardDraft::new_card(
                    self.today(),
                    self.settings.default_warranty_months,
                    &self.settings.own_dealer,
                );
                self.editor = Some(CardEditor::new(draft));
            }
            Command::OpenCard(id) => match self.store.card_by_id(id) {
                Ok(stored) => {
                    self.page = Page::WarrantyCards;
                    let draft = WarrantyCardDraft::from_card(&stored.card);
                    self.editor = Some(CardEditor::existing(
                        stored.id,
                        stored.registration_no,
                        draft,
                    ));
                }
                Err(error) => self.error(error.to_string()),
            },
            Command::SaveCard => self.save_card(),
            Command::CloseCard => self.discard_editor(),
            Command::ExportCardPdf(id) => self.export_card(id),
            Command::PrintBlankCard => self.print_blank_card(),
            Command::SaveSettings(settings) => match self.store.save_settings(&settings) {
                Ok(()) => {
                    self.settings = settings;
                    self.settings_draft = SettingsDraft::from_settings(&self.settings);
                    self.info(self.i18n.tr("settings-saved"));
                }
                Err(error) => self.error(error.to_string()),
            },
            Command::LoadDemoData => {
                let now = (self.clock)();
                match crate::demo::fill(&mut self.store, 500, now.and_utc().timestamp() as u64, now)
                {
                    Ok(count) => {
                        self.info(self.i18n.tr_args(
                            "demo-loaded",
                            &[
                                ("cards", &count.cards.to_string()),
                                ("complaints", &count.complaints.to_string()),
                            ],
                        ));
                        self.requery_cards(self.cards.query.clone());
                    }
                    Err(error) => self.error(error.to_string()),
                }
            }
        }
    }

    fn save_card(&mut self) {
        let Some(editor) = &self.editor else { return };
        let now = (self.clock)();
        let card = match editor.draft.parse(now.date()) {
            Ok(card) => card,
            Err(_) => return, // the form shows why
        };
        let result = match editor.id {
            Some(id) => self.store.update_card(id, &card, now),
            None => self
                .store
                .insert_card(&card, &self.settings.card_prefix, now),
        };
        match result {
            Ok(stored) => {
                let message = self
                    .i18n
                    .tr_args("card-saved", &[("number", &stored.registration_no)]);
                let draft = WarrantyCardDraft::from_card(&stored.card);
                self.editor = Some(CardEditor::existing(
                    stored.id,
                    stored.registration_no,
                    draft,
                ));
                let discarded = self.store.discard_draft(CARD_DRAFT);
                self.report(discarded);
                self.draft_written = None;
                self.info(message);
                self.requery_cards(self.cards.query.clone());
            }
            Err(error) => self.error(self.store_error_text(&error)),
        }
    }

    fn discard_editor(&mut self) {
        if self.editor.take().is_some() {
            let result = self.store.discard_draft(CARD_DRAFT);
            self.report(result);
            self.draft_written = None;
        }
    }

    /// Writes the open form to the drafts table every few seconds while it has changes, so a
    /// crash or power cut loses at most that much typing.
    fn keep_draft(&mut self) {
        let Some(editor) = &self.editor else { return };
        if !editor.is_dirty() {
            return;
        }
        let due = match &self.draft_written {
            Some((at, written)) => written != editor && at.elapsed() >= DRAFT_INTERVAL,
            None => true,
        };
        if !due {
            return;
        }
        let snapshot = editor.clone();
        match serde_json::to_string(&snapshot) {
            Ok(body) => {
                let result = self.store.save_draft(CARD_DRAFT, &body);
                self.report(result);
            }
            Err(error) => self.error(error.to_string()),
        }
        self.draft_written = Some((Instant::now(), snapshot));
    }

    /// Reopens a form that was being typed when the program last stopped.
    fn restore_draft(&mut self) {
        let Ok(Some(body)) = self.store.draft(CARD_DRAFT) else {
            return;
        };
        match serde_json::from_str::<CardEditor>(&body) {
            Ok(editor) => {
                self.editor = Some(editor);
                self.info(self.i18n.tr("draft-restored"));
            }
            Err(_) => {
                // An unreadable draft is kept in the file for inspection but not shown again.
                let _ = self.store.save_draft("warranty_card.unreadable", &body);
                let _ = self.store.discard_draft(CARD_DRAFT);
            }
        }
    }

    fn requery_cards(&mut self, query: CardQuery) {
        let result = self
            .store
            .card_ids(&query)
            .and_then(|ids| Ok((ids, self.store.card_count()?)));
        match result {
            Ok((ids, total)) => {
                self.cards.ids = ids;
                self.cards.total = total;
                self.cards.query = query;
                self.cards.window_start = 0;
                self.cards.window.clear();
            }
            Err(error) => self.error(error.to_string()),
        }
    }

    fn export_card(&mut self, id: i64) {
        let stored = match self.store.card_by_id(id) {
            Ok(stored) => stored,
            Err(error) => return self.error(error.to_string()),
        };
        let paper = crate::cli::paper(&self.settings);
        let suggested = format!("{}.pdf", stored.registration_no);
        self.write_pdf(&suggested, || pdf::warranty_card::filled(&stored, &paper));
    }

    fn print_blank_card(&mut self) {
        let paper = crate::cli::paper(&self.settings);
        let suggested = format!("{}.pdf", self.i18n.tr("file-blank-card"));
        self.write_pdf(&suggested, || pdf::warranty_card::blank(&paper));
    }

    fn write_pdf(
        &mut self,
        suggested: &str,
        make: impl FnOnce() -> Result<Vec<u8>, pdf::PdfError>,
    ) {
        let Some(path) = (self.pick_save_path)(suggested) else {
            return;
        };
        match make().and_then(|bytes| pdf::write_file(&path, &bytes)) {
            Ok(()) => self.info(
                self.i18n
                    .tr_args("pdf-written", &[("path", &path.display().to_string())]),
            ),
            Err(error) => self.error(error.to_string()),
        }
    }

    fn store_error_text(&self, error: &StoreError) -> String {
        match error {
            StoreError::DiskFull => self.i18n.tr("error-disk-full"),
            StoreError::Busy => self.i18n.tr("error-busy"),
            other => other.to_string(),
        }
    }

    fn report(&mut self, result: Result<(), StoreError>) {
        if let Err(error) = result {
            self.error(self.store_error_text(&error));
        }
    }

    fn info(&mut self, text: String) {
        self.toasts.push(Toast {
            text,
            is_error: false,
            shown_at: Instant::now(),
        });
    }

    fn error(&mut self, text: String) {
        self.toasts.push(Toast {
            text,
            is_error: true,
            shown_at: Instant::now(),
        });
    }
}

/// The native window around [`App`].
struct Window {
    app: App,
}

impl eframe::App for Window {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if ui.ctx().input(|i| i.viewport().close_requested()) && !self.app.on_close_requested() {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
        self.app.ui(ui);
        // Info messages fade out on their own.
        ui.ctx().request_repaint_after(Duration::from_secs(1));
    }
}

/// Opens the window on the database at `db`.
pub fn run(db: PathBuf) -> anyhow::Result<()> {
    let store = Store::open(&db)?;
    let app = App::new(store);
    // The window title names the program in both languages, whatever the interface language.
    let title = format!(
        "{} — {}",
        I18n::new(Lang::English).tr("app-title"),
        I18n::new(Lang::ZhCn).tr("app-title")
    );
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0]),
        ..Default::default()
    };
    eframe::run_native(
        "aftersales",
        options,
        Box::new(|cc| {
            crate::ui::install_fonts(&cc.egui_ctx);
            Ok(Box::new(Window { app }))
        }),
    )
    .map_err(|error| anyhow::anyhow!("cannot open the window: {error}"))
}

//! The shell: owns the database and the screens, lays out the window, and carries out the
//! commands the views return, after the frame.

mod archive;
mod background;
mod card;
mod case;
mod contract;
mod customer;
mod dialogs;
mod exchange;
mod lists;
mod printing;
mod repair;
mod report;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use crate::domain::settings::{Settings, SettingsDraft};
use crate::domain::warranty_card::{WarrantyCardDraft, WarrantyPolicy};
use crate::i18n::{I18n, Lang};
use crate::pdf;
use crate::store::audit::{AuditedTable, Operator};
use crate::store::complaint::ComplaintQuery;
use crate::store::warranty_card::CardQuery;
use crate::store::{Store, StoreError};
use crate::ui::case::CaseEditor;
use crate::ui::complaint::ComplaintList;
use crate::ui::contract::{ContractEditor, ContractList};
use crate::ui::customer::{CustomerEditor, CustomerList};
use crate::ui::dashboard::Dashboard;
use crate::ui::form::FormState;
use crate::ui::search::SearchView;
use crate::ui::settings::LogoPreview;
use crate::ui::warranty_card::{CardEditor, CardList};
use crate::ui::{Command, Page};

/// Draft key of the open form.
const FORM_DRAFT: &str = "open_form";
/// Draft key under which a draft that could not be read back is kept.
const FORM_UNREADABLE: &str = "open_form.unreadable";
/// How often an open form with changes is written to the drafts table.
const DRAFT_INTERVAL: Duration = Duration::from_secs(2);
/// How long a message that is not an error stays at the bottom of the window.
const TOAST_SHOWN: Duration = Duration::from_secs(6);
/// A message about a file written stays longer: its "Open" and "Show in folder" are for using.
const FILE_TOAST_SHOWN: Duration = Duration::from_secs(60);
/// The most forms a list saves as PDFs at once: a thousand take a few seconds, during which
/// the window waits.
pub const MAX_FORMS_AT_ONCE: usize = 1000;

/// The time from `since` to `now` on the app's clock; a clock set back counts as long past.
fn elapsed(since: NaiveDateTime, now: NaiveDateTime) -> Duration {
    (now - since).to_std().unwrap_or(Duration::MAX)
}

/// Asks where to save a file: given a suggested file name, returns the chosen path.
pub type SavePicker = Box<dyn FnMut(&str) -> Option<PathBuf>>;
/// Asks which file to open (a photo, a logo, a backup).
pub type FilePicker = Box<dyn FnMut() -> Option<PathBuf>>;
/// Asks which files to open (signed paper that came back); none when the clerk cancels.
pub type FilesPicker = Box<dyn FnMut() -> Vec<PathBuf>>;

/// A message at the bottom of the window.
struct Toast {
    text: String,
    is_error: bool,
    /// On the app's clock.
    shown_at: NaiveDateTime,
    /// The file (or folder) just written, offered to open and to show in its folder.
    file: Option<PathBuf>,
}

/// What is asked of the system for a file just written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opening {
    /// Open it in the program the system opens it with.
    Open,
    /// Show it selected in the system's file manager.
    ShowInFolder,
}

/// Asks the system to open a file or show it in its folder; replaced in tests.
pub type Opener = Box<dyn Fn(Opening, &std::path::Path) -> Result<(), String>>;

/// The system's way: `xdg-open` and the file manager's D-Bus interface on Linux, the shell on
/// Windows and macOS (the `opener` crate).
fn system_opener() -> Opener {
    Box::new(|opening, path| {
        match opening {
            Opening::Open => opener::open(path),
            Opening::ShowInFolder => opener::reveal(path),
        }
        .map_err(|error| error.to_string())
    })
}

/// What waits for the clerk's answer about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    /// A command that would close the form.
    Command(Command),
    /// The window is closing.
    Quit,
}

/// The form open on screen; there is one at a time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
enum Editor {
    Card(Box<CardEditor>),
    Case(Box<CaseEditor>),
    Customer(Box<CustomerEditor>),
    Contract(Box<ContractEditor>),
}

impl Editor {
    fn is_dirty(&self) -> bool {
        match self {
            Editor::Card(editor) => editor.form.is_dirty(),
            Editor::Case(case) => case.is_dirty(),
            Editor::Customer(customer) => customer.form.is_dirty(),
            Editor::Contract(contract) => contract.form.is_dirty(),
        }
    }

    fn page(&self) -> Page {
        match self {
            Editor::Card(_) => Page::WarrantyCards,
            Editor::Case(_) => Page::Complaints,
            Editor::Customer(_) => Page::Customers,
            Editor::Contract(_) => Page::Contracts,
        }
    }
}

/// The screens behind the menu; each keeps its own search, sort and scroll while another is
/// shown.
#[derive(Default)]
struct Screens {
    cards: CardList,
    complaints: ComplaintList,
    customers: CustomerList,
    contracts: ContractList,
    search: SearchView,
    dashboard: Dashboard,
    repairs: crate::ui::repair::RepairsPage,
    exchange: crate::ui::exchange::ExchangePage,
    reports: crate::ui::report::ReportPage,
}

/// A record waiting for the reason it is voided, and the reason as typed.
struct VoidDialog {
    table: AuditedTable,
    id: i64,
    reason: String,
}

/// The question asked at the first start: who is working, and (if head office has given it a
/// code) which office this is.
struct OperatorDialog {
    name: String,
    office: crate::domain::unit::UnitDraft,
}

impl Default for OperatorDialog {
    fn default() -> Self {
        OperatorDialog {
            name: String::new(),
            office: crate::domain::unit::UnitDraft {
                code: String::new(),
                name: String::new(),
                level: crate::domain::unit::UnitLevel::Dealer,
                region: String::new(),
            },
        }
    }
}

/// A photo waiting for the reason it is withdrawn from its report, and the reason as typed.
struct WithdrawDialog {
    photo_id: i64,
    reason: String,
}

/// The questions waiting for the clerk's answer; each is drawn while it is `Some`.
struct Dialogs {
    void: Option<VoidDialog>,
    withdraw: Option<WithdrawDialog>,
    /// The first start's prompt as typed: the clerk's name and this office.
    operator: OperatorDialog,
    /// What waits for the answer about unsaved changes.
    pending: Option<Pending>,
    /// The backup chosen, waiting for the clerk's confirmation.
    restore: Option<PathBuf>,
    /// The records past retention, listed for the clerk's confirmation before deletion.
    purge: Option<Vec<crate::store::retention::Expired>>,
    /// A save refused because another window saved the record since it was opened: who and
    /// when, waiting for the clerk to reload theirs or keep their own.
    conflict: Option<String>,
    /// A paper waiting for the printer and copies it is sent with.
    print: Option<printing::PrintDialog>,
    /// Demo data asked for, waiting for the clerk's confirmation.
    demo: bool,
    /// Another clerk taking over: what they typed so far.
    switch: Option<SwitchDialog>,
}

/// The switch of operator as typed: the name, the PIN when that name has one, and whether a
/// PIN was refused.
#[derive(Default)]
struct SwitchDialog {
    name: String,
    pin: String,
    refused: bool,
    /// The name last looked up, and its PIN's hash if it has one.
    pin_of: Option<(String, Option<String>)>,
}

/// Where the window asks for paths: the native file dialogs, replaced in tests.
struct Pickers {
    /// Where to save a PDF or a backup.
    save: SavePicker,
    /// Which photo to attach to a report.
    photo: FilePicker,
    /// Which picture to print as the company logo.
    logo: FilePicker,
    /// Which backup to restore.
    backup: FilePicker,
    /// Which monthly file to import.
    monthly: FilePicker,
    /// Which folder to save a list's forms in.
    folder: FilePicker,
    /// Which files of signed paper to attach.
    signed: FilesPicker,
}

impl Pickers {
    /// The native dialogs, each offering its own kinds of file.
    fn native(save: SavePicker) -> Pickers {
        Pickers {
            save,
            photo: Box::new(|| {
                rfd::FileDialog::new()
                    .add_filter("JPEG / PNG", &["jpg", "jpeg", "png"])
                    .pick_file()
            }),
            logo: Box::new(|| {
                rfd::FileDialog::new()
                    .add_filter("PNG / JPEG", &["png", "jpg", "jpeg"])
                    .pick_file()
            }),
            backup: Box::new(|| rfd::FileDialog::new().add_filter("DB", &["db"]).pick_file()),
            monthly: Box::new(|| {
                rfd::FileDialog::new()
                    .add_filter("ASMF", &["asmf"])
                    .pick_file()
            }),
            folder: Box::new(|| rfd::FileDialog::new().pick_folder()),
            signed: Box::new(|| {
                rfd::FileDialog::new()
                    .add_filter(
                        "PNG / JPEG / TIFF / PDF",
                        &["png", "jpg", "jpeg", "tif", "tiff", "pdf"],
                    )
                    .pick_files()
                    .unwrap_or_default()
            }),
        }
    }
}

/// The whole program state, without the window: tests drive it with egui_kittest.
pub struct App {
    store: Store,
    i18n: I18n,
    settings: Settings,
    page: Page,
    screens: Screens,
    /// Who records every change; asked for once.
    operator: Option<Operator>,
    dialogs: Dialogs,
    editor: Option<Editor>,
    settings_draft: SettingsDraft,
    /// The stored company logo, read when the settings screen opens.
    logo_preview: Option<LogoPreview>,
    toasts: Vec<Toast>,
    pickers: Pickers,
    /// This computer's printers, or a test's stand-in.
    printing: std::sync::Arc<dyn crate::printing::Printing + Send + Sync>,
    /// How a written file is opened or shown, or a test's stand-in.
    opener: Opener,
    clock: Box<dyn Fn() -> NaiveDateTime>,
    /// The form as last written to the drafts table, and when (on the app's clock).
    draft_written: Option<(NaiveDateTime, Editor)>,
    /// Set once the clerk confirmed quitting, so the close is let through.
    pub quit_confirmed: bool,
    /// The check and the daily backup running beside the window.
    background: Option<background::Background>,
    /// The archive check the clerk asked for, running beside the window.
    verification: Option<background::Background>,
    /// When the archive last passed its check, for the settings screen.
    archive: crate::ui::settings::ArchiveStatus,
    /// What Settings → About tells of the program and its file, read when Settings opens.
    about: crate::ui::settings::About,
    /// Set when the file was found damaged: the window shows the recovery screen instead.
    damage: Option<Damage>,
    /// A monthly file being written, checked or imported beside the window.
    exchange_job: Option<exchange::ExchangeJob>,
    /// The dashboard being read beside the window (headquarters' open work).
    dashboard_job: Option<lists::DashboardJob>,
    /// From how many open cases the dashboard is read beside the window.
    dashboard_beside_from: u64,
    /// Files of signed paper being read beside the window, and how long attaching waits for
    /// them before the window goes on.
    signed_reading: Option<case::SignedReading>,
    signed_awaited: Duration,
    /// The signing pad, while a customer or a member of staff signs a form on screen.
    signing: Option<crate::ui::signature::SigningPad>,
    /// The file's upkeep beside the window, once its check and backup are done.
    upkeep: Option<crate::store::upkeep::Upkeep>,
    /// The lists being read beside the window (headquarters' archive).
    list_jobs: lists::ListJobs,
    /// From how many records a list is read beside the window.
    lists_beside_from: u64,
}

/// What the window needs to show the recovery screen after damage was found while working.
pub struct Damage {
    pub message: String,
    /// Where the typing of the open form was kept, if there was any.
    pub rescued: Option<PathBuf>,
}

impl App {
    /// The app on an open store, with a real clock and the native save dialog.
    pub fn new(store: Store) -> App {
        let picker: SavePicker = Box::new(|name| {
            // Offer the suggested file's own type (PDF for forms, DB for backups).
            let extension = std::path::Path::new(name)
                .extension()
                .map(|e| e.to_string_lossy().into_owned())
                .unwrap_or_default();
            rfd::FileDialog::new()
                .set_file_name(name)
                .add_filter(extension.to_uppercase(), &[extension.as_str()])
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
                shown_at: clock(),
                file: None,
            });
            Settings::default()
        });
        let lang = Lang::from_code(&settings.language).unwrap_or_default();
        let mut app = App {
            i18n: I18n::new(lang),
            settings_draft: SettingsDraft::from_settings(&settings),
            settings,
            logo_preview: None,
            store,
            page: Page::default(),
            screens: Screens::default(),
            operator: None,
            dialogs: Dialogs {
                void: None,
                withdraw: None,
                operator: OperatorDialog::default(),
                pending: None,
                restore: None,
                purge: None,
                conflict: None,
                print: None,
                demo: false,
                switch: None,
            },
            editor: None,
            toasts,
            pickers: Pickers::native(pick_save_path),
            printing: std::sync::Arc::new(crate::printing::SystemPrinting),
            opener: system_opener(),
            clock,
            draft_written: None,
            quit_confirmed: false,
            background: None,
            verification: None,
            archive: Default::default(),
            about: Default::default(),
            damage: None,
            exchange_job: None,
            dashboard_job: None,
            dashboard_beside_from: lists::DASHBOARD_BESIDE_FROM,
            signed_reading: None,
            signed_awaited: case::SIGNED_AWAITED,
            signing: None,
            upkeep: None,
            list_jobs: Default::default(),
            lists_beside_from: lists::LIST_BESIDE_FROM,
        };
        app.operator = app.store.operator().unwrap_or(None);
        // Every change this window makes is recorded under the clerk on duty.
        if let Some(operator) = &app.operator {
            app.store.set_writer(&operator.name);
        }
        // The first start's question shows the office as the settings already hold it.
        app.dialogs.operator.office = crate::domain::unit::UnitDraft {
            code: app.settings.unit_code.clone(),
            name: app.settings.unit_name.clone(),
            level: app.settings.unit_level,
            region: app.settings.unit_region.clone(),
        };
        // The lists are read when first shown (`requery_shown_list`), not before the first
        // frame: at a million records each is tens of milliseconds. They are sorted as they
        // were last.
        app.restore_lists();
        app.refresh_dashboard();
        app.refresh_exchange();
        app.read_backup_standing();
        app.restore_draft();
        app
    }

    /// The same app asking `picker` which backup to restore instead of the native dialog.
    pub fn with_backup_picker(mut self, picker: FilePicker) -> App {
        self.pickers.backup = picker;
        self
    }

    /// The same app printing through `printing` instead of this computer's printers.
    pub fn with_printing(
        mut self,
        printing: Box<dyn crate::printing::Printing + Send + Sync>,
    ) -> App {
        self.printing = printing.into();
        self
    }

    /// The same app opening written files through `opener` instead of the system.
    pub fn with_opener(mut self, opener: Opener) -> App {
        self.opener = opener;
        self
    }

    /// The same app asking `picker` for photos instead of the native dialog.
    pub fn with_photo_picker(mut self, picker: FilePicker) -> App {
        self.pickers.photo = picker;
        self
    }

    /// The same app asking `picker` which files of signed paper to attach instead of the
    /// native dialog.
    pub fn with_signed_paper_picker(mut self, picker: FilesPicker) -> App {
        self.pickers.signed = picker;
        self
    }

    /// The same app waiting `awaited` for files of signed paper to be read before the window
    /// goes on (normally 1.5 s); what is read later is attached then.
    pub fn with_signed_paper_awaited(mut self, awaited: Duration) -> App {
        self.signed_awaited = awaited;
        self
    }

    /// The same app asking `picker` which monthly file to import instead of the native dialog.
    pub fn with_monthly_file_picker(mut self, picker: FilePicker) -> App {
        self.pickers.monthly = picker;
        self
    }

    /// The same app asking `picker` which folder to save a list's forms in instead of the
    /// native dialog.
    pub fn with_folder_picker(mut self, picker: FilePicker) -> App {
        self.pickers.folder = picker;
        self
    }

    /// The same app reading the dashboard beside the window from `open` open cases (normally
    /// `DASHBOARD_BESIDE_FROM`, 2,000), and refreshing it now that way.
    pub fn with_dashboard_beside_from(mut self, open: u64) -> App {
        self.dashboard_beside_from = open;
        self.refresh_dashboard();
        self
    }

    /// The same app reading a list beside the window from `records` records (normally
    /// `LIST_BESIDE_FROM`, 100,000).
    pub fn with_lists_beside_from(mut self, records: u64) -> App {
        self.lists_beside_from = records;
        self
    }

    /// The same app asking `picker` for the company logo instead of the native dialog.
    pub fn with_logo_picker(mut self, picker: FilePicker) -> App {
        self.pickers.logo = picker;
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    fn now(&self) -> NaiveDateTime {
        (self.clock)()
    }

    fn today(&self) -> NaiveDate {
        self.now().date()
    }

    fn policy(&self) -> WarrantyPolicy {
        WarrantyPolicy {
            feedback_grace_days: self.settings.feedback_grace_days,
        }
    }

    /// Whether a form holds typing that is not saved.
    pub fn has_unsaved_changes(&self) -> bool {
        self.editor.as_ref().is_some_and(Editor::is_dirty)
    }

    /// Draws the whole window into `ui` and carries out what the views asked for.
    pub fn ui(&mut self, ui: &mut Ui) {
        apply_appearance(ui.ctx(), self.settings.appearance);
        apply_text_size(ui.ctx(), self.settings.text_size);
        self.poll_background(ui.ctx());
        self.poll_exchange(ui.ctx());
        self.poll_signed_reading(ui.ctx());
        self.poll_dashboard(ui.ctx());
        self.poll_lists(ui.ctx());
        self.requery_shown_list();
        let mut commands = Vec::new();
        // F5 reads the lists again: another window on the same file may have changed them.
        if ui.input(|i| i.key_pressed(egui::Key::F5)) {
            commands.push(Command::Refresh);
        }
        // Ctrl+N from anywhere: a new record of the screen shown (leaving an open form asks
        // first, as any other way out of it does). A dialog waiting for an answer keeps it.
        if !self.dialog_open()
            && ui.input_mut(|i| i.consume_shortcut(&crate::ui::warranty_card::NEW_SHORTCUT))
        {
            commands.extend(self.new_record(ui.ctx()));
        }
        commands.extend(text_size_keys(ui.ctx(), self.settings.text_size));
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(self.i18n.tr("app-title"));
                ui.add_space(16.0);
                commands.extend(self.screens.search.box_ui(ui, &self.i18n));
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
        let status = egui::Panel::bottom("status_bar").show(ui, |ui| self.status_ui(ui));
        commands.extend(status.inner);
        egui::Panel::left("navigation")
            .resizable(false)
            .show(ui, |ui| {
                ui.add_space(6.0);
                // Ctrl+1 … Ctrl+9 go to the screens in their order here, named in each one's
                // tooltip (not while a dialog waits for an answer).
                let keys = [
                    egui::Key::Num1,
                    egui::Key::Num2,
                    egui::Key::Num3,
                    egui::Key::Num4,
                    egui::Key::Num5,
                    egui::Key::Num6,
                    egui::Key::Num7,
                    egui::Key::Num8,
                    egui::Key::Num9,
                ];
                let dialog_open = self.dialog_open();
                for ((page, key), shortcut_key) in [
                    (Page::Dashboard, "nav-dashboard"),
                    (Page::WarrantyCards, "nav-warranty-cards"),
                    (Page::Complaints, "nav-complaints"),
                    (Page::Customers, "nav-customers"),
                    (Page::Contracts, "nav-contracts"),
                    (Page::Repairs, "nav-repairs"),
                    (Page::Exchange, "nav-exchange"),
                    (Page::Reports, "nav-reports"),
                    (Page::Settings, "nav-settings"),
                ]
                .into_iter()
                .zip(keys)
                {
                    let shortcut =
                        egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, shortcut_key);
                    let pressed = !dialog_open && ui.input_mut(|i| i.consume_shortcut(&shortcut));
                    if (ui
                        .selectable_label(self.page == page, self.i18n.tr(key))
                        .on_hover_text(ui.ctx().format_shortcut(&shortcut))
                        .clicked()
                        || pressed)
                        && self.page != page
                    {
                        commands.push(Command::Navigate(page));
                    }
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let (now, policy) = (self.now(), self.policy());
            commands.extend(match (&mut self.editor, self.page) {
                (Some(Editor::Card(editor)), Page::WarrantyCards) => editor.ui(
                    ui,
                    &self.i18n,
                    now.date(),
                    policy,
                    &self.settings.warranty_periods(),
                ),
                (Some(Editor::Case(case)), Page::Complaints) => {
                    case.ui(ui, &self.i18n, now, self.settings.depreciation)
                }
                (Some(Editor::Customer(customer)), Page::Customers) => {
                    customer.ui(ui, &self.i18n, now.date(), policy)
                }
                (Some(Editor::Contract(contract)), Page::Contracts) => {
                    contract.ui(ui, &self.i18n, now.date())
                }
                (_, Page::WarrantyCards) => {
                    self.screens.cards.ui(ui, &self.i18n, now.date(), policy)
                }
                (_, Page::Complaints) => self.screens.complaints.ui(ui, &self.i18n, now),
                (_, Page::Customers) => self.screens.customers.ui(ui, &self.i18n),
                (_, Page::Contracts) => self.screens.contracts.ui(ui, &self.i18n, now.date()),
                (_, Page::Dashboard) => self.screens.dashboard.ui(ui, &self.i18n, now),
                (_, Page::Repairs) => {
                    let per_day = self.settings.limits().repairs_per_day;
                    self.screens.repairs.ui(ui, &self.i18n, now, per_day)
                }
                (_, Page::Search) => self.screens.search.ui(ui, &self.i18n),
                (_, Page::Exchange) => {
                    self.screens
                        .exchange
                        .ui(ui, &self.i18n, self.settings.unit().as_ref())
                }
                (_, Page::Reports) => {
                    self.screens
                        .reports
                        .ui(ui, &self.i18n, self.settings.unit_level)
                }
                (_, Page::Settings) => {
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            self.settings_draft.ui(
                                ui,
                                &self.i18n,
                                &self.settings,
                                &mut self.logo_preview,
                                &mut self.archive,
                                &self.about,
                            )
                        })
                        .inner
                }
            });
        });
        self.unsaved_dialog(ui, &mut commands);
        self.operator_dialog(ui, &mut commands);
        self.void_dialog(ui);
        self.restore_dialog(ui);
        self.purge_dialog(ui);
        self.withdraw_dialog(ui);
        self.conflict_dialog(ui);
        self.signing_dialog(ui);
        self.print_dialog(ui, &mut commands);
        self.demo_dialog(ui, &mut commands);
        self.switch_dialog(ui, &mut commands);
        if !commands.is_empty() {
            // What a command changed (rows loaded, a form saved) shows in the next frame.
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.execute(command);
        }
        self.keep_draft(ui.ctx());
    }

    /// Whether a dialog is waiting for the clerk's answer.
    fn dialog_open(&self) -> bool {
        let Dialogs {
            void,
            withdraw,
            operator: _,
            pending,
            restore,
            purge,
            conflict,
            print,
            demo,
            switch,
        } = &self.dialogs;
        self.operator.is_none()
            || void.is_some()
            || withdraw.is_some()
            || pending.is_some()
            || restore.is_some()
            || purge.is_some()
            || conflict.is_some()
            || print.is_some()
            || *demo
            || switch.is_some()
    }

    /// What Ctrl+N does on the screen shown: a new card (of the cards, or of the customers,
    /// whose records cards are), a new complaint (also from the dashboard, where the day's
    /// calls are), a new contract, or the cursor in a new delivery's first box. The other
    /// screens make no records.
    fn new_record(&self, ctx: &egui::Context) -> Option<Command> {
        match self.page {
            Page::WarrantyCards | Page::Customers => Some(Command::NewCard),
            Page::Complaints | Page::Dashboard => Some(Command::NewComplaint),
            Page::Contracts => Some(Command::NewContract),
            Page::Repairs => {
                let first = crate::domain::repair::RepairField::Sender.label_key();
                ctx.memory_mut(|memory| memory.request_focus(crate::ui::field_id(first)));
                None
            }
            Page::Search | Page::Exchange | Page::Reports | Page::Settings => None,
        }
    }

    /// The status line (who works, which file) and the messages; returns what was asked there.
    fn status_ui(&mut self, ui: &mut Ui) -> Option<Command> {
        let mut switch = false;
        let now = self.now();
        self.toasts.retain(|t| {
            let shown = if t.file.is_some() {
                FILE_TOAST_SHOWN
            } else {
                TOAST_SHOWN
            };
            t.is_error || elapsed(t.shown_at, now) < shown
        });
        if self.toasts.iter().any(|t| !t.is_error) {
            // Drawn again when it is due to go, even if nothing else happens.
            ui.ctx().request_repaint_after(Duration::from_secs(1));
        }
        ui.horizontal(|ui| {
            if let Some(operator) = &self.operator {
                ui.weak(
                    self.i18n
                        .tr_args("operator-status", &[("name", &operator.name)]),
                );
                if ui
                    .small_button(self.i18n.tr("operator-switch"))
                    .on_hover_text(self.i18n.tr("operator-switch-explain"))
                    .clicked()
                {
                    switch = true;
                }
            }
            if let Some(path) = self.store.path() {
                let text = self
                    .i18n
                    .tr_args("app-database", &[("path", &path.display().to_string())]);
                // A long path is cut short on screen; the whole path shows on hover.
                ui.add(egui::Label::new(RichText::new(text).weak()).truncate());
            }
            if self.store.access() == crate::store::Access::ReadOnly {
                ui.label(
                    RichText::new(self.i18n.tr("app-read-only"))
                        .strong()
                        .color(ui.visuals().error_fg_color),
                );
            }
            if let Some(background) = self.background.as_ref().filter(|b| b.is_running()) {
                let text = match background.backup_percent() {
                    Some(percent) => self
                        .i18n
                        .tr_args("backup-progress", &[("percent", &percent.to_string())]),
                    None => self.i18n.tr("check-running"),
                };
                ui.weak(text);
            }
        });
        let mut dismiss = None;
        let mut asked = None;
        for (index, toast) in self.toasts.iter().enumerate() {
            // The buttons come first and the message wraps after them, so however long the
            // message (a file's whole path), the buttons stay in the window.
            ui.horizontal(|ui| {
                let text = RichText::new(&toast.text);
                if toast.is_error && ui.small_button(self.i18n.tr("toast-dismiss")).clicked() {
                    dismiss = Some(index);
                }
                if let Some(file) = &toast.file {
                    for (opening, key) in [
                        (Opening::Open, "toast-open"),
                        (Opening::ShowInFolder, "toast-show-in-folder"),
                    ] {
                        if ui.small_button(self.i18n.tr(key)).clicked() {
                            asked = Some((opening, file.clone()));
                        }
                    }
                }
                if toast.is_error {
                    ui.add(egui::Label::new(text.color(ui.visuals().error_fg_color)).wrap());
                } else {
                    ui.add(egui::Label::new(text).wrap());
                }
            });
        }
        if let Some((opening, file)) = asked
            && let Err(reason) = (self.opener)(opening, &file)
        {
            let path = file.display().to_string();
            self.error(
                self.i18n
                    .tr_args("toast-open-failed", &[("path", &path), ("reason", &reason)]),
            );
        }
        if let Some(index) = dismiss {
            self.toasts.remove(index);
        }
        switch.then_some(Command::AskSwitchOperator)
    }

    /// Shows a kept page of signed paper in the system's viewer: written as a PNG to the
    /// temporary folder (the archive itself is never handed to another program).
    pub(super) fn view_signed_page(&mut self, id: i64) {
        let png = match self.store.signed_page_png(id) {
            Ok(png) => png,
            Err(error) => return self.fail(error),
        };
        let folder = std::env::temp_dir().join("aftersales-signed-paper");
        let path = folder.join(format!("signed-page-{id}.png"));
        if let Err(error) =
            std::fs::create_dir_all(&folder).and_then(|()| std::fs::write(&path, &png))
        {
            let what = self.i18n.tr("error-signed-view");
            return self.error(format!("{what} ({error}): {}", path.display()));
        }
        if let Err(reason) = (self.opener)(Opening::Open, &path) {
            let path = path.display().to_string();
            self.error(
                self.i18n
                    .tr_args("toast-open-failed", &[("path", &path), ("reason", &reason)]),
            );
        }
    }

    /// Whether the open form would save now.
    fn form_parses(&self) -> bool {
        match &self.editor {
            Some(Editor::Card(editor)) => editor.form.draft.parse(self.today()).is_ok(),
            Some(Editor::Case(case)) => case.problems(self.now()) == 0,
            Some(Editor::Customer(customer)) => customer.form.draft.parse().is_ok(),
            Some(Editor::Contract(contract)) => contract.form.draft.parse().is_ok(),
            None => false,
        }
    }

    /// Called by the window when the user closes it: returns whether it may close now.
    pub fn on_close_requested(&mut self) -> bool {
        if self.quit_confirmed || !self.has_unsaved_changes() {
            return true;
        }
        self.dialogs.pending = Some(Pending::Quit);
        false
    }

    fn execute(&mut self, command: Command) {
        let leaves_form = matches!(
            command,
            Command::Navigate(_)
                | Command::NewCard
                | Command::OpenCard(_)
                | Command::NewComplaint
                | Command::OpenComplaint(_)
                | Command::CloseForm
                | Command::OpenCustomer(_)
                | Command::OpenCase { .. }
                | Command::NewCardForCustomer(_)
                | Command::NewComplaintForCustomer(_)
                | Command::NewContract
                | Command::OpenContract(_)
                | Command::RenewContract(_)
                // Typing saved after the switch would be recorded under the next clerk.
                | Command::AskSwitchOperator
        );
        if leaves_form && self.has_unsaved_changes() {
            self.dialogs.pending = Some(Pending::Command(command));
            return;
        }
        match command {
            Command::Navigate(page) => self.navigate(page),
            Command::CloseForm => self.discard_editor(),
            Command::Print(paper) => self.print(paper),
            Command::AskPrint(paper) => self.ask_print(paper),
            Command::SaveCard
            | Command::SaveCase
            | Command::SaveContract
            | Command::SaveCustomer => self.save_form(),
            Command::SearchCards(_)
            | Command::LoadRows { .. }
            | Command::SearchComplaints(_)
            | Command::SearchAll(_)
            | Command::SearchCustomers(_)
            | Command::KeepWidths(..)
            | Command::Refresh => self.lists_command(command),
            Command::NewCard | Command::OpenCard(_) | Command::NewCardForCustomer(_) => {
                self.card_command(command)
            }
            Command::NewComplaint
            | Command::OpenComplaint(_)
            | Command::OpenCase { .. }
            | Command::CreateInvestigation
            | Command::CreateConfirmation
            | Command::AddPhoto(..)
            | Command::AskWithdrawPhoto(_)
            | Command::AttachSignedPaper
            | Command::MatchSignedPage(..)
            | Command::ViewSignedPage(_)
            | Command::OpenSigningPad { .. }
            | Command::LookUpCard(_)
            | Command::RecordStep { .. }
            | Command::WithdrawStep(_)
            | Command::RecordReturnVisit(..)
            | Command::NewComplaintForCustomer(_) => self.case_command(command),
            Command::OpenCustomer(id) => self.open_customer(id),
            Command::RegisterRepair(_) | Command::FinishRepair(_) | Command::ExportRepairs(_) => {
                self.repair_command(command)
            }
            Command::SetLanguage(_)
            | Command::SetAppearance(_)
            | Command::SetTextSize(_)
            | Command::SaveSettings(_)
            | Command::ChooseLogo
            | Command::RemoveLogo
            | Command::SetOperator(_)
            | Command::RestoreBackup
            | Command::VerifyArchive
            | Command::ReviewPurge
            | Command::BackUp
            | Command::AskLoadDemo
            | Command::AskSwitchOperator
            | Command::SetPin(_)
            | Command::RemovePin
            | Command::LoadDemoData
            | Command::AskVoid(..) => self.archive_command(command),
            Command::ExportList(list, format) => self.export_list(list, format),
            Command::PrintList(list) => self.print_list(list),
            Command::WriteSheet {
                sheet,
                path,
                format,
            } => self.write_sheet(&sheet, &path, format),
            Command::ExportMonth(_)
            | Command::ExportTracker(_)
            | Command::ChooseMonthlyFile
            | Command::ImportMonthlyFile
            | Command::CancelImport
            | Command::ShowSubmissions(_) => self.exchange_command(command),
            Command::SearchContracts(_)
            | Command::NewContract
            | Command::OpenContract(_)
            | Command::RenewContract(_) => self.contract_command(command),
            Command::ShowReport(..)
            | Command::ShowCasesBehind { .. }
            | Command::CloseCasesBehind
            | Command::ExportReport(_) => self.report_command(command),
        }
    }

    /// Goes to another screen (the open form is closed: `execute` asked first).
    fn navigate(&mut self, page: Page) {
        self.discard_editor();
        if page == Page::Dashboard {
            self.refresh_dashboard();
        }
        if matches!(page, Page::Dashboard | Page::Exchange) {
            self.refresh_exchange();
        }
        if page == Page::Repairs {
            self.refresh_repairs();
        }
        if page == Page::Reports {
            self.open_reports();
        }
        if page == Page::Settings {
            self.settings_draft = SettingsDraft::from_settings(&self.settings);
            self.read_logo();
            self.read_archive_status();
            self.read_backup_standing();
            self.read_about();
        }
        self.page = page;
    }

    fn open_editor(&mut self, editor: Editor) {
        self.page = editor.page();
        self.editor = Some(editor);
    }

    /// Saves the open form (it parsed, or Save would be disabled).
    fn save_form(&mut self) {
        let now = self.now();
        match &self.editor {
            Some(Editor::Card(_)) => self.save_card(now),
            Some(Editor::Case(_)) => {
                let saved = self.save_case(now);
                self.report(saved);
            }
            Some(Editor::Customer(_)) => self.save_customer(now),
            Some(Editor::Contract(_)) => self.save_contract(now),
            None => {}
        }
    }

    fn after_save(&mut self, message: String) {
        let discarded = self.store.discard_draft(FORM_DRAFT);
        self.report(discarded);
        self.draft_written = None;
        self.info(message);
    }

    fn discard_editor(&mut self) {
        if self.editor.take().is_some() {
            let result = self.store.discard_draft(FORM_DRAFT);
            self.report(result);
            self.draft_written = None;
        }
    }

    /// Writes the open form to the drafts table every few seconds while it has changes, so a
    /// crash or power cut loses at most that much typing.
    fn keep_draft(&mut self, ctx: &egui::Context) {
        let Some(editor) = &self.editor else { return };
        // A file that cannot be written takes no draft; the clerk hears so when saving.
        if !editor.is_dirty()
            || self.store.access() == crate::store::Access::ReadOnly
            || self.store.is_damaged()
        {
            return;
        }
        let now = self.now();
        let wait = match &self.draft_written {
            Some((_, written)) if written == editor => return,
            Some((at, _)) => DRAFT_INTERVAL.saturating_sub(elapsed(*at, now)),
            None => Duration::ZERO,
        };
        if !wait.is_zero() {
            // The last keys of a burst are written once the interval has passed, even if the
            // clerk types nothing more (and the power fails later).
            ctx.request_repaint_after(wait);
            return;
        }
        if self.exchange_job.is_some() {
            // A monthly file being imported holds the file's write lock on its own connection:
            // writing the draft now would wait for it and freeze the window. It is written as
            // soon as the import ends.
            ctx.request_repaint_after(Duration::from_millis(500));
            return;
        }
        let snapshot = editor.clone();
        match serde_json::to_string(&snapshot) {
            Ok(body) => {
                let result = self.store.save_draft(FORM_DRAFT, &body);
                self.report(result);
            }
            Err(error) => self.error(error.to_string()),
        }
        self.draft_written = Some((now, snapshot));
    }

    /// Reopens a form that was being typed when the program last stopped.
    fn restore_draft(&mut self) {
        let Ok(Some(body)) = self.store.draft(FORM_DRAFT) else {
            return;
        };
        match serde_json::from_str::<Editor>(&body) {
            Ok(editor) => {
                self.open_editor(editor);
                // Photos are not part of a draft: read them again from the report.
                self.reload_photos();
                self.info(self.i18n.tr("draft-restored"));
            }
            Err(_) => {
                // An unreadable draft is kept in the file for inspection but not shown again.
                let kept = self
                    .store
                    .save_draft(FORM_UNREADABLE, &body)
                    .and_then(|()| self.store.discard_draft(FORM_DRAFT));
                match kept {
                    Ok(()) => self.error(self.i18n.tr("draft-unreadable")),
                    Err(error) => self.fail(error),
                }
            }
        }
    }

    /// Prints `paper` and writes it where the clerk chooses (never over the database or
    /// another database).
    fn print(&mut self, paper: crate::domain::paper::Paper) {
        use pdf::paper::PaperError;
        let printed = match pdf::paper::print(&self.store, paper, self.today(), &self.i18n) {
            Ok(printed) => printed,
            Err(PaperError::Store(error)) => return self.fail(error),
            Err(PaperError::Pdf(error)) => return self.pdf_failed(error),
        };
        let Some(path) = (self.pickers.save)(&printed.file_name) else {
            return;
        };
        if let Some(reason) = crate::store::file::forbidden_output(&path, self.store.path()) {
            let path = path.display().to_string();
            return self.fail(StoreError::ForbiddenOutput { reason, path });
        }
        let path_text = path.display().to_string();
        match pdf::write_file(&path, &printed.bytes) {
            Ok(()) if printed.unprintable.is_empty() => self.written(
                self.i18n.tr_args("pdf-written", &[("path", &path_text)]),
                &path,
            ),
            // Written, and said loudly: a name printed as boxes is not what the customer wrote.
            Ok(()) => {
                let (chars, fields) = unprintable_named(&printed.unprintable);
                self.error(self.i18n.tr_args(
                    "pdf-written-unprintable",
                    &[("path", &path_text), ("chars", &chars), ("fields", &fields)],
                ))
            }
            Err(error) => self.pdf_failed(error),
        }
    }

    fn pdf_failed(&mut self, error: pdf::PdfError) {
        self.error(self.pdf_error_text(&error));
    }

    /// A PDF error in the interface language; the technical detail, where there is one,
    /// follows in brackets.
    fn pdf_error_text(&self, error: &pdf::PdfError) -> String {
        match error {
            pdf::PdfError::Write { path, source } => {
                format!("{} ({source}): {path}", self.i18n.tr("error-pdf-write"))
            }
            pdf::PdfError::Font => self.i18n.tr("error-pdf-font"),
            pdf::PdfError::Assemble(detail) => {
                format!("{} ({detail})", self.i18n.tr("error-pdf-assemble"))
            }
        }
    }

    /// A store error in the interface language; the technical detail, where there is one,
    /// follows in brackets.
    fn store_error_text(&self, error: &StoreError) -> String {
        let detail = |key: &str| format!("{} ({error})", self.i18n.tr(key));
        match error {
            StoreError::DiskFull => self.i18n.tr("error-disk-full"),
            StoreError::Busy => self.i18n.tr("error-busy"),
            StoreError::ReadOnly { .. } => self.i18n.tr("error-read-only"),
            StoreError::Voided => self.i18n.tr("error-voided"),
            StoreError::Tampered(_) => detail("error-tampered"),
            StoreError::RepairAlreadyFinished(number) => self
                .i18n
                .tr_args("error-repair-finished", &[("number", number)]),
            StoreError::RepairBeforeReceipt(number) => self
                .i18n
                .tr_args("error-repair-before-receipt", &[("number", number)]),
            StoreError::StepTime(key) => self.i18n.tr(key),
            StoreError::StepNotWithdrawn(key) => self.i18n.tr_args(
                key,
                &[(
                    "minutes",
                    &crate::domain::case_life::WITHDRAW_WITHIN_MINUTES.to_string(),
                )],
            ),
            StoreError::StepNotAllowed { .. } => detail("error-step-not-allowed"),
            StoreError::ForbiddenOutput { .. } | StoreError::OutputExists { .. } => {
                detail("error-output")
            }
            StoreError::DuplicateCustomer => self.i18n.tr("error-duplicate-customer"),
            StoreError::NotFound(number) => {
                self.i18n.tr_args("error-not-found", &[("number", number)])
            }
            StoreError::BadRow(_) => detail("error-bad-row"),
            StoreError::Ambiguous { number, origins } => self.i18n.tr_args(
                "error-ambiguous",
                &[("number", number), ("origins", &origins.join(", "))],
            ),
            _ => detail("error-database"),
        }
    }

    fn report(&mut self, result: Result<(), StoreError>) {
        self.attempt(result);
    }

    /// What `result` holds; when it is an error, the clerk is told (see [`App::fail`]).
    fn attempt<T>(&mut self, result: Result<T, StoreError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.fail(error);
                None
            }
        }
    }

    /// Tells the clerk what went wrong. Damage to the file stops all work on it: the typing of
    /// the open form is kept in a file beside the database, and the window shows the recovery
    /// screen. A save refused because another window saved first asks what to do.
    fn fail(&mut self, error: StoreError) {
        if error.is_damage() {
            self.store.mark_damaged();
            if self.damage.is_none() {
                let rescued = self.rescue_typing();
                self.damage = Some(Damage {
                    message: error.to_string(),
                    rescued,
                });
            }
            return;
        }
        if let StoreError::Conflict { operator, at } = &error {
            let text = self
                .i18n
                .tr_args("conflict-explain", &[("operator", operator), ("at", at)]);
            self.dialogs.conflict = Some(text);
            return;
        }
        self.error(self.store_error_text(&error));
    }

    /// Writes the open form's typing beside the database (which can no longer take it), so
    /// nothing typed is lost; returns the file written.
    fn rescue_typing(&mut self) -> Option<PathBuf> {
        let editor = self.editor.as_ref().filter(|e| e.is_dirty())?;
        let db = self.store.path()?;
        let stamp = self.now().format("%Y%m%d-%H%M%S");
        let path = crate::store::file::with_suffix(db, &format!(".unsaved-{stamp}.json"));
        let body = serde_json::to_string_pretty(editor).ok()?;
        std::fs::write(&path, body).ok()?;
        Some(path)
    }

    /// Opens the typing kept from a damaged file (see [`App::fail`]) in its form, to be saved
    /// into the restored database.
    pub fn reopen_rescued(&mut self, path: &Path) {
        let editor = std::fs::read_to_string(path)
            .ok()
            .and_then(|body| serde_json::from_str::<Editor>(&body).ok());
        match editor {
            Some(editor) => {
                self.open_editor(editor);
                self.reload_photos();
                let path = path.display().to_string();
                self.info(self.i18n.tr_args("rescued-reopened", &[("path", &path)]));
            }
            None => {
                let path = path.display().to_string();
                self.error(self.i18n.tr_args("rescued-unreadable", &[("path", &path)]));
            }
        }
    }

    /// Damage found in the file, once: the window then shows the recovery screen.
    pub fn take_damage(&mut self) -> Option<Damage> {
        self.damage.take()
    }

    fn info(&mut self, text: String) {
        self.toast(text, false, None);
    }

    /// Says that `file` (or a folder) was written, offering to open it and to show it.
    fn written(&mut self, text: String, file: &std::path::Path) {
        self.toast(text, false, Some(file.to_path_buf()));
    }

    fn error(&mut self, text: String) {
        self.toast(text, true, None);
    }

    fn toast(&mut self, text: String, is_error: bool, file: Option<PathBuf>) {
        self.toasts.push(Toast {
            text,
            is_error,
            shown_at: self.now(),
            file,
        });
    }
}

/// A photo scaled down to a thumbnail for the screen; `None` when it cannot be decoded.
fn thumbnail(bytes: &[u8]) -> Option<egui::ColorImage> {
    let format = image::guess_format(bytes).ok()?;
    let image = crate::domain::investigation::decode_photo(bytes, format)
        .ok()?
        .thumbnail(200, 150)
        .to_rgba8();
    let size = [image.width() as usize, image.height() as usize];
    Some(egui::ColorImage::from_rgba_unmultiplied(
        size,
        image.as_raw(),
    ))
}

/// `start..end` kept inside `0..len`.
fn clamp(start: usize, end: usize, len: usize) -> (usize, usize) {
    let end = end.min(len);
    (start.min(end), end)
}

/// The native window: the app, or the recovery screen when the database could not be opened
/// or was found damaged while working.
enum Window {
    Main(Box<App>),
    Recovery(Box<crate::recovery::Recovery>),
}

impl eframe::App for Window {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        match self {
            Window::Main(app) => {
                if ui.ctx().input(|i| i.viewport().close_requested()) && !app.on_close_requested() {
                    ui.ctx()
                        .send_viewport_cmd(egui::ViewportCommand::CancelClose);
                }
                app.ui(ui);
                // The first frame is on screen: now check the file and back it up beside it.
                app.start_background();
                // Info messages fade out on their own.
                ui.ctx().request_repaint_after(Duration::from_secs(1));
                if let Some(damage) = app.take_damage()
                    && let Some(db) = app.store().path().map(Path::to_owned)
                {
                    *self = Window::Recovery(Box::new(crate::recovery::Recovery::damaged(
                        db,
                        damage.message,
                        damage.rescued,
                    )));
                    ui.ctx().request_repaint();
                }
            }
            Window::Recovery(recovery) => {
                if let Some((store, rescued)) = recovery.ui(ui) {
                    let mut app = App::new(store);
                    if let Some(rescued) = rescued {
                        app.reopen_rescued(&rescued);
                    }
                    *self = Window::Main(Box::new(app));
                }
            }
        }
    }
}

/// Makes the window light or dark as `appearance` says. Following the system, egui takes the
/// system's theme where it states one, and light where it says nothing (egui's own fallback
/// is dark).
fn apply_appearance(ctx: &egui::Context, appearance: crate::domain::settings::Appearance) {
    use crate::domain::settings::Appearance;
    let preference = match appearance {
        Appearance::System => egui::ThemePreference::System,
        Appearance::Light => egui::ThemePreference::Light,
        Appearance::Dark => egui::ThemePreference::Dark,
    };
    let unchanged = ctx.options(|options| {
        options.theme_preference == preference && options.fallback_theme == egui::Theme::Light
    });
    if !unchanged {
        ctx.options_mut(|options| {
            options.theme_preference = preference;
            options.fallback_theme = egui::Theme::Light;
        });
        ctx.style_mut_of(egui::Theme::Light, crate::ui::office_light);
        ctx.style_mut_of(egui::Theme::Dark, crate::ui::office_dark);
    }
}

/// Draws the window at `size`, and leaves the zoom keys to [`text_size_keys`] (egui's own
/// would zoom without remembering it).
fn apply_text_size(ctx: &egui::Context, size: crate::domain::settings::TextSize) {
    if ctx.options(|options| options.zoom_with_keyboard) {
        ctx.options_mut(|options| options.zoom_with_keyboard = false);
    }
    if ctx.zoom_factor() != size.factor() {
        ctx.set_zoom_factor(size.factor());
    }
}

/// Ctrl+= (or Ctrl++) and Ctrl+- step the text size up and down, Ctrl+0 sets it back to
/// normal: the new size, to be set and remembered.
fn text_size_keys(ctx: &egui::Context, size: crate::domain::settings::TextSize) -> Option<Command> {
    use crate::domain::settings::TextSize;
    use egui::gui_zoom::kb_shortcuts::{ZOOM_IN, ZOOM_IN_SECONDARY, ZOOM_OUT, ZOOM_RESET};
    let pressed = |shortcut| ctx.input_mut(|i| i.consume_shortcut(&shortcut));
    let wanted = if pressed(ZOOM_RESET) {
        TextSize::NORMAL
    } else if pressed(ZOOM_IN) || pressed(ZOOM_IN_SECONDARY) {
        size.larger()
    } else if pressed(ZOOM_OUT) {
        size.smaller()
    } else {
        size
    };
    (wanted != size).then_some(Command::SetTextSize(wanted))
}

/// Opens the window on the database at `db`; a file that cannot be opened gets the recovery
/// screen instead (a file from a newer program only its explanation). The full check of the
/// file runs beside the window once it is shown, so a big file never delays it.
pub fn run(db: PathBuf) -> anyhow::Result<()> {
    let window = match Store::open(&db) {
        Ok(store) => Window::Main(Box::new(App::new(store))),
        Err(error) => {
            Window::Recovery(Box::new(crate::recovery::Recovery::new(db.clone(), &error)))
        }
    };
    // The window title names the program in both languages, whatever the interface language.
    let title = format!(
        "{} — {}",
        I18n::new(Lang::English).tr("app-title"),
        I18n::new(Lang::ZhCn).tr("app-title")
    );
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(title)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([900.0, 560.0]);
    // The window's and the taskbar's icon (a unit test decodes it; without it, egui's own).
    if let Ok(icon) = eframe::icon_data::from_png_bytes(crate::assets::ICON_PNG) {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "aftersales",
        options,
        Box::new(|cc| {
            crate::ui::install_fonts(&cc.egui_ctx);
            Ok(Box::new(window))
        }),
    )
    .map_err(|error| anyhow::anyhow!("cannot open the window: {error}"))
}

/// The characters of a paper that printed as empty boxes, named with their code points, and
/// the fields they are in: what a warning after printing or saving says.
fn unprintable_named(unprintable: &[pdf::Unprintable]) -> (String, String) {
    let chars = crate::fonts::named(unprintable.iter().flat_map(|u| &u.chars));
    let fields: Vec<&str> = unprintable.iter().map(|u| u.field.as_str()).collect();
    (chars, fields.join(", "))
}

//! The case view: a complaint with its investigation report and service confirmation on one
//! screen, the case's number, customer, product and step always visible above them.

use std::sync::Arc;

use chrono::NaiveDateTime;
use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use super::complaint::ComplaintEditor;
use super::form::{FormState, ToolAction, Toolbar, toolbar, void_banner};
use super::signature::{CannotSign, SignatureBox, signatures_ui};
use super::warranty_card::SAVE_SHORTCUT;
use super::{
    Command, FieldKind, choice_field, clock_ui, error_color, error_for, form_field, form_grid,
    heading,
};
use crate::domain::case_life::{Step, check_step_time, next_steps};
use crate::domain::complaint::parse_time;
use crate::domain::confirmation::{
    Aspect, BorneBy, ConfirmationDraft, ConfirmationField, CostKind, PartDraft, Rating,
    ServiceCategory,
};
use crate::domain::investigation::{
    Document, InvestigationDraft, InvestigationField, PhotoDocument, ResponsibleParty, Treatment,
};
use crate::domain::money::Fen;
use crate::domain::paper::Paper;
use crate::domain::return_visit::{Outcome, ReturnVisit, ReturnVisitDraft, VisitField};
use crate::domain::three_guarantees::{DepreciationRates, Remedy, settle};
use crate::i18n::I18n;
use crate::store::case_steps::{RecordedStep, WithdrawnStep};
use crate::store::return_visit::StoredVisit;
use crate::store::signed_page::FormRecord;

/// The three forms of a case, shown one at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum CaseTab {
    #[default]
    Complaint,
    Investigation,
    Confirmation,
}

/// A photo of the report, decoded by the shell into a thumbnail.
#[derive(Clone)]
pub struct PhotoThumb {
    pub id: i64,
    pub file_name: String,
    /// What the photo shows, which decides how long it is kept.
    pub document: PhotoDocument,
    /// `None` when the stored file cannot be decoded.
    pub image: Option<Arc<egui::ColorImage>>,
    pub texture: Option<egui::TextureHandle>,
}

/// A page of signed paper as listed: the form it is the signed original of (its number;
/// empty for a page kept aside), where it came from, when and by whom it was kept.
#[derive(Clone, Debug, PartialEq)]
pub struct SignedRow {
    pub id: i64,
    pub number: String,
    pub file_name: String,
    pub page: u32,
    pub added_at: NaiveDateTime,
    pub added_by: String,
}

/// The case on screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseEditor {
    pub complaint: ComplaintEditor,
    pub investigation: Option<FormState<InvestigationDraft, InvestigationField>>,
    pub confirmation: Option<FormState<ConfirmationDraft, ConfirmationField>>,
    pub tab: CaseTab,
    #[serde(skip)]
    pub photos: Vec<PhotoThumb>,
    /// The case's recorded steps and the clocks running on it, read by the shell.
    #[serde(skip)]
    pub steps: Vec<crate::store::case_steps::RecordedStep>,
    /// The last step as recorded, and the clerk at the desk, who may withdraw it for a few
    /// minutes if they recorded it; read by the shell.
    /// Steps withdrawn after they were recorded, shown struck through under the others.
    #[serde(skip)]
    pub withdrawn: Vec<crate::store::case_steps::WithdrawnStep>,
    #[serde(skip)]
    pub last_step: Option<(crate::store::case_steps::LastStep, String)>,
    #[serde(skip)]
    pub clocks: Vec<(crate::domain::case_life::Due, NaiveDateTime)>,
    /// Set when the complaint (and so the case) is void; it can no longer be changed.
    #[serde(skip)]
    pub void: Option<crate::store::Void>,
    /// The audit trail of the case's three forms, oldest first, read by the shell.
    #[serde(skip)]
    pub history: Vec<(&'static str, crate::store::audit::AuditEntry)>,
    /// The return visits made so far, read by the shell.
    #[serde(skip)]
    pub visits: Vec<StoredVisit>,
    /// The return visit being typed, once the case is resolved.
    #[serde(default)]
    pub visit: Option<ReturnVisitDraft>,
    #[serde(skip)]
    show_visit_errors: bool,
    /// What a photo about to be attached shows.
    #[serde(skip)]
    pub photo_document: Option<PhotoDocument>,
    /// The signed paper that came back for the case's forms, and the pages kept aside with
    /// no form's code read on them, which a clerk may attach here; read by the shell.
    #[serde(skip)]
    pub signed: Vec<SignedRow>,
    #[serde(skip)]
    pub aside: Vec<SignedRow>,
    /// The signatures given on screen for the complaint and the confirmation, oldest first;
    /// read by the shell.
    #[serde(skip)]
    pub signatures: Vec<SignatureBox>,
    /// The time typed for the next step (empty: now), and why it is recorded late.
    #[serde(skip)]
    pub step_at: String,
    #[serde(skip)]
    pub step_reason: String,
}

impl PartialEq for PhotoThumb {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl std::fmt::Debug for PhotoThumb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PhotoThumb({}, {})", self.id, self.file_name)
    }
}

impl CaseEditor {
    pub fn new(complaint: ComplaintEditor) -> CaseEditor {
        CaseEditor {
            complaint,
            investigation: None,
            confirmation: None,
            tab: CaseTab::Complaint,
            photos: Vec::new(),
            steps: Vec::new(),
            withdrawn: Vec::new(),
            last_step: None,
            clocks: Vec::new(),
            void: None,
            history: Vec::new(),
            visits: Vec::new(),
            visit: None,
            show_visit_errors: false,
            photo_document: None,
            signed: Vec::new(),
            aside: Vec::new(),
            signatures: Vec::new(),
            step_at: String::new(),
            step_reason: String::new(),
        }
    }

    /// "Withdraw “step”", while the clerk at the desk may still withdraw the case's last step:
    /// the command to, when clicked.
    fn withdraw_ui(
        &self,
        ui: &mut Ui,
        i18n: &I18n,
        id: i64,
        now: NaiveDateTime,
    ) -> Option<Command> {
        let (last, operator) = self.last_step.as_ref()?;
        last.may_withdraw(operator, now).ok()?;
        let step = i18n.tr(last.step.step.message_key());
        let minutes = crate::domain::case_life::WITHDRAW_WITHIN_MINUTES.to_string();
        let explain = i18n.tr_args("case-withdraw-step-explain", &[("minutes", &minutes)]);
        let label = i18n.tr_args("case-withdraw-step", &[("step", &step)]);
        ui.add_enabled(!self.is_dirty(), egui::Button::new(label))
            .on_hover_text(explain)
            .on_disabled_hover_text(i18n.tr("case-save-first"))
            .clicked()
            .then_some(Command::WithdrawStep(id))
    }

    /// Whether any form of the case holds typing that is not saved.
    pub fn is_dirty(&self) -> bool {
        self.complaint.form.is_dirty()
            || self
                .investigation
                .as_ref()
                .is_some_and(FormState::needs_saving)
            || self
                .confirmation
                .as_ref()
                .is_some_and(FormState::needs_saving)
    }

    /// When the complaint was received, as typed (the other forms' times must follow it).
    pub fn received_at(&self, now: NaiveDateTime) -> NaiveDateTime {
        parse_time(&self.complaint.form.draft.received_at)
            .or_else(|_| parse_time(&self.complaint.form.saved.received_at))
            .unwrap_or(now)
    }

    /// How many fields, over the forms that would be saved, refuse to save.
    pub fn problems(&self, now: NaiveDateTime) -> usize {
        self.problems_by_tab(now)
            .iter()
            .map(|(_, count)| count)
            .sum()
    }

    /// How many fields refuse to save on each tab's form (one not to be saved has none).
    fn problems_by_tab(&self, now: NaiveDateTime) -> [(CaseTab, usize); 3] {
        let received_at = self.received_at(now);
        [
            (CaseTab::Complaint, self.complaint.problems(now)),
            (
                CaseTab::Investigation,
                refused(self.investigation.as_ref(), |d| d.parse(received_at, now)),
            ),
            (
                CaseTab::Confirmation,
                refused(self.confirmation.as_ref(), |d| d.parse(received_at, now)),
            ),
        ]
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        i18n: &I18n,
        now: NaiveDateTime,
        rates: DepreciationRates,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let problems = self.problems(now);
        let by_tab = self.problems_by_tab(now);
        // Every error shown, on every form; the tab shown is one with some, the cursor in its
        // first.
        let show_all = |case: &mut CaseEditor| {
            let here = by_tab
                .iter()
                .any(|&(tab, count)| tab == case.tab && count > 0);
            if !here && let Some(&(tab, _)) = by_tab.iter().find(|(_, count)| *count > 0) {
                case.tab = tab;
            }
            case.complaint.form.show_all_errors();
            for form in case.investigation.iter_mut() {
                form.show_all_errors();
            }
            for form in case.confirmation.iter_mut() {
                form.show_all_errors();
            }
        };
        if ui.input_mut(|i| i.consume_shortcut(&SAVE_SHORTCUT)) {
            if problems == 0 {
                commands.push(Command::SaveCase);
            } else {
                show_all(self);
            }
        }
        let complaint_id = self.complaint.form.id;
        let mut actions = Vec::new();
        if let Some(id) = complaint_id {
            let form = match self.tab {
                CaseTab::Complaint => Paper::Complaint(id),
                CaseTab::Investigation => Paper::Investigation(id),
                CaseTab::Confirmation => Paper::Confirmation(id),
            };
            actions.push(ToolAction::print(i18n, form));
            actions.push(ToolAction {
                label: i18n.tr("complaint-export-pdf"),
                command: Command::Print(form),
                needs_saved: true,
                shortcut: None,
            });
            actions.push(ToolAction {
                label: i18n.tr("case-export-packet"),
                command: Command::Print(Paper::Packet(id)),
                needs_saved: true,
                shortcut: None,
            });
            if self.void.is_none() {
                actions.push(ToolAction {
                    label: i18n.tr("void-button"),
                    command: Command::AskVoid(crate::store::audit::AuditedTable::Complaints, id),
                    needs_saved: false,
                    shortcut: None,
                });
            }
        }
        let bar = Toolbar {
            title: match &self.complaint.form.number {
                Some(number) => format!("{} {number}", i18n.tr("complaint-title")),
                None => i18n.tr("complaint-new-title"),
            },
            dirty: self.is_dirty(),
            problems,
            can_save: problems == 0 && self.is_dirty() && self.void.is_none(),
            save: Command::SaveCase,
            actions,
        };
        if toolbar(ui, i18n, bar, &mut commands) {
            show_all(self);
        }
        if let Some(void) = &self.void {
            void_banner(ui, i18n, void);
        }
        // The case at a glance: who, what, and how far it has come.
        let draft = &self.complaint.form.draft;
        let current = self.steps.last().map_or(Step::Received, |s| s.step);
        ui.label(format!(
            "{} · {} · {} {} · {}",
            draft.customer_name,
            draft.customer_phone,
            draft.product_model,
            draft.serial_no,
            i18n.tr_args("case-step", &[("step", &i18n.tr(current.message_key()))])
        ));
        // The clocks running on the case, overdue ones first and in red.
        for clock in &self.clocks {
            clock_ui(ui, i18n, *clock, now, true);
        }
        if let Some(id) = complaint_id
            && self.void.is_none()
        {
            // A resolved case moves on only through its return visit, recorded with the
            // outcome below; the other steps are one click.
            // Only a dealer reports a case to headquarters; HQ's own cases are already there.
            let at_hq = self.complaint.form.saved.receiving_unit
                == crate::domain::complaint::ReceivingUnit::Headquarters;
            let steps: Vec<Step> = next_steps(current)
                .iter()
                .copied()
                .filter(|_| current != Step::Resolved)
                .filter(|step| !(at_hq && *step == Step::EscalatedToHq))
                .collect();
            // A step reloads the case from the database: typing must be saved first.
            let clean = !self.is_dirty();
            if !steps.is_empty() {
                let previous = self.steps.last().map(|s| s.at);
                if let Some(command) = next_step_ui(
                    ui,
                    i18n,
                    (id, &steps),
                    (&mut self.step_at, &mut self.step_reason),
                    (previous, self.clocks.first().copied()),
                    now,
                    clean,
                ) {
                    commands.push(command);
                }
            }
            // Beside the step buttons, where a wrong click is seen.
            commands.extend(self.withdraw_ui(ui, i18n, id, now));
            if current == Step::Resolved
                && let Some(resolved) = self.steps.last()
            {
                let visit = self
                    .visit
                    .get_or_insert_with(|| ReturnVisitDraft::new(now, ""));
                if let Some(visit) = return_visit_ui(
                    ui,
                    i18n,
                    visit,
                    (resolved.at, now),
                    clean,
                    &mut self.show_visit_errors,
                ) {
                    commands.push(Command::RecordReturnVisit(id, visit));
                }
            }
        }
        ui.horizontal(|ui| {
            for (tab, key) in [
                (CaseTab::Complaint, "case-complaint"),
                (CaseTab::Investigation, "case-investigation"),
                (CaseTab::Confirmation, "case-confirmation"),
            ] {
                // The other forms belong to a saved complaint.
                let enabled = tab == CaseTab::Complaint || complaint_id.is_some();
                if ui
                    .add_enabled(
                        enabled,
                        egui::Button::selectable(self.tab == tab, i18n.tr(key)),
                    )
                    .clicked()
                {
                    self.tab = tab;
                }
            }
        });
        ui.separator();
        let received_at = self.received_at(now);
        let editable = self.void.is_none();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // A voided case is shown as it was, and cannot be typed into.
                ui.add_enabled_ui(editable, |ui| match self.tab {
                    CaseTab::Complaint => {
                        commands.extend(self.complaint.fields_ui(ui, i18n, now));
                        let form = &self.complaint.form;
                        if let Some(id) = form.id {
                            let cannot = cannot_sign(editable, form.is_dirty());
                            let number = form.number.clone().unwrap_or_default();
                            let signed =
                                (FormRecord::Complaint(id), number.as_str(), form.revision);
                            commands.extend(signatures_ui(
                                ui,
                                i18n,
                                signed,
                                &self.signatures,
                                cannot,
                            ));
                        }
                    }
                    CaseTab::Investigation => match &mut self.investigation {
                        Some(form) => {
                            let report_id = form.id;
                            investigation_ui(ui, i18n, form, received_at, now);
                            commands.extend(photos_ui(
                                ui,
                                i18n,
                                &mut self.photos,
                                &mut self.photo_document,
                                report_id,
                            ));
                        }
                        None => {
                            ui.label(i18n.tr("case-no-investigation"));
                            if ui.button(i18n.tr("case-create-investigation")).clicked() {
                                commands.push(Command::CreateInvestigation);
                            }
                        }
                    },
                    CaseTab::Confirmation => match &mut self.confirmation {
                        Some(form) => {
                            confirmation_ui(ui, i18n, form, received_at, now, rates);
                            if let Some(id) = form.id {
                                let cannot = cannot_sign(editable, form.is_dirty());
                                let number = form.number.clone().unwrap_or_default();
                                let signed =
                                    (FormRecord::Confirmation(id), number.as_str(), form.revision);
                                commands.extend(signatures_ui(
                                    ui,
                                    i18n,
                                    signed,
                                    &self.signatures,
                                    cannot,
                                ));
                            }
                        }
                        None => {
                            ui.label(i18n.tr("case-no-confirmation"));
                            if ui.button(i18n.tr("case-create-confirmation")).clicked() {
                                commands.push(Command::CreateConfirmation);
                            }
                        }
                    },
                });
                if let Some(id) = complaint_id {
                    ui.add_space(12.0);
                    commands.extend(self.signed_ui(ui, i18n, id));
                }
                if self.complaint.form.id.is_some() {
                    ui.add_space(12.0);
                    steps_ui(ui, i18n, (&self.steps, &self.withdrawn), &self.visits);
                    super::history::history_ui(ui, i18n, &self.history);
                }
            });
        commands
    }
}

impl CaseEditor {
    /// The case's forms that are stored, with the numbers they print.
    pub fn stored_forms(&self, complaint_id: i64) -> Vec<(FormRecord, String)> {
        let mut forms = vec![(
            FormRecord::Complaint(complaint_id),
            self.complaint.form.number.clone().unwrap_or_default(),
        )];
        if let Some(form) = &self.investigation
            && let Some(id) = form.id
        {
            forms.push((
                FormRecord::Investigation(id),
                form.number.clone().unwrap_or_default(),
            ));
        }
        if let Some(form) = &self.confirmation
            && let Some(id) = form.id
        {
            forms.push((
                FormRecord::Confirmation(id),
                form.number.clone().unwrap_or_default(),
            ));
        }
        forms
    }

    /// The signed paper that came back for the case's forms, and the pages kept aside.
    fn signed_ui(&self, ui: &mut Ui, i18n: &I18n, complaint_id: i64) -> Vec<Command> {
        signed_paper_ui(
            ui,
            i18n,
            (&self.signed, &self.aside),
            &self.stored_forms(complaint_id),
        )
    }
}

/// Why a form of the case cannot be signed now: the case is void, or the form has typing not
/// saved (a signature is given for the form as saved).
fn cannot_sign(editable: bool, dirty: bool) -> Option<CannotSign> {
    if !editable {
        Some(CannotSign::Void)
    } else if dirty {
        Some(CannotSign::Unsaved)
    } else {
        None
    }
}

/// One signed page as listed: where it came from, when and by whom it was kept.
fn signed_row_text(i18n: &I18n, row: &SignedRow) -> String {
    i18n.tr_args(
        "signed-row",
        &[
            ("file", &row.file_name),
            ("page", &row.page.to_string()),
            ("at", &row.added_at.format("%Y-%m-%d %H:%M").to_string()),
            ("operator", &row.added_by),
        ],
    )
}

/// The signed pages `signed`, each under its form's number with **View**.
pub fn signed_rows_ui(ui: &mut Ui, i18n: &I18n, signed: &[SignedRow]) -> Vec<Command> {
    let mut commands = Vec::new();
    if signed.is_empty() {
        ui.weak(i18n.tr("signed-none"));
    }
    for row in signed {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{}: {}", row.number, signed_row_text(i18n, row)));
            commands.extend(view_button(ui, i18n, row));
        });
    }
    commands
}

/// **View** for one signed page: shown in the system's picture viewer.
fn view_button(ui: &mut Ui, i18n: &I18n, row: &SignedRow) -> Option<Command> {
    ui.small_button(i18n.tr("signed-view"))
        .clicked()
        .then_some(Command::ViewSignedPage(row.id))
}

/// The signed paper that came back for `forms`, the button that attaches more, and the pages
/// kept aside, each of which can be attached to one of `forms`.
pub fn signed_paper_ui(
    ui: &mut Ui,
    i18n: &I18n,
    (signed, aside): (&[SignedRow], &[SignedRow]),
    forms: &[(FormRecord, String)],
) -> Vec<Command> {
    let mut commands = Vec::new();
    heading(ui, i18n.tr("signed-heading"));
    if ui
        .button(i18n.tr("signed-attach"))
        .on_hover_text(i18n.tr("signed-attach-hint"))
        .clicked()
    {
        commands.push(Command::AttachSignedPaper);
    }
    commands.extend(signed_rows_ui(ui, i18n, signed));
    if !aside.is_empty() {
        ui.add_space(6.0);
        ui.label(i18n.tr_args("signed-aside", &[("count", &aside.len().to_string())]));
        for row in aside {
            ui.horizontal_wrapped(|ui| {
                ui.label(signed_row_text(i18n, row));
                commands.extend(view_button(ui, i18n, row));
                for (form, number) in forms {
                    if ui
                        .small_button(i18n.tr_args("signed-match", &[("number", number)]))
                        .clicked()
                    {
                        commands.push(Command::MatchSignedPage(row.id, *form));
                    }
                }
            });
        }
    }
    commands
}

/// The return-visit form of a resolved case; the visit when the clerk records a valid one.
fn return_visit_ui(
    ui: &mut Ui,
    i18n: &I18n,
    draft: &mut ReturnVisitDraft,
    (resolved_at, now): (NaiveDateTime, NaiveDateTime),
    enabled: bool,
    show_errors: &mut bool,
) -> Option<ReturnVisit> {
    let parsed = draft.parse(resolved_at, now);
    let errors = parsed.as_ref().err().cloned().unwrap_or_default();
    let showing = *show_errors;
    let error = |field| error_for(&errors, field).filter(|_| showing);
    let today = now.date();
    let mut recorded = None;
    ui.group(|ui| {
        heading(ui, i18n.tr("return-visit-title"));
        form_grid(ui, "grid-return-visit", |ui| {
            form_field(
                ui,
                i18n,
                VisitField::VisitedAt.label_key(),
                &mut draft.visited_at,
                FieldKind::Line { required: true },
                today,
                error(VisitField::VisitedAt),
            );
            form_field(
                ui,
                i18n,
                VisitField::Caller.label_key(),
                &mut draft.caller,
                FieldKind::Line { required: true },
                today,
                error(VisitField::Caller),
            );
            ui.label(i18n.tr(VisitField::Outcome.label_key()));
            ui.horizontal(|ui| {
                for &outcome in Outcome::ALL {
                    ui.radio_value(
                        &mut draft.outcome,
                        Some(outcome),
                        i18n.tr(outcome.message_key()),
                    );
                }
                if let Some(message) = error(VisitField::Outcome) {
                    ui.label(RichText::new(i18n.tr(message)).color(error_color(ui)));
                }
            });
            ui.end_row();
            form_field(
                ui,
                i18n,
                VisitField::Notes.label_key(),
                &mut draft.notes,
                FieldKind::Text {
                    rows: 2,
                    required: false,
                },
                today,
                error(VisitField::Notes),
            );
        });
        if draft.outcome == Some(Outcome::Dissatisfied) {
            ui.label(i18n.tr("return-visit-reopens"));
        }
        let record = ui
            .add_enabled(enabled, egui::Button::new(i18n.tr("return-visit-record")))
            .on_disabled_hover_text(i18n.tr("case-save-first"));
        if record.clicked() {
            match &parsed {
                Ok(visit) => recorded = Some(visit.clone()),
                Err(_) => *show_errors = true,
            }
        }
    });
    recorded
}

/// The case's life as recorded: each step with its time and operator, and each return visit.
fn steps_ui(
    ui: &mut Ui,
    i18n: &I18n,
    (steps, withdrawn): (&[RecordedStep], &[WithdrawnStep]),
    visits: &[StoredVisit],
) {
    heading(ui, i18n.tr("case-steps"));
    egui::Grid::new("grid-steps")
        .num_columns(3)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for step in steps {
                ui.label(step.at.format("%Y-%m-%d %H:%M").to_string());
                ui.label(i18n.tr(step.step.message_key()));
                ui.horizontal(|ui| {
                    ui.label(&step.operator);
                    // Why a step was recorded well after it happened.
                    if !step.reason.is_empty() {
                        ui.label(RichText::new(&step.reason).italics());
                    }
                });
                ui.end_row();
            }
        });
    // Withdrawn steps stay on the page, struck through, with who withdrew them and when.
    for withdrawn in withdrawn {
        let format = |at: NaiveDateTime| at.format("%Y-%m-%d %H:%M").to_string();
        let step = i18n.tr(withdrawn.step.step.message_key());
        let line = i18n.tr_args(
            "case-step-withdrawn-line",
            &[
                ("at", &format(withdrawn.step.at)),
                ("step", &step),
                ("operator", &withdrawn.step.operator),
                ("when", &format(withdrawn.withdrawn_at)),
                ("by", &withdrawn.withdrawn_by),
            ],
        );
        ui.label(RichText::new(line).weak().strikethrough());
    }
    if visits.is_empty() {
        return;
    }
    heading(ui, i18n.tr("return-visit-list"));
    for StoredVisit {
        visit:
            ReturnVisit {
                visited_at,
                caller,
                outcome,
                notes,
            },
        ..
    } in visits
    {
        let line = i18n.tr_args(
            "return-visit-line",
            &[
                ("at", &visited_at.format("%Y-%m-%d %H:%M").to_string()),
                ("caller", caller),
                ("outcome", &i18n.tr(outcome.message_key())),
            ],
        );
        ui.label(line);
        if !notes.is_empty() {
            ui.label(RichText::new(notes).italics());
        }
    }
}

fn investigation_ui(
    ui: &mut Ui,
    i18n: &I18n,
    form: &mut FormState<InvestigationDraft, InvestigationField>,
    received_at: NaiveDateTime,
    now: NaiveDateTime,
) {
    let errors = form.draft.parse(received_at, now).err().unwrap_or_default();
    let (draft, mut fields) = form.edit(&errors, i18n, now.date());
    let mut field = |ui: &mut Ui,
                     field: InvestigationField,
                     value: &mut String,
                     kind: FieldKind| { fields.row(ui, field, value, kind) };
    heading(ui, i18n.tr("pdf-section-investigation"));
    form_grid(ui, "grid-investigation", |ui| {
        field(
            ui,
            InvestigationField::Investigators,
            &mut draft.investigators,
            FieldKind::Line { required: true },
        );
        field(
            ui,
            InvestigationField::ArrivedAt,
            &mut draft.arrived_at,
            FieldKind::Line { required: true },
        );
        field(
            ui,
            InvestigationField::Findings,
            &mut draft.findings,
            FieldKind::Text {
                rows: 4,
                required: true,
            },
        );
        ui.label(i18n.tr("investigation-documents"));
        ui.vertical(|ui| {
            for &document in Document::ALL {
                let mut checked = draft.is_checked(document);
                if ui
                    .checkbox(&mut checked, i18n.tr(document.message_key()))
                    .changed()
                {
                    draft.set_checked(document, checked);
                }
            }
        });
        ui.end_row();
    });
    heading(ui, i18n.tr("pdf-section-conclusion"));
    form_grid(ui, "grid-conclusion", |ui| {
        field(
            ui,
            InvestigationField::Cause,
            &mut draft.cause,
            FieldKind::Text {
                rows: 2,
                required: false,
            },
        );
        let label = ui.label(i18n.tr("investigation-quality-problem"));
        ui.checkbox(
            &mut draft.quality_problem,
            i18n.tr("investigation-quality-problem-check"),
        )
        .labelled_by(label.id);
        ui.end_row();
        choice_field(
            ui,
            i18n,
            "investigation-responsible-party",
            &mut draft.responsible_party,
            ResponsibleParty::ALL,
            ResponsibleParty::message_key,
        );
        choice_field(
            ui,
            i18n,
            "investigation-proposed-treatment",
            &mut draft.proposed_treatment,
            Treatment::ALL,
            Treatment::message_key,
        );
        field(
            ui,
            InvestigationField::EstimatedCost,
            &mut draft.estimated_cost,
            FieldKind::Number,
        );
        field(
            ui,
            InvestigationField::CustomerOpinion,
            &mut draft.customer_opinion,
            FieldKind::Text {
                rows: 2,
                required: false,
            },
        );
    });
}

/// The report's photos, each with the document it shows; a photo is withdrawn from the report
/// (kept in the archive), never deleted.
fn photos_ui(
    ui: &mut Ui,
    i18n: &I18n,
    photos: &mut [PhotoThumb],
    document: &mut Option<PhotoDocument>,
    report_id: Option<i64>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    heading(ui, i18n.tr("investigation-photos"));
    ui.horizontal(|ui| {
        let label = ui.label(i18n.tr("photo-document"));
        let shown = document.map_or_else(
            || i18n.tr("photo-document-choose"),
            |d| i18n.tr(d.message_key()),
        );
        egui::ComboBox::from_id_salt("photo-document")
            .selected_text(shown)
            .width(260.0)
            .show_ui(ui, |ui| {
                for &choice in PhotoDocument::ALL {
                    ui.selectable_value(document, Some(choice), i18n.tr(choice.message_key()));
                }
            })
            .response
            .labelled_by(label.id);
        let why_not = if report_id.is_none() {
            Some(i18n.tr("photo-save-report-first"))
        } else if document.is_none() {
            Some(i18n.tr("photo-choose-document-first"))
        } else {
            None
        };
        let add = ui.add_enabled(
            why_not.is_none(),
            egui::Button::new(i18n.tr("investigation-add-photo")),
        );
        if let (Some(id), Some(document)) = (report_id, *document)
            && add.clicked()
        {
            commands.push(Command::AddPhoto(id, document));
        }
        if let Some(why_not) = why_not {
            ui.weak(why_not);
        }
    });
    if photos.is_empty() {
        ui.weak(i18n.tr("investigation-no-photos"));
    }
    ui.horizontal_wrapped(|ui| {
        for photo in photos.iter_mut() {
            ui.vertical(|ui| {
                match (&photo.texture, &photo.image) {
                    (Some(texture), _) => {
                        ui.image((texture.id(), texture.size_vec2()));
                    }
                    (None, Some(image)) => {
                        let texture = ui.ctx().load_texture(
                            format!("photo-{}", photo.id),
                            Arc::clone(image),
                            Default::default(),
                        );
                        ui.image((texture.id(), texture.size_vec2()));
                        photo.texture = Some(texture);
                    }
                    (None, None) => {
                        ui.weak(i18n.tr("error-photo-read"));
                    }
                }
                ui.label(&photo.file_name);
                ui.weak(i18n.tr(photo.document.message_key()));
                if ui
                    .small_button(i18n.tr("investigation-remove-photo"))
                    .clicked()
                {
                    commands.push(Command::AskWithdrawPhoto(photo.id));
                }
            });
        }
    });
    commands
}

/// How many fields of `form` refuse to save, by `parse`: none when there is no form or
/// nothing of it to save.
fn refused<D: Clone + PartialEq, F: crate::domain::FormField, T, E>(
    form: Option<&FormState<D, F>>,
    parse: impl FnOnce(&D) -> Result<T, Vec<E>>,
) -> usize {
    form.filter(|form| form.needs_saving())
        .and_then(|form| parse(&form.draft).err())
        .map_or(0, |errors| errors.len())
}

/// The next steps the case may take, with the time each happened (now unless typed) and, for
/// a step recorded late, why. Returns the step to record when one is clicked and its time is
/// acceptable; the time's problem shows beside it otherwise.
fn next_step_ui(
    ui: &mut Ui,
    i18n: &I18n,
    (complaint_id, steps): (i64, &[Step]),
    (at, reason): (&mut String, &mut String),
    (previous, clock): (
        Option<NaiveDateTime>,
        Option<(crate::domain::case_life::Due, NaiveDateTime)>,
    ),
    now: NaiveDateTime,
    enabled: bool,
) -> Option<Command> {
    let mut recorded = None;
    let typed = if at.trim().is_empty() {
        Ok(now)
    } else {
        parse_time(at).map_err(|_| "error-time-format")
    };
    let problem = typed
        .and_then(|when| check_step_time(previous, when, now, reason).map(|()| when))
        .err();
    ui.horizontal_wrapped(|ui| {
        ui.label(i18n.tr("case-next-step"));
        let label = ui.label(i18n.tr("case-step-at"));
        ui.add(
            egui::TextEdit::singleline(at)
                .id_salt("case-step-at")
                .desired_width(230.0)
                .hint_text(super::example(i18n, "case-step-at-hint")),
        )
        .labelled_by(label.id);
        let label = ui.label(i18n.tr("case-step-reason"));
        ui.add(
            egui::TextEdit::singleline(reason)
                .id_salt("case-step-reason")
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        for &step in steps {
            let button = ui
                .add_enabled(
                    enabled && problem.is_none(),
                    egui::Button::new(i18n.tr(step.message_key())),
                )
                .on_disabled_hover_text(i18n.tr(if enabled {
                    problem.unwrap_or("case-save-first")
                } else {
                    "case-save-first"
                }));
            if button.clicked()
                && let Ok(when) = typed
            {
                recorded = Some(Command::RecordStep {
                    complaint_id,
                    step,
                    at: when,
                    reason: reason.trim().to_owned(),
                });
            }
        }
    });
    // The problem shows on its own line, so nothing moves under the fields while typing;
    // without one, whether the step at that time keeps the case's most pressing clock.
    match (problem, typed, clock) {
        (Some(message), _, _) => {
            ui.label(RichText::new(i18n.tr(message)).color(error_color(ui)));
        }
        (None, Ok(when), Some((due, deadline))) => {
            let at = when.format("%Y-%m-%d %H:%M").to_string();
            let due = i18n.tr(due.message_key());
            let deadline_text = deadline.format("%Y-%m-%d %H:%M").to_string();
            let args = [
                ("at", at.as_str()),
                ("due", &due),
                ("deadline", &deadline_text),
            ];
            match crate::domain::case_life::lateness(deadline, when) {
                Some(late) => {
                    let hours = late.num_hours().to_string();
                    let late_args = [args[0], args[1], args[2], ("hours", &hours)];
                    ui.label(
                        RichText::new(i18n.tr_args("case-step-late", &late_args))
                            .color(ui.visuals().warn_fg_color),
                    );
                }
                None => {
                    ui.label(i18n.tr_args("case-step-in-time", &args));
                }
            }
        }
        _ => {
            ui.label("");
        }
    }
    recorded
}

fn confirmation_ui(
    ui: &mut Ui,
    i18n: &I18n,
    form: &mut FormState<ConfirmationDraft, ConfirmationField>,
    received_at: NaiveDateTime,
    now: NaiveDateTime,
    rates: DepreciationRates,
) {
    let errors = form.draft.parse(received_at, now).err().unwrap_or_default();
    let (draft, mut fields) = form.edit(&errors, i18n, now.date());
    heading(ui, i18n.tr("pdf-section-service"));
    form_grid(ui, "grid-service", |ui| {
        choice_field(
            ui,
            i18n,
            "confirmation-treatment",
            &mut draft.treatment,
            Treatment::ALL,
            Treatment::message_key,
        );
        fields.row(
            ui,
            ConfirmationField::CauseFound,
            &mut draft.cause_found,
            FieldKind::Text {
                rows: 2,
                required: false,
            },
        );
        fields.row(
            ui,
            ConfirmationField::WorkDone,
            &mut draft.work_done,
            FieldKind::Text {
                rows: 3,
                required: true,
            },
        );
        fields.row(
            ui,
            ConfirmationField::Technicians,
            &mut draft.technicians,
            FieldKind::LineWithExample {
                example: "confirmation-technicians-hint",
            },
        );
        fields.row(
            ui,
            ConfirmationField::ContactPerson,
            &mut draft.contact_person,
            FieldKind::LineWithExample {
                example: "confirmation-contact-person-hint",
            },
        );
        choice_field(
            ui,
            i18n,
            "confirmation-service-category",
            &mut draft.service_category,
            ServiceCategory::ALL,
            ServiceCategory::message_key,
        );
        fields.row(
            ui,
            ConfirmationField::CompletedAt,
            &mut draft.completed_at,
            FieldKind::Line { required: true },
        );
    });

    heading(ui, i18n.tr("confirmation-parts"));
    let mut remove = None;
    egui::Grid::new("grid-parts")
        .num_columns(7)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for key in [
                "part-name",
                "part-quantity",
                "part-unit-cost",
                "part-faulty-serial",
                "part-replacement-serial",
                "part-old-returned",
                "",
            ] {
                if !key.is_empty() {
                    ui.strong(i18n.tr(key));
                } else {
                    ui.label("");
                }
            }
            ui.end_row();
            for (row, part) in draft.parts.iter_mut().enumerate() {
                let PartDraft {
                    name,
                    quantity,
                    unit_cost,
                    old_part_returned,
                    faulty_serial,
                    replacement_serial,
                } = part;
                let number = row + 1;
                for (value, key, width, field) in [
                    (name, "part-name", 220.0, ConfirmationField::PartName(row)),
                    (
                        quantity,
                        "part-quantity",
                        60.0,
                        ConfirmationField::PartQuantity(row),
                    ),
                    (
                        unit_cost,
                        "part-unit-cost",
                        90.0,
                        ConfirmationField::PartUnitCost(row),
                    ),
                    (
                        faulty_serial,
                        "part-faulty-serial",
                        140.0,
                        ConfirmationField::PartFaultySerial(row),
                    ),
                    (
                        replacement_serial,
                        "part-replacement-serial",
                        140.0,
                        ConfirmationField::PartReplacementSerial(row),
                    ),
                ] {
                    ui.vertical(|ui| {
                        // The column as wide as asked: a grid's cell otherwise starts at its
                        // narrowest and the box shows three characters of a part's name.
                        ui.set_min_width(width);
                        let edit = egui::TextEdit::singleline(value).desired_width(width);
                        let response = ui.add(edit).on_hover_text(i18n.tr(key));
                        // Each cell is named "<column> <row>" for screen readers and tests.
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::TextInput,
                                true,
                                format!("{} {number}", i18n.tr(key)),
                            )
                        });
                        if response.changed() {
                            fields.touch(field);
                            // The parts as a whole (their number, their total) are checked
                            // from the first change to any of them.
                            fields.touch(ConfirmationField::Parts);
                        }
                        if let Some(message) = fields.error(field) {
                            ui.label(RichText::new(i18n.tr(message)).color(error_color(ui)));
                        }
                    });
                }
                ui.checkbox(
                    old_part_returned,
                    format!("{} {number}", i18n.tr("part-old-returned")),
                );
                if ui
                    .small_button(format!("{} {number}", i18n.tr("confirmation-remove-part")))
                    .clicked()
                {
                    remove = Some(row);
                }
                ui.end_row();
            }
        });
    if let Some(row) = remove {
        draft.parts.remove(row);
    }
    if let Some(message) = fields.error(ConfirmationField::Parts) {
        ui.label(RichText::new(i18n.tr(message)).color(error_color(ui)));
    }
    if ui.button(i18n.tr("confirmation-add-part")).clicked() {
        draft.parts.push(PartDraft {
            quantity: "1".into(),
            ..Default::default()
        });
    }

    heading(ui, i18n.tr("confirmation-costs"));
    let parts_total = draft.parts_total();
    egui::Grid::new("grid-costs")
        .num_columns(3)
        .min_col_width(super::LABEL_COLUMN_WIDTH)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for (index, &kind) in CostKind::ALL.iter().enumerate() {
                let label = ui.label(i18n.tr(kind.message_key()));
                if kind == CostKind::Parts {
                    ui.label(parts_total.to_string());
                } else {
                    ui.horizontal(|ui| {
                        let response = ui
                            .add(
                                egui::TextEdit::singleline(&mut draft.cost_amounts[index])
                                    .desired_width(90.0),
                            )
                            .labelled_by(label.id);
                        if response.changed() {
                            fields.touch(ConfirmationField::Cost(kind));
                        }
                        if let Some(message) = fields.error(ConfirmationField::Cost(kind)) {
                            ui.label(RichText::new(i18n.tr(message)).color(error_color(ui)));
                        }
                    });
                }
                let borne_by = &mut draft.cost_borne_by[index];
                let bearer_label = format!(
                    "{} {}",
                    i18n.tr(kind.message_key()),
                    i18n.tr("confirmation-cost-borne-by")
                );
                let combo = egui::ComboBox::from_id_salt(("borne-by", index))
                    .selected_text(i18n.tr(borne_by.message_key()))
                    .show_ui(ui, |ui| {
                        for &bearer in BorneBy::ALL {
                            ui.selectable_value(borne_by, bearer, i18n.tr(bearer.message_key()));
                        }
                    });
                combo.response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, bearer_label.clone())
                });
                ui.end_row();
            }
        });
    let total: Fen = draft
        .cost_amounts
        .iter()
        .enumerate()
        .filter(|(i, _)| CostKind::ALL[*i] != CostKind::Parts)
        .filter_map(|(_, a)| Fen::parse(a).ok())
        .sum::<Fen>()
        + parts_total;
    ui.label(i18n.tr_args("confirmation-total", &[("amount", &total.to_string())]));

    heading(ui, i18n.tr("confirmation-three-guarantees"));
    form_grid(ui, "grid-three-guarantees", |ui| {
        let label = ui.label(i18n.tr("confirmation-three-guarantees"));
        ui.checkbox(
            &mut draft.three_guarantees,
            i18n.tr("confirmation-three-guarantees-check"),
        )
        .labelled_by(label.id);
        ui.end_row();
        if draft.three_guarantees {
            ui.label("");
            ui.checkbox(
                &mut draft.remedy_is_refund,
                i18n.tr("confirmation-remedy-refund"),
            );
            ui.end_row();
            fields.row(
                ui,
                ConfirmationField::Price,
                &mut draft.price,
                FieldKind::Number,
            );
            fields.row(
                ui,
                ConfirmationField::SaleDate,
                &mut draft.sale_date,
                FieldKind::Date,
            );
            ui.label("");
            ui.checkbox(
                &mut draft.counterfeit_or_unmarked,
                i18n.tr("three-guarantees-counterfeit"),
            );
            ui.end_row();
        }
    });
    if draft.three_guarantees
        && let (Ok(price), Ok(sale_date), Ok(completed_at)) = (
            Fen::parse(&draft.price),
            crate::domain::date::parse_date(&draft.sale_date),
            parse_time(&draft.completed_at),
        )
    {
        let remedy = if draft.remedy_is_refund {
            Remedy::Refund
        } else {
            Remedy::Exchange
        };
        let settlement = settle(
            remedy,
            price,
            sale_date,
            completed_at.date(),
            rates,
            draft.counterfeit_or_unmarked,
        );
        ui.label(
            RichText::new(i18n.tr_args(
                "three-guarantees-result",
                &[
                    ("days", &settlement.days_in_use.to_string()),
                    ("charge", &settlement.charge.to_string()),
                    ("credited", &settlement.credited.to_string()),
                ],
            ))
            .strong(),
        );
    }

    heading(ui, i18n.tr("confirmation-ratings"));
    // No rating is assumed: the form says which are still to ask.
    let missing: Vec<String> = Aspect::ALL
        .iter()
        .zip(&draft.ratings)
        .filter(|(_, rating)| rating.is_none())
        .map(|(aspect, _)| i18n.tr(aspect.message_key()))
        .collect();
    if !missing.is_empty() {
        ui.label(
            RichText::new(i18n.tr_args(
                "confirmation-ratings-missing",
                &[("aspects", &missing.join(i18n.tr("list-separator").as_str()))],
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    form_grid(ui, "grid-ratings", |ui| {
        for (index, &aspect) in Aspect::ALL.iter().enumerate() {
            let field = ConfirmationField::Rating(aspect);
            let label = ui.label(i18n.tr(aspect.message_key()));
            let rating = &mut draft.ratings[index];
            let before = *rating;
            ui.horizontal(|ui| {
                let shown = match rating {
                    Some(chosen) => RichText::new(i18n.tr(chosen.message_key())),
                    // Cannot be taken for an answer: a question, in the hint's style.
                    None => RichText::new(i18n.tr("confirmation-rating-choose"))
                        .italics()
                        .weak(),
                };
                let combo = egui::ComboBox::from_id_salt(aspect.message_key())
                    .selected_text(shown)
                    .width(300.0)
                    .show_ui(ui, |ui| {
                        for &choice in Rating::ALL {
                            ui.selectable_value(
                                rating,
                                Some(choice),
                                i18n.tr(choice.message_key()),
                            );
                        }
                    });
                combo.response.labelled_by(label.id);
                if let Some(message) = fields.error(field) {
                    ui.label(RichText::new(i18n.tr(message)).color(error_color(ui)));
                }
            });
            if *rating != before {
                fields.touch(field);
            }
            ui.end_row();
        }
        fields.row(
            ui,
            ConfirmationField::Comments,
            &mut draft.comments,
            FieldKind::Text {
                rows: 2,
                required: false,
            },
        );
    });
}

//! The shell's dialogs: the unsaved-changes question, who is working, the reason to void a
//! record, restoring a backup and purging what is past its retention period.

use std::path::Path;

use egui::Ui;

use super::{App, Editor, OperatorDialog, Pending, VoidDialog, WithdrawDialog};
use crate::domain::settings::Settings;
use crate::domain::settings::SettingsDraft;
use crate::domain::unit::{UnitField, UnitLevel};
use crate::store::Store;
use crate::store::audit::{AuditedTable, Operator};
use crate::store::complaint::ComplaintQuery;
use crate::store::warranty_card::CardQuery;
use crate::ui::Command;

impl App {
    /// Asks why a record is voided, then voids it.
    pub(super) fn void_dialog(&mut self, ui: &mut Ui) {
        let Some(dialog) = &mut self.dialogs.void else {
            return;
        };
        let keys = ("void-title", "void-explain", "void-reason", "void-confirm");
        let answer = reason_modal(ui, &self.i18n, "void", keys, &mut dialog.reason);
        match answer {
            Some(true) => {
                let Some(VoidDialog { table, id, reason }) = self.dialogs.void.take() else {
                    return;
                };
                match self.store.void(table, id, &reason, self.now()) {
                    Ok(()) => self.after_void(table, id),
                    Err(error) => self.fail(error),
                }
            }
            Some(false) => self.dialogs.void = None,
            None => {}
        }
    }

    /// Asks why a photo is taken off its report, then withdraws it (it stays in the archive).
    pub(super) fn withdraw_dialog(&mut self, ui: &mut Ui) {
        let Some(dialog) = &mut self.dialogs.withdraw else {
            return;
        };
        let keys = (
            "withdraw-title",
            "withdraw-explain",
            "withdraw-reason",
            "withdraw-confirm",
        );
        let answer = reason_modal(ui, &self.i18n, "withdraw", keys, &mut dialog.reason);
        match answer {
            Some(true) => {
                let Some(WithdrawDialog { photo_id, reason }) = self.dialogs.withdraw.take() else {
                    return;
                };
                let result = self.store.withdraw_photo(photo_id, &reason, self.now());
                self.report(result);
                self.reload_photos();
            }
            Some(false) => self.dialogs.withdraw = None,
            None => {}
        }
    }

    /// After a save refused because another window saved the record first: reload theirs, or
    /// keep this window's typing and save it over theirs (both stay in the history).
    pub(super) fn conflict_dialog(&mut self, ui: &mut Ui) {
        let Some(text) = &self.dialogs.conflict else {
            return;
        };
        let i18n = &self.i18n;
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("conflict")).show(ui.ctx(), |ui| {
            ui.set_max_width(460.0);
            ui.heading(i18n.tr("conflict-title"));
            ui.label(text.as_str());
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(i18n.tr("conflict-keep-mine")).clicked() {
                    answer = Some(true);
                }
                if ui.button(i18n.tr("conflict-reload")).clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                self.dialogs.conflict = None;
                match self.keep_mine() {
                    Ok(()) => self.save_form(),
                    Err(error) => self.fail(error),
                }
            }
            Some(false) => {
                self.dialogs.conflict = None;
                let result = self.reload_form();
                self.report(result);
            }
            None => {}
        }
    }

    /// Asks for a backup file and, after confirmation, puts it in place of the open database;
    /// the current file is kept beside it under a dated name.
    pub(super) fn restore_backup(&mut self) {
        if self.has_unsaved_changes() {
            return self.error(self.i18n.tr("restore-save-first"));
        }
        self.dialogs.restore = (self.pickers.backup)();
    }

    /// The list of records past retention, and the question before they are deleted.
    pub(super) fn purge_dialog(&mut self, ui: &mut Ui) {
        use crate::store::retention::Expired;
        let Some(expired) = &self.dialogs.purge else {
            return;
        };
        let i18n = &self.i18n;
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("purge")).show(ui.ctx(), |ui| {
            ui.set_max_width(520.0);
            ui.heading(i18n.tr_args("retention-found", &[("count", &expired.len().to_string())]));
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    for item in expired {
                        ui.label(match item {
                            Expired::Photo {
                                report_no,
                                file_name,
                                added,
                                ..
                            } => {
                                format!(
                                    "{} · {report_no} · {file_name} · {added}",
                                    i18n.tr("investigation-photos")
                                )
                            }
                            Expired::Card {
                                registration_no,
                                warranty_end,
                                ..
                            } => {
                                format!(
                                    "{} · {registration_no} · {warranty_end}",
                                    i18n.tr("card-title")
                                )
                            }
                        });
                    }
                });
            ui.horizontal(|ui| {
                let delete =
                    i18n.tr_args("retention-delete", &[("count", &expired.len().to_string())]);
                if ui.button(delete).clicked() {
                    answer = Some(true);
                }
                if ui.button(i18n.tr("recovery-cancel")).clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                let expired = self.dialogs.purge.take().unwrap_or_default();
                match self.store.purge(&expired) {
                    Ok(count) => {
                        self.info(
                            self.i18n
                                .tr_args("retention-done", &[("count", &count.to_string())]),
                        );
                        self.requery_cards(self.screens.cards.query.clone());
                    }
                    Err(error) => self.fail(error),
                }
            }
            Some(false) => self.dialogs.purge = None,
            None => {}
        }
    }

    /// The confirmation asked before a backup replaces the open database.
    /// Asks who takes over the desk: from then on every change is recorded under that name. A
    /// name whose clerk set a PIN is taken only with it.
    pub(super) fn switch_dialog(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(typed) = self.dialogs.switch.as_mut() else {
            return;
        };
        let i18n = &self.i18n;
        let unit = self
            .operator
            .as_ref()
            .map(|operator| operator.unit.clone())
            .unwrap_or_default();
        // Whether the name typed has a PIN: read again only when the name changes, not each
        // frame.
        if typed
            .pin_of
            .as_ref()
            .is_none_or(|(name, _)| *name != typed.name)
        {
            let kept = self.store.operator_pin(&typed.name).ok().flatten();
            typed.pin_of = Some((typed.name.clone(), kept));
        }
        let kept_pin = typed.pin_of.as_ref().and_then(|(_, kept)| kept.clone());
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("switch_operator")).show(ui.ctx(), |ui| {
            ui.set_max_width(420.0);
            ui.heading(i18n.tr("operator-switch"));
            ui.label(i18n.tr("operator-switch-explain"));
            ui.add_space(8.0);
            let name_ready = !typed.name.trim().is_empty() && typed.name.chars().count() <= 100;
            let ready = name_ready && (kept_pin.is_none() || !typed.pin.is_empty());
            let entered = crate::ui::form_grid(ui, "grid-switch-operator", |ui| {
                let label = ui.label(i18n.tr("operator-name"));
                let name = ui
                    .add(egui::TextEdit::singleline(&mut typed.name).desired_width(200.0))
                    .labelled_by(label.id);
                // Read before the cursor is put back anywhere: Enter takes it out of the box.
                let mut entered =
                    name.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                // The cursor is in the name from the start.
                if !entered && ui.memory(|m| m.focused().is_none()) {
                    name.request_focus();
                }
                ui.end_row();
                if kept_pin.is_some() {
                    let label = ui.label(i18n.tr("pin-label"));
                    ui.vertical(|ui| {
                        let pin = ui
                            .add(
                                egui::TextEdit::singleline(&mut typed.pin)
                                    .password(true)
                                    .desired_width(100.0),
                            )
                            .labelled_by(label.id);
                        if pin.changed() {
                            typed.refused = false;
                        }
                        entered |=
                            pin.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        if typed.refused {
                            ui.label(
                                egui::RichText::new(i18n.tr("pin-wrong"))
                                    .color(crate::ui::error_color(ui)),
                            );
                        }
                    });
                    ui.end_row();
                }
                entered
            });
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(ready, egui::Button::new(i18n.tr("operator-switch-ok")))
                    .clicked()
                    || ready && entered
                {
                    answer = Some(true);
                }
                if ui.button(i18n.tr("recovery-cancel")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                if let Some(kept) = &kept_pin
                    && !crate::domain::pin::pin_matches(&typed.pin, kept)
                {
                    // Refused beside the box, the PIN cleared for another try.
                    typed.refused = true;
                    typed.pin.clear();
                    return;
                }
                let name = typed.name.trim().to_owned();
                self.dialogs.switch = None;
                self.info(self.i18n.tr_args("operator-switched", &[("name", &name)]));
                commands.push(Command::SetOperator(Operator { name, unit }));
            }
            Some(false) => self.dialogs.switch = None,
            None => {}
        }
    }

    /// Asks before demo data is added: it is mixed with the records and cannot be taken out
    /// again one by one.
    pub(super) fn demo_dialog(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if !self.dialogs.demo {
            return;
        }
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("load_demo")).show(ui.ctx(), |ui| {
            ui.set_max_width(440.0);
            ui.heading(self.i18n.tr("settings-load-demo"));
            ui.label(self.i18n.tr("demo-confirm"));
            ui.horizontal(|ui| {
                if ui.button(self.i18n.tr("demo-confirm-add")).clicked() {
                    answer = Some(true);
                }
                if ui.button(self.i18n.tr("recovery-cancel")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    answer = Some(false);
                }
            });
        });
        if let Some(add) = answer {
            self.dialogs.demo = false;
            if add {
                commands.push(Command::LoadDemoData);
            }
        }
    }

    pub(super) fn restore_dialog(&mut self, ui: &mut Ui) {
        let Some(backup) = self.dialogs.restore.clone() else {
            return;
        };
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("restore_backup")).show(ui.ctx(), |ui| {
            ui.set_max_width(420.0);
            ui.label(self.i18n.tr("recovery-confirm"));
            ui.label(backup.display().to_string());
            ui.horizontal(|ui| {
                if ui.button(self.i18n.tr("recovery-restore")).clicked() {
                    answer = Some(true);
                }
                if ui.button(self.i18n.tr("recovery-cancel")).clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                self.dialogs.restore = None;
                self.restore_from(&backup);
            }
            Some(false) => self.dialogs.restore = None,
            None => {}
        }
    }

    pub(super) fn restore_from(&mut self, backup: &Path) {
        let Some(db) = self.store.path().map(Path::to_owned) else {
            return;
        };
        // Close the open file before it is moved aside: the upkeep's connection too (it
        // stops at once; started again on the restored file).
        self.upkeep = None;
        let placeholder = match Store::open_in_memory() {
            Ok(store) => store,
            Err(error) => return self.fail(error),
        };
        drop(std::mem::replace(&mut self.store, placeholder));
        match crate::recovery::restore(&db, backup, "replaced") {
            Ok(store) => {
                self.store = store;
                self.start_upkeep();
                self.editor = None;
                self.settings = self.store.settings().unwrap_or_default();
                self.settings_draft = SettingsDraft::from_settings(&self.settings);
                self.read_logo();
                self.requery_cards(CardQuery::default());
                self.requery_complaints(ComplaintQuery::default());
                self.requery_customers(String::new());
                self.requery_contracts(Default::default());
                let path = backup.display().to_string();
                self.info(self.i18n.tr_args("restore-done", &[("path", &path)]));
            }
            Err(error) => {
                // Nothing was swapped: reopen the database as it was.
                match Store::open(&db) {
                    Ok(store) => {
                        self.store = store;
                        self.start_upkeep();
                    }
                    // Never keep working in the placeholder: say so loudly.
                    Err(reopen) => self.error(self.store_error_text(&reopen)),
                }
                self.error(format!("{} ({error})", self.i18n.tr("restore-failed")));
            }
        }
    }

    /// Reopens the voided record so its banner shows, and refreshes the lists.
    pub(super) fn after_void(&mut self, table: AuditedTable, id: i64) {
        let reopened = match table {
            AuditedTable::WarrantyCards => self.load_card(id).map(|e| Editor::Card(Box::new(e))),
            _ => self.load_case(id).map(|c| Editor::Case(Box::new(c))),
        };
        match reopened {
            Ok(editor) => {
                let number = match &editor {
                    Editor::Card(card) => card.form.number.clone().unwrap_or_default(),
                    Editor::Case(case) => case.complaint.form.number.clone().unwrap_or_default(),
                    Editor::Customer(_) | Editor::Contract(_) => String::new(),
                };
                self.editor = Some(editor);
                self.info(self.i18n.tr_args("void-done", &[("number", &number)]));
            }
            Err(error) => self.fail(error),
        }
        self.requery_cards(self.screens.cards.query.clone());
        self.requery_complaints(self.screens.complaints.list.query.clone());
    }

    /// Asks once who is working, so every change is recorded with a name.
    pub(super) fn operator_dialog(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if self.operator.is_some() {
            return;
        }
        let i18n = &self.i18n;
        let OperatorDialog { name, office } = &mut self.dialogs.operator;
        let settings = &self.settings;
        egui::Modal::new(egui::Id::unique("operator")).show(ui.ctx(), |ui| {
            ui.set_max_width(460.0);
            ui.heading(i18n.tr("operator-title"));
            ui.label(i18n.tr("operator-explain"));
            ui.add_space(8.0);
            // The office is optional here (head office may not have given it a code yet); when
            // any of it is typed, it must be whole.
            let blank = [&office.code, &office.name, &office.region]
                .iter()
                .all(|text| text.trim().is_empty());
            let unit = if blank { None } else { Some(office.parse()) };
            let error = |field| {
                unit.as_ref()
                    .and_then(|u| u.as_ref().err())
                    .and_then(|errors| crate::ui::error_for(errors, field))
            };
            crate::ui::form_grid(ui, "grid-operator", |ui| {
                let label = ui.label(i18n.tr("operator-name"));
                ui.add(egui::TextEdit::singleline(name).desired_width(200.0))
                    .labelled_by(label.id);
                ui.end_row();
                crate::ui::choice_field(
                    ui,
                    i18n,
                    "operator-unit",
                    &mut office.level,
                    UnitLevel::ALL,
                    UnitLevel::message_key,
                );
                let today = chrono::NaiveDate::MIN;
                let line = crate::ui::FieldKind::Line { required: false };
                for (field, value) in [
                    (UnitField::Code, &mut office.code),
                    (UnitField::Name, &mut office.name),
                    (UnitField::Region, &mut office.region),
                ] {
                    let message = error(field);
                    crate::ui::form_field(ui, i18n, field.label_key(), value, line, today, message);
                }
            });
            ui.weak(i18n.tr("operator-office-later"));
            let ready = !name.trim().is_empty()
                && name.chars().count() <= 100
                && unit.as_ref().is_none_or(Result::is_ok);
            if ui
                .add_enabled(ready, egui::Button::new(i18n.tr("operator-ok")))
                .clicked()
            {
                commands.push(Command::SetOperator(Operator {
                    name: name.trim().to_owned(),
                    unit: office.level.code().to_owned(),
                }));
                if let Some(Ok(unit)) = unit {
                    commands.push(Command::SaveSettings(Box::new(Settings {
                        unit_code: unit.code,
                        unit_name: unit.name,
                        unit_level: unit.level,
                        unit_region: unit.region,
                        ..settings.clone()
                    })));
                }
            }
        });
    }

    /// The question asked before typing would be lost.
    pub(super) fn unsaved_dialog(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(pending) = self.dialogs.pending.clone() else {
            return;
        };
        let can_save = self.form_parses();
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
        self.dialogs.pending = None;
        match answer {
            "save" => {
                self.save_form();
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
}

/// A question that needs a reason before it is confirmed (voiding a record, withdrawing a
/// photo): the title, the explanation, the reason's label and the confirm button come from
/// `keys`. Returns the answer once the clerk gives one.
fn reason_modal(
    ui: &mut Ui,
    i18n: &crate::i18n::I18n,
    id: &str,
    (title, explain, label, confirm): (&str, &str, &str, &str),
    reason: &mut String,
) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique(("reason", id))).show(ui.ctx(), |ui| {
        ui.set_max_width(420.0);
        ui.heading(i18n.tr(title));
        ui.label(i18n.tr(explain));
        let label = ui.label(i18n.tr(label));
        ui.add(
            egui::TextEdit::multiline(reason)
                .desired_rows(2)
                .desired_width(380.0),
        )
        .labelled_by(label.id);
        ui.horizontal(|ui| {
            let ready = !reason.trim().is_empty() && reason.chars().count() <= 500;
            if ui
                .add_enabled(ready, egui::Button::new(i18n.tr(confirm)))
                .clicked()
            {
                answer = Some(true);
            }
            if ui.button(i18n.tr("void-cancel")).clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}

//! The monthly files screen: send this office's month, import a file received (with what it
//! will do shown first, and a new sender's key accepted once), the tracker of who submitted,
//! and the files sent and received.

use chrono::NaiveDate;
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{Command, error_color, heading};
use crate::domain::unit::{Period, Submission, Unit, UnitLevel};
use crate::i18n::I18n;
use crate::sheet::{Sheet, SheetCell, SheetFormat};
use crate::store::exchange::{ExchangeRecord, ImportPlan, UnitSubmission};

/// A file checked and planned, waiting for the clerk to import it or not.
pub struct PendingImport {
    pub path: std::path::PathBuf,
    pub plan: ImportPlan,
    /// Ticked by the clerk once the new sender's fingerprint was checked with it.
    pub key_checked: bool,
}

/// Work running beside the window: what it is, and how far it got.
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    pub label_key: &'static str,
    pub done: u64,
    pub total: u64,
}

/// The screen's state; the shell reads the tracker and the files into it.
#[derive(Default)]
pub struct ExchangePage {
    /// The month to send, as typed (`2026-10`).
    pub send_month: String,
    /// The tracker's month, as typed.
    pub tracker_month: String,
    pub tracker: Vec<UnitSubmission>,
    pub files: Vec<ExchangeRecord>,
    pub pending: Option<PendingImport>,
    pub running: Option<Running>,
    /// This office's file still owed, and by when.
    pub owed: Option<(Period, NaiveDate)>,
}

/// The label of a standing.
fn standing_text(i18n: &I18n, submission: Submission) -> (String, bool) {
    let text = i18n.tr(submission.message_key());
    let bad = matches!(submission, Submission::Late(_) | Submission::Missing { .. });
    match submission {
        Submission::OnTime(_) | Submission::Late(_) => (text, bad),
        Submission::Missing { due } | Submission::Awaited { due } => (
            i18n.tr_args(
                "submission-due",
                &[("standing", &text), ("due", &due.to_string())],
            ),
            bad,
        ),
    }
}

impl ExchangePage {
    /// Sets the months shown to last month of `today` where none was typed.
    pub fn default_months(&mut self, today: NaiveDate) {
        let last = Period::of(today).previous().to_string();
        if self.send_month.is_empty() {
            self.send_month = last.clone();
        }
        if self.tracker_month.is_empty() {
            self.tracker_month = last;
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, i18n: &I18n, me: Option<&Unit>) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.heading(i18n.tr("exchange-title"));
        ui.label(i18n.tr("exchange-rule"));
        let Some(me) = me else {
            ui.label(RichText::new(i18n.tr("exchange-no-office")).color(error_color(ui)));
            if ui.button(i18n.tr("exchange-open-settings")).clicked() {
                commands.push(Command::Navigate(super::Page::Settings));
            }
            return commands;
        };
        ui.label(i18n.tr_args(
            "exchange-this-office",
            &[
                ("code", &me.code),
                ("name", &me.name),
                ("level", &i18n.tr(me.level.message_key())),
            ],
        ));
        if let Some(running) = &self.running {
            ui.horizontal(|ui| {
                ui.spinner();
                let fraction = if running.total == 0 {
                    0.0
                } else {
                    running.done as f32 / running.total as f32
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(240.0)
                        .text(i18n.tr(running.label_key)),
                );
            });
        }
        let idle = self.running.is_none();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if me.level != UnitLevel::Headquarters {
                    self.send_ui(ui, i18n, idle, &mut commands);
                }
                self.receive_ui(ui, i18n, idle, &mut commands);
                if me.level != UnitLevel::Dealer {
                    self.tracker_ui(ui, i18n, &mut commands);
                }
                self.files_ui(ui, i18n);
            });
        commands
    }

    fn send_ui(&mut self, ui: &mut Ui, i18n: &I18n, idle: bool, commands: &mut Vec<Command>) {
        heading(ui, i18n.tr("exchange-send-title"));
        if let Some((period, due)) = self.owed {
            ui.label(
                RichText::new(i18n.tr_args(
                    "exchange-owed",
                    &[("month", &period.to_string()), ("due", &due.to_string())],
                ))
                .strong(),
            );
        }
        let month = Period::parse(&self.send_month);
        ui.horizontal(|ui| {
            let label = ui.label(i18n.tr("exchange-month"));
            ui.add(egui::TextEdit::singleline(&mut self.send_month).desired_width(80.0))
                .labelled_by(label.id);
            if month.is_none() {
                ui.label(RichText::new(i18n.tr("error-month")).color(error_color(ui)));
            }
            let button = ui.add_enabled(
                idle && month.is_some(),
                egui::Button::new(i18n.tr("exchange-send")),
            );
            if button.clicked()
                && let Some(month) = month
            {
                commands.push(Command::ExportMonth(month));
            }
        });
    }

    fn receive_ui(&mut self, ui: &mut Ui, i18n: &I18n, idle: bool, commands: &mut Vec<Command>) {
        heading(ui, i18n.tr("exchange-receive-title"));
        let Some(pending) = &mut self.pending else {
            if ui
                .add_enabled(idle, egui::Button::new(i18n.tr("exchange-import")))
                .clicked()
            {
                commands.push(Command::ChooseMonthlyFile);
            }
            return;
        };
        let plan = &pending.plan;
        ui.label(
            RichText::new(i18n.tr_args(
                "exchange-plan-sender",
                &[
                    ("code", &plan.sender.code),
                    ("name", &plan.sender.name),
                    ("month", &plan.period.to_string()),
                ],
            ))
            .strong(),
        );
        if let Some(at) = &plan.already_imported {
            ui.label(i18n.tr_args("exchange-already", &[("at", at)]));
        }
        TableBuilder::new(ui)
            .id_salt("exchange-plan")
            .striped(true)
            .column(Column::exact(200.0))
            .columns(Column::exact(140.0), 4)
            .header(22.0, |mut header| {
                for key in [
                    "exchange-kind",
                    "exchange-new",
                    "exchange-updated",
                    "exchange-unchanged",
                    "exchange-conflicting",
                ] {
                    header.col(|ui| {
                        ui.strong(i18n.tr(key));
                    });
                }
            })
            .body(|mut body| {
                for (table, counts) in &plan.counts {
                    body.row(20.0, |mut row| {
                        row.col(|ui| {
                            ui.label(i18n.tr(table_key(table)));
                        });
                        for n in [
                            counts.new,
                            counts.updated,
                            counts.unchanged,
                            counts.conflicting,
                        ] {
                            row.col(|ui| {
                                ui.label(n.to_string());
                            });
                        }
                    });
                }
            });
        if plan.sum().conflicting > 0 {
            ui.label(i18n.tr("exchange-conflicts-rule"));
        }
        let mut ready = plan.already_imported.is_none();
        if plan.new_sender && plan.already_imported.is_none() {
            ui.label(
                RichText::new(i18n.tr_args(
                    "exchange-new-sender",
                    &[
                        ("code", &plan.sender.code),
                        ("fingerprint", &plan.fingerprint),
                    ],
                ))
                .color(error_color(ui)),
            );
            ui.checkbox(&mut pending.key_checked, i18n.tr("exchange-key-checked"));
            ready &= pending.key_checked;
        }
        ui.horizontal(|ui| {
            if ui
                .add_enabled(
                    idle && ready,
                    egui::Button::new(i18n.tr("exchange-do-import")),
                )
                .clicked()
            {
                commands.push(Command::ImportMonthlyFile);
            }
            if ui.button(i18n.tr("exchange-cancel")).clicked() {
                commands.push(Command::CancelImport);
            }
        });
    }

    fn tracker_ui(&mut self, ui: &mut Ui, i18n: &I18n, commands: &mut Vec<Command>) {
        heading(ui, i18n.tr("exchange-tracker-title"));
        let month = Period::parse(&self.tracker_month);
        ui.horizontal(|ui| {
            let label = ui.label(i18n.tr("exchange-month"));
            let edit = ui
                .add(egui::TextEdit::singleline(&mut self.tracker_month).desired_width(80.0))
                .labelled_by(label.id);
            match month {
                Some(month) if edit.changed() => commands.push(Command::ShowSubmissions(month)),
                None => {
                    ui.label(RichText::new(i18n.tr("error-month")).color(error_color(ui)));
                }
                _ => {}
            }
        });
        if self.tracker.is_empty() {
            ui.weak(i18n.tr("exchange-tracker-none"));
            return;
        }
        let received = self
            .tracker
            .iter()
            .filter(|t| matches!(t.submission, Submission::OnTime(_) | Submission::Late(_)))
            .count();
        ui.horizontal(|ui| {
            ui.label(i18n.tr_args(
                "exchange-tracker-count",
                &[
                    ("received", &received.to_string()),
                    ("all", &self.tracker.len().to_string()),
                ],
            ));
            for (key, format) in [
                ("list-export-xlsx", SheetFormat::Xlsx),
                ("list-export-csv", SheetFormat::Csv),
            ] {
                if ui.button(i18n.tr(key)).clicked() {
                    commands.push(Command::ExportTracker(format));
                }
            }
        });
        TableBuilder::new(ui)
            .id_salt("exchange-tracker")
            .striped(true)
            .column(Column::exact(110.0))
            .column(Column::exact(200.0))
            .column(Column::exact(90.0))
            .column(Column::exact(220.0))
            .column(Column::exact(130.0))
            .column(Column::remainder())
            .header(22.0, |mut header| {
                for key in TRACKER_HEADINGS {
                    header.col(|ui| {
                        ui.strong(i18n.tr(key));
                    });
                }
            })
            .body(|mut body| {
                for row in &self.tracker {
                    body.row(20.0, |mut cells| {
                        cells.col(|ui| {
                            ui.label(&row.unit.code);
                        });
                        cells.col(|ui| {
                            ui.label(&row.unit.name);
                        });
                        cells.col(|ui| {
                            ui.label(i18n.tr(row.unit.level.message_key()));
                        });
                        cells.col(|ui| {
                            let (text, bad) = standing_text(i18n, row.submission);
                            if bad {
                                ui.label(RichText::new(text).color(error_color(ui)));
                            } else {
                                ui.label(text);
                            }
                        });
                        cells.col(|ui| {
                            if let Submission::OnTime(at) | Submission::Late(at) = row.submission {
                                ui.label(at.format("%Y-%m-%d %H:%M").to_string());
                            }
                        });
                        cells.col(|ui| {
                            if row.files > 0 {
                                ui.label(row.records.to_string());
                            }
                        });
                    });
                }
            });
    }

    fn files_ui(&self, ui: &mut Ui, i18n: &I18n) {
        heading(ui, i18n.tr("exchange-files-title"));
        if self.files.is_empty() {
            ui.weak(i18n.tr("exchange-files-none"));
            return;
        }
        for file in &self.files {
            let key = if file.sent {
                "exchange-file-sent"
            } else {
                "exchange-file-received"
            };
            ui.label(i18n.tr_args(
                key,
                &[
                    ("at", &file.at),
                    ("code", &file.unit_code),
                    ("month", &file.period),
                    ("records", &file.records.to_string()),
                    ("operator", &file.operator),
                ],
            ));
        }
    }
}

/// The tracker's columns.
const TRACKER_HEADINGS: [&str; 6] = [
    "unit-code",
    "unit-name",
    "exchange-level",
    "exchange-standing",
    "exchange-received",
    "exchange-records",
];

/// The tracker of `month` as a spreadsheet: the same columns as on screen, the time received
/// as a date and time and the records as a number.
pub fn tracker_sheet(i18n: &I18n, month: &str, rows: &[UnitSubmission]) -> Sheet {
    Sheet {
        name: format!("{} {month}", i18n.tr("exchange-tracker-title")),
        headings: TRACKER_HEADINGS.iter().map(|k| i18n.tr(k)).collect(),
        rows: rows
            .iter()
            .map(|row| {
                let received = match row.submission {
                    Submission::OnTime(at) | Submission::Late(at) => SheetCell::DateTime(at),
                    Submission::Missing { .. } | Submission::Awaited { .. } => SheetCell::Empty,
                };
                vec![
                    SheetCell::Text(row.unit.code.clone()),
                    SheetCell::Text(row.unit.name.clone()),
                    SheetCell::Text(i18n.tr(row.unit.level.message_key())),
                    SheetCell::Text(standing_text(i18n, row.submission).0),
                    received,
                    if row.files > 0 {
                        SheetCell::Integer(row.records as i64)
                    } else {
                        SheetCell::Empty
                    },
                ]
            })
            .collect(),
    }
}

/// The catalogue key naming a kind of record in a monthly file.
pub fn table_key(table: &str) -> &'static str {
    match table {
        "customers" => "exchange-kind-customers",
        "warranty_cards" => "exchange-kind-cards",
        "complaints" => "exchange-kind-complaints",
        "investigations" => "exchange-kind-investigations",
        "investigation_photos" => "exchange-kind-photos",
        "confirmations" => "exchange-kind-confirmations",
        "confirmation_parts" => "exchange-kind-parts",
        "case_steps" => "exchange-kind-steps",
        "return_visits" => "exchange-kind-visits",
        "repairs" => "exchange-kind-repairs",
        "maintenance_contracts" => "exchange-kind-contracts",
        _ => "exchange-kind-other",
    }
}

//! The repairs screen: register machines received for repair, and watch each delivery's
//! turnaround (10 units a day) until it is finished.

use chrono::NaiveDateTime;
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{Command, FieldKind, error_color, error_for, form_field, form_grid, heading};
use crate::domain::case_life::lateness;
use crate::domain::repair::{RepairDraft, RepairField};
use crate::i18n::I18n;
use crate::store::repair::StoredRepair;

/// The columns of the deliveries list, on screen and in a spreadsheet.
const REPAIR_HEADINGS: [&str; 7] = [
    "repair-number",
    "repair-received-at",
    "repair-sender",
    "repair-product-model",
    "repair-units",
    "repair-due",
    "repair-state",
];

/// The deliveries shown as a spreadsheet: the same columns, times as times, units as numbers.
pub fn repairs_sheet(
    i18n: &I18n,
    repairs: &[StoredRepair],
    now: NaiveDateTime,
    repairs_per_day: u32,
) -> crate::sheet::Sheet {
    use crate::sheet::SheetCell;
    crate::sheet::Sheet {
        name: i18n.tr("repair-title"),
        headings: REPAIR_HEADINGS.iter().map(|k| i18n.tr(k)).collect(),
        rows: repairs
            .iter()
            .map(|stored| {
                let repair = &stored.repair;
                let due = repair.due_at(repairs_per_day);
                let state = match (stored.completed_at, lateness(due, now)) {
                    (Some(done), _) => i18n.tr_args(
                        "repair-finished",
                        &[("at", &done.format("%Y-%m-%d %H:%M").to_string())],
                    ),
                    (None, Some(late)) => {
                        i18n.tr_args("repair-late", &[("hours", &late.num_hours().to_string())])
                    }
                    (None, None) => String::new(),
                };
                vec![
                    SheetCell::Text(stored.repair_no.clone()),
                    SheetCell::DateTime(repair.received_at),
                    SheetCell::Text(repair.sender.clone()),
                    SheetCell::Text(repair.product_model.clone()),
                    SheetCell::Integer(i64::from(repair.units)),
                    SheetCell::DateTime(due),
                    SheetCell::Text(state),
                ]
            })
            .collect(),
    }
}

/// How many finished deliveries the list keeps showing under the open ones.
pub const FINISHED_SHOWN: usize = 200;

/// The repairs screen: the intake form as typed and the deliveries, read by the shell.
#[derive(Default)]
pub struct RepairsPage {
    pub draft: Option<RepairDraft>,
    show_errors: bool,
    /// The delivery the clerk is asked to confirm as repaired (it cannot be undone).
    confirming: Option<(i64, String)>,
    pub repairs: Vec<StoredRepair>,
}

impl RepairsPage {
    /// Clears the form after a delivery was registered.
    pub fn registered(&mut self, now: NaiveDateTime) {
        self.draft = Some(RepairDraft::new(now));
        self.show_errors = false;
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        i18n: &I18n,
        now: NaiveDateTime,
        repairs_per_day: u32,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.heading(i18n.tr("repair-title"));
        ui.label(i18n.tr_args("repair-rule", &[("units", &repairs_per_day.to_string())]));
        let draft = self.draft.get_or_insert_with(|| RepairDraft::new(now));
        let parsed = draft.parse(now);
        let errors = parsed.as_ref().err().cloned().unwrap_or_default();
        let showing = self.show_errors;
        ui.group(|ui| {
            heading(ui, i18n.tr("repair-register-title"));
            form_grid(ui, "grid-repair", |ui| {
                for field in RepairField::ALL {
                    let kind = match field {
                        RepairField::Notes => FieldKind::Text {
                            rows: 2,
                            required: false,
                        },
                        RepairField::SenderPhone => FieldKind::Line { required: false },
                        _ => FieldKind::Line { required: true },
                    };
                    let value = match field {
                        RepairField::ReceivedAt => &mut draft.received_at,
                        RepairField::Sender => &mut draft.sender,
                        RepairField::SenderPhone => &mut draft.sender_phone,
                        RepairField::ProductModel => &mut draft.product_model,
                        RepairField::Units => &mut draft.units,
                        RepairField::Notes => &mut draft.notes,
                    };
                    let error = error_for(&errors, field).filter(|_| showing);
                    form_field(ui, i18n, field.label_key(), value, kind, now.date(), error);
                }
            });
            if let Ok(repair) = &parsed {
                let due = repair.due_at(repairs_per_day);
                ui.label(i18n.tr_args(
                    "repair-due-preview",
                    &[("due", &due.format("%Y-%m-%d %H:%M").to_string())],
                ));
            }
            if ui.button(i18n.tr("repair-register")).clicked() {
                match parsed {
                    Ok(repair) => commands.push(Command::RegisterRepair(repair)),
                    Err(_) => self.show_errors = true,
                }
            }
        });
        ui.add_space(8.0);
        if !self.repairs.is_empty() {
            ui.horizontal(|ui| {
                for (key, format) in [
                    ("list-export-xlsx", crate::sheet::SheetFormat::Xlsx),
                    ("list-export-csv", crate::sheet::SheetFormat::Csv),
                ] {
                    if ui.button(i18n.tr(key)).clicked() {
                        commands.push(Command::ExportRepairs(format));
                    }
                }
            });
        }
        if let Some(finish) = self.table_ui(ui, i18n, now, repairs_per_day) {
            self.confirming = Some(finish);
        }
        if let Some((id, number)) = &self.confirming {
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("confirm-repaired")).show(ui.ctx(), |ui| {
                ui.heading(i18n.tr_args("repair-confirm", &[("number", number)]));
                ui.label(i18n.tr("repair-confirm-explain"));
                ui.horizontal(|ui| {
                    if ui.button(i18n.tr("repair-confirm-yes")).clicked() {
                        answer = Some(true);
                    }
                    if ui.button(i18n.tr("repair-confirm-no")).clicked() {
                        answer = Some(false);
                    }
                });
            });
            match answer {
                Some(true) => {
                    commands.push(Command::FinishRepair(*id));
                    self.confirming = None;
                }
                Some(false) => self.confirming = None,
                None => {}
            }
        }
        commands
    }

    fn table_ui(
        &self,
        ui: &mut Ui,
        i18n: &I18n,
        now: NaiveDateTime,
        repairs_per_day: u32,
    ) -> Option<(i64, String)> {
        let mut finish = None;
        if self.repairs.is_empty() {
            ui.weak(i18n.tr("repair-none"));
            return None;
        }
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 8.0;
        let headings = REPAIR_HEADINGS;
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::auto().at_least(120.0))
            .column(Column::auto().at_least(110.0))
            .column(Column::initial(160.0).at_least(80.0).clip(true))
            .column(Column::auto().at_least(80.0))
            .column(Column::auto().at_least(40.0))
            .column(Column::auto().at_least(110.0))
            .column(Column::remainder().at_least(160.0))
            .min_scrolled_height(0.0)
            .header(row_height, |mut header| {
                for key in headings {
                    header.col(|ui| {
                        ui.strong(i18n.tr(key));
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, self.repairs.len(), |mut row| {
                    let stored = &self.repairs[row.index()];
                    let repair = &stored.repair;
                    let due = repair.due_at(repairs_per_day);
                    let cells = [
                        stored.repair_no.clone(),
                        repair.received_at.format("%Y-%m-%d %H:%M").to_string(),
                        repair.sender.clone(),
                        repair.product_model.clone(),
                        repair.units.to_string(),
                        due.format("%Y-%m-%d %H:%M").to_string(),
                    ];
                    for text in cells {
                        row.col(|ui| {
                            ui.add(egui::Label::new(text).truncate());
                        });
                    }
                    row.col(|ui| match stored.completed_at {
                        Some(done) => {
                            let text = i18n.tr_args(
                                "repair-finished",
                                &[("at", &done.format("%Y-%m-%d %H:%M").to_string())],
                            );
                            ui.label(text);
                        }
                        None => {
                            if let Some(late) = lateness(due, now) {
                                let text = i18n.tr_args(
                                    "repair-late",
                                    &[("hours", &late.num_hours().to_string())],
                                );
                                ui.label(RichText::new(text).strong().color(error_color(ui)));
                            }
                            let button = egui::Button::new(i18n.tr("repair-finish"));
                            if ui.add(button).on_hover_text(&stored.repair_no).clicked() {
                                finish = Some((stored.id, stored.repair_no.clone()));
                            }
                        }
                    });
                });
            });
        finish
    }
}

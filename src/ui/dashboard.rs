//! The dashboard, the first screen: what is overdue now, what falls due within a day, the
//! return visits waiting, and the maintenance contracts ending within a month; each entry opens
//! its case or contract.

use chrono::{Duration, NaiveDateTime};
use egui::{RichText, Ui};

use super::{Command, clock_ui, error_color, heading};
use crate::domain::case_life::{Due, lateness};
use crate::domain::contract::renewal_notice_from;
use crate::i18n::I18n;
use crate::store::case_steps::Clock;
use crate::store::contract::ContractRow;
use crate::store::repair::StoredRepair;

/// How many clocks each section of the dashboard lists, the most urgent first; the rest are
/// counted. Headquarters may have thousands overdue: drawing each on every frame cost tens of
/// milliseconds a frame, and a clerk acts on the first ones.
pub const SHOWN_PER_SECTION: usize = 100;

/// The clocks running on open cases and the contracts due for renewal, read by the shell.
#[derive(Default)]
pub struct Dashboard {
    pub clocks: Vec<Clock>,
    /// Deliveries still being repaired, oldest first.
    pub repairs: Vec<StoredRepair>,
    pub repairs_per_day: u32,
    /// Contracts whose renewal notice is due (ending within a month, not yet renewed).
    pub contracts: Vec<ContractRow>,
    /// This office's monthly file still owed, and by when.
    pub owed: Option<(crate::domain::unit::Period, chrono::NaiveDate)>,
    /// The clocks are being read beside the window: what shows is the last reading.
    pub reading: bool,
    /// Whether any reading has come yet (before it, no count is shown: a zero would read as
    /// "nothing overdue").
    pub read: bool,
    /// Days without an automatic backup, once too many, and the folder they should go to.
    pub backups_overdue: Option<(i64, String)>,
}

impl Dashboard {
    pub fn ui(&self, ui: &mut Ui, i18n: &I18n, now: NaiveDateTime) -> Vec<Command> {
        let mut commands = Vec::new();
        // Above the day's work: an archive without a recent copy is one disk failure from lost.
        if let Some((days, folder)) = &self.backups_overdue {
            let text = i18n.tr_args(
                "backup-overdue",
                &[("days", &days.to_string()), ("folder", folder)],
            );
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(text).strong().color(error_color(ui)));
                if ui.button(i18n.tr("backup-now")).clicked() {
                    commands.push(Command::BackUp);
                }
            });
        }
        let overdue: Vec<&Clock> = self
            .clocks
            .iter()
            .filter(|c| lateness(c.deadline, now).is_some())
            .collect();
        let soon: Vec<&Clock> = self
            .clocks
            .iter()
            .filter(|c| c.deadline >= now && c.deadline <= now + Duration::hours(24))
            .collect();
        let visits: Vec<&Clock> = self
            .clocks
            .iter()
            .filter(|c| c.due == Due::ReturnVisit)
            .collect();
        ui.heading(i18n.tr("dashboard-title"));
        if !self.read && self.reading {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak(i18n.tr("dashboard-reading"));
            });
            return commands;
        }
        let counts = i18n.tr_args(
            "dashboard-counts",
            &[
                ("overdue", &overdue.len().to_string()),
                ("soon", &soon.len().to_string()),
                ("visits", &visits.len().to_string()),
            ],
        );
        let contracts = i18n.tr_args(
            "dashboard-counts-contracts",
            &[("count", &self.contracts.len().to_string())],
        );
        let repairs = i18n.tr_args(
            "dashboard-counts-repairs",
            &[("count", &self.repairs.len().to_string())],
        );
        ui.horizontal(|ui| {
            ui.label(format!("{counts} · {contracts} · {repairs}"));
            if self.reading {
                ui.spinner();
                ui.weak(i18n.tr("dashboard-reading"));
            }
        });
        if let Some((period, due)) = self.owed {
            let text = i18n.tr_args(
                "exchange-owed",
                &[("month", &period.to_string()), ("due", &due.to_string())],
            );
            let late = now.date() > due;
            let text = if late {
                RichText::new(text).strong().color(error_color(ui))
            } else {
                RichText::new(text).strong()
            };
            ui.horizontal(|ui| {
                ui.label(text);
                if ui.link(i18n.tr("exchange-go")).clicked() {
                    commands.push(Command::Navigate(super::Page::Exchange));
                }
            });
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (key, clocks) in [
                    ("dashboard-overdue", &overdue),
                    ("dashboard-soon", &soon),
                    ("dashboard-visits", &visits),
                ] {
                    heading(
                        ui,
                        i18n.tr_args(key, &[("count", &clocks.len().to_string())]),
                    );
                    if clocks.is_empty() {
                        ui.weak(i18n.tr("dashboard-none"));
                    }
                    for clock in clocks.iter().take(SHOWN_PER_SECTION) {
                        ui.horizontal(|ui| {
                            if ui.link(&clock.complaint_no).clicked() {
                                commands.push(Command::OpenComplaint(clock.complaint_id));
                            }
                            ui.label(&clock.customer_name);
                            clock_ui(ui, i18n, (clock.due, clock.deadline), now, false);
                        });
                    }
                    if let Some(more) = clocks.len().checked_sub(SHOWN_PER_SECTION)
                        && more > 0
                    {
                        ui.weak(i18n.tr_args("dashboard-more", &[("count", &more.to_string())]));
                    }
                }
                commands.extend(self.repairs_ui(ui, i18n, now));
                self.contracts_ui(ui, i18n, &mut commands);
            });
        commands
    }

    /// Deliveries being repaired, each with the time its turnaround runs out.
    fn repairs_ui(&self, ui: &mut Ui, i18n: &I18n, now: NaiveDateTime) -> Vec<Command> {
        let mut commands = Vec::new();
        heading(
            ui,
            i18n.tr_args(
                "dashboard-repairs",
                &[("count", &self.repairs.len().to_string())],
            ),
        );
        if self.repairs.is_empty() {
            ui.weak(i18n.tr("dashboard-none"));
        }
        for stored in &self.repairs {
            ui.horizontal(|ui| {
                if ui.link(&stored.repair_no).clicked() {
                    commands.push(Command::Navigate(super::Page::Repairs));
                }
                let repair = &stored.repair;
                ui.label(format!(
                    "{} · {} × {}",
                    repair.sender, repair.product_model, repair.units
                ));
                let due = repair.due_at(self.repairs_per_day);
                let deadline = due.format("%Y-%m-%d %H:%M").to_string();
                match lateness(due, now) {
                    Some(late) => {
                        let text = i18n.tr_args(
                            "repair-overdue",
                            &[
                                ("deadline", &deadline),
                                ("hours", &late.num_hours().to_string()),
                            ],
                        );
                        ui.label(RichText::new(text).color(error_color(ui)));
                    }
                    None => {
                        ui.label(i18n.tr_args("repair-due-by", &[("deadline", &deadline)]));
                    }
                }
            });
        }
        commands
    }

    /// The contracts ending within a month, each opening its record.
    fn contracts_ui(&self, ui: &mut Ui, i18n: &I18n, commands: &mut Vec<Command>) {
        heading(
            ui,
            i18n.tr_args(
                "dashboard-contracts",
                &[("count", &self.contracts.len().to_string())],
            ),
        );
        if self.contracts.is_empty() {
            ui.weak(i18n.tr("dashboard-none"));
        }
        for contract in &self.contracts {
            ui.horizontal(|ui| {
                if ui.link(&contract.contract_no).clicked() {
                    commands.push(Command::OpenContract(contract.id));
                }
                ui.label(&contract.customer_name);
                ui.label(i18n.tr_args(
                    "dashboard-contract-line",
                    &[
                        ("end", &contract.end_date.to_string()),
                        (
                            "notice",
                            &renewal_notice_from(contract.end_date).to_string(),
                        ),
                    ],
                ));
            });
        }
    }
}

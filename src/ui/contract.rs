//! The maintenance contracts screen: the searchable list and the contract form, from where the
//! renewal letter is printed and a renewal started.

use crate::domain::paper::Paper;
use std::collections::HashSet;

use chrono::NaiveDate;
use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use super::list::{ListColumn, ListKind, empty_list, list_table, search_bar};
use super::warranty_card::{NEW_SHORTCUT, SAVE_SHORTCUT};
use super::{Command, FieldKind, RecordList, error_color, form_field, form_grid, heading};
use crate::domain::contract::{
    ContractError, ContractField, MaintenanceContractDraft, contract_status, renewal_notice_from,
};
use crate::i18n::I18n;
use crate::store::contract::ContractRow;

/// The list of contracts; the query is the search text.
pub type ContractList = RecordList<String, ContractRow>;

impl ContractList {
    pub fn ui(&mut self, ui: &mut Ui, i18n: &I18n, today: NaiveDate) -> Vec<Command> {
        let mut commands = Vec::new();
        if ui.input_mut(|i| i.consume_shortcut(&NEW_SHORTCUT)) {
            commands.push(Command::NewContract);
        }
        let searched = search_bar(
            ui,
            i18n,
            self,
            ("contracts-search-hint", "contracts-count"),
            |ui| {
                if ui
                    .button(i18n.tr("contracts-new"))
                    .on_hover_text(ui.ctx().format_shortcut(&NEW_SHORTCUT))
                    .clicked()
                {
                    commands.push(Command::NewContract);
                }
            },
        );
        if searched.changed {
            commands.push(Command::SearchContracts(self.search.clone()));
        }
        ui.separator();
        if self.total == 0 {
            empty_list(ui, i18n, "contracts-empty", |_| {});
            return commands;
        }
        let columns: [ListColumn<ContractRow, ()>; 6] = [
            ListColumn::new("contract-number", 110.0, |c: &ContractRow| {
                c.contract_no.clone()
            }),
            ListColumn::new("card-customer-name", 110.0, |c: &ContractRow| {
                c.customer_name.clone()
            }),
            ListColumn::new("card-product-model", 100.0, |c: &ContractRow| {
                c.product_model.clone()
            }),
            ListColumn::new("contract-start-date", 90.0, |c: &ContractRow| {
                c.start_date.to_string()
            }),
            ListColumn::new("contract-end-date", 90.0, |c: &ContractRow| {
                c.end_date.to_string()
            }),
            ListColumn::new("contract-status", 120.0, |c: &ContractRow| {
                let ContractRow {
                    start_date,
                    end_date,
                    renewed,
                    ..
                } = c;
                let status = contract_status(*start_date, *end_date, *renewed, today);
                i18n.tr(status.message_key())
            }),
        ];
        let table = list_table(ui, i18n, self, &columns, None, |c| c.id);
        commands.extend(searched.open.or(table.open).map(Command::OpenContract));
        commands.extend(table.load.map(|(start, end)| Command::LoadRows {
            list: ListKind::Contracts,
            start,
            end,
        }));
        commands
    }
}

/// The contract form being edited: what is typed, and what was last saved. Kept as a draft in
/// the database while it is open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContractEditor {
    /// The stored contract's id; `None` for a contract not yet numbered.
    pub id: Option<i64>,
    pub contract_no: Option<String>,
    /// The contract this one renews: its id and number.
    pub renews: Option<(i64, String)>,
    pub draft: MaintenanceContractDraft,
    pub saved: MaintenanceContractDraft,
    /// The stored record's revision when it was read: saving from an older one is a conflict.
    #[serde(default)]
    pub revision: i64,
    /// The contract renewing this one, read by the shell.
    #[serde(skip)]
    pub renewed_by: Option<(i64, String)>,
    /// Fields the clerk has typed in, whose errors are shown.
    #[serde(skip)]
    touched: HashSet<ContractField>,
    /// Set by a save attempt on an invalid form: show every error.
    #[serde(skip)]
    show_all_errors: bool,
    /// The stored contract's audit trail, read by the shell.
    #[serde(skip)]
    pub history: Vec<crate::store::audit::AuditEntry>,
}

impl ContractEditor {
    pub fn new(draft: MaintenanceContractDraft) -> ContractEditor {
        ContractEditor {
            id: None,
            contract_no: None,
            renews: None,
            saved: draft.clone(),
            draft,
            renewed_by: None,
            revision: 0,
            touched: HashSet::new(),
            show_all_errors: false,
            history: Vec::new(),
        }
    }

    pub fn existing(id: i64, contract_no: String, draft: MaintenanceContractDraft) -> Self {
        ContractEditor {
            id: Some(id),
            contract_no: Some(contract_no),
            ..ContractEditor::new(draft)
        }
    }

    /// Whether closing now would lose typing.
    pub fn is_dirty(&self) -> bool {
        self.draft != self.saved
    }

    pub fn ui(&mut self, ui: &mut Ui, i18n: &I18n, today: NaiveDate) -> Vec<Command> {
        let mut commands = Vec::new();
        let parsed = self.draft.parse();
        let errors: &[ContractError] = parsed.as_ref().err().map_or(&[], Vec::as_slice);
        let can_save = parsed.is_ok() && (self.is_dirty() || self.id.is_none());
        if ui.input_mut(|i| i.consume_shortcut(&SAVE_SHORTCUT)) {
            if can_save {
                commands.push(Command::SaveContract);
            } else {
                self.show_all_errors = true;
            }
        }

        ui.horizontal(|ui| {
            if ui.button(i18n.tr("form-back")).clicked() {
                commands.push(Command::CloseForm);
            }
            let title = match &self.contract_no {
                Some(number) => format!("{} {number}", i18n.tr("contract-title")),
                None => i18n.tr("contract-new-title"),
            };
            ui.heading(title);
            if self.is_dirty() {
                ui.weak(i18n.tr("form-unsaved"));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(id) = self.id {
                    if self.renewed_by.is_none()
                        && ui
                            .add_enabled(
                                !self.is_dirty(),
                                egui::Button::new(i18n.tr("contract-renew")),
                            )
                            .clicked()
                    {
                        commands.push(Command::RenewContract(id));
                    }
                    let letter = ui
                        .add_enabled(
                            !self.is_dirty(),
                            egui::Button::new(i18n.tr("contract-renewal-letter")),
                        )
                        .on_disabled_hover_text(i18n.tr("contract-export-save-first"));
                    if letter.clicked() {
                        commands.push(Command::Print(Paper::RenewalLetter(id)));
                    }
                }
                let save = ui
                    .add_enabled(can_save, egui::Button::new(i18n.tr("form-save")))
                    .on_hover_text(ui.ctx().format_shortcut(&SAVE_SHORTCUT));
                if save.clicked() {
                    commands.push(Command::SaveContract);
                }
                if !errors.is_empty() {
                    let message =
                        i18n.tr_args("form-problems", &[("count", &errors.len().to_string())]);
                    if ui
                        .link(RichText::new(message).color(error_color(ui)))
                        .clicked()
                    {
                        self.show_all_errors = true;
                    }
                }
            });
        });
        if let Ok(contract) = &parsed {
            let renewed = self.renewed_by.is_some();
            let status = contract_status(contract.start_date, contract.end_date, renewed, today);
            ui.label(i18n.tr_args(
                "contract-status-line",
                &[
                    ("status", &i18n.tr(status.message_key())),
                    (
                        "notice",
                        &renewal_notice_from(contract.end_date).to_string(),
                    ),
                ],
            ));
        }
        for (key, link) in [
            ("contract-renews", &self.renews),
            ("contract-renewed-by", &self.renewed_by),
        ] {
            if let Some((id, number)) = link {
                ui.horizontal(|ui| {
                    ui.label(i18n.tr(key));
                    if ui.link(number).clicked() {
                        commands.push(Command::OpenContract(*id));
                    }
                });
            }
        }
        ui.separator();

        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.fields_ui(ui, i18n, today, errors);
                if self.id.is_some() {
                    ui.add_space(12.0);
                    let entries: Vec<_> = self
                        .history
                        .iter()
                        .map(|e| ("contract", e.clone()))
                        .collect();
                    super::history::history_ui(ui, i18n, &entries);
                }
            });
        commands
    }

    fn fields_ui(&mut self, ui: &mut Ui, i18n: &I18n, today: NaiveDate, errors: &[ContractError]) {
        let show_all = self.show_all_errors;
        let touched = &mut self.touched;
        let MaintenanceContractDraft {
            customer_name,
            customer_phone,
            customer_address,
            product_model,
            serial_no,
            start_date,
            end_date,
            annual_fee,
            service_unit,
            service_phone,
            terms,
        } = &mut self.draft;
        let mut field = |ui: &mut Ui, field: ContractField, value: &mut String, kind| {
            let error = errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message)
                .filter(|_| show_all || touched.contains(&field));
            if form_field(ui, i18n, field.label_key(), value, kind, today, error) {
                touched.insert(field);
            }
        };
        let line = FieldKind::Line { required: true };
        let optional = FieldKind::Line { required: false };

        heading(ui, i18n.tr("pdf-section-customer"));
        form_grid(ui, "grid-contract-customer", |ui| {
            field(ui, ContractField::CustomerName, customer_name, line);
            field(ui, ContractField::CustomerPhone, customer_phone, line);
            let address = FieldKind::Text {
                rows: 2,
                required: true,
            };
            field(
                ui,
                ContractField::CustomerAddress,
                customer_address,
                address,
            );
        });
        heading(ui, i18n.tr("pdf-section-product"));
        form_grid(ui, "grid-contract-product", |ui| {
            field(ui, ContractField::ProductModel, product_model, line);
            field(ui, ContractField::SerialNo, serial_no, optional);
        });
        heading(ui, i18n.tr("pdf-section-contract"));
        form_grid(ui, "grid-contract", |ui| {
            field(ui, ContractField::StartDate, start_date, FieldKind::Date);
            field(ui, ContractField::EndDate, end_date, FieldKind::Date);
            field(ui, ContractField::AnnualFee, annual_fee, line);
            field(ui, ContractField::ServiceUnit, service_unit, line);
            field(ui, ContractField::ServicePhone, service_phone, optional);
            let terms_kind = FieldKind::Text {
                rows: 6,
                required: true,
            };
            field(ui, ContractField::Terms, terms, terms_kind);
        });
    }
}

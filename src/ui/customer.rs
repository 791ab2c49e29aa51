//! The customer file screen: the searchable list, and a customer's record with their warranty
//! cards and cases, from where a new card or complaint starts already filled in.

use std::collections::HashSet;

use chrono::NaiveDate;
use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use super::list::{ListColumn, ListKind, empty_list, list_table, search_bar};
use super::warranty_card::SAVE_SHORTCUT;
use super::{Command, FieldKind, RecordList, error_color, form_field, form_grid, heading};
use crate::domain::customer::{CustomerDraft, CustomerError, CustomerField};
use crate::domain::warranty_card::{WarrantyPolicy, warranty_status};
use crate::i18n::I18n;
use crate::store::complaint::ComplaintRow;
use crate::store::customer::CustomerRow;
use crate::store::warranty_card::CardRow;

/// The list of customers; the query is the search text.
pub type CustomerList = RecordList<String, CustomerRow>;

impl CustomerList {
    pub fn ui(&mut self, ui: &mut Ui, i18n: &I18n) -> Vec<Command> {
        let mut commands = Vec::new();
        let searched = search_bar(
            ui,
            i18n,
            self,
            ("customers-search-hint", "customers-count"),
            |_| {},
        );
        if searched.changed {
            commands.push(Command::SearchCustomers(self.search.clone()));
        }
        ui.separator();
        if self.total == 0 {
            empty_list(ui, i18n, "customers-empty", |_| {});
            return commands;
        }
        let columns: [ListColumn<CustomerRow, ()>; 5] = [
            ListColumn::new("card-customer-name", 100.0, |c: &CustomerRow| {
                c.name.clone()
            }),
            ListColumn::new("card-customer-phone", 110.0, |c: &CustomerRow| {
                c.phone.clone()
            }),
            ListColumn::new("customer-province", 90.0, |c: &CustomerRow| {
                c.province.clone()
            }),
            ListColumn::new("customer-city", 90.0, |c: &CustomerRow| c.city.clone()),
            ListColumn::new("customer-dealer", 120.0, |c: &CustomerRow| c.dealer.clone()),
        ];
        let table = list_table(ui, i18n, self, &columns, None, |c| c.id);
        commands.extend(searched.open.or(table.open).map(Command::OpenCustomer));
        commands.extend(table.load.map(|(start, end)| Command::LoadRows {
            list: ListKind::Customers,
            start,
            end,
        }));
        commands
    }
}

/// A customer's record being edited, with their cards and cases as read by the shell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerEditor {
    pub id: i64,
    pub draft: CustomerDraft,
    pub saved: CustomerDraft,
    /// The stored record's revision when it was read: saving from an older one is a conflict.
    #[serde(default)]
    pub revision: i64,
    #[serde(skip)]
    pub cards: Vec<CardRow>,
    #[serde(skip)]
    pub complaints: Vec<ComplaintRow>,
    /// The customer's maintenance contracts, read by the shell.
    #[serde(skip)]
    pub contracts: Vec<crate::store::contract::ContractRow>,
    #[serde(skip)]
    touched: HashSet<CustomerField>,
    #[serde(skip)]
    pub history: Vec<crate::store::audit::AuditEntry>,
}

impl CustomerEditor {
    pub fn new(
        id: i64,
        draft: CustomerDraft,
        cards: Vec<CardRow>,
        complaints: Vec<ComplaintRow>,
    ) -> CustomerEditor {
        CustomerEditor {
            id,
            saved: draft.clone(),
            draft,
            cards,
            complaints,
            contracts: Vec::new(),
            revision: 0,
            touched: HashSet::new(),
            history: Vec::new(),
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.draft != self.saved
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        i18n: &I18n,
        today: NaiveDate,
        policy: WarrantyPolicy,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let parsed = self.draft.parse();
        let errors: Vec<CustomerError> = parsed.as_ref().err().cloned().unwrap_or_default();
        let save_pressed = ui.input_mut(|i| i.consume_shortcut(&SAVE_SHORTCUT));
        ui.horizontal(|ui| {
            if ui.button(i18n.tr("form-back")).clicked() {
                commands.push(Command::CloseForm);
            }
            ui.heading(format!("{} {}", i18n.tr("customer-title"), self.saved.name));
            if self.is_dirty() {
                ui.weak(i18n.tr("form-unsaved"));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(i18n.tr("customer-new-complaint")).clicked() {
                    commands.push(Command::NewComplaintForCustomer(self.id));
                }
                if ui.button(i18n.tr("customer-new-card")).clicked() {
                    commands.push(Command::NewCardForCustomer(self.id));
                }
                let save = ui.add_enabled(
                    parsed.is_ok() && self.is_dirty(),
                    egui::Button::new(i18n.tr("form-save")),
                );
                if save.clicked() || (save_pressed && parsed.is_ok() && self.is_dirty()) {
                    commands.push(Command::SaveCustomer);
                }
            });
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                heading(ui, i18n.tr("customer-details"));
                let touched = &mut self.touched;
                let draft = &mut self.draft;
                form_grid(ui, "grid-customer-file", |ui| {
                    let fields: [(CustomerField, &mut String, FieldKind); 6] = [
                        (
                            CustomerField::Name,
                            &mut draft.name,
                            FieldKind::Line { required: true },
                        ),
                        (
                            CustomerField::Phone,
                            &mut draft.phone,
                            FieldKind::Line { required: true },
                        ),
                        (
                            CustomerField::Address,
                            &mut draft.address,
                            FieldKind::Text {
                                rows: 2,
                                required: false,
                            },
                        ),
                        (
                            CustomerField::Province,
                            &mut draft.province,
                            FieldKind::Line { required: false },
                        ),
                        (
                            CustomerField::City,
                            &mut draft.city,
                            FieldKind::Line { required: false },
                        ),
                        (
                            CustomerField::Dealer,
                            &mut draft.dealer,
                            FieldKind::Line { required: false },
                        ),
                    ];
                    for (field, value, kind) in fields {
                        let error = errors
                            .iter()
                            .find(|e| e.field == field)
                            .map(|e| e.message)
                            .filter(|_| touched.contains(&field));
                        if form_field(ui, i18n, field.label_key(), value, kind, today, error) {
                            touched.insert(field);
                        }
                    }
                });
                if !errors.is_empty() && !touched.is_empty() {
                    let message =
                        i18n.tr_args("form-problems", &[("count", &errors.len().to_string())]);
                    ui.label(RichText::new(message).color(error_color(ui)));
                }

                heading(ui, i18n.tr("customer-cards"));
                if self.cards.is_empty() {
                    ui.weak(i18n.tr("customer-no-cards"));
                }
                for card in &self.cards {
                    let status = warranty_status(
                        card.warranty_end,
                        card.issue_date,
                        card.feedback_returned,
                        today,
                        policy,
                    );
                    let text = format!(
                        "{}  {}  {}  {}",
                        card.registration_no,
                        card.product_model,
                        card.issue_date,
                        i18n.tr(status.message_key())
                    );
                    if ui.link(text).clicked() {
                        commands.push(Command::OpenCard(card.id));
                    }
                }
                let entries: Vec<_> = self
                    .history
                    .iter()
                    .map(|e| ("customer", e.clone()))
                    .collect();
                super::history::history_ui(ui, i18n, &entries);

                heading(ui, i18n.tr("customer-cases"));
                if self.complaints.is_empty() {
                    ui.weak(i18n.tr("customer-no-cases"));
                }
                for complaint in &self.complaints {
                    let text = format!(
                        "{}  {}  {}  {}",
                        complaint.complaint_no,
                        complaint.received_at.format("%Y-%m-%d %H:%M"),
                        i18n.tr(complaint.complaint_type.message_key()),
                        i18n.tr(complaint.step.message_key())
                    );
                    if ui.link(text).clicked() {
                        commands.push(Command::OpenComplaint(complaint.id));
                    }
                }

                heading(ui, i18n.tr("customer-contracts"));
                if self.contracts.is_empty() {
                    ui.weak(i18n.tr("customer-no-contracts"));
                }
                for contract in &self.contracts {
                    let mut text = format!(
                        "{}  {}  {} – {}",
                        contract.contract_no,
                        contract.product_model,
                        contract.start_date,
                        contract.end_date
                    );
                    if contract.renewed {
                        text = format!("{text}  ({})", i18n.tr("customer-contract-renewed"));
                    }
                    if ui.link(text).clicked() {
                        commands.push(Command::OpenContract(contract.id));
                    }
                }
            });
        commands
    }
}

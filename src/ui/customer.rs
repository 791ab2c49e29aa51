//! The customer file screen: the searchable list, and a customer's record with their warranty
//! cards and cases, from where a new card or complaint starts already filled in.

use std::collections::HashSet;

use chrono::NaiveDate;
use egui::{Key, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use serde::{Deserialize, Serialize};

use super::warranty_card::SAVE_SHORTCUT;
use super::{
    Command, FieldKind, RecordList, error_color, form_field, form_grid, heading, note_visible,
};
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
        let enter = ui.input(|i| i.key_pressed(Key::Enter));
        ui.horizontal(|ui| {
            let label = ui.label(i18n.tr("cards-search"));
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.search)
                        .hint_text(i18n.tr("customers-search-hint"))
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
            if search.changed() {
                commands.push(Command::SearchCustomers(self.search.clone()));
            }
            if enter
                && (search.has_focus() || search.lost_focus())
                && let Some(&first) = self.ids.first()
            {
                commands.push(Command::OpenCustomer(first));
            }
            ui.label(i18n.tr_args(
                "customers-count",
                &[
                    ("shown", &self.ids.len().to_string()),
                    ("total", &self.total.to_string()),
                ],
            ));
        });
        ui.separator();
        if self.total == 0 {
            ui.vertical_centered(|ui| {
                ui.add_space(40.0);
                ui.label(RichText::new(i18n.tr("customers-empty")).size(16.0));
            });
            return commands;
        }
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let mut visible = None;
        let list = &*self;
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::auto().at_least(100.0))
            .column(Column::auto().at_least(110.0))
            .column(Column::auto().at_least(90.0))
            .column(Column::auto().at_least(90.0))
            .column(Column::remainder().at_least(120.0))
            .min_scrolled_height(0.0)
            .header(row_height + 2.0, |mut header| {
                for key in [
                    "card-customer-name",
                    "card-customer-phone",
                    "customer-province",
                    "customer-city",
                    "customer-dealer",
                ] {
                    header.col(|ui| {
                        ui.strong(i18n.tr(key));
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, list.ids.len(), |mut row| {
                    note_visible(&mut visible, row.index());
                    let Some(customer) = list.row(row.index()) else {
                        row.col(|ui| {
                            ui.weak("…");
                        });
                        return;
                    };
                    let id = customer.id;
                    for text in [
                        &customer.name,
                        &customer.phone,
                        &customer.province,
                        &customer.city,
                        &customer.dealer,
                    ] {
                        row.col(|ui| {
                            ui.add(egui::Label::new(text.as_str()).selectable(false).truncate());
                        });
                    }
                    if row.response().clicked() {
                        commands.push(Command::OpenCustomer(id));
                    }
                });
            });
        if let Some((start, end)) = self.rows_to_load(visible) {
            commands.push(Command::LoadCustomerRows { start, end });
        }
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

//! The customer file screen: the searchable list, and a customer's record with their warranty
//! cards and cases, from where a new card or complaint starts already filled in.

use chrono::NaiveDate;
use egui::Ui;
use serde::{Deserialize, Serialize};

use super::form::{FormState, ToolAction, Toolbar, toolbar};
use super::list::{
    ListColumn, ListKind, empty_list, list_table, search_bar, sheet_buttons, take_sheet,
};
use super::warranty_card::SAVE_SHORTCUT;
use super::{Command, FieldKind, RecordList, form_grid, heading};
use crate::domain::customer::{CustomerDraft, CustomerError, CustomerField};
use crate::domain::warranty_card::{WarrantyPolicy, warranty_status};
use crate::i18n::I18n;
use crate::store::complaint::ComplaintRow;
use crate::store::customer::CustomerRow;
use crate::store::warranty_card::CardRow;

impl super::ListRow for CustomerRow {
    fn id(&self) -> i64 {
        self.id
    }
}

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
            |ui| sheet_buttons(ui, i18n, ListKind::Customers, &mut commands),
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
        let pending = self.sheet.take();
        commands.extend(take_sheet(ui, i18n, pending, "nav-customers", &columns));
        let table = list_table(ui, i18n, self, &columns, None);
        commands.extend(
            table
                .widths
                .clone()
                .map(|widths| Command::KeepWidths(ListKind::Customers, widths)),
        );
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
    #[serde(flatten)]
    pub form: FormState<CustomerDraft, CustomerField>,
    #[serde(skip)]
    pub cards: Vec<CardRow>,
    #[serde(skip)]
    pub complaints: Vec<ComplaintRow>,
    /// The customer's maintenance contracts, read by the shell.
    #[serde(skip)]
    pub contracts: Vec<crate::store::contract::ContractRow>,
    #[serde(skip)]
    pub history: Vec<crate::store::audit::AuditEntry>,
    /// The signed paper that came back for the customer's forms, read by the shell.
    #[serde(skip)]
    pub signed: Vec<super::case::SignedRow>,
}

impl CustomerEditor {
    /// The record of customer `id`, at `revision`, with their cards and cases.
    pub fn new(
        (id, revision): (i64, i64),
        draft: CustomerDraft,
        cards: Vec<CardRow>,
        complaints: Vec<ComplaintRow>,
    ) -> CustomerEditor {
        CustomerEditor {
            form: FormState::existing(id, draft.name.clone(), revision, draft),
            cards,
            complaints,
            contracts: Vec::new(),
            history: Vec::new(),
            signed: Vec::new(),
        }
    }

    /// The customer's id (a customer is always a stored record).
    pub fn id(&self) -> i64 {
        self.form.id.unwrap_or_default()
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        i18n: &I18n,
        today: NaiveDate,
        policy: WarrantyPolicy,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let parsed = self.form.draft.parse();
        let errors: Vec<CustomerError> = parsed.as_ref().err().cloned().unwrap_or_default();
        let can_save = parsed.is_ok() && self.form.is_dirty();
        if ui.input_mut(|i| i.consume_shortcut(&SAVE_SHORTCUT)) {
            if can_save {
                commands.push(Command::SaveCustomer);
            } else {
                self.form.show_all_errors();
            }
        }
        let id = self.id();
        let bar = Toolbar {
            title: format!("{} {}", i18n.tr("customer-title"), self.form.saved.name),
            dirty: self.form.is_dirty(),
            problems: errors.len(),
            can_save,
            save: Command::SaveCustomer,
            actions: vec![
                ToolAction {
                    label: i18n.tr("customer-new-card"),
                    command: Command::NewCardForCustomer(id),
                    needs_saved: false,
                    shortcut: None,
                },
                ToolAction {
                    label: i18n.tr("customer-new-complaint"),
                    command: Command::NewComplaintForCustomer(id),
                    needs_saved: false,
                    shortcut: None,
                },
            ],
        };
        if toolbar(ui, i18n, bar, &mut commands) {
            self.form.show_all_errors();
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                heading(ui, i18n.tr("customer-details"));
                let (draft, mut fields) = self.form.edit(&errors, i18n, today);
                form_grid(ui, "grid-customer-file", |ui| {
                    let line = FieldKind::Line { required: false };
                    fields.row(
                        ui,
                        CustomerField::Name,
                        &mut draft.name,
                        FieldKind::Line { required: true },
                    );
                    fields.row(
                        ui,
                        CustomerField::Phone,
                        &mut draft.phone,
                        FieldKind::Line { required: true },
                    );
                    let address = FieldKind::Text {
                        rows: 2,
                        required: false,
                    };
                    fields.row(ui, CustomerField::Address, &mut draft.address, address);
                    fields.row(ui, CustomerField::Province, &mut draft.province, line);
                    fields.row(ui, CustomerField::City, &mut draft.city, line);
                    fields.row(ui, CustomerField::Dealer, &mut draft.dealer, line);
                });

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

                heading(ui, i18n.tr("signed-heading"));
                commands.extend(super::case::signed_rows_ui(ui, i18n, &self.signed));

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

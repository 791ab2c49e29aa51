//! The maintenance contracts screen: the searchable list and the contract form, from where the
//! renewal letter is printed and a renewal started.

use crate::domain::paper::Paper;

use chrono::NaiveDate;
use egui::Ui;
use serde::{Deserialize, Serialize};

use super::form::{Fields, FormState, ToolAction, Toolbar, toolbar};
use super::list::{
    ListColumn, ListKind, date_range, empty_list, filter_choice, list_table, search_bar,
    sheet_buttons, take_sheet,
};
use super::warranty_card::{NEW_SHORTCUT, SAVE_SHORTCUT};
use super::{Command, FieldKind, RecordList, form_grid, heading};
use crate::domain::contract::{
    ContractError, ContractField, ContractStatus, MaintenanceContractDraft, contract_status,
    renewal_notice_from,
};
use crate::i18n::I18n;
use crate::sheet::SheetCell;
use crate::store::contract::{ContractQuery, ContractRow};

impl super::ListRow for ContractRow {
    fn id(&self) -> i64 {
        self.id
    }
}

/// The list of contracts.
pub type ContractList = RecordList<ContractQuery, ContractRow>;

impl ContractList {
    pub fn ui(&mut self, ui: &mut Ui, i18n: &I18n, today: NaiveDate) -> Vec<Command> {
        let mut commands = Vec::new();
        let searched = search_bar(
            ui,
            i18n,
            self,
            ("contracts-search-hint", "contracts-count"),
            |ui| {
                sheet_buttons(ui, i18n, ListKind::Contracts, &mut commands);
                if ui
                    .button(i18n.tr("contracts-new"))
                    .on_hover_text(ui.ctx().format_shortcut(&NEW_SHORTCUT))
                    .clicked()
                {
                    commands.push(Command::NewContract);
                }
            },
        );
        // Which contracts: all, or those in one status (as of today), ending within some days.
        let mut query = ContractQuery {
            search: self.search.clone(),
            ..self.query.clone()
        };
        let mut status = query.status.map(|(status, _)| status);
        ui.horizontal(|ui| {
            filter_choice(
                ui,
                i18n,
                ("filter-contract-status", "cards-filter-status"),
                &mut status,
                ContractStatus::ALL,
                ContractStatus::message_key,
            );
            (query.ends_from, query.ends_to) = date_range(
                ui,
                i18n,
                "filter-ends",
                ("contracts-filter-ends-from", "complaints-filter-to"),
                &mut self.range,
                today,
            );
        });
        query.status = status.map(|status| (status, today));
        if searched.changed || query != self.query {
            commands.push(Command::SearchContracts(query));
        }
        ui.separator();
        if self.total == 0 {
            empty_list(ui, i18n, "contracts-empty", |_| {});
            return commands;
        }
        let columns: [ListColumn<ContractRow, ()>; 6] = [
            ListColumn::new("contract-number", 160.0, |c: &ContractRow| {
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
            })
            .typed(|c: &ContractRow| SheetCell::Date(c.start_date)),
            ListColumn::new("contract-end-date", 90.0, |c: &ContractRow| {
                c.end_date.to_string()
            })
            .typed(|c: &ContractRow| SheetCell::Date(c.end_date)),
            // A contract whose renewal notice is due, or that has ended, stands out: its word,
            // in a colour (never the colour alone).
            ListColumn::styled("contract-status", 120.0, |c: &ContractRow, ui: &Ui| {
                let ContractRow {
                    start_date,
                    end_date,
                    renewed,
                    ..
                } = c;
                let status = contract_status(*start_date, *end_date, *renewed, today);
                let text = egui::RichText::new(i18n.tr(status.message_key()));
                match status {
                    ContractStatus::RenewalDue => text.strong().color(ui.visuals().warn_fg_color),
                    ContractStatus::Ended => text.color(ui.visuals().weak_text_color()),
                    _ => text,
                }
            }),
        ];
        let pending = self.sheet.take();
        commands.extend(take_sheet(ui, i18n, pending, "nav-contracts", &columns));
        let table = list_table(ui, i18n, self, &columns, None);
        commands.extend(
            table
                .widths
                .clone()
                .map(|widths| Command::KeepWidths(ListKind::Contracts, widths)),
        );
        commands.extend(searched.open.or(table.open).map(Command::OpenContract));
        commands.extend(table.load.map(|(start, end)| Command::LoadRows {
            list: ListKind::Contracts,
            start,
            end,
        }));
        commands
    }
}

/// The contract form being edited. Kept as a draft in the database while it is open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ContractEditor {
    #[serde(flatten)]
    pub form: FormState<MaintenanceContractDraft, ContractField>,
    /// The contract this one renews: its id and number.
    pub renews: Option<(i64, String)>,
    /// The contract renewing this one, read by the shell.
    #[serde(skip)]
    pub renewed_by: Option<(i64, String)>,
    /// The stored contract's audit trail, read by the shell.
    #[serde(skip)]
    pub history: Vec<crate::store::audit::AuditEntry>,
}

impl ContractEditor {
    pub fn new(draft: MaintenanceContractDraft) -> ContractEditor {
        ContractEditor {
            form: FormState::new(draft),
            renews: None,
            renewed_by: None,
            history: Vec::new(),
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, i18n: &I18n, today: NaiveDate) -> Vec<Command> {
        let mut commands = Vec::new();
        let parsed = self.form.draft.parse();
        let errors: &[ContractError] = parsed.as_ref().err().map_or(&[], Vec::as_slice);
        let can_save = parsed.is_ok() && self.form.needs_saving();
        if ui.input_mut(|i| i.consume_shortcut(&SAVE_SHORTCUT)) {
            if can_save {
                commands.push(Command::SaveContract);
            } else {
                self.form.show_all_errors();
            }
        }
        let mut actions = Vec::new();
        if let Some(id) = self.form.id {
            actions.push(ToolAction::print(i18n, Paper::RenewalLetter(id)));
            actions.push(ToolAction {
                label: i18n.tr("contract-renewal-letter"),
                command: Command::Print(Paper::RenewalLetter(id)),
                needs_saved: true,
                shortcut: None,
            });
            if self.renewed_by.is_none() {
                actions.push(ToolAction {
                    label: i18n.tr("contract-renew"),
                    command: Command::RenewContract(id),
                    needs_saved: true,
                    shortcut: None,
                });
            }
        }
        let bar = Toolbar {
            title: match &self.form.number {
                Some(number) => format!("{} {number}", i18n.tr("contract-title")),
                None => i18n.tr("contract-new-title"),
            },
            dirty: self.form.is_dirty(),
            problems: errors.len(),
            can_save,
            save: Command::SaveContract,
            actions,
        };
        if toolbar(ui, i18n, bar, &mut commands) {
            self.form.show_all_errors();
        }
        // The status line is always there, so nothing moves under the field being typed in
        // when the contract becomes complete.
        match &parsed {
            Ok(contract) => {
                let renewed = self.renewed_by.is_some();
                let status =
                    contract_status(contract.start_date, contract.end_date, renewed, today);
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
            Err(_) => {
                ui.weak(i18n.tr("contract-status-pending"));
            }
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
                let (draft, mut fields) = self.form.edit(errors, i18n, today);
                fields_ui(ui, draft, &mut fields);
                if self.form.id.is_some() {
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
}

/// The contract's fields, each with its error once typed in.
fn fields_ui(
    ui: &mut Ui,
    draft: &mut MaintenanceContractDraft,
    fields: &mut Fields<'_, ContractField>,
) {
    let i18n = fields.i18n;
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
    } = draft;
    let mut field = |ui: &mut Ui, field: ContractField, value: &mut String, kind| {
        fields.row(ui, field, value, kind)
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

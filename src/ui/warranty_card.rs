//! The warranty cards screen: the searchable list and the card form.

use crate::domain::paper::{BlankForm, Paper};

use chrono::NaiveDate;
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};
use serde::{Deserialize, Serialize};

use super::form::{Fields, FormState, ToolAction, Toolbar, toolbar, void_banner};
use super::list::{
    ListColumn, ListKind, date_range, empty_list, filter_choice, list_table, search_bar,
    sheet_buttons, take_sheet,
};
use super::signature::CannotSign;
use super::{Command, FieldKind, RecordList, error_color, form_grid, heading};
use crate::domain::date::parse_date;
use crate::domain::warranty_card::{
    CardError, CardField, WarrantyCardDraft, WarrantyPeriods, WarrantyPolicy, WarrantyStatus,
    warranty_end, warranty_status,
};
use crate::i18n::I18n;
use crate::sheet::SheetCell;
use crate::store::signed_page::FormRecord;
use crate::store::warranty_card::{CardQuery, CardRow, CardSort, CardStatus, StatusFilter};

impl super::ListRow for CardRow {
    fn id(&self) -> i64 {
        self.id
    }
}

pub const SAVE_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const NEW_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);

/// The list of cards.
pub type CardList = RecordList<CardQuery, CardRow>;

impl CardList {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        i18n: &I18n,
        today: NaiveDate,
        policy: WarrantyPolicy,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let searched = search_bar(ui, i18n, self, ("cards-search-hint", "cards-count"), |ui| {
            sheet_buttons(ui, i18n, ListKind::Cards, &mut commands);
            if ui.button(i18n.tr("cards-print-blank")).clicked() {
                commands.push(Command::Print(Paper::Blank(BlankForm::WarrantyCard)));
            }
            if ui
                .button(i18n.tr("cards-new"))
                .on_hover_text(ui.ctx().format_shortcut(&NEW_SHORTCUT))
                .clicked()
            {
                commands.push(Command::NewCard);
            }
        });
        // Which cards: all, or those in one status (as of today), issued within some days.
        let shown_status = self.query.status.map(|filter| filter.status);
        let mut status = shown_status;
        let mut issued = (self.query.issued_from, self.query.issued_to);
        ui.horizontal(|ui| {
            filter_choice(
                ui,
                i18n,
                ("filter-card-status", "cards-filter-status"),
                &mut status,
                CardStatus::ALL,
                CardStatus::message_key,
            );
            issued = date_range(
                ui,
                i18n,
                "filter-issued",
                ("cards-filter-from", "complaints-filter-to"),
                &mut self.range,
                today,
            );
        });
        if status != shown_status || issued != (self.query.issued_from, self.query.issued_to) {
            commands.push(Command::SearchCards(CardQuery {
                search: self.search.clone(),
                status: status.map(|status| StatusFilter {
                    status,
                    today,
                    feedback_grace_days: policy.feedback_grace_days,
                }),
                issued_from: issued.0,
                issued_to: issued.1,
                ..self.query.clone()
            }));
        }
        ui.separator();
        if self.total == 0 {
            empty_list(ui, i18n, "cards-empty", |ui| {
                if ui.button(i18n.tr("settings-load-demo")).clicked() {
                    commands.push(Command::AskLoadDemo);
                }
            });
            return commands;
        }
        let columns = [
            ListColumn::new("card-registration-no", 130.0, |c: &CardRow| {
                c.registration_no.clone()
            })
            .sorted_by(CardSort::RegistrationNo),
            // Second, so that a narrow window still shows it.
            // A card that does not cover a repair stands out: its word, in a colour (never the
            // colour alone).
            ListColumn::styled("card-status", 70.0, |c: &CardRow, ui: &Ui| {
                let status = warranty_status(
                    c.warranty_end,
                    c.issue_date,
                    c.feedback_returned,
                    today,
                    policy,
                );
                if c.voided {
                    RichText::new(i18n.tr("status-void"))
                        .strong()
                        .color(error_color(ui))
                } else if status == WarrantyStatus::Valid {
                    RichText::new(i18n.tr(status.message_key()))
                } else {
                    RichText::new(i18n.tr(status.message_key()))
                        .strong()
                        .color(ui.visuals().warn_fg_color)
                }
            }),
            ListColumn::new("card-issue-date", 80.0, |c: &CardRow| {
                c.issue_date.to_string()
            })
            .typed(|c: &CardRow| SheetCell::Date(c.issue_date))
            .sorted_by(CardSort::IssueDate),
            ListColumn::new("card-customer-name", 90.0, |c: &CardRow| {
                c.customer_name.clone()
            })
            .sorted_by(CardSort::CustomerName),
            ListColumn::new("card-customer-phone", 110.0, |c: &CardRow| {
                c.customer_phone.clone()
            })
            .sorted_by(CardSort::CustomerPhone),
            ListColumn::new("card-product-model", 80.0, |c: &CardRow| {
                c.product_model.clone()
            })
            .sorted_by(CardSort::ProductModel),
            ListColumn::new("card-serial-no", 110.0, |c: &CardRow| c.serial_no.clone())
                .sorted_by(CardSort::SerialNo),
            ListColumn::new("card-issuing-dealer", 120.0, |c: &CardRow| {
                c.issuing_dealer.clone()
            })
            .sorted_by(CardSort::IssuingDealer),
            ListColumn::new("card-warranty-end", 80.0, |c: &CardRow| {
                c.warranty_end.to_string()
            })
            .typed(|c: &CardRow| SheetCell::Date(c.warranty_end))
            .sorted_by(CardSort::WarrantyEnd),
        ];
        let pending = self.sheet.take();
        commands.extend(take_sheet(
            ui,
            i18n,
            pending,
            "nav-warranty-cards",
            &columns,
        ));
        let sorted = Some((self.query.sort, self.query.descending));
        let table = list_table(ui, i18n, self, &columns, sorted);
        commands.extend(
            table
                .widths
                .clone()
                .map(|widths| Command::KeepWidths(ListKind::Cards, widths)),
        );
        if searched.changed || table.sort.is_some() {
            let (sort, descending) = table
                .sort
                .unwrap_or((self.query.sort, self.query.descending));
            commands.push(Command::SearchCards(CardQuery {
                search: self.search.clone(),
                sort,
                descending,
                ..self.query.clone()
            }));
        }
        commands.extend(searched.open.or(table.open).map(Command::OpenCard));
        commands.extend(table.load.map(|(start, end)| Command::LoadRows {
            list: ListKind::Cards,
            start,
            end,
        }));
        commands
    }
}

/// The card form being edited. Kept as a draft in the database while it is open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardEditor {
    #[serde(flatten)]
    pub form: FormState<WarrantyCardDraft, CardField>,
    /// The stored card's audit trail, read by the shell.
    #[serde(skip)]
    pub history: Vec<crate::store::audit::AuditEntry>,
    /// Set when the card is void; it can no longer be changed.
    #[serde(skip)]
    pub void: Option<crate::store::Void>,
    /// The signed paper that came back for the card, and the pages kept aside; read by the
    /// shell.
    #[serde(skip)]
    pub signed: Vec<super::case::SignedRow>,
    #[serde(skip)]
    pub aside: Vec<super::case::SignedRow>,
    /// The card's signatures given on screen, oldest first; read by the shell.
    #[serde(skip)]
    pub signatures: Vec<super::signature::SignatureBox>,
}

impl CardEditor {
    pub fn new(draft: WarrantyCardDraft) -> CardEditor {
        CardEditor {
            form: FormState::new(draft),
            history: Vec::new(),
            void: None,
            signed: Vec::new(),
            aside: Vec::new(),
            signatures: Vec::new(),
        }
    }

    /// Draws the form; `periods` gives a new card the warranty months of its category.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        i18n: &I18n,
        today: NaiveDate,
        policy: WarrantyPolicy,
        periods: &WarrantyPeriods,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let parsed = self.form.draft.parse(today);
        let errors: &[CardError] = parsed.as_ref().err().map_or(&[], Vec::as_slice);
        if ui.input_mut(|i| i.consume_shortcut(&SAVE_SHORTCUT)) {
            if parsed.is_ok() {
                commands.push(Command::SaveCard);
            } else {
                self.form.show_all_errors();
            }
        }
        // The toolbar: number, status and actions stay visible above the scrolling form.
        let mut actions = Vec::new();
        if let Some(id) = self.form.id {
            actions.push(ToolAction::print(i18n, Paper::Card(id)));
            actions.push(ToolAction {
                label: i18n.tr("card-export-pdf"),
                command: Command::Print(Paper::Card(id)),
                needs_saved: true,
                shortcut: None,
            });
            if self.void.is_none() {
                actions.push(ToolAction {
                    label: i18n.tr("void-button"),
                    command: Command::AskVoid(crate::store::audit::AuditedTable::WarrantyCards, id),
                    needs_saved: false,
                    shortcut: None,
                });
            }
        }
        let bar = Toolbar {
            title: match &self.form.number {
                Some(number) => format!("{} {number}", i18n.tr("card-title")),
                None => i18n.tr("card-new-title"),
            },
            dirty: self.form.is_dirty(),
            problems: errors.len(),
            can_save: parsed.is_ok() && self.void.is_none() && self.form.needs_saving(),
            save: Command::SaveCard,
            actions,
        };
        if toolbar(ui, i18n, bar, &mut commands) {
            self.form.show_all_errors();
        }
        if let Some(void) = &self.void {
            void_banner(ui, i18n, void);
        }
        // The status line is always there, so nothing moves under the field being typed in
        // when the card becomes complete.
        match &parsed {
            Ok(card) => {
                let status = card.status(today, policy);
                ui.label(i18n.tr_args(
                    "card-status-line",
                    &[
                        ("status", &i18n.tr(status.message_key())),
                        ("end", &card.warranty_end().to_string()),
                    ],
                ));
            }
            Err(_) => {
                ui.weak(i18n.tr("card-status-pending"));
            }
        }
        ui.separator();

        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let category = self.form.draft.product_category.clone();
                // A voided card is shown as it was, and cannot be typed into.
                let editable = self.void.is_none();
                let (draft, mut fields) = self.form.edit(errors, i18n, today);
                ui.add_enabled_ui(editable, |ui| fields_ui(ui, draft, &mut fields));
                let months_by_hand = fields.touched(CardField::WarrantyMonths);
                // Only a card not yet issued takes its category's months, and only until the
                // clerk types months of their own.
                if self.form.id.is_none()
                    && self.form.draft.product_category != category
                    && !months_by_hand
                    && self.form.draft.follow_category(&category, periods)
                {
                    ui.ctx().request_repaint();
                }
                if let Some(id) = self.form.id {
                    ui.add_space(12.0);
                    let card = FormRecord::Card(id);
                    let number = self.form.number.clone().unwrap_or_default();
                    let cannot = if self.void.is_some() {
                        Some(CannotSign::Void)
                    } else if self.form.is_dirty() {
                        Some(CannotSign::Unsaved)
                    } else {
                        None
                    };
                    commands.extend(super::signature::signatures_ui(
                        ui,
                        i18n,
                        (card, &number, self.form.revision),
                        &self.signatures,
                        cannot,
                    ));
                    ui.add_space(12.0);
                    commands.extend(super::case::signed_paper_ui(
                        ui,
                        i18n,
                        (&self.signed, &self.aside),
                        &[(card, number)],
                    ));
                    ui.add_space(12.0);
                    let entries: Vec<_> =
                        self.history.iter().map(|e| ("card", e.clone())).collect();
                    super::history::history_ui(ui, i18n, &entries);
                }
            });
        commands
    }
}

/// The card's fields, each with its error once typed in.
fn fields_ui(ui: &mut Ui, draft: &mut WarrantyCardDraft, fields: &mut Fields<'_, CardField>) {
    let i18n = fields.i18n;
    let line = FieldKind::Line { required: true };
    let optional = FieldKind::Line { required: false };
    heading(ui, i18n.tr("pdf-section-card"));
    form_grid(ui, "grid-card", |ui| {
        fields.row(
            ui,
            CardField::IssueDate,
            &mut draft.issue_date,
            FieldKind::Date,
        );
        fields.row(
            ui,
            CardField::IssuingDealer,
            &mut draft.issuing_dealer,
            line,
        );
    });
    heading(ui, i18n.tr("pdf-section-customer"));
    form_grid(ui, "grid-customer", |ui| {
        fields.row(ui, CardField::CustomerName, &mut draft.customer_name, line);
        fields.row(
            ui,
            CardField::CustomerPhone,
            &mut draft.customer_phone,
            line,
        );
        let address = FieldKind::Text {
            rows: 2,
            required: true,
        };
        fields.row(
            ui,
            CardField::CustomerAddress,
            &mut draft.customer_address,
            address,
        );
    });
    heading(ui, i18n.tr("pdf-section-product"));
    form_grid(ui, "grid-product", |ui| {
        fields.row(
            ui,
            CardField::ProductCategory,
            &mut draft.product_category,
            optional,
        );
        fields.row(ui, CardField::ProductModel, &mut draft.product_model, line);
        fields.row(ui, CardField::SerialNo, &mut draft.serial_no, line);
        fields.row(
            ui,
            CardField::PurchaseDate,
            &mut draft.purchase_date,
            FieldKind::Date,
        );
        fields.row(
            ui,
            CardField::PurchaseArea,
            &mut draft.purchase_area,
            optional,
        );
        fields.row(
            ui,
            CardField::InstallationDate,
            &mut draft.installation_date,
            FieldKind::Date,
        );
        fields.row(ui, CardField::InvoiceNo, &mut draft.invoice_no, optional);
        fields.row(
            ui,
            CardField::WarrantyMonths,
            &mut draft.warranty_months,
            FieldKind::Number,
        );
        let label = ui.label(i18n.tr("card-feedback-returned"));
        ui.checkbox(
            &mut draft.feedback_returned,
            i18n.tr("card-feedback-returned-check"),
        )
        .labelled_by(label.id);
        ui.end_row();
    });
    // The computed end date, so the clerk sees what the months mean.
    let start = if draft.installation_date.trim().is_empty() {
        &draft.purchase_date
    } else {
        &draft.installation_date
    };
    if let (Ok(start), Ok(months)) = (
        parse_date(start),
        draft.warranty_months.trim().parse::<u32>(),
    ) {
        ui.add_space(4.0);
        ui.label(i18n.tr_args(
            "card-warranty-end-line",
            &[("end", &warranty_end(start, months).to_string())],
        ));
    }
}

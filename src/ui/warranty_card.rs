//! The warranty cards screen: the searchable list and the card form.

use crate::domain::paper::{BlankForm, Paper};
use std::collections::HashSet;

use chrono::NaiveDate;
use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};
use serde::{Deserialize, Serialize};

use super::list::{ListColumn, ListKind, empty_list, list_table, search_bar};
use super::{Command, FieldKind, RecordList, error_color, form_field, form_grid, heading};
use crate::domain::date::parse_date;
use crate::domain::warranty_card::{
    CardField, FieldError, WarrantyCardDraft, WarrantyPeriods, WarrantyPolicy, warranty_end,
    warranty_status,
};
use crate::i18n::I18n;
use crate::store::warranty_card::{CardQuery, CardRow, CardSort};

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
        if ui.input_mut(|i| i.consume_shortcut(&NEW_SHORTCUT)) {
            commands.push(Command::NewCard);
        }
        let searched = search_bar(ui, i18n, self, ("cards-search-hint", "cards-count"), |ui| {
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
        ui.separator();
        if self.total == 0 {
            empty_list(ui, i18n, "cards-empty", |ui| {
                if ui.button(i18n.tr("settings-load-demo")).clicked() {
                    commands.push(Command::LoadDemoData);
                }
            });
            return commands;
        }
        let columns = [
            ListColumn::new("card-registration-no", 120.0, |c: &CardRow| {
                c.registration_no.clone()
            })
            .sorted_by(CardSort::RegistrationNo),
            ListColumn::new("card-issue-date", 80.0, |c: &CardRow| {
                c.issue_date.to_string()
            })
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
            .sorted_by(CardSort::WarrantyEnd),
            ListColumn::new("card-status", 70.0, |c: &CardRow| {
                let status = warranty_status(
                    c.warranty_end,
                    c.issue_date,
                    c.feedback_returned,
                    today,
                    policy,
                );
                i18n.tr(if c.voided {
                    "status-void"
                } else {
                    status.message_key()
                })
            }),
        ];
        let sorted = Some((self.query.sort, self.query.descending));
        let table = list_table(ui, i18n, self, &columns, sorted, |c| c.id);
        if searched.changed || table.sort.is_some() {
            let (sort, descending) = table
                .sort
                .unwrap_or((self.query.sort, self.query.descending));
            commands.push(Command::SearchCards(CardQuery {
                search: self.search.clone(),
                sort,
                descending,
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

/// The card form being edited: what is typed, and what was last saved, to know whether
/// anything would be lost. Kept as a draft in the database while it is open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardEditor {
    /// The stored card's id; `None` for a card not yet issued.
    pub id: Option<i64>,
    pub registration_no: Option<String>,
    pub draft: WarrantyCardDraft,
    pub saved: WarrantyCardDraft,
    /// The stored record's revision when it was read: saving from an older one is a conflict.
    #[serde(default)]
    pub revision: i64,
    /// Fields the clerk has typed in, whose errors are shown.
    #[serde(skip)]
    touched: HashSet<CardField>,
    /// Set by a save attempt on an invalid form: show every error.
    #[serde(skip)]
    show_all_errors: bool,
    /// The stored card's audit trail, read by the shell.
    #[serde(skip)]
    pub history: Vec<crate::store::audit::AuditEntry>,
    /// Set when the card is void; it can no longer be changed.
    #[serde(skip)]
    pub void: Option<crate::store::Void>,
}

impl CardEditor {
    pub fn new(draft: WarrantyCardDraft) -> CardEditor {
        CardEditor {
            id: None,
            registration_no: None,
            saved: draft.clone(),
            draft,
            revision: 0,
            touched: HashSet::new(),
            show_all_errors: false,
            history: Vec::new(),
            void: None,
        }
    }

    pub fn existing(id: i64, registration_no: String, draft: WarrantyCardDraft) -> CardEditor {
        CardEditor {
            id: Some(id),
            registration_no: Some(registration_no),
            ..CardEditor::new(draft)
        }
    }

    /// Whether closing now would lose typing.
    pub fn is_dirty(&self) -> bool {
        self.draft != self.saved
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
        let parsed = self.draft.parse(today);
        let errors: &[FieldError] = parsed.as_ref().err().map_or(&[], Vec::as_slice);

        if ui.input_mut(|i| i.consume_shortcut(&SAVE_SHORTCUT)) {
            if parsed.is_ok() {
                commands.push(Command::SaveCard);
            } else {
                self.show_all_errors = true;
            }
        }

        // The toolbar: number, status and actions stay visible above the scrolling form.
        ui.horizontal(|ui| {
            if ui.button(i18n.tr("form-back")).clicked() {
                commands.push(Command::CloseForm);
            }
            let title = match &self.registration_no {
                Some(number) => format!("{} {number}", i18n.tr("card-title")),
                None => i18n.tr("card-new-title"),
            };
            ui.heading(title);
            if self.is_dirty() {
                ui.weak(i18n.tr("form-unsaved"));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(id) = self.id {
                    if self.void.is_none() && ui.button(i18n.tr("void-button")).clicked() {
                        commands.push(Command::AskVoid(
                            crate::store::audit::AuditedTable::WarrantyCards,
                            id,
                        ));
                    }
                    let export = ui.add_enabled(
                        !self.is_dirty(),
                        egui::Button::new(i18n.tr("card-export-pdf")),
                    );
                    let export = export.on_disabled_hover_text(i18n.tr("card-export-save-first"));
                    if export.clicked() {
                        commands.push(Command::Print(Paper::Card(id)));
                    }
                }
                let save = ui
                    .add_enabled(
                        parsed.is_ok()
                            && self.void.is_none()
                            && (self.is_dirty() || self.id.is_none()),
                        egui::Button::new(i18n.tr("form-save")),
                    )
                    .on_hover_text(ui.ctx().format_shortcut(&SAVE_SHORTCUT));
                if save.clicked() {
                    commands.push(Command::SaveCard);
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
        if let Some(void) = &self.void {
            let at = void.at.format("%Y-%m-%d %H:%M").to_string();
            let banner = i18n.tr_args("void-banner", &[("at", &at), ("reason", &void.reason)]);
            ui.label(RichText::new(banner).strong().color(error_color(ui)));
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
                let category = self.draft.product_category.clone();
                // A voided card is shown as it was, and cannot be typed into.
                ui.add_enabled_ui(self.void.is_none(), |ui| {
                    self.fields_ui(ui, i18n, today, errors)
                });
                // Only a card not yet issued takes its category's months, and only until the
                // clerk types months of their own.
                if self.id.is_none()
                    && self.draft.product_category != category
                    && !self.touched.contains(&CardField::WarrantyMonths)
                    && self.draft.follow_category(&category, periods)
                {
                    ui.ctx().request_repaint();
                }
                if self.id.is_some() {
                    ui.add_space(12.0);
                    let entries: Vec<_> =
                        self.history.iter().map(|e| ("card", e.clone())).collect();
                    super::history::history_ui(ui, i18n, &entries);
                }
            });
        commands
    }

    fn fields_ui(&mut self, ui: &mut Ui, i18n: &I18n, today: NaiveDate, errors: &[FieldError]) {
        let show_all = self.show_all_errors;
        let touched = &mut self.touched;
        let draft = &mut self.draft;
        let mut field = |ui: &mut Ui, field: CardField, value: &mut String, kind: FieldKind| {
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

        heading(ui, i18n.tr("pdf-section-card"));
        form_grid(ui, "grid-card", |ui| {
            field(
                ui,
                CardField::IssueDate,
                &mut draft.issue_date,
                FieldKind::Date,
            );
            field(
                ui,
                CardField::IssuingDealer,
                &mut draft.issuing_dealer,
                line,
            );
        });
        heading(ui, i18n.tr("pdf-section-customer"));
        form_grid(ui, "grid-customer", |ui| {
            field(ui, CardField::CustomerName, &mut draft.customer_name, line);
            field(
                ui,
                CardField::CustomerPhone,
                &mut draft.customer_phone,
                line,
            );
            let address = FieldKind::Text {
                rows: 2,
                required: true,
            };
            field(
                ui,
                CardField::CustomerAddress,
                &mut draft.customer_address,
                address,
            );
        });
        heading(ui, i18n.tr("pdf-section-product"));
        form_grid(ui, "grid-product", |ui| {
            field(
                ui,
                CardField::ProductCategory,
                &mut draft.product_category,
                optional,
            );
            field(ui, CardField::ProductModel, &mut draft.product_model, line);
            field(ui, CardField::SerialNo, &mut draft.serial_no, line);
            field(
                ui,
                CardField::PurchaseDate,
                &mut draft.purchase_date,
                FieldKind::Date,
            );
            field(
                ui,
                CardField::PurchaseArea,
                &mut draft.purchase_area,
                optional,
            );
            field(
                ui,
                CardField::InstallationDate,
                &mut draft.installation_date,
                FieldKind::Date,
            );
            field(ui, CardField::InvoiceNo, &mut draft.invoice_no, optional);
            field(
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
}

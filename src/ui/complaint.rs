//! The complaints screen: the list with its filters, and the complaint acceptance form.

use crate::domain::paper::{BlankForm, Paper};
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use super::form::FormState;
use super::list::{
    ListColumn, ListEvents, ListKind, PendingSheet, date_range, empty_list, filter_choice,
    list_table, search_bar, sheet_buttons, take_sheet,
};
use super::warranty_card::NEW_SHORTCUT;
use super::{Command, FieldKind, RecordList, choice_field, error_color, form_grid, heading};
use crate::domain::case_life::{Due, lateness};
use crate::domain::complaint::{
    Channel, ComplaintDraft, ComplaintError, ComplaintField, ComplaintType, CustomerRequest,
    MediaRisk, ReceivingUnit, Urgency,
};
use crate::domain::date::format_date;
use crate::domain::warranty_card::WarrantyStatus;
use crate::i18n::I18n;
use crate::sheet::SheetCell;
use crate::store::case_steps::Clock;
use crate::store::complaint::{CaseFilter, ComplaintQuery, ComplaintRow, ComplaintSort};

impl super::ListRow for ComplaintRow {
    fn id(&self) -> i64 {
        self.id
    }
}

/// The list of complaints, with the filter fields as typed.
#[derive(Default)]
pub struct ComplaintList {
    pub list: RecordList<ComplaintQuery, ComplaintRow>,
    /// Receiving units that have complaints, for the unit filter.
    pub units: Vec<String>,
    /// The clocks running on the rows read, by complaint id, soonest first.
    clocks: HashMap<i64, Vec<(Due, NaiveDateTime)>>,
}

impl ComplaintList {
    /// The clocks of the rows just read (replacing those of the rows read before).
    pub fn set_clocks(&mut self, clocks: Vec<Clock>) {
        self.clocks.clear();
        for clock in clocks {
            self.clocks
                .entry(clock.complaint_id)
                .or_default()
                .push((clock.due, clock.deadline));
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, i18n: &I18n, now: NaiveDateTime) -> Vec<Command> {
        let today = now.date();
        let mut commands = Vec::new();
        let mut query = self.list.query.clone();
        let searched = search_bar(
            ui,
            i18n,
            &mut self.list,
            ("complaints-search-hint", "complaints-count"),
            |ui| {
                sheet_buttons(ui, i18n, ListKind::Complaints, &mut commands);
                if ui.button(i18n.tr("complaints-print-blank")).clicked() {
                    commands.push(Command::Print(Paper::Blank(BlankForm::Complaint)));
                }
                if ui
                    .button(i18n.tr("complaints-new"))
                    .on_hover_text(ui.ctx().format_shortcut(&NEW_SHORTCUT))
                    .clicked()
                {
                    commands.push(Command::NewComplaint);
                }
            },
        );
        query.search = self.list.search.clone();
        commands.extend(searched.open.map(Command::OpenComplaint));
        ui.horizontal(|ui| {
            filter_choice(
                ui,
                i18n,
                ("filter-type", "complaints-filter-type"),
                &mut query.complaint_type,
                ComplaintType::ALL.iter().copied(),
                ComplaintType::message_key,
            );
            let all = i18n.tr("complaints-filter-all");
            let label = ui.label(i18n.tr("complaints-filter-dealer"));
            let selected = query.receiving_unit_name.clone().unwrap_or(all.clone());
            let combo = egui::ComboBox::from_id_salt("filter-unit")
                .selected_text(selected)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut query.receiving_unit_name, None, all.clone());
                    for unit in &self.units {
                        ui.selectable_value(
                            &mut query.receiving_unit_name,
                            Some(unit.clone()),
                            unit,
                        );
                    }
                });
            combo.response.labelled_by(label.id);

            (query.received_from, query.received_to) = date_range(
                ui,
                i18n,
                "filter",
                ("complaints-filter-from", "complaints-filter-to"),
                &mut self.list.range,
                today,
            );
        });
        ui.horizontal(|ui| {
            filter_choice(
                ui,
                i18n,
                ("filter-standing", "complaints-filter-standing"),
                &mut query.standing,
                CaseFilter::all(),
                CaseFilter::message_key,
            );
        });
        ui.separator();
        if self.list.total == 0 {
            empty_list(ui, i18n, "complaints-empty", |_| {});
        } else {
            let pending = self.list.sheet.take();
            let (table, sheet) = self.table_ui(ui, i18n, now, pending);
            commands.extend(sheet);
            if let Some((sort, descending)) = table.sort {
                query.sort = sort;
                query.descending = descending;
            }
            commands.extend(table.open.map(Command::OpenComplaint));
            commands.extend(
                table
                    .widths
                    .map(|widths| Command::KeepWidths(ListKind::Complaints, widths)),
            );
            commands.extend(table.load.map(|(start, end)| Command::LoadRows {
                list: ListKind::Complaints,
                start,
                end,
            }));
        }
        if query != self.list.query {
            commands.push(Command::SearchComplaints(query));
        }
        commands
    }

    /// The table, and the command writing the list as a spreadsheet when `pending` waits.
    fn table_ui(
        &self,
        ui: &mut Ui,
        i18n: &I18n,
        now: NaiveDateTime,
        pending: Option<PendingSheet<ComplaintRow>>,
    ) -> (ListEvents<ComplaintSort>, Option<Command>) {
        let columns = [
            ListColumn::new("complaint-number", 130.0, |c: &ComplaintRow| {
                c.complaint_no.clone()
            })
            .sorted_by(ComplaintSort::ComplaintNo),
            // How far the case has come, and what is overdue, second: a narrow window still
            // shows it. Not a sort of the query.
            ListColumn::styled("complaints-step", 120.0, |c: &ComplaintRow, ui: &Ui| {
                let step = i18n.tr(c.step.message_key());
                let most_late = self
                    .clocks
                    .get(&c.id)
                    .into_iter()
                    .flatten()
                    .filter_map(|(due, deadline)| Some((*due, lateness(*deadline, now)?)))
                    .max_by_key(|(_, late)| *late);
                match most_late {
                    Some((due, late)) if !c.voided => RichText::new(i18n.tr_args(
                        "complaints-overdue",
                        &[
                            ("step", &step),
                            ("due", &i18n.tr(due.message_key())),
                            ("hours", &late.num_hours().to_string()),
                        ],
                    ))
                    .strong()
                    .color(error_color(ui)),
                    // The customer was not satisfied and the case went round again.
                    _ if c.step == crate::domain::case_life::Step::Reopened && !c.voided => {
                        RichText::new(step)
                            .strong()
                            .color(ui.visuals().warn_fg_color)
                    }
                    _ => RichText::new(step),
                }
            }),
            ListColumn::new("complaint-received-at", 110.0, |c: &ComplaintRow| {
                c.received_at.format("%Y-%m-%d %H:%M").to_string()
            })
            .typed(|c: &ComplaintRow| SheetCell::DateTime(c.received_at))
            .sorted_by(ComplaintSort::ReceivedAt),
            ListColumn::new("card-customer-name", 80.0, |c: &ComplaintRow| {
                c.customer_name.clone()
            })
            .sorted_by(ComplaintSort::CustomerName),
            ListColumn::new("card-customer-phone", 100.0, |c: &ComplaintRow| {
                c.customer_phone.clone()
            })
            .sorted_by(ComplaintSort::CustomerPhone),
            ListColumn::new("card-product-model", 80.0, |c: &ComplaintRow| {
                c.product_model.clone()
            })
            .sorted_by(ComplaintSort::ProductModel),
            ListColumn::new("complaint-type", 90.0, |c: &ComplaintRow| {
                i18n.tr(c.complaint_type.message_key())
            })
            .sorted_by(ComplaintSort::ComplaintType),
            ListColumn::new(
                "complaint-receiving-unit-name",
                120.0,
                |c: &ComplaintRow| c.receiving_unit_name.clone(),
            )
            .sorted_by(ComplaintSort::ReceivingUnitName),
            ListColumn::new("complaint-urgency", 60.0, |c: &ComplaintRow| {
                let mut urgency = i18n.tr(c.urgency.message_key());
                if c.voided {
                    urgency = format!("{} · {urgency}", i18n.tr("status-void"));
                }
                if c.media_risk != MediaRisk::None {
                    urgency = format!("{urgency} · {}", i18n.tr(c.media_risk.message_key()));
                }
                urgency
            })
            .sorted_by(ComplaintSort::Urgency),
        ];
        let sheet = take_sheet(ui, i18n, pending, "nav-complaints", &columns);
        let sorted = Some((self.list.query.sort, self.list.query.descending));
        (list_table(ui, i18n, &self.list, &columns, sorted), sheet)
    }
}

/// What the warranty number typed in a complaint found, looked up by the shell.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CardLookup {
    Found {
        registration_no: String,
        customer_name: String,
        product_model: String,
        status: WarrantyStatus,
        warranty_end: NaiveDate,
    },
    NotFound {
        registration_no: String,
    },
}

/// The complaint form being edited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComplaintEditor {
    #[serde(flatten)]
    pub form: FormState<ComplaintDraft, ComplaintField>,
    /// The card found for the typed warranty number.
    pub card_lookup: Option<CardLookup>,
}

impl ComplaintEditor {
    pub fn new(draft: ComplaintDraft) -> ComplaintEditor {
        ComplaintEditor {
            form: FormState::new(draft),
            card_lookup: None,
        }
    }

    /// How many fields would refuse to save now.
    pub fn problems(&self, now: NaiveDateTime) -> usize {
        self.form
            .draft
            .parse(now)
            .err()
            .map_or(0, |errors| errors.len())
    }

    /// The form's fields, with the errors of the fields typed in beside them.
    pub fn fields_ui(&mut self, ui: &mut Ui, i18n: &I18n, now: NaiveDateTime) -> Vec<Command> {
        let parsed = self.form.draft.parse(now);
        let errors: &[ComplaintError] = parsed.as_ref().err().map_or(&[], Vec::as_slice);
        let mut commands = Vec::new();
        let (draft, mut fields) = self.form.edit(errors, i18n, now.date());
        let line = FieldKind::Line { required: true };
        let optional = FieldKind::Line { required: false };

        heading(ui, i18n.tr("pdf-section-receipt"));
        form_grid(ui, "grid-receipt", |ui| {
            fields.row(ui, ComplaintField::ReceivedAt, &mut draft.received_at, line);
            choice_field(
                ui,
                i18n,
                "complaint-channel",
                &mut draft.channel,
                Channel::ALL,
                Channel::message_key,
            );
            choice_field(
                ui,
                i18n,
                "complaint-receiving-unit",
                &mut draft.receiving_unit,
                ReceivingUnit::ALL,
                ReceivingUnit::message_key,
            );
            fields.row(
                ui,
                ComplaintField::ReceivingUnitName,
                &mut draft.receiving_unit_name,
                line,
            );
            fields.row(ui, ComplaintField::ReceivedBy, &mut draft.received_by, line);
        });

        heading(ui, i18n.tr("pdf-section-customer"));
        form_grid(ui, "grid-complaint-customer", |ui| {
            let label = ui.label(i18n.tr("complaint-warranty-no"));
            ui.vertical(|ui| {
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut draft.warranty_registration_no)
                            .hint_text(super::example(i18n, "complaint-warranty-no-hint"))
                            .desired_width(300.0),
                    )
                    .labelled_by(label.id);
                if response.changed() {
                    fields.touch(ComplaintField::WarrantyRegistrationNo);
                    commands.push(Command::LookUpCard(draft.warranty_registration_no.clone()));
                }
                if let Some(message) = fields.error(ComplaintField::WarrantyRegistrationNo) {
                    ui.label(RichText::new(i18n.tr(message)).color(error_color(ui)));
                }
                match &self.card_lookup {
                    Some(CardLookup::Found {
                        registration_no,
                        customer_name,
                        product_model,
                        status,
                        warranty_end,
                    }) if registration_no
                        .eq_ignore_ascii_case(draft.warranty_registration_no.trim()) =>
                    {
                        let text = i18n.tr_args(
                            "complaint-warranty-found",
                            &[
                                ("name", customer_name),
                                ("model", product_model),
                                ("status", &i18n.tr(status.message_key())),
                                ("end", &format_date(*warranty_end)),
                            ],
                        );
                        let text = RichText::new(text);
                        ui.label(if *status == WarrantyStatus::Valid {
                            text
                        } else {
                            text.color(error_color(ui))
                        });
                    }
                    Some(CardLookup::NotFound { registration_no })
                        if registration_no
                            .eq_ignore_ascii_case(draft.warranty_registration_no.trim()) =>
                    {
                        ui.weak(i18n.tr("complaint-warranty-not-found"));
                    }
                    _ => {}
                }
            });
            ui.end_row();
            fields.row(
                ui,
                ComplaintField::CustomerName,
                &mut draft.customer_name,
                line,
            );
            fields.row(
                ui,
                ComplaintField::CustomerPhone,
                &mut draft.customer_phone,
                line,
            );
            fields.row(
                ui,
                ComplaintField::CustomerAddress,
                &mut draft.customer_address,
                FieldKind::Text {
                    rows: 2,
                    required: false,
                },
            );
            fields.row(
                ui,
                ComplaintField::ProductModel,
                &mut draft.product_model,
                optional,
            );
            fields.row(ui, ComplaintField::SerialNo, &mut draft.serial_no, optional);
            fields.row(
                ui,
                ComplaintField::PurchaseDate,
                &mut draft.purchase_date,
                FieldKind::Date,
            );
        });

        heading(ui, i18n.tr("pdf-section-complaint"));
        form_grid(ui, "grid-complaint", |ui| {
            choice_field(
                ui,
                i18n,
                "complaint-type",
                &mut draft.complaint_type,
                ComplaintType::ALL,
                ComplaintType::message_key,
            );
            fields.row(
                ui,
                ComplaintField::Description,
                &mut draft.description,
                FieldKind::Text {
                    rows: 6,
                    required: true,
                },
            );
            choice_field(
                ui,
                i18n,
                "complaint-request",
                &mut draft.customer_request,
                CustomerRequest::ALL,
                CustomerRequest::message_key,
            );
            choice_field(
                ui,
                i18n,
                "complaint-urgency",
                &mut draft.urgency,
                Urgency::ALL,
                Urgency::message_key,
            );
            choice_field(
                ui,
                i18n,
                "complaint-media-risk",
                &mut draft.media_risk,
                MediaRisk::ALL,
                MediaRisk::message_key,
            );
        });
        commands
    }
}

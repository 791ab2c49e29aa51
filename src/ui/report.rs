//! The Reports screen: a month, quarter or year for this office, one office, one region or
//! everything; each figure beside the period before; charts of the twelve months'
//! complaints, timeliness per rule and costs by payer; every table, whose rows open the cases
//! behind them; and "Export report…" as PDF, workbook or CSV.

use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};
use egui_plot::{AxisHints, Bar, BarChart, Legend, Plot};

use super::{Command, error_color, heading};
use crate::domain::report::Span;
use crate::domain::unit::UnitLevel;
use crate::i18n::{I18n, Lang};
use crate::report::{MonthlyReport, ReportTable, RowLink, rule_label};
use crate::store::complaint::ComplaintRow;
use crate::store::report::Scope;

/// Whose records the clerk asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ScopeChoice {
    #[default]
    ThisOffice,
    All,
    Office,
    Region,
}

/// What the report is written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Pdf,
    Xlsx,
    /// A folder of CSV files, one a table.
    Csv,
}

/// The cases behind a row, read by the shell.
pub struct CasesBehind {
    pub title: String,
    pub rows: Vec<ComplaintRow>,
    /// Drawn once already: the screen scrolls to the list only when it first appears (the
    /// row clicked may be far below it).
    pub seen: bool,
}

/// The screen's state; the shell gathers the report into it.
#[derive(Default)]
pub struct ReportPage {
    /// The period as typed: `2026-11`, `2026-Q4` or `2026`.
    pub period: String,
    pub scope: ScopeChoice,
    /// The office's or region's code, for those choices.
    pub code: String,
    pub report: Option<MonthlyReport>,
    /// The report's tables in the language they were made in.
    tables: Option<(Lang, Vec<ReportTable>)>,
    pub behind: Option<CasesBehind>,
}

impl ReportPage {
    /// Shows a newly gathered report (and forgets the cases of the last one).
    pub fn show(&mut self, report: MonthlyReport) {
        self.report = Some(report);
        self.tables = None;
        self.behind = None;
    }

    /// The scope chosen, once its code is given where one is needed.
    fn chosen_scope(&self) -> Option<Scope> {
        let code = self.code.trim().to_owned();
        match self.scope {
            ScopeChoice::ThisOffice => Some(Scope::Office(String::new())),
            ScopeChoice::All => Some(Scope::All),
            ScopeChoice::Office if !code.is_empty() => Some(Scope::Office(code)),
            ScopeChoice::Region if !code.is_empty() => Some(Scope::Region(code)),
            _ => None,
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, i18n: &I18n, level: UnitLevel) -> Vec<Command> {
        let mut commands = Vec::new();
        heading(ui, i18n.tr("report-screen-title"));
        let span = Span::parse(&self.period);
        let scope = self.chosen_scope();
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(i18n.tr("report-period-label"));
            if ui
                .small_button("◀")
                .on_hover_text(i18n.tr("report-previous-period"))
                .clicked()
                && let Some(span) = span
            {
                self.period = span.previous().to_string();
            }
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.period)
                        .hint_text(super::example(i18n, "report-period-hint"))
                        .desired_width(110.0),
                )
                .labelled_by(label.id);
            if ui
                .small_button("▶")
                .on_hover_text(i18n.tr("report-next-period"))
                .clicked()
                && let Some(span) = span
            {
                self.period = span.next().to_string();
            }
            // A dealer reports over its own records; a region or headquarters chooses.
            if level != UnitLevel::Dealer {
                let choices = [
                    (ScopeChoice::ThisOffice, "report-scope-this-office"),
                    (ScopeChoice::All, "report-scope-all"),
                    (ScopeChoice::Office, "report-scope-office"),
                    (ScopeChoice::Region, "report-scope-region"),
                ];
                let shown = choices
                    .iter()
                    .find(|(c, _)| *c == self.scope)
                    .map_or_else(String::new, |(_, key)| i18n.tr(key));
                let label = ui.label(i18n.tr("report-scope-label"));
                egui::ComboBox::from_id_salt("report-scope")
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for (choice, key) in choices {
                            ui.selectable_value(&mut self.scope, choice, i18n.tr(key));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if matches!(self.scope, ScopeChoice::Office | ScopeChoice::Region) {
                    let label = ui.label(i18n.tr("report-code-label"));
                    ui.add(egui::TextEdit::singleline(&mut self.code).desired_width(90.0))
                        .labelled_by(label.id);
                }
            }
            let ready = span.zip(scope.clone());
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let clicked = ui
                .add_enabled(ready.is_some(), egui::Button::new(i18n.tr("report-show")))
                .clicked();
            if (clicked || entered)
                && let Some((span, scope)) = ready
            {
                commands.push(Command::ShowReport(span, scope));
            }
        });
        if span.is_none() && !self.period.trim().is_empty() {
            ui.colored_label(error_color(ui), i18n.tr("report-period-error"));
        } else if scope.is_none() {
            ui.colored_label(error_color(ui), i18n.tr("report-code-error"));
        }
        let Some(report) = &self.report else {
            ui.add_space(12.0);
            ui.label(i18n.tr("report-choose-period"));
            return commands;
        };
        ui.horizontal(|ui| {
            for (format, key) in [
                (ReportFormat::Pdf, "report-export-pdf"),
                (ReportFormat::Xlsx, "report-export-xlsx"),
                (ReportFormat::Csv, "report-export-csv"),
            ] {
                if ui.button(i18n.tr(key)).clicked() {
                    commands.push(Command::ExportReport(format));
                }
            }
        });
        let lang = i18n.lang();
        if self
            .tables
            .as_ref()
            .is_none_or(|(made_in, _)| *made_in != lang)
        {
            self.tables = Some((lang, report.tables(i18n)));
        }
        let tables = self.tables.as_ref().map_or(&[][..], |(_, t)| t.as_slice());
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if let Some(behind) = &mut self.behind {
                    commands.extend(behind_ui(ui, i18n, behind));
                }
                let mut close_behind = false;
                if self.behind.is_some() && ui.button(i18n.tr("report-close-cases")).clicked() {
                    close_behind = true;
                }
                if let Some((first, rest)) = tables.split_first() {
                    commands.extend(table_ui(ui, i18n, first, 0));
                    charts_ui(ui, i18n, report);
                    for (index, table) in rest.iter().enumerate() {
                        commands.extend(table_ui(ui, i18n, table, index + 1));
                    }
                }
                if close_behind {
                    commands.push(Command::CloseCasesBehind);
                }
            });
        commands
    }
}

/// One table of the report under its name; a row that counts cases is a link to them.
fn table_ui(ui: &mut Ui, i18n: &I18n, table: &ReportTable, index: usize) -> Vec<Command> {
    let mut commands = Vec::new();
    let sheet = &table.sheet;
    egui::CollapsingHeader::new(RichText::new(&sheet.name).strong())
        .id_salt(("report-table", index))
        .default_open(index == 0 || sheet.rows.len() <= 12)
        .show(ui, |ui| {
            if sheet.rows.is_empty() {
                ui.label(i18n.tr("report-nothing"));
                return;
            }
            egui::Grid::new(("report-grid", index))
                .striped(true)
                .num_columns(sheet.headings.len())
                .show(ui, |ui| {
                    for heading in &sheet.headings {
                        ui.label(RichText::new(heading).strong());
                    }
                    ui.end_row();
                    for (row_index, row) in sheet.rows.iter().enumerate() {
                        for (column, cell) in row.iter().enumerate() {
                            let text = cell.text();
                            let (shown, cut) = cut_to(&text, MAX_CELL_CHARS);
                            let link = table.link(row_index);
                            match (column, link) {
                                (0, Some(link)) => {
                                    let hint = if cut {
                                        format!("{text}\n\n{}", i18n.tr("report-open-cases"))
                                    } else {
                                        i18n.tr("report-open-cases")
                                    };
                                    if ui.link(shown).on_hover_text(hint).clicked() {
                                        commands.push(match link {
                                            RowLink::Case(id) => Command::OpenComplaint(*id),
                                            RowLink::Cases(behind) => Command::ShowCasesBehind {
                                                title: format!("{} · {text}", sheet.name),
                                                behind: behind.clone(),
                                            },
                                        });
                                    }
                                }
                                _ => {
                                    let label = ui.label(shown);
                                    if cut {
                                        label.on_hover_text(&text);
                                    }
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    commands
}

/// The most characters of a cell shown in a table on screen (a cause of failure may run to
/// thousands); the whole text shows on hover, on paper and in the exports.
const MAX_CELL_CHARS: usize = 80;

/// `text` cut to `max` characters with "…", and whether it was cut.
fn cut_to(text: &str, max: usize) -> (String, bool) {
    match text.char_indices().nth(max) {
        Some((end, _)) => (format!("{}…", &text[..end]), true),
        None => (text.to_owned(), false),
    }
}

/// The cases behind the row the clerk chose; each opens its case.
fn behind_ui(ui: &mut Ui, i18n: &I18n, behind: &mut CasesBehind) -> Vec<Command> {
    let mut commands = Vec::new();
    let group = ui.group(|ui| {
        ui.label(
            RichText::new(i18n.tr_args(
                "report-cases-behind",
                &[
                    ("row", &behind.title),
                    ("count", &behind.rows.len().to_string()),
                ],
            ))
            .strong(),
        );
        if behind.rows.is_empty() {
            ui.label(i18n.tr("report-nothing"));
            return;
        }
        TableBuilder::new(ui)
            .id_salt("report-cases-behind")
            .striped(true)
            .max_scroll_height(240.0)
            .column(Column::auto().at_least(130.0))
            .column(Column::auto().at_least(120.0))
            .column(Column::auto().at_least(90.0))
            .column(Column::auto().at_least(90.0))
            .column(Column::remainder())
            .header(20.0, |mut header| {
                for key in [
                    "complaint-number",
                    "complaint-received-at",
                    "card-customer-name",
                    "card-product-model",
                    "complaint-type",
                ] {
                    header.col(|ui| {
                        ui.strong(i18n.tr(key));
                    });
                }
            })
            .body(|body| {
                body.rows(20.0, behind.rows.len(), |mut row| {
                    let case = &behind.rows[row.index()];
                    row.col(|ui| {
                        if ui.link(&case.complaint_no).clicked() {
                            commands.push(Command::OpenComplaint(case.id));
                        }
                    });
                    row.col(|ui| {
                        ui.label(case.received_at.format("%Y-%m-%d %H:%M").to_string());
                    });
                    row.col(|ui| {
                        ui.label(&case.customer_name);
                    });
                    row.col(|ui| {
                        ui.label(&case.product_model);
                    });
                    row.col(|ui| {
                        ui.label(i18n.tr(case.complaint_type.message_key()));
                    });
                });
            });
    });
    if !behind.seen {
        group.response.scroll_to_me(Some(egui::Align::TOP));
        behind.seen = true;
    }
    commands
}

/// The charts a manager looks at: the twelve months' complaints, the share in time per rule
/// (this period beside the one before) and the costs by who bore them.
fn charts_ui(ui: &mut Ui, i18n: &I18n, report: &MonthlyReport) {
    let now_colour = ui.visuals().selection.bg_fill;
    let before_colour = Color32::from_gray(150);
    let chart_height = 190.0;
    ui.add_space(8.0);
    ui.label(RichText::new(i18n.tr("report-trend")).strong());
    let months: Vec<String> = report.trend.iter().map(|(m, _)| m.to_string()).collect();
    let bars = report
        .trend
        .iter()
        .enumerate()
        .map(|(i, (month, n))| {
            Bar::new(i as f64, *n as f64)
                .name(month.to_string())
                .width(0.7)
                .fill(now_colour)
        })
        .collect();
    Plot::new("report-trend-chart")
        .height(chart_height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| label_at(&months, mark.value))
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(i18n.tr("report-received"), bars).color(now_colour));
        });
    ui.add_space(8.0);
    ui.label(RichText::new(i18n.tr("report-timeliness")).strong());
    let rules: Vec<String> = report
        .this
        .timeliness
        .rules
        .iter()
        .map(|r| rule_label(i18n, r.rule, report.limits))
        .collect();
    let share = |kept: u64, of: u64| {
        if of == 0 {
            0.0
        } else {
            kept as f64 * 100.0 / of as f64
        }
    };
    // Lying bars, the first rule at the top, so that every rule's name fits beside its bars.
    let count = report.this.timeliness.rules.len();
    let position = |i: usize| (count - 1 - i) as f64;
    let now_bars: Vec<Bar> = report
        .this
        .timeliness
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Bar::new(position(i) + 0.18, share(r.kept, r.judged))
                .width(0.34)
                .fill(now_colour)
        })
        .collect();
    let before_bars: Vec<Bar> = report
        .this
        .timeliness
        .rules
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let before = report
                .previous
                .timeliness
                .rules
                .iter()
                .find(|p| p.rule == r.rule)?;
            Some(
                Bar::new(position(i) - 0.18, share(before.kept, before.judged))
                    .width(0.34)
                    .fill(before_colour),
            )
        })
        .collect();
    let rule_names: Vec<String> = rules.into_iter().rev().collect();
    Plot::new("report-timeliness-chart")
        .height((count as f32 * 34.0).max(80.0))
        .legend(Legend::default())
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_x(0.0)
        .include_x(100.0)
        .x_axis_formatter(|mark, _| format!("{:.0} %", mark.value))
        .custom_y_axes(vec![
            AxisHints::new_y()
                .formatter(move |mark, _| label_at(&rule_names, mark.value))
                .min_thickness(280.0),
        ])
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new(report.period.to_string(), now_bars)
                    .horizontal()
                    .color(now_colour),
            );
            plot.bar_chart(
                BarChart::new(report.period.previous().to_string(), before_bars)
                    .horizontal()
                    .color(before_colour),
            );
        });
    ui.add_space(8.0);
    ui.label(RichText::new(i18n.tr("report-costs-by-payer")).strong());
    let payers: Vec<String> = report
        .this
        .money
        .by_payer
        .iter()
        .map(|(code, _)| {
            crate::domain::confirmation::BorneBy::from_code(code)
                .map_or(code.clone(), |b| i18n.tr(b.message_key()))
        })
        .collect();
    let bars = report
        .this
        .money
        .by_payer
        .iter()
        .enumerate()
        .map(|(i, (_, fen))| {
            Bar::new(i as f64, *fen as f64 / 100.0)
                .width(0.6)
                .fill(now_colour)
        })
        .collect();
    Plot::new("report-payer-chart")
        .height(chart_height)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_y(0.0)
        .x_axis_formatter(move |mark, _| label_at(&payers, mark.value))
        .y_axis_formatter(|mark, _| format!("¥{:.0}", mark.value))
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(i18n.tr("report-amount"), bars).color(now_colour));
        });
    ui.add_space(8.0);
}

/// The label of the bar at a whole-number position of the axis; nothing between bars.
fn label_at(labels: &[String], value: f64) -> String {
    let index = value.round();
    if (value - index).abs() > 1e-6 || index < 0.0 {
        return String::new();
    }
    labels.get(index as usize).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_cell_is_cut_at_a_character_not_a_byte_and_says_so() {
        assert_eq!(cut_to("压缩机", 3), ("压缩机".to_owned(), false));
        assert_eq!(cut_to("压缩机异响", 3), ("压缩机…".to_owned(), true));
        let long = "异".repeat(20_000);
        let (shown, cut) = cut_to(&long, MAX_CELL_CHARS);
        assert!(cut);
        assert_eq!(shown.chars().count(), MAX_CELL_CHARS + 1);
    }
}

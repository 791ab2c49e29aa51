//! One way to draw a list at archive scale: the search bar, then a table whose columns are
//! described as data (heading, width, sort, cell), of which only the visible rows are laid out;
//! the rows not read yet are asked for, a click opens the record, a heading sorts by its column.
//! Every list screen is one call of these plus what is truly its own (filters, buttons).

use super::Command;
use crate::sheet::{Sheet, SheetCell, SheetFormat};
use egui::{Key, RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{ListRow, RecordList, RowState, note_visible};
use crate::domain::date::parse_date;
use crate::i18n::I18n;
use chrono::NaiveDate;

/// The lists at archive scale, for the one command that reads their rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListKind {
    Cards,
    Complaints,
    Customers,
    Contracts,
}

/// How a column draws its cell for a row (the `Ui` gives the theme's colours).
type CellText<'a, R> = Box<dyn Fn(&R, &Ui) -> RichText + 'a>;

/// How a column writes its cell for a row to a spreadsheet.
type CellValue<'a, R> = Box<dyn Fn(&R) -> SheetCell + 'a>;

/// A column of a list: its heading, its least width, the sort a click on its heading asks
/// for (none for a column the query cannot sort by), and its cell for a row.
pub struct ListColumn<'a, R, S> {
    heading_key: &'static str,
    width: f32,
    sort: Option<S>,
    cell: CellText<'a, R>,
    /// The cell as a spreadsheet holds it (a date as a date); its text when not given.
    value: Option<CellValue<'a, R>>,
}

impl<'a, R, S> ListColumn<'a, R, S> {
    /// A column headed by `heading_key`, at least `width` points wide, showing `cell` of a row.
    pub fn new(
        heading_key: &'static str,
        width: f32,
        cell: impl Fn(&R) -> String + 'a,
    ) -> ListColumn<'a, R, S> {
        ListColumn {
            heading_key,
            width,
            sort: None,
            cell: Box::new(move |row, _| RichText::new(cell(row))),
            value: None,
        }
    }

    /// A column whose cell is styled (a late case in red); the `Ui` gives the theme's colours.
    pub fn styled(
        heading_key: &'static str,
        width: f32,
        cell: impl Fn(&R, &Ui) -> RichText + 'a,
    ) -> ListColumn<'a, R, S> {
        ListColumn {
            heading_key,
            width,
            sort: None,
            cell: Box::new(cell),
            value: None,
        }
    }

    /// Written to a spreadsheet as `value` (a date, a number) instead of its text.
    pub fn typed(mut self, value: impl Fn(&R) -> SheetCell + 'a) -> ListColumn<'a, R, S> {
        self.value = Some(Box::new(value));
        self
    }

    /// Sorted by `sort` when its heading is clicked.
    pub fn sorted_by(mut self, sort: S) -> ListColumn<'a, R, S> {
        self.sort = Some(sort);
        self
    }
}

/// The rows of a whole list, read by the shell to be written as a spreadsheet: the view turns
/// them into a sheet with its own columns ([`take_sheet`]).
pub struct PendingSheet<R> {
    pub rows: Vec<R>,
    pub path: std::path::PathBuf,
    pub format: SheetFormat,
}

/// The list's rows waiting to be written (taken from the list), as a sheet of `columns` named
/// by `name_key`, and the command that writes it; `None` when nothing waits.
pub fn take_sheet<R, S>(
    ui: &Ui,
    i18n: &I18n,
    pending: Option<PendingSheet<R>>,
    name_key: &str,
    columns: &[ListColumn<'_, R, S>],
) -> Option<Command> {
    let PendingSheet { rows, path, format } = pending?;
    let sheet = Sheet {
        name: i18n.tr(name_key),
        headings: columns.iter().map(|c| i18n.tr(c.heading_key)).collect(),
        rows: rows
            .iter()
            .map(|row| {
                columns
                    .iter()
                    .map(|column| match &column.value {
                        Some(value) => value(row),
                        None => SheetCell::Text((column.cell)(row, ui).text().to_owned()),
                    })
                    .collect()
            })
            .collect(),
    };
    Some(Command::WriteSheet {
        sheet: Box::new(sheet),
        path,
        format,
    })
}

/// The buttons writing a list as a spreadsheet, and, for a list of forms, saving each form
/// as a PDF.
pub fn sheet_buttons(ui: &mut Ui, i18n: &I18n, list: ListKind, commands: &mut Vec<Command>) {
    if list != ListKind::Customers {
        let hover = i18n.tr_args(
            "list-print-all-hover",
            &[("max", &crate::app::MAX_FORMS_AT_ONCE.to_string())],
        );
        if ui
            .button(i18n.tr("list-print-all"))
            .on_hover_text(hover)
            .clicked()
        {
            commands.push(Command::PrintList(list));
        }
    }
    for (key, format) in [
        ("list-export-csv", SheetFormat::Csv),
        ("list-export-xlsx", SheetFormat::Xlsx),
    ] {
        if ui.button(i18n.tr(key)).clicked() {
            commands.push(Command::ExportList(list, format));
        }
    }
}

/// What the clerk did in a list's search bar this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SearchEvents {
    /// The search text changed.
    pub changed: bool,
    /// Enter in the search box: the first record found, to open.
    pub open: Option<i64>,
}

/// What the clerk did in a list's table this frame.
#[derive(Clone, Debug, PartialEq)]
pub struct ListEvents<S> {
    /// The record of a row clicked.
    pub open: Option<i64>,
    /// A heading clicked: sort by it, descending or not.
    pub sort: Option<(S, bool)>,
    /// Rows `start..end` are on screen (with a margin) and not read yet.
    pub load: Option<(usize, usize)>,
    /// The clerk has just dragged a column's edge: every column's width but the last's
    /// (which takes what the window leaves), to be kept for the next start.
    pub widths: Option<Vec<f32>>,
}

/// Ctrl+F (⌘F on a Mac): to the list's search box.
pub const FIND_SHORTCUT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, Key::F);

/// The search box of a list, the count of what it shows, and on the right what `buttons`
/// draws. Enter in the box opens the first record found; Ctrl+F puts the cursor in it.
pub fn search_bar<Q, R>(
    ui: &mut Ui,
    i18n: &I18n,
    list: &mut RecordList<Q, R>,
    (hint_key, count_key): (&str, &str),
    buttons: impl FnOnce(&mut Ui),
) -> SearchEvents {
    let mut events = SearchEvents::default();
    // Read before the text field, which may consume the key.
    let enter = ui.input(|i| i.key_pressed(Key::Enter));
    // The buttons' width as last drawn: where the row has not that much left (a narrow
    // window), they go on a row of their own rather than over the count.
    let buttons_width = ui.scope_id().with(("list buttons", count_key));
    let needed = ui.data(|d| d.get_temp::<f32>(buttons_width)).unwrap_or(0.0);
    let mut buttons = Some(buttons);
    ui.horizontal(|ui| {
        let label = ui.label(i18n.tr("cards-search"));
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut list.search)
                    .id_salt(("list search", count_key))
                    .hint_text(super::example(i18n, hint_key))
                    .desired_width(300.0),
            )
            .labelled_by(label.id)
            .on_hover_text(ui.ctx().format_shortcut(&FIND_SHORTCUT));
        if ui.input_mut(|i| i.consume_shortcut(&FIND_SHORTCUT)) {
            search.request_focus();
        }
        events.changed = search.changed();
        if enter && (search.has_focus() || search.lost_focus()) {
            events.open = list.ids.first().copied();
        }
        ui.label(i18n.tr_args(
            count_key,
            &[
                ("shown", &list.ids.len().to_string()),
                ("total", &list.total.to_string()),
            ],
        ));
        if list.reading {
            ui.spinner();
            ui.weak(i18n.tr("list-reading"));
        }
        if list.cut {
            // Said in words, not by colour alone.
            ui.label(
                RichText::new(
                    i18n.tr_args("list-search-cut", &[("shown", &list.ids.len().to_string())]),
                )
                .color(ui.visuals().warn_fg_color),
            );
        }
        if ui.available_width() >= needed
            && let Some(buttons) = buttons.take()
        {
            buttons_at_right(ui, buttons, buttons_width);
        }
    });
    if let Some(buttons) = buttons {
        ui.horizontal(|ui| buttons_at_right(ui, buttons, buttons_width));
    }
    events
}

/// Draws `buttons` from the right edge leftwards and keeps their width under `id`.
fn buttons_at_right(ui: &mut Ui, buttons: impl FnOnce(&mut Ui), id: egui::Id) {
    let drawn = ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let start = ui.cursor().right();
        buttons(ui);
        start - ui.min_rect().left()
    });
    ui.data_mut(|d| d.insert_temp(id, drawn.inner));
}

/// What an empty list says (the database holds none of its records), with `extra` below.
/// The widths of a list's columns once the clerk lets go of a column's edge after dragging
/// it; `None` in every other frame. Sorting, a wider window, or the first frame's sizing
/// change no width the clerk chose, so they are not kept.
fn dragged_widths(ui: &Ui, drawn: Vec<f32>) -> Option<Vec<f32>> {
    let id = ui.scope_id().with("list column widths");
    let (before, dragging) = ui
        .data(|data| data.get_temp::<(Vec<f32>, bool)>(id))
        .unwrap_or_default();
    let held = ui.input(|input| input.pointer.primary_down());
    let moved = !before.is_empty()
        && (before.len() != drawn.len()
            || before.iter().zip(&drawn).any(|(a, b)| (a - b).abs() > 0.5));
    let dragging = dragging || (held && moved);
    let released = dragging && !held;
    ui.data_mut(|data| data.insert_temp(id, (drawn.clone(), dragging && held)));
    released.then_some(drawn)
}

/// A list's filter on one of `choices` ("All" first, for none): a drop-down labelled
/// `label_key`, tall enough for every choice, each named by `name`.
pub fn filter_choice<T: Copy + PartialEq>(
    ui: &mut Ui,
    i18n: &I18n,
    (salt, label_key): (&str, &str),
    value: &mut Option<T>,
    choices: impl IntoIterator<Item = T>,
    name: impl Fn(T) -> crate::domain::MessageKey,
) {
    let all = i18n.tr("complaints-filter-all");
    let label = ui.label(i18n.tr(label_key));
    let combo = egui::ComboBox::from_id_salt(salt)
        .height(f32::INFINITY)
        .selected_text(value.map_or(all.clone(), |v| i18n.tr(name(v))))
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, all.clone());
            for choice in choices {
                ui.selectable_value(value, Some(choice), i18n.tr(name(choice)));
            }
        });
    combo.response.labelled_by(label.id);
}

/// A list's filter on a span of days: "`from_key` [day] `to_key` [day]", typed into `range`
/// (the fields' ids `{salt}-from` and `{salt}-to`). The days it reads, either `None` while
/// cleared or half typed; when the first comes after the second, it says so beside them.
pub fn date_range(
    ui: &mut Ui,
    i18n: &I18n,
    salt: &str,
    (from_key, to_key): (&str, &str),
    range: &mut [String; 2],
    today: NaiveDate,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let [from, to] = range;
    let label = ui.label(i18n.tr(from_key));
    super::date_field(ui, i18n, &format!("{salt}-from"), from, label.id, today);
    let label = ui.label(i18n.tr(to_key));
    super::date_field(ui, i18n, &format!("{salt}-to"), to, label.id, today);
    let days = (parse_date(from).ok(), parse_date(to).ok());
    if let (Some(from), Some(to)) = days
        && from > to
    {
        ui.colored_label(super::error_color(ui), i18n.tr("list-range-backwards"));
    }
    days
}

pub fn empty_list(ui: &mut Ui, i18n: &I18n, key: &str, extra: impl FnOnce(&mut Ui)) {
    ui.vertical_centered(|ui| {
        ui.add_space(40.0);
        ui.label(RichText::new(i18n.tr(key)).size(16.0));
        ui.add_space(8.0);
        extra(ui);
    });
}

/// The table of a list: the headings (those that sort show the current order), then the rows
/// on screen; a row not read yet shows "…" and is asked for, one that could not be read says
/// so. `sorted` is the list's current sort.
pub fn list_table<Q, R: ListRow, S: Copy + PartialEq>(
    ui: &mut Ui,
    i18n: &I18n,
    list: &RecordList<Q, R>,
    columns: &[ListColumn<'_, R, S>],
    sorted: Option<(S, bool)>,
) -> ListEvents<S> {
    let mut events = ListEvents {
        open: None,
        sort: None,
        load: None,
        widths: None,
    };
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut visible: Option<(usize, usize)> = None;
    // A new order starts at its first row: the rows shown before it sorted are elsewhere now.
    let to_top = ui.scope_id().with("list sorted");
    let sorted_now = ui.data_mut(|data| data.remove_temp::<bool>(to_top).unwrap_or(false));
    // Each column never narrower than its heading (with room for the sort's arrow): sized to
    // its rows before they are read, a column would otherwise cut its heading off.
    let least: Vec<f32> = columns
        .iter()
        .map(|column| {
            let heading = format!("{} ▼", i18n.tr(column.heading_key));
            let heading = egui::WidgetText::from(RichText::new(heading).strong())
                .into_galley(
                    ui,
                    Some(egui::TextWrapMode::Extend),
                    f32::INFINITY,
                    egui::TextStyle::Body,
                )
                .size()
                .x;
            column
                .width
                .max(heading + 2.0 * ui.spacing().button_padding.x)
        })
        .collect();
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .min_scrolled_height(0.0);
    if sorted_now {
        table = table.scroll_to_row(0, Some(egui::Align::TOP));
    }
    let last = least.len().saturating_sub(1);
    for (index, least) in least.into_iter().enumerate() {
        table = table.column(if index == last {
            Column::remainder().at_least(least)
        } else if let Some(&kept) = list.widths.get(index) {
            // As the clerk left it; these widths only matter when the table is first shown.
            Column::initial(kept).at_least(least).clip(true)
        } else {
            Column::auto().at_least(least).clip(true)
        });
    }
    let mut drawn = Vec::with_capacity(columns.len());
    table
        .header(row_height + 2.0, |mut header| {
            for column in columns {
                header.col(|ui| {
                    drawn.push(ui.max_rect().width());
                    let mut text = i18n.tr(column.heading_key);
                    let Some(sort) = column.sort else {
                        ui.strong(text);
                        return;
                    };
                    let current = sorted.filter(|(by, _)| *by == sort);
                    if let Some((_, descending)) = current {
                        text.push_str(if descending { " ▼" } else { " ▲" });
                    }
                    if ui
                        .add(egui::Button::new(RichText::new(text).strong()).frame(false))
                        .clicked()
                    {
                        // A second click on the sorted column turns the order round.
                        let descending = current.is_some_and(|(_, descending)| !descending);
                        events.sort = Some((sort, descending));
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, list.ids.len(), |mut row| {
                let index = row.index();
                note_visible(&mut visible, index);
                let record = match list.row_state(index) {
                    RowState::Read(record) => record,
                    RowState::Unread => {
                        row.col(|ui| {
                            ui.weak("…");
                        });
                        return;
                    }
                    RowState::Missing => {
                        row.col(|ui| {
                            ui.weak(i18n.tr("list-row-missing"));
                        });
                        return;
                    }
                };
                for column in columns {
                    row.col(|ui| {
                        let text = (column.cell)(record, ui);
                        // A cut-off cell shows its whole text on hover.
                        ui.add(egui::Label::new(text).selectable(false).truncate());
                    });
                }
                if row.response().clicked() {
                    events.open = Some(record.id());
                }
            });
        });
    events.load = list.rows_to_load(visible);
    drawn.pop();
    events.widths = dragged_widths(ui, drawn);
    if events.sort.is_some() {
        ui.data_mut(|data| data.insert_temp(to_top, true));
    }
    events
}

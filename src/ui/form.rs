//! One state for every form being edited, and one toolbar. A form is its stored record's id,
//! number and revision, what is typed, what was last saved, and which fields show their
//! errors; each form's view adds only what is truly its own.

use std::collections::HashSet;
use std::hash::Hash;

use chrono::NaiveDate;
use egui::{RichText, Ui};
use serde::{Deserialize, Serialize};

use super::warranty_card::SAVE_SHORTCUT;
use super::{Command, FieldKind, error_color, form_field};
use crate::domain::{FieldError, FormField, MessageKey};
use crate::i18n::I18n;

/// A form being edited: kept as a draft in the database while it is open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(bound(
    serialize = "D: Serialize",
    deserialize = "D: Deserialize<'de>, F: Eq + Hash"
))]
pub struct FormState<D, F: Eq + Hash> {
    /// The stored record's id; `None` until first saved.
    pub id: Option<i64>,
    /// The stored record's number (WC-…, CC-…); drafts written before the forms shared this
    /// state named it after the form.
    #[serde(
        alias = "registration_no",
        alias = "complaint_no",
        alias = "contract_no"
    )]
    pub number: Option<String>,
    pub draft: D,
    pub saved: D,
    /// The stored record's revision when it was read: saving from an older one is a conflict.
    #[serde(default)]
    pub revision: i64,
    /// Fields the clerk has typed in, whose errors are shown.
    #[serde(skip)]
    touched: HashSet<F>,
    /// Set by a save attempt on a form that does not parse: show every error.
    #[serde(skip)]
    show_all_errors: bool,
    /// Set with it: the next drawing puts the cursor in the first field refused (and scrolls
    /// to it).
    #[serde(skip)]
    jump_to_error: bool,
}

impl<D: Clone + PartialEq, F: FormField> FormState<D, F> {
    /// A form not saved yet.
    pub fn new(draft: D) -> FormState<D, F> {
        FormState {
            id: None,
            number: None,
            saved: draft.clone(),
            draft,
            revision: 0,
            touched: HashSet::new(),
            show_all_errors: false,
            jump_to_error: false,
        }
    }

    /// The form of stored record `id`, numbered `number`, at `revision`.
    pub fn existing(id: i64, number: String, revision: i64, draft: D) -> FormState<D, F> {
        FormState {
            id: Some(id),
            number: Some(number),
            revision,
            ..FormState::new(draft)
        }
    }

    /// Whether closing now would lose typing.
    pub fn is_dirty(&self) -> bool {
        self.draft != self.saved
    }

    /// Whether saving would write something: changed, or never saved.
    pub fn needs_saving(&self) -> bool {
        self.id.is_none() || self.is_dirty()
    }

    /// Shows every error, not only those of fields typed in (after a refused save), and puts
    /// the cursor in the first field refused.
    pub fn show_all_errors(&mut self) {
        self.show_all_errors = true;
        self.jump_to_error = true;
    }

    /// The draft to type into, and the fields drawn beside their errors.
    pub fn edit<'a>(
        &'a mut self,
        errors: &'a [FieldError<F>],
        i18n: &'a I18n,
        today: NaiveDate,
    ) -> (&'a mut D, Fields<'a, F>) {
        let fields = Fields {
            touched: &mut self.touched,
            show_all: self.show_all_errors,
            jump: &mut self.jump_to_error,
            errors,
            i18n,
            today,
        };
        (&mut self.draft, fields)
    }
}

/// A form's fields as drawn: each with its error once typed in (or once a save was refused).
pub struct Fields<'a, F> {
    touched: &'a mut HashSet<F>,
    show_all: bool,
    /// Whether the cursor still goes to the first field refused that is drawn.
    jump: &'a mut bool,
    errors: &'a [FieldError<F>],
    pub i18n: &'a I18n,
    pub today: NaiveDate,
}

impl<F: FormField> Fields<'_, F> {
    /// The error shown beside `field`, if it has one and it is shown.
    pub fn error(&self, field: F) -> Option<MessageKey> {
        super::error_for(self.errors, field)
            .filter(|_| self.show_all || self.touched.contains(&field))
    }

    /// Whether the clerk has typed in `field`.
    pub fn touched(&self, field: F) -> bool {
        self.touched.contains(&field)
    }

    /// Notes that the clerk typed in `field`: its error shows from now on.
    pub fn touch(&mut self, field: F) {
        self.touched.insert(field);
    }

    /// One row of a form grid: `field`'s label, its box holding `value`, its error.
    pub fn row(&mut self, ui: &mut Ui, field: F, value: &mut String, kind: FieldKind) {
        let error = self.error(field);
        // Not in the frame of a click (on the link that asked): a click away from a box takes
        // the cursor out of it, so it is put there in the next.
        let clicking = ui.input(|i| i.pointer.any_pressed() || i.pointer.any_released());
        if *self.jump && error.is_some() && clicking {
            ui.ctx().request_repaint();
        } else if *self.jump && error.is_some() {
            *self.jump = false;
            let id = super::field_id(field.label_key());
            ui.memory_mut(|memory| memory.request_focus(id));
            ui.scroll_to_cursor(Some(egui::Align::Center));
        }
        if form_field(
            ui,
            self.i18n,
            field.label_key(),
            value,
            kind,
            self.today,
            error,
        ) {
            self.touch(field);
        }
    }
}

/// A button of a form's toolbar.
pub struct ToolAction {
    pub label: String,
    pub command: Command,
    /// Offered only when nothing is unsaved (paper is printed from the stored record).
    pub needs_saved: bool,
    /// The keys that do it from anywhere on the form, shown in its tooltip.
    pub shortcut: Option<egui::KeyboardShortcut>,
}

/// Ctrl+P (⌘P on a Mac): print the form open.
pub const PRINT_SHORTCUT: egui::KeyboardShortcut =
    egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::P);

impl ToolAction {
    /// "Print…": asks which printer and how many copies, then prints `paper` (Ctrl+P).
    pub fn print(i18n: &I18n, paper: crate::domain::paper::Paper) -> ToolAction {
        ToolAction {
            label: i18n.tr("print-button"),
            command: Command::AskPrint(paper),
            needs_saved: true,
            shortcut: Some(PRINT_SHORTCUT),
        }
    }
}

/// What a form's toolbar shows: the back button, the title with the unsaved mark, then on the
/// right the form's actions, Save, and how many fields refuse to save.
pub struct Toolbar {
    pub title: String,
    pub dirty: bool,
    /// How many fields refuse to save.
    pub problems: usize,
    /// Whether Save is offered.
    pub can_save: bool,
    pub save: Command,
    pub actions: Vec<ToolAction>,
}

/// Draws the toolbar; returns whether the clerk asked to see every problem.
pub fn toolbar(ui: &mut Ui, i18n: &I18n, bar: Toolbar, commands: &mut Vec<Command>) -> bool {
    let mut show_all = false;
    ui.horizontal(|ui| {
        if ui.button(i18n.tr("form-back")).clicked() {
            commands.push(Command::CloseForm);
        }
        ui.heading(bar.title);
        if bar.dirty {
            ui.weak(i18n.tr("form-unsaved"));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            for action in bar.actions.into_iter().rev() {
                let enabled = !(action.needs_saved && bar.dirty);
                let mut button = ui
                    .add_enabled(enabled, egui::Button::new(action.label))
                    .on_disabled_hover_text(i18n.tr("card-export-save-first"));
                let mut pressed = false;
                if let Some(shortcut) = &action.shortcut {
                    button = button.on_hover_text(ui.ctx().format_shortcut(shortcut));
                    pressed = enabled && ui.input_mut(|i| i.consume_shortcut(shortcut));
                }
                if button.clicked() || pressed {
                    commands.push(action.command);
                }
            }
            let save = ui
                .add_enabled(bar.can_save, egui::Button::new(i18n.tr("form-save")))
                .on_hover_text(ui.ctx().format_shortcut(&SAVE_SHORTCUT));
            if save.clicked() {
                commands.push(bar.save);
            }
            if bar.problems > 0 {
                let message =
                    i18n.tr_args("form-problems", &[("count", &bar.problems.to_string())]);
                if ui
                    .link(RichText::new(message).color(error_color(ui)))
                    .clicked()
                {
                    show_all = true;
                }
            }
        });
    });
    show_all
}

/// The banner of a voided record: when and why.
pub fn void_banner(ui: &mut Ui, i18n: &I18n, void: &crate::store::Void) {
    let at = void.at.format("%Y-%m-%d %H:%M").to_string();
    let banner = i18n.tr_args("void-banner", &[("at", &at), ("reason", &void.reason)]);
    ui.label(RichText::new(banner).strong().color(error_color(ui)));
}

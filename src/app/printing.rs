//! "Print…": which printer and how many copies, then the paper to the printer.

use egui::{RichText, Ui};

use super::App;
use crate::domain::paper::Paper;
use crate::pdf;
use crate::printing::{MAX_COPIES, PrintError, Printer, preselected, print_bytes};
use crate::ui::{Command, error_color};

/// The setting that remembers the printer last printed on.
const PRINTER_SETTING: &str = "printer";

/// How long the dialog waits for the printing system before it opens saying it is still
/// asking: CUPS answers at once, but a print server that is down can keep `lpstat` for
/// minutes, and the window must not freeze meanwhile.
const PRINTERS_AWAITED: std::time::Duration = std::time::Duration::from_millis(300);

/// This computer's printers, or why there are none to offer.
type Printers = Result<Vec<Printer>, PrintError>;

/// A paper waiting for its printer and copies.
pub(super) struct PrintDialog {
    /// The form the dialog was opened from.
    form: Paper,
    /// Print the whole case file instead (offered for a case's forms).
    whole_case: bool,
    /// This computer's printers, or why there are none to offer; `None` while the printing
    /// system has not answered (`asking`).
    printers: Option<Printers>,
    asking: Option<std::sync::mpsc::Receiver<Printers>>,
    /// The printer last printed on, chosen once the printers are known.
    remembered: String,
    /// The printer chosen, by name.
    printer: String,
    /// The copies as typed.
    copies: String,
}

impl PrintDialog {
    /// The complaint whose case file can be printed instead of `form`, if `form` is one of a
    /// case's forms.
    fn case_of(&self) -> Option<i64> {
        match self.form {
            Paper::Complaint(id) | Paper::Investigation(id) | Paper::Confirmation(id) => Some(id),
            _ => None,
        }
    }

    /// What is printed: the form, or its whole case.
    fn paper(&self) -> Paper {
        match self.case_of() {
            Some(id) if self.whole_case => Paper::Packet(id),
            _ => self.form,
        }
    }

    fn copies(&self) -> Option<u32> {
        copies(&self.copies)
    }

    /// Takes the printing system's answer: the printers, the one last used (or the default)
    /// chosen.
    fn answered(&mut self, printers: Printers) {
        let printers = printers.and_then(|printers| {
            if printers.is_empty() {
                Err(PrintError::NoPrinter)
            } else {
                Ok(printers)
            }
        });
        self.printer = printers
            .as_ref()
            .ok()
            .and_then(|printers| preselected(printers, &self.remembered))
            .map(|p| p.name.clone())
            .unwrap_or_default();
        self.printers = Some(printers);
        self.asking = None;
    }

    /// Whether the printing system has answered since the last frame.
    fn poll(&mut self) {
        use std::sync::mpsc::TryRecvError;
        let Some(asking) = &self.asking else {
            return;
        };
        match asking.try_recv() {
            Ok(printers) => self.answered(printers),
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.answered(Err(PrintError::Io(
                "the printing system stopped without an answer".to_owned(),
            ))),
        }
    }
}

/// The copies typed, if a whole number from 1 to [`MAX_COPIES`].
fn copies(typed: &str) -> Option<u32> {
    typed
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=MAX_COPIES).contains(n))
}

impl App {
    /// Opens the print dialog on `paper`, the printer last used (or the default) chosen. The
    /// printers are asked for beside the window: the dialog opens with them when the system
    /// answers within [`PRINTERS_AWAITED`], else saying it is still asking.
    pub(super) fn ask_print(&mut self, paper: Paper) {
        let remembered = self
            .store
            .setting(PRINTER_SETTING)
            .ok()
            .flatten()
            .unwrap_or_default();
        let (send, asking) = std::sync::mpsc::channel();
        let printing = std::sync::Arc::clone(&self.printing);
        std::thread::spawn(move || {
            // The dialog may be closed before the answer: then no one listens.
            let _ = send.send(printing.printers());
        });
        let mut dialog = PrintDialog {
            form: paper,
            whole_case: matches!(paper, Paper::Packet(_)),
            printers: None,
            asking: None,
            remembered,
            printer: String::new(),
            copies: "1".into(),
        };
        match asking.recv_timeout(PRINTERS_AWAITED) {
            Ok(printers) => dialog.answered(printers),
            Err(_) => dialog.asking = Some(asking),
        }
        self.dialogs.print = Some(dialog);
    }

    /// Draws the print dialog while one is open: printer, copies, the case file or the form;
    /// Print (or Enter), Save PDF instead, Cancel (or Escape).
    pub(super) fn print_dialog(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(dialog) = &mut self.dialogs.print else {
            return;
        };
        dialog.poll();
        if dialog.asking.is_some() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
        let i18n = &self.i18n;
        let mut answer = None;
        let has_case = dialog.case_of().is_some();
        let PrintDialog {
            whole_case,
            printers,
            printer: chosen,
            copies: typed,
            ..
        } = dialog;
        egui::Modal::new(egui::Id::unique("print-dialog")).show(ui.ctx(), |ui| {
            ui.set_max_width(460.0);
            ui.heading(i18n.tr("print-title"));
            if has_case {
                ui.radio_value(whole_case, false, i18n.tr("print-this-form"));
                ui.radio_value(whole_case, true, i18n.tr("print-whole-case"));
                ui.add_space(4.0);
            }
            let ready = match printers {
                None => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(i18n.tr("print-looking"));
                    });
                    false
                }
                Some(Err(error)) => {
                    ui.label(RichText::new(print_error_text(i18n, error)).color(error_color(ui)));
                    false
                }
                Some(Ok(printers)) => {
                    egui::Grid::new("print-grid")
                        .num_columns(2)
                        .spacing([12.0, 6.0])
                        .show(ui, |ui| {
                            ui.label(i18n.tr("print-printer"));
                            let shown = |p: &Printer| {
                                if p.is_default {
                                    format!("{} {}", p.name, i18n.tr("print-default"))
                                } else {
                                    p.name.clone()
                                }
                            };
                            let selected = printers
                                .iter()
                                .find(|p| p.name == *chosen)
                                .map(shown)
                                .unwrap_or_default();
                            let combo = egui::ComboBox::from_id_salt("print-printer")
                                .selected_text(&selected)
                                .width(280.0)
                                .show_ui(ui, |ui| {
                                    for printer in printers {
                                        ui.selectable_value(
                                            chosen,
                                            printer.name.clone(),
                                            shown(printer),
                                        );
                                    }
                                });
                            let name = i18n.tr("print-printer");
                            // Named "Printer" for screen readers, its value the one chosen.
                            combo.response.widget_info(|| {
                                let mut info =
                                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name);
                                info.current_text_value = Some(selected.clone());
                                info
                            });
                            ui.end_row();
                            let label = ui.label(i18n.tr("print-copies"));
                            ui.horizontal(|ui| {
                                ui.add(egui::TextEdit::singleline(typed).desired_width(50.0))
                                    .labelled_by(label.id);
                                if copies(typed).is_none() {
                                    ui.label(
                                        RichText::new(i18n.tr("print-copies-error"))
                                            .color(error_color(ui)),
                                    );
                                }
                            });
                            ui.end_row();
                        });
                    copies(typed).is_some() && !chosen.is_empty()
                }
            };
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let print = ui
                    .add_enabled(ready, egui::Button::new(i18n.tr("print-confirm")))
                    .on_hover_text(i18n.tr("print-enter"));
                let enter = ready && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if print.clicked() || enter {
                    answer = Some(Answer::Print);
                }
                if ui.button(i18n.tr("print-save-instead")).clicked() {
                    answer = Some(Answer::SavePdf);
                }
                if ui.button(i18n.tr("print-cancel")).clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape))
                {
                    answer = Some(Answer::Cancel);
                }
            });
        });
        match answer {
            Some(Answer::Print) => self.send_to_printer(),
            Some(Answer::SavePdf) => {
                if let Some(dialog) = self.dialogs.print.take() {
                    commands.push(Command::Print(dialog.paper()));
                }
            }
            Some(Answer::Cancel) => self.dialogs.print = None,
            None => {}
        }
    }

    /// Prints the dialog's paper on its printer and says where it went; the dialog stays open
    /// when the printing system refuses, so the clerk can choose another printer.
    fn send_to_printer(&mut self) {
        let Some(dialog) = &self.dialogs.print else {
            return;
        };
        let (paper, printer) = (dialog.paper(), dialog.printer.clone());
        let Some(copies) = dialog.copies() else {
            return;
        };
        use pdf::paper::PaperError;
        let printed = match pdf::paper::print(&self.store, paper, self.today(), &self.i18n) {
            Ok(printed) => printed,
            Err(PaperError::Store(error)) => return self.fail(error),
            Err(PaperError::Pdf(error)) => return self.pdf_failed(error),
        };
        let what = printed.file_name.trim_end_matches(".pdf").to_owned();
        match print_bytes(&*self.printing, &printed.bytes, &printer, copies, &what) {
            Ok(_) => {
                self.dialogs.print = None;
                if let Err(error) = self.store.set_setting(PRINTER_SETTING, &printer) {
                    return self.fail(error);
                }
                let copies = copies.to_string();
                let args = [
                    ("what", what.as_str()),
                    ("printer", printer.as_str()),
                    ("copies", copies.as_str()),
                ];
                if printed.unprintable.is_empty() {
                    self.info(self.i18n.tr_args("print-sent", &args));
                } else {
                    // Sent, and said loudly: a name printed as boxes is not what was written.
                    let (chars, _) = super::unprintable_named(&printed.unprintable);
                    let mut args = args.to_vec();
                    args.push(("chars", chars.as_str()));
                    self.error(self.i18n.tr_args("print-sent-unprintable", &args));
                }
            }
            Err(error) => {
                let text = print_error_text(&self.i18n, &error);
                self.error(text);
            }
        }
    }
}

/// The dialog's answer.
enum Answer {
    Print,
    SavePdf,
    Cancel,
}

/// A printing error in the interface language.
fn print_error_text(i18n: &crate::i18n::I18n, error: &PrintError) -> String {
    match error {
        PrintError::NoPrintingSystem => i18n.tr("print-error-no-system"),
        PrintError::NoPrinter => i18n.tr("print-error-no-printer"),
        PrintError::UnknownPrinter(name) => {
            i18n.tr_args("print-error-unknown-printer", &[("printer", name)])
        }
        PrintError::Copies => i18n.tr("print-copies-error"),
        PrintError::Refused(said) => i18n.tr_args("print-error-refused", &[("said", said)]),
        PrintError::Io(detail) => i18n.tr_args("print-error-io", &[("detail", detail)]),
    }
}

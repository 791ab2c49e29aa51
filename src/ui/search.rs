//! The search of everything: the box in the top bar and the page of records it found.

use egui::{RichText, Ui};

use super::Command;
use super::case::CaseTab;
use crate::i18n::I18n;
use crate::store::search::{RecordKind, SearchHit};

/// The text searched and what it found.
#[derive(Default)]
pub struct SearchView {
    pub text: String,
    pub hits: Vec<SearchHit>,
    /// The text `hits` were found for.
    searched: Option<String>,
}

impl SearchView {
    /// The search box of the top bar. Returns the command to search when the text changed;
    /// Enter opens the first record found for the text typed (or searches, when nothing has
    /// been found for it yet).
    pub fn box_ui(&mut self, ui: &mut Ui, i18n: &I18n) -> Option<Command> {
        let label = ui.label(i18n.tr("search-everything"));
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut self.text)
                    .hint_text(super::example(i18n, "search-hint"))
                    .desired_width(260.0),
            )
            .labelled_by(label.id)
            .on_hover_text(i18n.tr("search-enter-opens"));
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if response.changed() {
            self.searched = None;
            return Some(Command::SearchAll(self.text.clone()));
        }
        if !entered {
            return None;
        }
        match self.hits.first() {
            Some(first) if self.searched.as_deref() == Some(self.text.as_str()) => {
                Some(open(first))
            }
            _ => Some(Command::SearchAll(self.text.clone())),
        }
    }

    /// Notes that `hits` were found for `text`: Enter then opens the first.
    pub fn found(&mut self, text: &str, hits: Vec<SearchHit>) {
        self.searched = Some(text.to_owned());
        self.hits = hits;
    }

    /// The records found, each opening where it belongs.
    pub fn ui(&self, ui: &mut Ui, i18n: &I18n) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.heading(i18n.tr_args(
            "search-results",
            &[
                ("text", &self.text),
                ("count", &self.hits.len().to_string()),
            ],
        ));
        ui.separator();
        if self.hits.is_empty() {
            ui.weak(i18n.tr("search-nothing"));
            return commands;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                egui::Grid::new("grid-search")
                    .num_columns(4)
                    .striped(true)
                    .spacing([16.0, 6.0])
                    .show(ui, |ui| {
                        for hit in &self.hits {
                            ui.label(RichText::new(i18n.tr(hit.kind.message_key())).weak());
                            if ui.link(&hit.number).clicked() {
                                commands.push(open(hit));
                            }
                            ui.label(&hit.summary);
                            if let Some(matched) = &hit.matched {
                                ui.label(matched_text(ui, matched));
                            }
                            ui.end_row();
                        }
                    });
            });
        commands
    }
}

/// Why a record was found: the word searched for, marked (strong, on the selection's colour),
/// in the text around it.
fn matched_text(ui: &Ui, [before, found, after]: &[String; 3]) -> egui::text::LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = egui::TextFormat {
        font_id: font.clone(),
        color: ui.visuals().weak_text_color(),
        ..Default::default()
    };
    let marked = egui::TextFormat {
        font_id: font,
        color: ui.visuals().strong_text_color(),
        background: ui.visuals().selection.bg_fill,
        ..Default::default()
    };
    let mut job = egui::text::LayoutJob::default();
    job.append(before, 0.0, plain.clone());
    job.append(found, 0.0, marked);
    job.append(after, 0.0, plain);
    job
}

/// The command opening a found record.
fn open(hit: &SearchHit) -> Command {
    let case = |tab| Command::OpenCase {
        complaint_id: hit.complaint_id.unwrap_or(hit.id),
        tab,
    };
    match hit.kind {
        RecordKind::Card => Command::OpenCard(hit.id),
        RecordKind::Complaint => Command::OpenComplaint(hit.id),
        RecordKind::Investigation => case(CaseTab::Investigation),
        RecordKind::Confirmation => case(CaseTab::Confirmation),
        RecordKind::Customer => Command::OpenCustomer(hit.id),
        RecordKind::Contract => Command::OpenContract(hit.id),
    }
}

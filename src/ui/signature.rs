//! Signing on screen: each form's signature boxes with where they stand, and the signing pad,
//! drawn on with a mouse, a pen or a finger (egui's pointer events).

use chrono::NaiveDateTime;
use egui::{Color32, Pos2, Rect, Sense, Stroke, Ui, Vec2};

use super::Command;
use crate::domain::signature::{PAD_HEIGHT, PAD_WIDTH, SignatureError, Signer, Strokes};
use crate::i18n::I18n;
use crate::store::signature::{Signature, Standing};
use crate::store::signed_page::FormRecord;

/// The pad on screen, in points: the shape of the pad's units.
const PAD_SIZE: Vec2 = Vec2::new(600.0, 200.0);
/// A signature shown beside its box, in points.
const THUMB_SIZE: Vec2 = Vec2::new(150.0, 50.0);

/// The signing pad, open for one box of one form.
#[derive(Clone, Debug, PartialEq)]
pub struct SigningPad {
    pub form: FormRecord,
    /// The form's number, in the pad's title.
    pub number: String,
    pub signer: Signer,
    /// The form's revision the signature is given for.
    pub revision: i64,
    pub strokes: Strokes,
    /// Drawing a stroke: the pointer went down on the pad and is not up yet.
    drawing: bool,
    /// Why the strokes were not accepted, shown under the pad until drawn on again.
    problem: Option<SignatureError>,
}

/// What the clerk did with the pad.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PadAnswer {
    Accept,
    Cancel,
}

impl SigningPad {
    pub fn new(form: FormRecord, number: String, signer: Signer, revision: i64) -> SigningPad {
        SigningPad {
            form,
            number,
            signer,
            revision,
            strokes: Strokes::default(),
            drawing: false,
            problem: None,
        }
    }

    /// The pad in a window over the form: draw, clear, accept or cancel (Esc).
    pub fn ui(&mut self, ui: &mut Ui, i18n: &I18n) -> Option<PadAnswer> {
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("signing-pad")).show(ui.ctx(), |ui| {
            ui.heading(i18n.tr_args(
                "sign-pad-title",
                &[
                    ("signer", &i18n.tr(self.signer.message_key())),
                    ("number", &self.number),
                ],
            ));
            ui.label(i18n.tr("sign-pad-explain"));
            self.pad_ui(ui, i18n);
            if let Some(problem) = self.problem {
                ui.colored_label(ui.visuals().error_fg_color, i18n.tr(problem.message_key()));
            }
            ui.horizontal(|ui| {
                if ui.button(i18n.tr("sign-pad-accept")).clicked() {
                    match self.strokes.check() {
                        Ok(()) => answer = Some(PadAnswer::Accept),
                        Err(problem) => self.problem = Some(problem),
                    }
                }
                if ui.button(i18n.tr("sign-pad-clear")).clicked() {
                    self.strokes.clear();
                    self.problem = None;
                }
                if ui.button(i18n.tr("sign-pad-cancel")).clicked() {
                    answer = Some(PadAnswer::Cancel);
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(PadAnswer::Cancel);
        }
        answer
    }

    /// The drawing area: a stroke from each press to its release.
    fn pad_ui(&mut self, ui: &mut Ui, i18n: &I18n) {
        let (response, painter) = ui.allocate_painter(PAD_SIZE, Sense::drag());
        let label = i18n.tr("sign-pad-label");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, &label));
        let rect = response.rect;
        let visuals = ui.visuals();
        painter.rect_filled(rect, 4.0, Color32::WHITE);
        painter.rect_stroke(
            rect,
            4.0,
            visuals.widgets.inactive.bg_stroke,
            egui::StrokeKind::Inside,
        );
        // The line to sign on, as on paper.
        let base = rect.bottom() - rect.height() * 0.22;
        painter.line_segment(
            [
                Pos2::new(rect.left() + 24.0, base),
                Pos2::new(rect.right() - 24.0, base),
            ],
            Stroke::new(1.0, Color32::from_gray(190)),
        );
        painter.text(
            Pos2::new(rect.left() + 12.0, base),
            egui::Align2::LEFT_BOTTOM,
            "×",
            egui::FontId::proportional(18.0),
            Color32::from_gray(150),
        );
        if self.strokes.is_empty() {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                i18n.tr("sign-pad-here"),
                egui::FontId::proportional(16.0),
                Color32::from_gray(170),
            );
        }
        let to_pad = |pos: Pos2| {
            let at = (pos - rect.min) / rect.size();
            (at.x * f32::from(PAD_WIDTH), at.y * f32::from(PAD_HEIGHT))
        };
        let pointer = response.interact_pointer_pos();
        if response.drag_started()
            && let Some(pos) = pointer
        {
            self.strokes.begin(to_pad(pos));
            self.drawing = true;
            self.problem = None;
        } else if self.drawing
            && response.dragged()
            && let Some(pos) = pointer
        {
            self.strokes.extend(to_pad(pos));
        }
        if response.drag_stopped() {
            self.drawing = false;
        }
        paint_strokes(&painter, rect, &self.strokes, 2.5);
    }
}

/// Draws `strokes` scaled into `rect`, in ink.
fn paint_strokes(painter: &egui::Painter, rect: Rect, strokes: &Strokes, width: f32) {
    let ink = Stroke::new(width, Color32::from_rgb(20, 30, 90));
    let scale = rect.size() / Vec2::new(f32::from(PAD_WIDTH), f32::from(PAD_HEIGHT));
    for stroke in &strokes.0 {
        let points: Vec<Pos2> = stroke
            .iter()
            .map(|&(x, y)| rect.min + Vec2::new(f32::from(x), f32::from(y)) * scale)
            .collect();
        match points.as_slice() {
            [] => {}
            [dot] => {
                painter.circle_filled(*dot, width / 2.0, ink.color);
            }
            _ => {
                painter.add(egui::Shape::line(points, ink));
            }
        }
    }
}

/// Why a form cannot be signed now, if it cannot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CannotSign {
    /// Typing not saved: a signature is given for the form as saved.
    Unsaved,
    Void,
}

/// One signature box of a stored form and where it stands on the form as saved, read by the
/// shell ([`crate::store::Store::signature_boxes`]).
#[derive(Clone, Debug, PartialEq)]
pub struct SignatureBox {
    pub form: FormRecord,
    pub signer: Signer,
    pub standing: Standing,
}

/// The form's signature boxes: for each signer, whether and when they signed on screen, the
/// signature itself, and the button that opens the pad for the form at `revision`.
pub fn signatures_ui(
    ui: &mut Ui,
    i18n: &I18n,
    (form, number, revision): (FormRecord, &str, i64),
    boxes: &[SignatureBox],
    cannot: Option<CannotSign>,
) -> Option<Command> {
    let mut command = None;
    let mut heading = true;
    for SignatureBox {
        signer, standing, ..
    } in boxes.iter().filter(|b| b.form == form)
    {
        let signer = *signer;
        if std::mem::take(&mut heading) {
            super::heading(ui, i18n.tr("sign-heading"));
        }
        ui.horizontal(|ui| {
            let again = matches!(standing, Standing::Earlier(_));
            let label = if again {
                i18n.tr_args("sign-again", &[("signer", &i18n.tr(signer.message_key()))])
            } else {
                i18n.tr(signer.button_key())
            };
            let button = ui.add_enabled(cannot.is_none(), egui::Button::new(label));
            let button = match cannot {
                Some(CannotSign::Unsaved) => {
                    button.on_disabled_hover_text(i18n.tr("sign-save-first"))
                }
                Some(CannotSign::Void) => button.on_disabled_hover_text(i18n.tr("sign-void")),
                None => button.on_hover_text(i18n.tr("sign-hint")),
            };
            if button.clicked() {
                command = Some(Command::OpenSigningPad {
                    form,
                    number: number.to_owned(),
                    signer,
                    revision,
                });
            }
            match standing {
                Standing::Unsigned => {
                    ui.weak(i18n.tr("sign-unsigned"));
                }
                Standing::Signed(signature) => {
                    thumbnail(ui, signature);
                    ui.label(signed_text(i18n, "sign-signed", signature));
                }
                Standing::Earlier(signature) => {
                    thumbnail(ui, signature);
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        signed_text(i18n, "sign-earlier", signature),
                    );
                }
            }
        });
    }
    command
}

/// "Signed 2026-12-03 10:14, taken by 王芳" and its like.
fn signed_text(i18n: &I18n, key: &str, signature: &Signature) -> String {
    i18n.tr_args(
        key,
        &[
            ("at", &minutes(signature.signed_at)),
            ("by", &signature.signed_by),
            ("saved", &minutes(signature.form_saved_at)),
        ],
    )
}

fn minutes(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// A signature drawn small, framed as its box on paper.
fn thumbnail(ui: &mut Ui, signature: &Signature) {
    let (rect, _) = ui.allocate_exact_size(THUMB_SIZE, Sense::hover());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, Color32::WHITE);
    painter.rect_stroke(
        rect,
        2.0,
        ui.visuals().widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    paint_strokes(&painter, rect, &signature.strokes, 1.2);
}

//! A record's History panel: who changed what and when, from the audit trail.

use egui::Ui;

use crate::i18n::I18n;
use crate::store::audit::AuditEntry;

/// The catalogue label of a logged column: `<group>-<column>` in the form's own group, then
/// the warranty card's (which names the customer and product fields); the column name itself
/// when neither exists.
fn field_label(i18n: &I18n, group: &str, column: &str) -> String {
    let column = column.replace('_', "-");
    for key in [
        format!("{group}-{column}"),
        format!("card-{column}"),
        format!("{group}-{}", column.trim_end_matches("-fen")),
    ] {
        if i18n.has(&key) {
            return i18n.tr(&key);
        }
    }
    column
}

/// A collapsible list of `entries` (each with the catalogue group of its form: `card`,
/// `complaint`, `investigation`, `confirmation`, `customer`), oldest first.
pub fn history_ui(ui: &mut Ui, i18n: &I18n, entries: &[(&'static str, AuditEntry)]) {
    let title = i18n.tr_args("history-title", &[("count", &entries.len().to_string())]);
    egui::CollapsingHeader::new(title)
        .id_salt("history")
        .show(ui, |ui| {
            if entries.is_empty() {
                ui.weak(i18n.tr("history-empty"));
                return;
            }
            egui::Grid::new("grid-history")
                .num_columns(3)
                .striped(true)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for (group, entry) in entries {
                        ui.label(entry.at.format("%Y-%m-%d %H:%M").to_string());
                        ui.label(if entry.operator.is_empty() {
                            i18n.tr("history-unknown-operator")
                        } else {
                            entry.operator.clone()
                        });
                        let text = match entry.action.as_str() {
                            "insert" => i18n.tr_args(
                                "history-created",
                                &[("form", &i18n.tr(&format!("{group}-title")))],
                            ),
                            "delete" => i18n.tr("history-deleted"),
                            _ => {
                                let field = field_label(
                                    i18n,
                                    group,
                                    entry.field.as_deref().unwrap_or_default(),
                                );
                                let show = |v: &Option<String>| {
                                    let v = v.clone().unwrap_or_default();
                                    if v.chars().count() > 60 {
                                        format!("{}…", v.chars().take(60).collect::<String>())
                                    } else {
                                        v
                                    }
                                };
                                i18n.tr_args(
                                    "history-changed",
                                    &[
                                        ("field", &field),
                                        ("old", &show(&entry.old_value)),
                                        ("new", &show(&entry.new_value)),
                                    ],
                                )
                            }
                        };
                        ui.label(text);
                        ui.end_row();
                    }
                });
        });
}

//! A record's History panel: who changed what and when, from the audit trail.

use egui::Ui;

use crate::i18n::I18n;
use crate::store::audit::AuditEntry;

/// Columns whose label is not `<group>-<column>`: the trail's own entries (a photo added, a
/// part line changed, a record voided) and fields labelled by another form's key.
const LABELS: [(&str, &str); 16] = [
    ("complaint_type", "complaint-type"),
    ("customer_request", "complaint-request"),
    ("warranty_registration_no", "complaint-warranty-no"),
    ("documents_checked", "investigation-documents"),
    ("voided_at", "history-voided-at"),
    ("void_reason", "history-void-reason"),
    ("photo", "history-photo"),
    ("photo-withdrawn", "history-photo-withdrawn"),
    ("photo-purged", "history-photo-purged"),
    ("signed-page", "history-signed-page"),
    ("signature", "history-signature"),
    ("part", "history-part"),
    ("remedy", "history-remedy"),
    ("counterfeit_or_unmarked", "three-guarantees-counterfeit"),
    ("price_fen", "three-guarantees-price"),
    ("sale_date", "three-guarantees-sale-date"),
];

/// The catalogue label of a logged column: one of [`LABELS`]; a cost (`travel_fen`) or who
/// bears it (`travel_borne_by`); a rating (`rating_skill`); then `<group>-<column>` in the
/// form's own group, the warranty card's (which names the customer and product fields) and
/// its `card-customer-` fields; the column name itself when none exists (a test keeps every
/// logged column out of that case).
fn field_label(i18n: &I18n, group: &str, column: &str) -> String {
    if let Some((_, key)) = LABELS.iter().find(|(c, _)| *c == column) {
        return i18n.tr(key);
    }
    if let Some(kind) = column.strip_suffix("_borne_by") {
        return format!(
            "{} {}",
            i18n.tr(&format!("cost-{kind}")),
            i18n.tr("confirmation-cost-borne-by")
        );
    }
    let column = column.replace('_', "-");
    for key in [
        format!("cost-{}", column.trim_end_matches("-fen")),
        // rating-skill and the other aspects are the catalogue's own keys.
        if column.starts_with("rating-") {
            column.clone()
        } else {
            String::new()
        },
        format!("{group}-{column}"),
        format!("card-{column}"),
        format!("card-customer-{column}"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// Every field the audit triggers log for `table`, as the trail names it.
    fn logged_fields(conn: &rusqlite::Connection, table: &str) -> Vec<String> {
        let sql: Vec<String> = conn
            .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%audit%'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        // Each entry reads "'<table>', new.<id column>, 'update', '<field>'" (or old.).
        let opening = format!("'{table}', ");
        let mut fields = Vec::new();
        for trigger in sql {
            for (at, _) in trigger.match_indices(&opening) {
                let rest = &trigger[at + opening.len()..];
                let Some((id, rest)) = rest.split_once(", 'update', '") else {
                    continue;
                };
                let is_id = (id.starts_with("new.") || id.starts_with("old."))
                    && id[4..].chars().all(|c| c.is_ascii_lowercase() || c == '_');
                if !is_id {
                    continue;
                }
                let field = &rest[..rest.find('\'').unwrap()];
                if !fields.iter().any(|f| f == field) {
                    fields.push(field.to_owned());
                }
            }
        }
        fields
    }

    #[test]
    fn every_field_the_trail_logs_is_named_in_words_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        drop(crate::store::Store::open(&path).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mut checked = 0;
        let mut raw = Vec::new();
        for lang in Lang::ALL {
            let i18n = I18n::new(lang);
            for (table, group) in [
                ("warranty_cards", "card"),
                ("complaints", "complaint"),
                ("investigations", "investigation"),
                ("confirmations", "confirmation"),
                ("customers", "customer"),
                ("maintenance_contracts", "contract"),
            ] {
                let fields = logged_fields(&conn, table);
                assert!(!fields.is_empty(), "{table}");
                for field in fields {
                    let label = field_label(&i18n, group, &field);
                    if label == field || label == field.replace('_', "-") {
                        raw.push(format!("{lang:?} {table}.{field}"));
                    }
                    checked += 1;
                }
            }
        }
        assert!(raw.is_empty(), "shown as their column's name: {raw:#?}");
        assert!(checked > 100, "{checked}");
    }
}

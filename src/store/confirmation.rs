//! Service confirmations and their parts in the database.

use chrono::NaiveDateTime;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params};

use super::case::{LinkedForm, save_linked_form};
use super::sql::{
    Columns, choice, day, insert_row, optional_date_column, text, time, timestamp_column,
};
use super::{Result, Store, StoreError};
use crate::domain::confirmation::{
    BorneBy, Confirmation, Cost, Part, Rating, ServiceCategory, TECHNICIAN_SEPARATOR,
    ThreeGuarantees, technician_names,
};
use crate::domain::investigation::Treatment;
use crate::domain::money::Fen;
use crate::domain::numbering::CONFIRMATION_PREFIX;
use crate::domain::three_guarantees::Remedy;

/// A confirmation as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredConfirmation {
    pub id: i64,
    pub uuid: String,
    pub confirmation_no: String,
    pub complaint_id: i64,
    pub confirmation: Confirmation,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Raised by every change: a form saved from an older revision is a conflict.
    pub revision: i64,
    /// The office that made it: '' for this office, else its code (a dealer's record at its
    /// region or headquarters).
    pub origin: String,
}

/// The typed columns, in the order [`stored_confirmation`] reads them.
const COLUMNS: [&str; 26] = [
    "treatment",
    "work_done",
    "service_category",
    "labour_fen",
    "labour_borne_by",
    "parts_fen",
    "parts_borne_by",
    "travel_fen",
    "travel_borne_by",
    "transport_fen",
    "transport_borne_by",
    "remedy",
    "price_fen",
    "sale_date",
    "counterfeit_or_unmarked",
    "rating_attitude",
    "rating_skill",
    "rating_arrival_time",
    "rating_follow_through",
    "comments",
    "completed_at",
    "technicians",
    "contact_person",
    "cause_found",
    "packaging_fen",
    "packaging_borne_by",
];

/// The confirmation's typed fields as the columns they are stored in (its parts are in their
/// own table).
fn confirmation_columns(confirmation: &Confirmation) -> Columns {
    let Confirmation {
        treatment,
        work_done,
        technicians,
        contact_person,
        cause_found,
        parts: _,
        service_category,
        costs: [labour, parts, travel, transport, packaging],
        three_guarantees,
        ratings: [attitude, skill, arrival_time, follow_through],
        comments,
        completed_at,
    } = confirmation;
    let (remedy, price, sale_date, counterfeit) = match three_guarantees {
        Some(ThreeGuarantees {
            remedy,
            price,
            sale_date,
            counterfeit_or_unmarked,
        }) => (
            text(match remedy {
                Remedy::Exchange => "exchange",
                Remedy::Refund => "refund",
            }),
            Value::Integer(price.0),
            day(*sale_date),
            Value::Integer((*counterfeit_or_unmarked).into()),
        ),
        None => (Value::Null, Value::Null, Value::Null, Value::Null),
    };
    vec![
        ("treatment", text(treatment.code())),
        ("work_done", text(work_done)),
        ("service_category", text(service_category.code())),
        ("labour_fen", Value::Integer(labour.amount.0)),
        ("labour_borne_by", text(labour.borne_by.code())),
        ("parts_fen", Value::Integer(parts.amount.0)),
        ("parts_borne_by", text(parts.borne_by.code())),
        ("travel_fen", Value::Integer(travel.amount.0)),
        ("travel_borne_by", text(travel.borne_by.code())),
        ("transport_fen", Value::Integer(transport.amount.0)),
        ("transport_borne_by", text(transport.borne_by.code())),
        ("remedy", remedy),
        ("price_fen", price),
        ("sale_date", sale_date),
        ("counterfeit_or_unmarked", counterfeit),
        ("rating_attitude", text(attitude.code())),
        ("rating_skill", text(skill.code())),
        ("rating_arrival_time", text(arrival_time.code())),
        ("rating_follow_through", text(follow_through.code())),
        ("comments", text(comments)),
        ("completed_at", time(*completed_at)),
        ("technicians", text(&technicians.join(TECHNICIAN_SEPARATOR))),
        ("contact_person", text(contact_person)),
        ("cause_found", text(cause_found)),
        ("packaging_fen", Value::Integer(packaging.amount.0)),
        ("packaging_borne_by", text(packaging.borne_by.code())),
    ]
}

impl Store {
    /// Stores the confirmation of complaint `complaint_id` with its parts: creates it when
    /// `revision` is `None`, or replaces it when the stored one is still at `revision` (see
    /// [`Store::update_card`]), in one transaction.
    pub fn save_confirmation(
        &mut self,
        complaint_id: i64,
        confirmation: &Confirmation,
        revision: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<StoredConfirmation> {
        self.write(|tx| save_confirmation(tx, complaint_id, confirmation, revision, now))?;
        self.confirmation_of(complaint_id)?
            .ok_or_else(|| StoreError::NotFound(format!("#{complaint_id}")))
    }

    /// The confirmation of complaint `complaint_id`, if one was written.
    pub fn confirmation_of(&self, complaint_id: i64) -> Result<Option<StoredConfirmation>> {
        self.confirmation_where("complaint_id = ?1", Value::Integer(complaint_id))
    }

    pub fn confirmation_by_number(&self, number: &str) -> Result<StoredConfirmation> {
        self.confirmation_by_number_of(number, None)
    }

    /// The confirmation with this number of the office `origin` (when given).
    pub fn confirmation_by_number_of(
        &self,
        number: &str,
        origin: Option<&str>,
    ) -> Result<StoredConfirmation> {
        let number = number.trim().to_ascii_uppercase();
        let id = super::id_by_number(
            &self.conn,
            "confirmations",
            "confirmation_no",
            &number,
            origin,
        )?;
        self.confirmation_where("id = ?1", Value::Integer(id))?
            .ok_or(StoreError::NotFound(number))
    }

    fn confirmation_where(
        &self,
        condition: &str,
        value: Value,
    ) -> Result<Option<StoredConfirmation>> {
        let sql = format!(
            "SELECT id, uuid, confirmation_no, complaint_id, {}, created_at, updated_at, revision, origin
             FROM confirmations WHERE {condition}",
            COLUMNS.join(", ")
        );
        let Some(mut stored) = self
            .conn
            .query_row(&sql, [value], stored_confirmation)
            .optional()?
            .transpose()?
        else {
            return Ok(None);
        };
        let mut statement = self.conn.prepare(
            "SELECT name, quantity, unit_cost_fen, old_part_returned, faulty_serial,
                    replacement_serial
             FROM confirmation_parts WHERE confirmation_id = ?1 ORDER BY position",
        )?;
        stored.confirmation.parts = statement
            .query_map([stored.id], |row| {
                Ok(Part {
                    name: row.get(0)?,
                    quantity: row.get(1)?,
                    unit_cost: Fen(row.get(2)?),
                    old_part_returned: row.get(3)?,
                    faulty_serial: row.get(4)?,
                    replacement_serial: row.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(stored))
    }
}

/// Creates or replaces the confirmation of complaint `complaint_id` inside the caller's
/// transaction, its parts changed line by line (each change in the audit trail), and records
/// that the case is resolved; returns the confirmation's id.
pub(crate) fn save_confirmation(
    tx: &rusqlite::Connection,
    complaint_id: i64,
    confirmation: &Confirmation,
    revision: Option<i64>,
    now: NaiveDateTime,
) -> Result<i64> {
    let form = LinkedForm {
        table: "confirmations",
        number_column: "confirmation_no",
        prefix: CONFIRMATION_PREFIX,
    };
    let id = save_linked_form(
        tx,
        &form,
        complaint_id,
        confirmation_columns(confirmation),
        revision,
        now,
    )?;
    save_parts(tx, id, &confirmation.parts)?;
    // A signed confirmation resolves the case.
    let step = crate::domain::case_life::Step::Resolved;
    super::case_steps::advance_to(tx, complaint_id, step, confirmation.completed_at, now)?;
    Ok(id)
}

/// Brings the stored parts lines of confirmation `id` to `parts`, position by position:
/// a line unchanged is left alone, a changed one updated, a new one inserted, a removed one
/// deleted, so the audit trail shows exactly what changed.
fn save_parts(tx: &rusqlite::Connection, id: i64, parts: &[Part]) -> Result<()> {
    let stored: Vec<(i64, Part)> = tx
        .prepare_cached(
            "SELECT position, name, quantity, unit_cost_fen, old_part_returned, faulty_serial,
                    replacement_serial
             FROM confirmation_parts WHERE confirmation_id = ?1 ORDER BY position",
        )?
        .query_map([id], |row| {
            Ok((
                row.get(0)?,
                Part {
                    name: row.get(1)?,
                    quantity: row.get(2)?,
                    unit_cost: Fen(row.get(3)?),
                    old_part_returned: row.get(4)?,
                    faulty_serial: row.get(5)?,
                    replacement_serial: row.get(6)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (position, part) in parts.iter().enumerate() {
        let position = position as i64;
        let Part {
            name,
            quantity,
            unit_cost,
            old_part_returned,
            faulty_serial,
            replacement_serial,
        } = part;
        match stored.iter().find(|(p, _)| *p == position) {
            Some((_, same)) if same == part => {}
            Some(_) => {
                tx.execute(
                    "UPDATE confirmation_parts SET name = ?3, quantity = ?4, unit_cost_fen = ?5,
                        old_part_returned = ?6, faulty_serial = ?7, replacement_serial = ?8
                     WHERE confirmation_id = ?1 AND position = ?2",
                    params![
                        id,
                        position,
                        name,
                        quantity,
                        unit_cost.0,
                        old_part_returned,
                        faulty_serial,
                        replacement_serial
                    ],
                )?;
            }
            None => {
                insert_row(
                    tx,
                    "confirmation_parts",
                    &vec![
                        ("confirmation_id", Value::Integer(id)),
                        ("position", Value::Integer(position)),
                        ("name", text(name)),
                        ("quantity", Value::Integer((*quantity).into())),
                        ("unit_cost_fen", Value::Integer(unit_cost.0)),
                        (
                            "old_part_returned",
                            Value::Integer((*old_part_returned).into()),
                        ),
                        ("faulty_serial", text(faulty_serial)),
                        ("replacement_serial", text(replacement_serial)),
                    ],
                )?;
            }
        }
    }
    tx.execute(
        "DELETE FROM confirmation_parts WHERE confirmation_id = ?1 AND position >= ?2",
        params![id, parts.len() as i64],
    )?;
    Ok(())
}

fn stored_confirmation(row: &Row) -> rusqlite::Result<Result<StoredConfirmation>> {
    let parsed = (|| -> rusqlite::Result<StoredConfirmation> {
        let cost = |index: usize| -> rusqlite::Result<Cost> {
            Ok(Cost {
                amount: Fen(row.get(index)?),
                borne_by: choice(row, index + 1, BorneBy::from_code)?,
            })
        };
        let remedy: Option<String> = row.get(15)?;
        let three_guarantees = match remedy {
            None => None,
            Some(remedy) => Some(ThreeGuarantees {
                remedy: if remedy == "refund" {
                    Remedy::Refund
                } else {
                    Remedy::Exchange
                },
                price: Fen(row.get(16)?),
                sale_date: optional_date_column(row, 17)?.unwrap_or_default(),
                counterfeit_or_unmarked: row.get(18)?,
            }),
        };
        Ok(StoredConfirmation {
            id: row.get(0)?,
            uuid: row.get(1)?,
            confirmation_no: row.get(2)?,
            complaint_id: row.get(3)?,
            confirmation: Confirmation {
                treatment: choice(row, 4, Treatment::from_code)?,
                work_done: row.get(5)?,
                technicians: technician_names(&row.get::<_, String>(25)?),
                contact_person: row.get(26)?,
                cause_found: row.get(27)?,
                parts: Vec::new(),
                service_category: choice(row, 6, ServiceCategory::from_code)?,
                costs: [cost(7)?, cost(9)?, cost(11)?, cost(13)?, cost(28)?],
                three_guarantees,
                ratings: [
                    choice(row, 19, Rating::from_code)?,
                    choice(row, 20, Rating::from_code)?,
                    choice(row, 21, Rating::from_code)?,
                    choice(row, 22, Rating::from_code)?,
                ],
                comments: row.get(23)?,
                completed_at: timestamp_column(row, 24)?,
            },
            created_at: timestamp_column(row, 30)?,
            updated_at: timestamp_column(row, 31)?,
            revision: row.get(32)?,
            origin: row.get(33)?,
        })
    })();
    super::sql::record(parsed)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::complaint::tests::{at, sample_complaint};

    pub(crate) fn confirmation() -> Confirmation {
        Confirmation {
            treatment: Treatment::Replace,
            work_done: "更换整机。".into(),
            technicians: vec!["王建国".into(), "刘强".into()],
            contact_person: "王女士（家属）".into(),
            cause_found: "主控板受潮短路".into(),
            parts: vec![
                Part {
                    name: "点火针".into(),
                    quantity: 2,
                    unit_cost: Fen(1_550),
                    old_part_returned: true,
                    faulty_serial: "DH2023004711".into(),
                    replacement_serial: "DH2026118204".into(),
                },
                Part {
                    name: "比例阀".into(),
                    quantity: 1,
                    unit_cost: Fen(12_000),
                    old_part_returned: false,
                    ..Part::default()
                },
            ],
            service_category: ServiceCategory::FreeInWarranty,
            costs: [
                Cost {
                    amount: Fen(8_000),
                    borne_by: BorneBy::Company,
                },
                Cost {
                    amount: Fen(15_100),
                    borne_by: BorneBy::Dealer,
                },
                Cost {
                    amount: Fen(3_000),
                    borne_by: BorneBy::ResponsibleParty,
                },
                Cost {
                    amount: Fen(0),
                    borne_by: BorneBy::Customer,
                },
                Cost {
                    amount: Fen(5_000),
                    borne_by: BorneBy::Dealer,
                },
            ],
            three_guarantees: Some(ThreeGuarantees {
                remedy: Remedy::Refund,
                price: Fen(200_000),
                sale_date: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
                counterfeit_or_unmarked: false,
            }),
            ratings: [
                Rating::VerySatisfied,
                Rating::Satisfied,
                Rating::Fair,
                Rating::Dissatisfied,
            ],
            comments: "师傅很专业".into(),
            completed_at: at(22, 16),
        }
    }

    #[test]
    fn every_field_and_part_of_a_confirmation_survives_the_round_trip() {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        assert_eq!(store.confirmation_of(complaint.id).unwrap(), None);
        let stored = store
            .save_confirmation(complaint.id, &confirmation(), None, at(22, 17))
            .unwrap();
        assert_eq!(stored.confirmation, confirmation());
        assert_eq!(stored.confirmation_no, "SC-2026-11-0001");
        assert_eq!(
            store.confirmation_by_number("SC-2026-11-0001").unwrap(),
            stored
        );
    }

    #[test]
    fn technicians_are_stored_as_one_text_of_the_names_joined_by_the_enumeration_comma() {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let stored = store
            .save_confirmation(complaint.id, &confirmation(), None, at(22, 17))
            .unwrap();
        let column: String = store
            .conn
            .query_row(
                "SELECT technicians FROM confirmations WHERE id = ?1",
                [stored.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(column, "王建国、刘强");
        // A confirmation saved before the form asked reads as naming no one.
        store
            .write(|tx| {
                Ok(tx.execute(
                    "UPDATE confirmations SET technicians = '' WHERE id = ?1",
                    [stored.id],
                )?)
            })
            .unwrap();
        let read = store.confirmation_of(complaint.id).unwrap().unwrap();
        assert_eq!(read.confirmation.technicians, Vec::<String>::new());
    }

    #[test]
    fn a_confirmation_is_found_by_its_technicians_and_their_change_is_in_the_trail() {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let first = store
            .save_confirmation(complaint.id, &confirmation(), None, at(22, 17))
            .unwrap();
        let found = |store: &Store, text: &str| {
            store
                .search_all(text, 10)
                .unwrap()
                .iter()
                .any(|hit| hit.kind == super::super::search::RecordKind::Confirmation)
        };
        // Three characters through the trigram index, two through LIKE.
        assert!(found(&store, "王建国"));
        assert!(found(&store, "刘强"));
        assert!(!found(&store, "李明辉"));
        let mut edited = confirmation();
        edited.technicians = vec!["李明辉".into()];
        store
            .save_confirmation(complaint.id, &edited, Some(first.revision), at(23, 8))
            .unwrap();
        assert!(found(&store, "李明辉"));
        assert!(!found(&store, "王建国"));
        let history = store
            .history(super::super::audit::AuditedTable::Confirmations, first.id)
            .unwrap();
        let logged = history
            .iter()
            .find(|e| e.field.as_deref() == Some("technicians"))
            .expect("the change of technicians is logged");
        assert_eq!(
            (logged.old_value.as_deref(), logged.new_value.as_deref()),
            (Some("王建国、刘强"), Some("李明辉"))
        );
        assert_eq!(store.verify().unwrap().first_break, None);
    }

    #[test]
    fn saving_again_replaces_the_parts_and_keeps_the_number() {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let first = store
            .save_confirmation(complaint.id, &confirmation(), None, at(22, 17))
            .unwrap();
        let mut edited = confirmation();
        edited.parts.remove(0);
        edited.three_guarantees = None;
        let second = store
            .save_confirmation(complaint.id, &edited, Some(first.revision), at(23, 8))
            .unwrap();
        assert_eq!(second.confirmation, edited);
        assert_eq!(
            (second.id, &second.confirmation_no),
            (first.id, &first.confirmation_no)
        );
    }
}

//! Machines received for repair (schema 12): registered with a number, finished once, never
//! deleted.

use chrono::{Datelike, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};

use super::sql::{TIMESTAMP, insert_row, text, time, timestamp_column};
use super::{Result, Store, StoreError};
use crate::domain::numbering::complaint_no;
use crate::domain::repair::Repair;

/// The prefix of repair numbers (RP-2026-11-0001).
pub const REPAIR_PREFIX: &str = "RP";

/// A delivery as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRepair {
    pub id: i64,
    pub repair_no: String,
    pub repair: Repair,
    /// When the last unit was repaired; `None` while work goes on.
    pub completed_at: Option<NaiveDateTime>,
    /// Who registered it.
    pub operator: String,
}

const COLUMNS: &str = "id, repair_no, received_at, sender, sender_phone, product_model, units, \
                       notes, completed_at, operator";

fn stored_repair(row: &rusqlite::Row) -> rusqlite::Result<StoredRepair> {
    let completed_at: Option<String> = row.get(8)?;
    Ok(StoredRepair {
        id: row.get(0)?,
        repair_no: row.get(1)?,
        repair: Repair {
            received_at: timestamp_column(row, 2)?,
            sender: row.get(3)?,
            sender_phone: row.get(4)?,
            product_model: row.get(5)?,
            units: row.get(6)?,
            notes: row.get(7)?,
        },
        completed_at: completed_at
            .map(|text| {
                NaiveDateTime::parse_from_str(&text, TIMESTAMP)
                    .map_err(|_| super::sql::conversion_error(8, &text))
            })
            .transpose()?,
        operator: row.get(9)?,
    })
}

impl Store {
    /// Registers a delivery, issuing its number.
    pub fn insert_repair(&mut self, repair: &Repair, now: NaiveDateTime) -> Result<StoredRepair> {
        let Repair {
            received_at,
            sender,
            sender_phone,
            product_model,
            units,
            notes,
        } = repair;
        let id = self.write(|tx| {
            let received = received_at.date();
            let period = format!("{}-{:02}", received.year(), received.month());
            let sequence = super::next_sequence(tx, REPAIR_PREFIX, &period)?;
            let number = complaint_no(REPAIR_PREFIX, received.year(), received.month(), sequence);
            let operator: String =
                tx.query_row("SELECT aftersales_operator()", [], |r| r.get(0))?;
            Ok(insert_row(
                tx,
                "repairs",
                &vec![
                    ("uuid", text(&uuid::Uuid::new_v4().to_string())),
                    ("repair_no", text(&number)),
                    ("received_at", time(*received_at)),
                    ("sender", text(sender)),
                    ("sender_phone", text(sender_phone)),
                    ("product_model", text(product_model)),
                    ("units", Value::Integer((*units).into())),
                    ("notes", text(notes)),
                    ("operator", Value::Text(operator)),
                    ("created_at", time(now)),
                ],
            )?)
        })?;
        self.repair_by_id(id)
    }

    pub fn repair_by_id(&self, id: i64) -> Result<StoredRepair> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM repairs WHERE id = ?1"),
                [id],
                stored_repair,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    /// Deliveries still being repaired, oldest first, then the `finished` most recently
    /// finished.
    pub fn repairs(&self, finished: usize) -> Result<Vec<StoredRepair>> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT * FROM (SELECT {COLUMNS} FROM repairs WHERE completed_at IS NULL
                            ORDER BY received_at, id)
             UNION ALL
             SELECT * FROM (SELECT {COLUMNS} FROM repairs WHERE completed_at IS NOT NULL
                            ORDER BY completed_at DESC, id DESC LIMIT ?1)"
        ))?;
        let repairs = statement
            .query_map([finished as i64], stored_repair)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(repairs)
    }

    /// Records that the delivery's last unit was repaired at `at` (once; not before receipt).
    pub fn complete_repair(&self, id: i64, at: NaiveDateTime) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE repairs SET completed_at = ?2
                 WHERE id = ?1 AND completed_at IS NULL AND received_at <= ?2",
                params![id, at.format(TIMESTAMP).to_string()],
            )?;
            if changed > 0 {
                return Ok(());
            }
            let found: Option<(String, Option<String>)> = tx
                .query_row(
                    "SELECT repair_no, completed_at FROM repairs WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            Err(match found {
                None => StoreError::NotFound(format!("#{id}")),
                Some((number, Some(_))) => StoreError::RepairAlreadyFinished(number),
                Some((number, None)) => StoreError::RepairBeforeReceipt(number),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::complaint::tests::at;

    fn delivery(units: u32, received_at: NaiveDateTime) -> Repair {
        Repair {
            received_at,
            sender: "南昌洪城经销部".into(),
            sender_phone: "0791-88881234".into(),
            product_model: "JSQ20-A1".into(),
            units,
            notes: "整批返修，点火不良".into(),
        }
    }

    #[test]
    fn deliveries_are_numbered_listed_open_first_and_finished_once() {
        let mut store = Store::open_in_memory().unwrap();
        let first = store
            .insert_repair(&delivery(25, at(20, 9)), at(20, 9))
            .unwrap();
        let second = store
            .insert_repair(&delivery(3, at(21, 9)), at(21, 9))
            .unwrap();
        assert_eq!(first.repair_no, "RP-2026-11-0001");
        assert_eq!(second.repair_no, "RP-2026-11-0002");
        assert_eq!(first.repair, delivery(25, at(20, 9)));
        assert_eq!(first.repair.due_at(10), at(23, 9));
        store.complete_repair(first.id, at(22, 17)).unwrap();
        // Finished once: a second completion is refused and the first time stays.
        assert!(matches!(
            store.complete_repair(first.id, at(22, 18)),
            Err(StoreError::RepairAlreadyFinished(number)) if number == "RP-2026-11-0001"
        ));
        assert_eq!(
            store.repair_by_id(first.id).unwrap().completed_at,
            Some(at(22, 17))
        );
        // Not before the machines arrived: refused, and still being repaired.
        assert!(matches!(
            store.complete_repair(second.id, at(20, 9)),
            Err(StoreError::RepairBeforeReceipt(number)) if number == "RP-2026-11-0002"
        ));
        assert_eq!(store.repair_by_id(second.id).unwrap().completed_at, None);
        let listed: Vec<(String, Option<NaiveDateTime>)> = store
            .repairs(10)
            .unwrap()
            .into_iter()
            .map(|r| (r.repair_no, r.completed_at))
            .collect();
        assert_eq!(
            listed,
            [
                ("RP-2026-11-0002".to_owned(), None),
                ("RP-2026-11-0001".to_owned(), Some(at(22, 17))),
            ]
        );
        let error = store
            .write(|tx| Ok(tx.execute("DELETE FROM repairs", [])?))
            .unwrap_err();
        assert!(
            matches!(&error, StoreError::Sqlite(inner)
                if inner.to_string().contains("repair deliveries are kept permanently")),
            "{error:?}"
        );
        assert_eq!(store.repairs(10).unwrap().len(), 2, "nothing deleted");
    }
}

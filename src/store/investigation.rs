//! Investigation reports and their photos in the database.

use chrono::NaiveDateTime;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params};

use super::case::{LinkedForm, save_linked_form};
use super::sql::{Columns, TIMESTAMP, choice, conversion_error, text, time, timestamp_column};
use super::{Result, Store, StoreError};
use crate::domain::investigation::{
    Document, Investigation, Photo, PhotoDocument, ResponsibleParty, Treatment,
};
use crate::domain::money::Fen;
use crate::domain::numbering::INVESTIGATION_PREFIX;

/// A report as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredInvestigation {
    pub id: i64,
    pub uuid: String,
    pub investigation_no: String,
    pub complaint_id: i64,
    pub investigation: Investigation,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Raised by every change: a form saved from an older revision is a conflict.
    pub revision: i64,
    /// The office that made it: '' for this office, else its code (a dealer's record at its
    /// region or headquarters).
    pub origin: String,
}

/// A stored photo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPhoto {
    pub id: i64,
    pub photo: Photo,
}

const SELECT: &str = "SELECT id, uuid, investigation_no, complaint_id, investigators, arrived_at,
    findings, documents_checked, cause, quality_problem, responsible_party, proposed_treatment,
    estimated_cost_fen, customer_opinion, created_at, updated_at, revision, origin FROM investigations";

impl Store {
    /// Stores the report of complaint `complaint_id`: creates it (numbered after the
    /// complaint) when `revision` is `None`, or replaces what was typed before when the stored
    /// report is still at `revision` (see [`Store::update_card`]).
    pub fn save_investigation(
        &mut self,
        complaint_id: i64,
        report: &Investigation,
        revision: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<StoredInvestigation> {
        self.write(|tx| save_investigation(tx, complaint_id, report, revision, now))?;
        self.investigation_of(complaint_id)?
            .ok_or_else(|| StoreError::NotFound(format!("#{complaint_id}")))
    }

    /// The report of complaint `complaint_id`, if one was written.
    pub fn investigation_of(&self, complaint_id: i64) -> Result<Option<StoredInvestigation>> {
        self.conn
            .query_row(
                &format!("{SELECT} WHERE complaint_id = ?1"),
                [complaint_id],
                stored_investigation,
            )
            .optional()?
            .transpose()
    }

    pub fn investigation_by_number(&self, number: &str) -> Result<StoredInvestigation> {
        self.investigation_by_number_of(number, None)
    }

    /// The report with this number of the office `origin` (when given).
    pub fn investigation_by_number_of(
        &self,
        number: &str,
        origin: Option<&str>,
    ) -> Result<StoredInvestigation> {
        let number = number.trim().to_ascii_uppercase();
        let id = super::id_by_number(
            &self.conn,
            "investigations",
            "investigation_no",
            &number,
            origin,
        )?;
        self.conn
            .query_row(
                &format!("{SELECT} WHERE id = ?1"),
                [id],
                stored_investigation,
            )
            .optional()?
            .ok_or(StoreError::NotFound(number))?
    }

    /// Attaches a photo to a stored report.
    pub fn add_photo(
        &self,
        investigation_id: i64,
        photo: &Photo,
        now: NaiveDateTime,
    ) -> Result<i64> {
        let Photo {
            file_name,
            mime,
            bytes,
            document,
        } = photo;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO investigation_photos
                     (investigation_id, file_name, mime, bytes, added_at, document, uuid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    investigation_id,
                    file_name,
                    mime,
                    bytes,
                    now.format(TIMESTAMP).to_string(),
                    document.code(),
                    uuid::Uuid::new_v4().to_string(),
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })
    }

    /// Takes a photo off its report: it no longer shows or prints, and stays in the file (and
    /// the audit trail) as evidence, with `reason`.
    pub fn withdraw_photo(&self, photo_id: i64, reason: &str, now: NaiveDateTime) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE investigation_photos SET withdrawn_at = ?2, withdraw_reason = ?3
                 WHERE id = ?1 AND withdrawn_at IS NULL",
                params![photo_id, now.format(TIMESTAMP).to_string(), reason.trim()],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound(format!("#{photo_id}")));
            }
            Ok(())
        })
    }

    /// The report's photos in the order they were added (not those withdrawn).
    pub fn photos_of(&self, investigation_id: i64) -> Result<Vec<StoredPhoto>> {
        let mut statement = self.conn.prepare(
            "SELECT id, file_name, mime, bytes, document FROM investigation_photos
             WHERE investigation_id = ?1 AND withdrawn_at IS NULL ORDER BY id",
        )?;
        let photos = statement
            .query_map([investigation_id], |row| {
                let mime: String = row.get(2)?;
                let mime = match mime.as_str() {
                    "image/jpeg" => "image/jpeg",
                    "image/png" => "image/png",
                    other => return Err(conversion_error(2, other)),
                };
                Ok(StoredPhoto {
                    id: row.get(0)?,
                    photo: Photo {
                        file_name: row.get(1)?,
                        mime,
                        bytes: row.get(3)?,
                        document: choice(row, 4, PhotoDocument::from_code)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(photos)
    }
}

/// Creates or replaces the report of complaint `complaint_id` inside the caller's transaction,
/// and records that the investigators were on site; returns the report's id.
pub(crate) fn save_investigation(
    tx: &rusqlite::Connection,
    complaint_id: i64,
    report: &Investigation,
    revision: Option<i64>,
    now: NaiveDateTime,
) -> Result<i64> {
    let form = LinkedForm {
        table: "investigations",
        number_column: "investigation_no",
        prefix: INVESTIGATION_PREFIX,
    };
    let id = save_linked_form(
        tx,
        &form,
        complaint_id,
        report_columns(report),
        revision,
        now,
    )?;
    // A report proves the investigators arrived.
    super::case_steps::advance_to(
        tx,
        complaint_id,
        crate::domain::case_life::Step::OnSite,
        report.arrived_at,
        now,
    )?;
    Ok(id)
}

/// The report's typed fields as the columns they are stored in.
fn report_columns(report: &Investigation) -> Columns {
    let Investigation {
        investigators,
        arrived_at,
        findings,
        documents_checked,
        cause,
        quality_problem,
        responsible_party,
        proposed_treatment,
        estimated_cost,
        customer_opinion,
    } = report;
    let documents = documents_checked
        .iter()
        .map(|d| d.code())
        .collect::<Vec<_>>()
        .join(",");
    vec![
        ("investigators", text(investigators)),
        ("arrived_at", time(*arrived_at)),
        ("findings", text(findings)),
        ("documents_checked", Value::Text(documents)),
        ("cause", text(cause)),
        ("quality_problem", Value::Integer((*quality_problem).into())),
        ("responsible_party", text(responsible_party.code())),
        ("proposed_treatment", text(proposed_treatment.code())),
        ("estimated_cost_fen", Value::Integer(estimated_cost.0)),
        ("customer_opinion", text(customer_opinion)),
    ]
}

fn stored_investigation(row: &Row) -> rusqlite::Result<Result<StoredInvestigation>> {
    let parsed = (|| -> rusqlite::Result<StoredInvestigation> {
        let documents: String = row.get(7)?;
        let documents_checked = documents
            .split(',')
            .filter(|code| !code.is_empty())
            .map(|code| Document::from_code(code).ok_or_else(|| conversion_error(7, code)))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(StoredInvestigation {
            id: row.get(0)?,
            uuid: row.get(1)?,
            investigation_no: row.get(2)?,
            complaint_id: row.get(3)?,
            investigation: Investigation {
                investigators: row.get(4)?,
                arrived_at: timestamp_column(row, 5)?,
                findings: row.get(6)?,
                documents_checked,
                cause: row.get(8)?,
                quality_problem: row.get(9)?,
                responsible_party: choice(row, 10, ResponsibleParty::from_code)?,
                proposed_treatment: choice(row, 11, Treatment::from_code)?,
                estimated_cost: Fen(row.get(12)?),
                customer_opinion: row.get(13)?,
            },
            created_at: timestamp_column(row, 14)?,
            updated_at: timestamp_column(row, 15)?,
            revision: row.get(16)?,
            origin: row.get(17)?,
        })
    })();
    super::sql::record(parsed)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::complaint::tests::{at, sample_complaint};

    pub(crate) fn report() -> Investigation {
        Investigation {
            investigators: "王磊、孙涛".into(),
            arrived_at: at(21, 14),
            findings: "排烟管接口松动。".into(),
            documents_checked: vec![Document::AcceptanceCertificate, Document::Photos],
            cause: "安装不规范".into(),
            quality_problem: false,
            responsible_party: ResponsibleParty::Installer,
            proposed_treatment: Treatment::Repair,
            estimated_cost: Fen(35_050),
            customer_opinion: "同意维修".into(),
        }
    }

    #[test]
    fn every_field_of_a_report_survives_the_round_trip_and_a_second_save_updates_it() {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        assert_eq!(store.investigation_of(complaint.id).unwrap(), None);
        let stored = store
            .save_investigation(complaint.id, &report(), None, at(21, 15))
            .unwrap();
        assert_eq!(stored.investigation, report());
        assert_eq!(stored.investigation_no, "IR-2026-11-0001");
        assert_eq!(
            store.investigation_by_number("ir-2026-11-0001").unwrap(),
            stored
        );

        let mut edited = report();
        edited.documents_checked.clear();
        edited.quality_problem = true;
        let updated = store
            .save_investigation(complaint.id, &edited, Some(stored.revision), at(22, 8))
            .unwrap();
        assert_eq!(updated.investigation, edited);
        assert_eq!(
            (updated.id, updated.created_at),
            (stored.id, stored.created_at)
        );
        assert_eq!(updated.updated_at, at(22, 8));
    }

    #[test]
    fn a_report_needs_an_existing_complaint() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(matches!(
            store.save_investigation(99, &report(), None, at(21, 15)),
            Err(StoreError::NotFound(_))
        ));
    }

    #[test]
    fn photos_are_kept_in_the_order_added_and_a_withdrawn_one_stays_in_the_file() {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let stored = store
            .save_investigation(complaint.id, &report(), None, at(21, 15))
            .unwrap();
        let jpeg = Photo {
            file_name: "现场1.jpg".into(),
            mime: "image/jpeg",
            bytes: vec![0xFF, 0xD8, 0xFF, 1, 2, 3],
            document: PhotoDocument::Scene,
        };
        let png = Photo {
            file_name: "铭牌.png".into(),
            mime: "image/png",
            bytes: b"\x89PNG\r\n\x1a\nxyz".to_vec(),
            document: PhotoDocument::AcceptanceCertificate,
        };
        let first = store.add_photo(stored.id, &jpeg, at(21, 15)).unwrap();
        store.add_photo(stored.id, &png, at(21, 16)).unwrap();
        let photos = store.photos_of(stored.id).unwrap();
        assert_eq!(
            photos.iter().map(|p| p.photo.clone()).collect::<Vec<_>>(),
            [jpeg, png.clone()]
        );
        store
            .withdraw_photo(first, "拍错了客户", at(21, 17))
            .unwrap();
        assert_eq!(store.photos_of(stored.id).unwrap().len(), 1);
        assert_eq!(store.photos_of(stored.id).unwrap()[0].photo, png);
        // Withdrawn, not deleted: the picture and the reason are still in the file.
        let (bytes, reason): (Vec<u8>, String) = store
            .conn
            .query_row(
                "SELECT bytes, withdraw_reason FROM investigation_photos WHERE id = ?1",
                [first],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(bytes, [0xFF, 0xD8, 0xFF, 1, 2, 3]);
        assert_eq!(reason, "拍错了客户");
        assert!(matches!(
            store.withdraw_photo(first, "again", at(21, 18)),
            Err(StoreError::NotFound(_))
        ));
    }
}

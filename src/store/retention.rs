//! Retention: the records past the period their class is kept, listed for review, and purged
//! only on an explicit confirmation. Complaint forms, investigation reports and confirmation
//! forms are permanent and never listed (triggers refuse to delete them anyway).

use chrono::{Months, NaiveDate};
use rusqlite::params;

use super::sql::TIMESTAMP;
use super::{Result, Settings, Store};
use crate::domain::investigation::PhotoDocument;

/// A record past its retention period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expired {
    /// A photo of an investigation report: its id, the report's number, the file name and
    /// when it was added.
    Photo {
        id: i64,
        report_no: String,
        file_name: String,
        added: String,
    },
    /// A warranty card: its id, number and warranty end.
    Card {
        id: i64,
        registration_no: String,
        warranty_end: String,
    },
}

impl Store {
    /// The records kept longer than their class's period on `today`, oldest first.
    pub fn past_retention(&self, settings: &Settings, today: NaiveDate) -> Result<Vec<Expired>> {
        let before = |years: u32| {
            today
                .checked_sub_months(Months::new(years * 12))
                .unwrap_or(NaiveDate::MIN)
        };
        let mut expired = Vec::new();
        if settings.retention_photo_years > 0 {
            let cutoff = before(settings.retention_photo_years)
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default();
            // Only the certificates kept two years expire; the report, its scene photos and
            // its other documents are permanent (the file refuses to delete them anyway).
            let expiring: Vec<String> = PhotoDocument::ALL
                .iter()
                .filter(|d| d.expires())
                .map(|d| format!("'{}'", d.code()))
                .collect();
            let mut statement = self.conn.prepare(&format!(
                "SELECT p.id, i.investigation_no, p.file_name, p.added_at FROM investigation_photos p
                 JOIN investigations i ON i.id = p.investigation_id
                 WHERE p.added_at < ?1 AND p.document IN ({})
                 ORDER BY p.added_at, p.id",
                expiring.join(", ")
            ))?;
            let photos = statement.query_map([cutoff.format(TIMESTAMP).to_string()], |row| {
                Ok(Expired::Photo {
                    id: row.get(0)?,
                    report_no: row.get(1)?,
                    file_name: row.get(2)?,
                    added: row.get(3)?,
                })
            })?;
            for photo in photos {
                expired.push(photo?);
            }
        }
        if settings.retention_card_years > 0 {
            let cutoff = before(settings.retention_card_years);
            let mut statement = self.conn.prepare(
                "SELECT id, registration_no, warranty_end FROM warranty_cards
                 WHERE warranty_end < ?1 ORDER BY warranty_end, id",
            )?;
            let cards = statement.query_map([cutoff.format("%Y-%m-%d").to_string()], |row| {
                Ok(Expired::Card {
                    id: row.get(0)?,
                    registration_no: row.get(1)?,
                    warranty_end: row.get(2)?,
                })
            })?;
            for card in cards {
                expired.push(card?);
            }
        }
        Ok(expired)
    }

    /// Deletes the listed records in one transaction (each deletion is in the audit trail,
    /// with the content deleted).
    pub fn purge(&mut self, expired: &[Expired]) -> Result<usize> {
        self.write(|tx| {
            let mut deleted = 0;
            for item in expired {
                deleted += match item {
                    Expired::Photo { id, .. } => tx.execute(
                        "DELETE FROM investigation_photos WHERE id = ?1",
                        params![id],
                    )?,
                    Expired::Card { id, .. } => {
                        tx.execute("DELETE FROM warranty_cards WHERE id = ?1", params![id])?
                    }
                };
            }
            Ok(deleted)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::investigation::{Investigation, Photo, ResponsibleParty, Treatment};
    use crate::domain::money::Fen;
    use crate::store::complaint::tests::{at, sample_complaint};

    #[test]
    fn photos_past_two_years_are_listed_and_purged_and_newer_ones_kept() {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let report = Investigation {
            investigators: "王磊".into(),
            arrived_at: at(20, 10),
            findings: "现场".into(),
            documents_checked: Vec::new(),
            cause: String::new(),
            quality_problem: false,
            responsible_party: ResponsibleParty::Company,
            proposed_treatment: Treatment::Repair,
            estimated_cost: Fen(0),
            customer_opinion: String::new(),
        };
        let report = store
            .save_investigation(complaint.id, &report, None, at(20, 10))
            .unwrap();
        let photo = Photo {
            file_name: "合格证.jpg".into(),
            mime: "image/jpeg",
            bytes: vec![0xFF, 0xD8, 0xFF],
            document: PhotoDocument::AcceptanceCertificate,
        };
        let scene = Photo {
            file_name: "现场.jpg".into(),
            document: PhotoDocument::Scene,
            ..photo.clone()
        };
        let three_years_ago = at(20, 10) - chrono::Duration::days(3 * 365);
        let expiring = store.add_photo(report.id, &photo, three_years_ago).unwrap();
        let old_scene = store.add_photo(report.id, &scene, three_years_ago).unwrap();
        store.add_photo(report.id, &photo, at(20, 10)).unwrap();
        let settings = Settings::default();
        let today = at(23, 9).date();
        let expired = store.past_retention(&settings, today).unwrap();
        assert_eq!(expired.len(), 1, "{expired:?}");
        assert!(
            matches!(&expired[0], Expired::Photo { id, report_no, .. } if report_no == "IR-2026-11-0001" && *id == expiring)
        );
        assert_eq!(store.purge(&expired).unwrap(), 1);
        assert_eq!(store.photos_of(report.id).unwrap().len(), 2);
        assert!(store.past_retention(&settings, today).unwrap().is_empty());
        // The report and its scene photo are permanent, whatever their age: the file itself
        // refuses to delete the photo, even asked directly.
        assert!(store.investigation_of(complaint.id).unwrap().is_some());
        let refused = store
            .write(|tx| {
                Ok(tx.execute(
                    "DELETE FROM investigation_photos WHERE id = ?1",
                    [old_scene],
                )?)
            })
            .unwrap_err();
        assert!(
            refused.to_string().contains("kept with its report"),
            "{refused}"
        );
        assert_eq!(store.photos_of(report.id).unwrap().len(), 2);
    }

    #[test]
    fn cards_are_kept_permanently_unless_a_period_is_set() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::fill_cards(&mut store, 30, 1, at(23, 9)).unwrap();
        let today = at(23, 9).date();
        assert!(
            store
                .past_retention(&Settings::default(), today)
                .unwrap()
                .is_empty()
        );
        let settings = Settings {
            retention_card_years: 1,
            ..Settings::default()
        };
        let expired = store.past_retention(&settings, today).unwrap();
        let cutoff = today.checked_sub_months(Months::new(12)).unwrap();
        assert!(!expired.is_empty());
        for item in &expired {
            let Expired::Card { id, .. } = item else {
                panic!("only cards")
            };
            assert!(store.card_by_id(*id).unwrap().card.warranty_end() < cutoff);
        }
        let before = store.card_count().unwrap();
        store.purge(&expired).unwrap();
        assert_eq!(store.card_count().unwrap(), before - expired.len() as u64);
    }
}

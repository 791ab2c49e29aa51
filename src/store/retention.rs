//! Retention: the records past the period their class is kept, listed for review, and purged
//! only on an explicit confirmation. Complaint forms, investigation reports and confirmation
//! forms are permanent and never listed (triggers refuse to delete them anyway).

use chrono::{Months, NaiveDate};
use rusqlite::params;

use super::sql::TIMESTAMP;
use super::{Result, Store};
use crate::domain::investigation::PhotoDocument;
use crate::domain::settings::Settings;

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
    use sha2::Digest;

    #[test]
    fn photos_past_two_years_are_listed_and_purged_and_newer_ones_kept() {
        let mut store = Store::open_in_memory().unwrap();
        let report = report(&mut store);
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
        assert!(
            store
                .investigation_of(report.complaint_id)
                .unwrap()
                .is_some()
        );
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

    /// A report on a case received on the 20th, to attach photos to.
    fn report(store: &mut Store) -> crate::store::investigation::StoredInvestigation {
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
        store
            .save_investigation(complaint.id, &report, None, at(20, 10))
            .unwrap()
    }

    fn photo(file_name: &str, document: PhotoDocument) -> Photo {
        Photo {
            file_name: file_name.into(),
            mime: "image/jpeg",
            bytes: vec![0xFF, 0xD8, 0xFF],
            document,
        }
    }

    fn time(text: &str) -> chrono::NaiveDateTime {
        chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    /// A card bought (and issued) on `purchase` with twelve months of warranty.
    fn card(
        store: &mut Store,
        name: &str,
        purchase: &str,
    ) -> crate::store::warranty_card::StoredCard {
        let card = crate::domain::warranty_card::WarrantyCardDraft {
            issue_date: purchase.into(),
            issuing_dealer: "南昌洪城经销部".into(),
            customer_name: name.into(),
            customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
            customer_phone: "13800138000".into(),
            product_model: "JSQ20-A1".into(),
            serial_no: format!("SN-{purchase}"),
            purchase_date: purchase.into(),
            warranty_months: "12".into(),
            feedback_returned: true,
            ..Default::default()
        }
        .parse(at(23, 9).date())
        .unwrap();
        store.insert_card(&card, "WC", at(23, 9)).unwrap()
    }

    #[test]
    fn a_photo_exactly_two_years_old_is_kept_and_one_two_years_and_a_day_old_expires() {
        let mut store = Store::open_in_memory().unwrap();
        let report = report(&mut store).id;
        let certificate = photo("合格证.jpg", PhotoDocument::AcceptanceCertificate);
        // Today is 2026-11-23: two years ago is 2024-11-23, whatever the time of day.
        let day_older = store
            .add_photo(report, &certificate, time("2024-11-22 23:59:59"))
            .unwrap();
        store
            .add_photo(report, &certificate, time("2024-11-23 00:00:00"))
            .unwrap();
        store
            .add_photo(report, &certificate, time("2024-11-23 17:00:00"))
            .unwrap();
        let expired = store
            .past_retention(&Settings::default(), at(23, 9).date())
            .unwrap();
        assert_eq!(
            expired,
            [Expired::Photo {
                id: day_older,
                report_no: "IR-2026-11-0001".into(),
                file_name: "合格证.jpg".into(),
                added: "2024-11-22 23:59:59".into(),
            }]
        );
        // The next day, the photos added on 2024-11-23 expire too.
        assert_eq!(
            store
                .past_retention(&Settings::default(), at(24, 9).date())
                .unwrap()
                .len(),
            3
        );
    }

    #[test]
    fn the_records_past_retention_are_exactly_the_old_certificates_and_long_ended_cards() {
        let mut store = Store::open_in_memory().unwrap();
        let report = report(&mut store).id;
        let environment = store
            .add_photo(
                report,
                &photo("环境表.jpg", PhotoDocument::EnvironmentTable),
                time("2023-05-04 10:00:00"),
            )
            .unwrap();
        let acceptance = store
            .add_photo(
                report,
                &photo("验收单.jpg", PhotoDocument::InstallationAcceptance),
                time("2021-01-15 08:30:00"),
            )
            .unwrap();
        // Kept: a permanent scene photo and a delivery note however old, a recent certificate.
        store
            .add_photo(
                report,
                &photo("现场.jpg", PhotoDocument::Scene),
                time("2020-01-01 09:00:00"),
            )
            .unwrap();
        store
            .add_photo(
                report,
                &photo("送货单.jpg", PhotoDocument::DeliveryNote),
                time("2020-01-01 09:00:00"),
            )
            .unwrap();
        store
            .add_photo(
                report,
                &photo("合格证.jpg", PhotoDocument::AcceptanceCertificate),
                time("2025-06-01 09:00:00"),
            )
            .unwrap();
        // Cards kept a year after their warranty: ended 2024-01-09 and 2025-11-22 expire on
        // 2026-11-23; ended 2025-11-23 (a year ago today) and 2027-02-28 are kept.
        let long_ended = card(&mut store, "张一", "2023-01-10");
        let ended_a_year_and_a_day_ago = card(&mut store, "张二", "2024-11-23");
        card(&mut store, "张三", "2024-11-24");
        card(&mut store, "张四", "2026-03-01");
        let settings = Settings {
            retention_card_years: 1,
            ..Settings::default()
        };
        let expired = store.past_retention(&settings, at(23, 9).date()).unwrap();
        assert_eq!(
            expired,
            [
                Expired::Photo {
                    id: acceptance,
                    report_no: "IR-2026-11-0001".into(),
                    file_name: "验收单.jpg".into(),
                    added: "2021-01-15 08:30:00".into(),
                },
                Expired::Photo {
                    id: environment,
                    report_no: "IR-2026-11-0001".into(),
                    file_name: "环境表.jpg".into(),
                    added: "2023-05-04 10:00:00".into(),
                },
                Expired::Card {
                    id: long_ended.id,
                    registration_no: "WC-2023-000001".into(),
                    warranty_end: "2024-01-09".into(),
                },
                Expired::Card {
                    id: ended_a_year_and_a_day_ago.id,
                    registration_no: "WC-2024-000001".into(),
                    warranty_end: "2025-11-22".into(),
                },
            ]
        );
        // Photos kept for ever: only the cards are listed.
        let forever = Settings {
            retention_photo_years: 0,
            ..settings
        };
        assert_eq!(
            store.past_retention(&forever, at(23, 9).date()).unwrap(),
            expired[2..]
        );
    }

    #[test]
    fn a_purge_leaves_in_the_audit_trail_who_deleted_each_record_and_what_it_held() {
        use crate::store::audit::AuditedTable;
        let mut store = Store::open_in_memory().unwrap();
        store.set_writer("档案员");
        let report = report(&mut store).id;
        let bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
        let certificate = Photo {
            bytes: bytes.clone(),
            ..photo("合格证.jpg", PhotoDocument::AcceptanceCertificate)
        };
        let photo_id = store
            .add_photo(report, &certificate, time("2020-05-01 09:00:00"))
            .unwrap();
        let old_card = card(&mut store, "张一", "2018-01-10");
        let settings = Settings {
            retention_card_years: 1,
            ..Settings::default()
        };
        let expired = store.past_retention(&settings, at(23, 9).date()).unwrap();
        assert_eq!(expired.len(), 2, "{expired:?}");
        let report_history = store.history(AuditedTable::Investigations, report).unwrap();
        let card_history = store
            .history(AuditedTable::WarrantyCards, old_card.id)
            .unwrap();
        assert_eq!(store.purge(&expired).unwrap(), 2);

        // The photo's line in its report's history: what was deleted, with the picture's hash.
        let added = store.history(AuditedTable::Investigations, report).unwrap();
        assert_eq!(
            added.len(),
            report_history.len() + 1,
            "one entry for the photo"
        );
        let purged = added.last().unwrap();
        let sha256 = crate::store::sql::to_hex(&sha2::Sha256::digest(&bytes));
        assert_eq!(
            (
                purged.operator.as_str(),
                purged.action.as_str(),
                purged.field.as_deref(),
                purged.new_value.as_deref(),
            ),
            ("档案员", "update", Some("photo-purged"), None)
        );
        assert_eq!(
            purged.old_value.as_deref(),
            Some(
                format!(
                    r#"{{"id":{photo_id},"file_name":"合格证.jpg","document":"acceptance_certificate","sha256":"{sha256}","bytes":4}}"#
                )
                .as_str()
            )
        );
        // The card's history ends with its deletion, by whom.
        let after = store
            .history(AuditedTable::WarrantyCards, old_card.id)
            .unwrap();
        assert_eq!(
            after.len(),
            card_history.len() + 1,
            "one entry for the card"
        );
        let deleted = after.last().unwrap();
        assert_eq!(
            (
                deleted.operator.as_str(),
                deleted.action.as_str(),
                deleted.field.as_deref()
            ),
            ("档案员", "delete", None)
        );
        // And the chain of record versions keeps what each record held, so nothing reads as
        // deleted outside the program.
        let versions: Vec<(String, String)> = store
            .conn
            .prepare(
                "SELECT table_name, action FROM record_versions
                 WHERE (table_name = 'investigation_photos' AND record_id = ?1)
                    OR (table_name = 'warranty_cards' AND record_id = ?2)
                 ORDER BY id",
            )
            .unwrap()
            .query_map([photo_id, old_card.id], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            versions.last_chunk::<2>().map(|pair| pair.to_vec()),
            Some(vec![
                ("investigation_photos".to_owned(), "delete".to_owned()),
                ("warranty_cards".to_owned(), "delete".to_owned()),
            ])
        );
        assert_eq!(store.verify().unwrap().first_break, None);
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

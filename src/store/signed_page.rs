//! Signed paper coming back (schema 20): each page scanned, photographed or faxed back is kept
//! as the signed original of the form whose code it carries, or kept aside until a clerk picks
//! its form. Pages are never deleted or changed (the file refuses it), and each is in the
//! history of its form.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Row, params};

use super::sql::{TIMESTAMP, timestamp_column};
use super::{Result, Store, StoreError};
use crate::domain::paper::FormCode;

/// A stored form a signed page belongs to, by its record's id in its own table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FormRecord {
    Card(i64),
    Complaint(i64),
    Investigation(i64),
    Confirmation(i64),
}

impl FormRecord {
    /// The column of `signed_pages` that names a form of this kind.
    fn column(self) -> &'static str {
        match self {
            FormRecord::Card(_) => "card_id",
            FormRecord::Complaint(_) => "complaint_id",
            FormRecord::Investigation(_) => "investigation_id",
            FormRecord::Confirmation(_) => "confirmation_id",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            FormRecord::Card(id)
            | FormRecord::Complaint(id)
            | FormRecord::Investigation(id)
            | FormRecord::Confirmation(id) => id,
        }
    }
}

/// A page to keep, as read from its file.
#[derive(Clone, Copy, Debug)]
pub struct NewSignedPage<'a> {
    /// Its form; `None` keeps it aside.
    pub form: Option<FormRecord>,
    /// The code read on it, as text.
    pub code: Option<&'a str>,
    pub file_name: &'a str,
    /// Its page in the file, from 1.
    pub page: u32,
    pub file_sha256: &'a str,
    pub png: &'a [u8],
    pub width: u32,
    pub height: u32,
}

/// A kept page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedPage {
    pub id: i64,
    pub uuid: String,
    pub form: Option<FormRecord>,
    pub code: Option<String>,
    pub file_name: String,
    pub page: u32,
    /// The picture, a PNG in greys; empty where pages are listed.
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub added_at: NaiveDateTime,
    pub added_by: String,
    pub matched_at: Option<NaiveDateTime>,
}

/// What [`Store::keep_signed_page`] did with a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Kept as page `id`.
    New(i64),
    /// This page of this very file was kept before (as page `id`, of the form it names, if
    /// any): nothing was added.
    Before(SignedPage),
    /// The page is a printed copy (the case packet's) of this page kept before: nothing was
    /// added.
    Copy(SignedPage),
}

/// What became of one page of a file of signed paper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attached {
    /// Its page in the file, from 1.
    pub page: u32,
    pub kept: Kept,
    /// The form it went to, with its number; `None`: kept aside.
    pub form: Option<(FormRecord, String)>,
    /// The code read on it, where one was.
    pub code: Option<FormCode>,
}

const SELECT: &str = "SELECT id, uuid, card_id, complaint_id, investigation_id, confirmation_id,
    code, file_name, page, png, width, height, added_at, added_by, matched_at FROM signed_pages";

impl Store {
    /// The stored form a code read from paper names: the record with its identity, of the kind
    /// and number the code says. A code whose identity is not here, or names a record of
    /// another number, names nothing.
    pub fn form_by_code(&self, code: &FormCode) -> Result<Option<FormRecord>> {
        let found: Option<(String, i64)> = self
            .conn
            .query_row(
                "SELECT 'card', id FROM warranty_cards WHERE uuid = ?1 AND upper(registration_no) = ?2
                 UNION ALL SELECT 'complaint', id FROM complaints
                     WHERE uuid = ?1 AND upper(complaint_no) = ?2
                 UNION ALL SELECT 'investigation', id FROM investigations
                     WHERE uuid = ?1 AND upper(investigation_no) = ?2
                 UNION ALL SELECT 'confirmation', id FROM confirmations
                     WHERE uuid = ?1 AND upper(confirmation_no) = ?2
                 LIMIT 1",
                params![code.uuid, code.number.to_uppercase()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(found.map(|(kind, id)| match kind.as_str() {
            "card" => FormRecord::Card(id),
            "complaint" => FormRecord::Complaint(id),
            "investigation" => FormRecord::Investigation(id),
            _ => FormRecord::Confirmation(id),
        }))
    }

    /// The number of a stored form, as printed on it.
    pub fn form_number(&self, form: FormRecord) -> Result<String> {
        let (table, column) = match form {
            FormRecord::Card(_) => ("warranty_cards", "registration_no"),
            FormRecord::Complaint(_) => ("complaints", "complaint_no"),
            FormRecord::Investigation(_) => ("investigations", "investigation_no"),
            FormRecord::Confirmation(_) => ("confirmations", "confirmation_no"),
        };
        self.conn
            .query_row(
                &format!("SELECT {column} FROM {table} WHERE id = ?1"),
                [form.id()],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("{table} #{}", form.id())))
    }

    /// Keeps a page of signed paper with its form, or aside; a page of a file kept before
    /// (the same bytes, the same page) is not kept twice.
    pub fn keep_signed_page(&self, page: &NewSignedPage, now: NaiveDateTime) -> Result<Kept> {
        let operator = self.writer();
        self.write(|tx| {
            let before = tx
                .query_row(
                    &format!("{SELECT} WHERE file_sha256 = ?1 AND page = ?2"),
                    params![page.file_sha256, page.page],
                    signed_page,
                )
                .optional()?;
            if let Some(before) = before {
                return Ok(Kept::Before(before?));
            }
            let form = |kind: fn(i64) -> FormRecord| {
                page.form.filter(|f| *f == kind(f.id())).map(FormRecord::id)
            };
            tx.execute(
                "INSERT INTO signed_pages (uuid, card_id, complaint_id, investigation_id,
                     confirmation_id, code, file_name, page, file_sha256, png, width, height,
                     added_at, added_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    uuid::Uuid::new_v4().to_string(),
                    form(FormRecord::Card),
                    form(FormRecord::Complaint),
                    form(FormRecord::Investigation),
                    form(FormRecord::Confirmation),
                    page.code,
                    page.file_name,
                    page.page,
                    page.file_sha256,
                    page.png,
                    page.width,
                    page.height,
                    now.format(TIMESTAMP).to_string(),
                    operator,
                ],
            )?;
            Ok(Kept::New(tx.last_insert_rowid()))
        })
    }

    /// Keeps every page of a file of signed paper (`scan::read_scan`) with the form its code
    /// names here, or aside.
    pub fn attach_scan(
        &self,
        file_name: &str,
        scan: &crate::scan::Scan,
        now: NaiveDateTime,
    ) -> Result<Vec<Attached>> {
        let mut attached = Vec::new();
        for (index, page) in scan.pages.iter().enumerate() {
            let number = index as u32 + 1;
            let copied = match &page.copy_of {
                Some(copy) => self.signed_page_by_uuid(&copy.signed_page)?,
                None => None,
            };
            if let Some(original) = copied {
                let form = original
                    .form
                    .map(|f| self.form_number(f).map(|n| (f, n)))
                    .transpose()?;
                attached.push(Attached {
                    page: number,
                    kept: Kept::Copy(original),
                    form,
                    code: page.code.clone(),
                });
                continue;
            }
            let form = match &page.code {
                Some(code) => self.form_by_code(code)?,
                None => None,
            };
            let text = page.code.as_ref().map(FormCode::text);
            let kept = self.keep_signed_page(
                &NewSignedPage {
                    form,
                    code: text.as_deref(),
                    file_name,
                    page: number,
                    file_sha256: &scan.sha256,
                    png: &page.png,
                    width: page.width,
                    height: page.height,
                },
                now,
            )?;
            // A page kept before stays where it was put.
            let form = match &kept {
                Kept::Before(before) | Kept::Copy(before) => before.form,
                Kept::New(_) => form,
            };
            attached.push(Attached {
                page: number,
                kept,
                form: form
                    .map(|f| self.form_number(f).map(|n| (f, n)))
                    .transpose()?,
                code: page.code.clone(),
            });
        }
        Ok(attached)
    }

    /// The page kept with this identity, if it is here (listed without its picture).
    pub fn signed_page_by_uuid(&self, uuid: &str) -> Result<Option<SignedPage>> {
        let page = self
            .conn
            .query_row(&format!("{SELECT} WHERE uuid = ?1"), [uuid], signed_page)
            .optional()?;
        page.transpose().map(|page| {
            page.map(|mut page| {
                page.png.clear();
                page
            })
        })
    }

    /// Gives a page kept aside its form, once: a page that has a form keeps it.
    pub fn match_signed_page(&self, id: i64, form: FormRecord, now: NaiveDateTime) -> Result<()> {
        self.write(|tx| {
            let changed = tx.execute(
                &format!(
                    "UPDATE signed_pages SET {} = ?2, matched_at = ?3
                     WHERE id = ?1 AND coalesce(card_id, complaint_id, investigation_id,
                                                confirmation_id) IS NULL",
                    form.column()
                ),
                params![id, form.id(), now.format(TIMESTAMP).to_string()],
            )?;
            if changed == 0 {
                return Err(StoreError::NotFound(format!(
                    "signed page #{id} kept aside"
                )));
            }
            Ok(())
        })
    }

    /// The signed pages of a form, in the order they were kept, without their pictures
    /// ([`Store::signed_page_png`]).
    pub fn signed_pages_of(&self, form: FormRecord) -> Result<Vec<SignedPage>> {
        self.signed_pages(
            &format!("WHERE {} = ?1 ORDER BY id", form.column()),
            [form.id()],
        )
    }

    /// The pages kept aside, no form read on them: the latest `limit`, oldest first, without
    /// their pictures.
    pub fn signed_pages_aside(&self, limit: u32) -> Result<Vec<SignedPage>> {
        let mut pages = self.signed_pages(
            "WHERE coalesce(card_id, complaint_id, investigation_id, confirmation_id) IS NULL
             ORDER BY id DESC LIMIT ?1",
            [limit],
        )?;
        pages.reverse();
        Ok(pages)
    }

    /// The signed pages of every form of customer `customer_id` (their cards, complaints,
    /// reports and confirmations), each with the number of its form, in the order kept,
    /// without their pictures.
    pub fn signed_pages_of_customer(&self, customer_id: i64) -> Result<Vec<(String, SignedPage)>> {
        let mut statement = self.conn.prepare(
            "SELECT s.id, s.uuid, s.card_id, s.complaint_id, s.investigation_id,
                    s.confirmation_id, s.code, s.file_name, s.page, x'' AS png, s.width,
                    s.height, s.added_at, s.added_by, s.matched_at,
                    coalesce(w.registration_no, c.complaint_no, i.investigation_no,
                             f.confirmation_no, '')
             FROM signed_pages s
             LEFT JOIN warranty_cards w ON w.id = s.card_id
             LEFT JOIN complaints c ON c.id = s.complaint_id
             LEFT JOIN investigations i ON i.id = s.investigation_id
             LEFT JOIN confirmations f ON f.id = s.confirmation_id
             WHERE w.customer_id = ?1 OR c.customer_id = ?1
                OR i.complaint_id IN (SELECT id FROM complaints WHERE customer_id = ?1)
                OR f.complaint_id IN (SELECT id FROM complaints WHERE customer_id = ?1)
             ORDER BY s.id",
        )?;
        let rows = statement
            .query_map([customer_id], |row| {
                let number: String = row.get(15)?;
                Ok(signed_page(row)?.map(|page| (number, page)))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().collect()
    }

    /// The picture of a kept page: a PNG in greys.
    pub fn signed_page_png(&self, id: i64) -> Result<Vec<u8>> {
        self.conn
            .query_row("SELECT png FROM signed_pages WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("signed page #{id}")))
    }

    /// Pages as listed: everything but the picture, which is left empty.
    fn signed_pages(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<SignedPage>> {
        let listed = SELECT.replace(" png,", " x'' AS png,");
        let mut statement = self.conn.prepare(&format!("{listed} {filter}"))?;
        let rows = statement
            .query_map(args, signed_page)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter().collect()
    }
}

fn signed_page(row: &Row) -> rusqlite::Result<Result<SignedPage>> {
    let parsed = (|| -> rusqlite::Result<SignedPage> {
        let id = |i: usize| row.get::<_, Option<i64>>(i);
        let form = [
            id(2)?.map(FormRecord::Card),
            id(3)?.map(FormRecord::Complaint),
            id(4)?.map(FormRecord::Investigation),
            id(5)?.map(FormRecord::Confirmation),
        ]
        .into_iter()
        .flatten()
        .next();
        Ok(SignedPage {
            id: row.get(0)?,
            uuid: row.get(1)?,
            form,
            code: row.get(6)?,
            file_name: row.get(7)?,
            page: row.get(8)?,
            png: row.get(9)?,
            width: row.get(10)?,
            height: row.get(11)?,
            added_at: timestamp_column(row, 12)?,
            added_by: row.get(13)?,
            matched_at: match row.get_ref(14)? {
                rusqlite::types::ValueRef::Null => None,
                _ => Some(timestamp_column(row, 14)?),
            },
        })
    })();
    super::sql::record(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::complaint::tests::{at, sample_complaint};
    use crate::store::investigation::tests::report;

    /// A complaint and its report, the report's code as printed, and a page to keep.
    fn desk() -> (Store, FormRecord, FormCode) {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(20, 9))
            .unwrap();
        let report = store
            .save_investigation(complaint.id, &report(), None, at(21, 15))
            .unwrap();
        let code = FormCode {
            number: report.investigation_no.clone(),
            office: String::new(),
            uuid: report.uuid.clone(),
        };
        (store, FormRecord::Investigation(report.id), code)
    }

    fn page<'a>(form: Option<FormRecord>, sha: &'a str, number: u32) -> NewSignedPage<'a> {
        NewSignedPage {
            form,
            code: None,
            file_name: "签字.png",
            page: number,
            file_sha256: sha,
            png: b"\x89PNG...",
            width: 1_654,
            height: 2_339,
        }
    }

    #[test]
    fn a_code_names_its_form_only_with_its_own_identity_and_number() {
        let (store, form, code) = desk();
        assert_eq!(store.form_by_code(&code).unwrap(), Some(form));
        // As read from paper: the number in capitals, as printed.
        let shouted = FormCode {
            number: code.number.to_lowercase(),
            ..code.clone()
        };
        assert_eq!(store.form_by_code(&shouted).unwrap(), Some(form));
        // The identity of one record with the number of another: a forged or mixed-up page.
        let other_number = FormCode {
            number: "IR-2026-11-9999".into(),
            ..code.clone()
        };
        assert_eq!(store.form_by_code(&other_number).unwrap(), None);
        let other_record = FormCode {
            uuid: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
            ..code
        };
        assert_eq!(store.form_by_code(&other_record).unwrap(), None);
    }

    #[test]
    fn a_signed_page_is_never_deleted_or_changed_and_is_in_its_forms_history() {
        let (store, form, _) = desk();
        let Kept::New(id) = store
            .keep_signed_page(&page(Some(form), "aa", 1), at(22, 10))
            .unwrap()
        else {
            panic!("kept before")
        };
        for sql in [
            "DELETE FROM signed_pages",
            "UPDATE signed_pages SET png = x'00'",
            "UPDATE signed_pages SET investigation_id = NULL",
            "UPDATE signed_pages SET file_name = 'x.png'",
            "UPDATE signed_pages SET added_by = 'someone else'",
        ] {
            let refused = store.conn.execute(sql, []);
            assert!(
                refused
                    .unwrap_err()
                    .to_string()
                    .contains("a signed page is kept"),
                "{sql}"
            );
        }
        let kept = store.signed_pages_of(form).unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(
            (kept[0].id, kept[0].form, kept[0].page),
            (id, Some(form), 1)
        );
        let logged: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM audit_log WHERE table_name = 'investigations'
                 AND record_id = ?1 AND field = 'signed-page'",
                [form.id()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(logged, 1);
    }

    #[test]
    fn a_page_kept_aside_is_given_its_form_once() {
        let (store, form, _) = desk();
        let Kept::New(id) = store
            .keep_signed_page(&page(None, "bb", 2), at(22, 10))
            .unwrap()
        else {
            panic!("kept before")
        };
        assert_eq!(store.signed_pages_aside(20).unwrap().len(), 1);
        store.match_signed_page(id, form, at(22, 11)).unwrap();
        assert!(store.signed_pages_aside(20).unwrap().is_empty());
        let kept = store.signed_pages_of(form).unwrap();
        assert_eq!(kept[0].matched_at, Some(at(22, 11)));
        // Matched, it stays where it was put, by the program or by hand.
        let complaint = FormRecord::Complaint(1);
        assert!(matches!(
            store.match_signed_page(id, complaint, at(22, 12)),
            Err(StoreError::NotFound(_))
        ));
        assert!(
            store
                .conn
                .execute(
                    "UPDATE signed_pages SET investigation_id = NULL, complaint_id = 1",
                    []
                )
                .is_err()
        );
        assert_eq!(store.signed_pages_of(form).unwrap().len(), 1);
    }

    #[test]
    fn the_same_page_of_the_same_file_is_kept_once() {
        let (store, form, _) = desk();
        let first = store
            .keep_signed_page(&page(Some(form), "cc", 1), at(22, 10))
            .unwrap();
        let Kept::New(id) = first else {
            panic!("kept before")
        };
        // The same page again, even claimed for no form: the one kept is named.
        match store
            .keep_signed_page(&page(None, "cc", 1), at(22, 11))
            .unwrap()
        {
            Kept::Before(before) => assert_eq!((before.id, before.form), (id, Some(form))),
            other => panic!("kept as {other:?}"),
        }
        // Its next page is a page of its own.
        assert!(matches!(
            store
                .keep_signed_page(&page(Some(form), "cc", 2), at(22, 11))
                .unwrap(),
            Kept::New(_)
        ));
        assert_eq!(store.signed_pages_of(form).unwrap().len(), 2);
    }
}

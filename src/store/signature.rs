//! Signatures drawn on screen (schema 21): each kept with the form's revision it was given
//! for, never deleted or changed (the file refuses it), in the form's history and the chain.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Row, params};

use super::signed_page::FormRecord;
use super::sql::{TIMESTAMP, timestamp_column};
use super::{Result, Store, StoreError};
use crate::domain::signature::{SignedForm, Signer, Strokes};

/// A signature as kept.
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    pub id: i64,
    pub uuid: String,
    pub signer: Signer,
    /// The form's revision it was given for, here.
    pub revision: i64,
    /// When the version of the form it was given for was saved (the same at every office).
    pub form_saved_at: NaiveDateTime,
    pub strokes: Strokes,
    pub signed_at: NaiveDateTime,
    /// The clerk who took it.
    pub signed_by: String,
}

/// Where a signer's box stands on a form at its current revision.
#[derive(Clone, Debug, PartialEq)]
pub enum Standing {
    /// Never signed on screen.
    Unsigned,
    /// Signed for the form as it is now.
    Signed(Signature),
    /// Signed for an earlier version of the form, which was changed since: to be signed again.
    Earlier(Signature),
}

impl Standing {
    /// Where `signer`'s box stands among `signatures` (the form's, oldest first) on the
    /// form as `saved_at` (its `updated_at`): its newest signature decides. A signature is
    /// only taken for the form at the revision the clerk sees ([`Store::sign`]), so a version
    /// saved since has another time (saved by hand, seconds after the signature at least).
    pub fn of(signatures: &[Signature], signer: Signer, saved_at: NaiveDateTime) -> Standing {
        match signatures.iter().rev().find(|s| s.signer == signer) {
            None => Standing::Unsigned,
            Some(s) if s.form_saved_at == saved_at => Standing::Signed(s.clone()),
            Some(s) => Standing::Earlier(s.clone()),
        }
    }

    /// The signature printed in the box: only one given for the form as it is.
    pub fn printed(&self) -> Option<&Signature> {
        match self {
            Standing::Signed(s) => Some(s),
            _ => None,
        }
    }
}

/// The kind of form a stored record is, for signing; a report is not signed on screen.
pub fn signed_form(form: FormRecord) -> Option<SignedForm> {
    match form {
        FormRecord::Card(_) => Some(SignedForm::Card),
        FormRecord::Complaint(_) => Some(SignedForm::Complaint),
        FormRecord::Confirmation(_) => Some(SignedForm::Confirmation),
        FormRecord::Investigation(_) => None,
    }
}

/// The table and `signatures` column of a form signed on screen.
fn columns(form: FormRecord) -> Option<(&'static str, &'static str)> {
    match form {
        FormRecord::Card(_) => Some(("warranty_cards", "card_id")),
        FormRecord::Complaint(_) => Some(("complaints", "complaint_id")),
        FormRecord::Confirmation(_) => Some(("confirmations", "confirmation_id")),
        FormRecord::Investigation(_) => None,
    }
}

/// Why a signature was not kept, beside the store's own errors.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Strokes(#[from] crate::domain::signature::SignatureError),
    /// The form has no such box (a report; a card's technician).
    #[error("this form is not signed there")]
    NoSuchBox,
}

impl Store {
    /// Keeps `strokes` as `signer`'s signature of `form`, opened at `revision`: refused when
    /// the form was changed since (another window's save), is void, or the strokes are no
    /// signature. Taken by the clerk at the desk.
    pub fn sign(
        &self,
        form: FormRecord,
        signer: Signer,
        revision: i64,
        strokes: &Strokes,
        now: NaiveDateTime,
    ) -> std::result::Result<Signature, SignError> {
        let (table, column) = columns(form).ok_or(SignError::NoSuchBox)?;
        let kind = signed_form(form).ok_or(SignError::NoSuchBox)?;
        if !kind.signers().contains(&signer) {
            return Err(SignError::NoSuchBox);
        }
        strokes.check()?;
        let signed_by = self.writer();
        let id = self.write(|tx| {
            super::check_revision(tx, table, form.id(), revision)?;
            if voided(tx, form)? {
                return Err(StoreError::Voided);
            }
            let saved_at: String = tx.query_row(
                &format!("SELECT updated_at FROM {table} WHERE id = ?1"),
                [form.id()],
                |r| r.get(0),
            )?;
            tx.execute(
                &format!(
                    "INSERT INTO signatures (uuid, {column}, signer, form_revision, form_saved_at,
                         strokes, signed_at, signed_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                ),
                params![
                    uuid::Uuid::new_v4().to_string(),
                    form.id(),
                    signer.code(),
                    revision,
                    saved_at,
                    strokes.to_text(),
                    now.format(TIMESTAMP).to_string(),
                    signed_by,
                ],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        Ok(self.signature(id)?)
    }

    /// Every signature of `form`, oldest first.
    pub fn signatures_of(&self, form: FormRecord) -> Result<Vec<Signature>> {
        let Some((_, column)) = columns(form) else {
            return Ok(Vec::new());
        };
        let mut statement = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE {column} = ?1 ORDER BY id"))?;
        let rows = statement.query_map([form.id()], signature)?;
        let mut signatures = Vec::new();
        for row in rows {
            signatures.push(row??);
        }
        Ok(signatures)
    }

    /// The revision `form` is at now, and when that version was saved.
    pub fn form_version(&self, form: FormRecord) -> Result<(i64, NaiveDateTime)> {
        let table = match form {
            FormRecord::Card(_) => "warranty_cards",
            FormRecord::Complaint(_) => "complaints",
            FormRecord::Investigation(_) => "investigations",
            FormRecord::Confirmation(_) => "confirmations",
        };
        let version = self
            .conn
            .query_row(
                &format!("SELECT revision, updated_at FROM {table} WHERE id = ?1"),
                [form.id()],
                |r| super::sql::record((|| Ok((r.get(0)?, timestamp_column(r, 1)?)))()),
            )
            .optional()?;
        version.ok_or_else(|| StoreError::NotFound(format!("{table} #{}", form.id())))?
    }

    /// Where each of `form`'s signature boxes stands on the form as it now is, in the order
    /// of the form's signers; none for a form not signed on screen.
    pub fn signature_boxes(&self, form: FormRecord) -> Result<Vec<(Signer, Standing)>> {
        let Some(kind) = signed_form(form) else {
            return Ok(Vec::new());
        };
        let signatures = self.signatures_of(form)?;
        let (_, saved_at) = self.form_version(form)?;
        Ok(kind
            .signers()
            .iter()
            .map(|&signer| (signer, Standing::of(&signatures, signer, saved_at)))
            .collect())
    }

    /// The signatures printed on `form`: each signer's, where given for the form as it is now.
    pub fn printed_signatures(&self, form: FormRecord) -> Result<Vec<Signature>> {
        Ok(self
            .signature_boxes(form)?
            .into_iter()
            .filter_map(|(_, standing)| standing.printed().cloned())
            .collect())
    }

    fn signature(&self, id: i64) -> Result<Signature> {
        self.conn
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], signature)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("signature #{id}")))?
    }
}

/// Whether `form` (or the case it belongs to) is void.
fn voided(tx: &rusqlite::Connection, form: FormRecord) -> Result<bool> {
    let sql = match form {
        FormRecord::Card(_) => "SELECT voided_at IS NOT NULL FROM warranty_cards WHERE id = ?1",
        FormRecord::Complaint(_) => "SELECT voided_at IS NOT NULL FROM complaints WHERE id = ?1",
        FormRecord::Confirmation(_) | FormRecord::Investigation(_) => {
            "SELECT c.voided_at IS NOT NULL FROM complaints c
             JOIN confirmations f ON f.complaint_id = c.id WHERE f.id = ?1"
        }
    };
    Ok(tx.query_row(sql, [form.id()], |r| r.get(0))?)
}

const SELECT: &str = "SELECT id, uuid, signer, form_revision, strokes, signed_at, signed_by,
    form_saved_at FROM signatures";

fn signature(row: &Row) -> rusqlite::Result<Result<Signature>> {
    let strokes: String = row.get(4)?;
    let signer: String = row.get(2)?;
    let Some(signer) = Signer::from_code(&signer) else {
        return Ok(Err(StoreError::BadRow(format!("signer {signer}"))));
    };
    let Ok(strokes) = Strokes::parse(&strokes) else {
        return Ok(Err(StoreError::BadRow(format!(
            "signature #{}",
            row.get::<_, i64>(0)?
        ))));
    };
    super::sql::record((|| {
        Ok(Signature {
            id: row.get(0)?,
            uuid: row.get(1)?,
            signer,
            revision: row.get(3)?,
            strokes,
            signed_at: timestamp_column(row, 5)?,
            signed_by: row.get(6)?,
            form_saved_at: timestamp_column(row, 7)?,
        })
    })())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::signature::SignatureError;

    fn at(hour: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn drawn() -> Strokes {
        let mut strokes = Strokes::default();
        strokes.begin((100.0, 300.0));
        for i in 1..=30 {
            strokes.extend((100.0 + i as f32 * 20.0, 300.0 - (i % 7) as f32 * 30.0));
        }
        strokes
    }

    /// A demo store with a resolved case: its complaint and confirmation.
    fn case() -> (tempfile::TempDir, Store, FormRecord, FormRecord) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("a.db")).unwrap();
        crate::demo::fill(&mut store, 200, 3, at(9)).unwrap();
        let (complaint, confirmation): (i64, i64) = store
            .conn
            .query_row(
                "SELECT complaint_id, id FROM confirmations WHERE id NOT IN
                     (SELECT confirmation_id FROM signatures WHERE confirmation_id IS NOT NULL)
                 ORDER BY id LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        (
            dir,
            store,
            FormRecord::Complaint(complaint),
            FormRecord::Confirmation(confirmation),
        )
    }

    #[test]
    fn signature_belongs_to_the_revision_it_was_given_for() {
        let (_dir, mut store, complaint, _) = case();
        let (revision, saved_at) = store.form_version(complaint).unwrap();
        let signed = store
            .sign(complaint, Signer::Customer, revision, &drawn(), at(10))
            .unwrap();
        assert_eq!(
            (signed.revision, signed.form_saved_at),
            (revision, saved_at)
        );
        assert_eq!(signed.strokes, drawn());
        assert_eq!(
            store.signature_boxes(complaint).unwrap(),
            vec![
                (Signer::Customer, Standing::Signed(signed.clone())),
                (Signer::Receiver, Standing::Unsigned)
            ]
        );
        assert_eq!(
            store.printed_signatures(complaint).unwrap(),
            vec![signed.clone()]
        );
        // The complaint edited after signing: the signature belongs to an earlier version and
        // is no longer printed.
        let stored = store.complaint_by_id(complaint.id()).unwrap();
        let mut changed = stored.complaint.clone();
        changed.description.push_str("（补充）");
        store
            .update_complaint(complaint.id(), &changed, revision, at(11))
            .unwrap();
        let now = store.form_version(complaint).unwrap().0;
        assert_eq!(
            store.signature_boxes(complaint).unwrap()[0],
            (Signer::Customer, Standing::Earlier(signed))
        );
        assert_eq!(store.printed_signatures(complaint).unwrap(), Vec::new());
        // Signed from a form opened before the change: refused, as a save would be.
        let stale = store.sign(complaint, Signer::Customer, revision, &drawn(), at(12));
        assert!(
            matches!(stale, Err(SignError::Store(StoreError::Conflict { .. }))),
            "{stale:?}"
        );
        store
            .sign(complaint, Signer::Customer, now, &drawn(), at(12))
            .unwrap();
        assert_eq!(store.printed_signatures(complaint).unwrap().len(), 1);
        assert_eq!(
            store.signatures_of(complaint).unwrap().len(),
            2,
            "both kept"
        );
    }

    #[test]
    fn signature_is_kept_for_ever_and_in_the_forms_history() {
        let (_dir, store, _, confirmation) = case();
        let revision = store.form_version(confirmation).unwrap().0;
        let signed = store
            .sign(confirmation, Signer::Technician, revision, &drawn(), at(10))
            .unwrap();
        for sql in [
            "DELETE FROM signatures WHERE id = ?1",
            "UPDATE signatures SET strokes = '[[0,0,600,0]]' WHERE id = ?1",
            "UPDATE signatures SET form_revision = form_revision + 1 WHERE id = ?1",
        ] {
            let refused = store.conn.execute(sql, [signed.id]);
            assert!(refused.is_err(), "{sql}");
        }
        let history = store
            .history(
                crate::store::audit::AuditedTable::Confirmations,
                confirmation.id(),
            )
            .unwrap();
        let entry = history
            .iter()
            .find(|e| e.field.as_deref() == Some("signature"))
            .unwrap();
        let logged = entry.new_value.as_deref().unwrap();
        assert!(
            logged.contains(&signed.uuid) && logged.contains("technician"),
            "{logged}"
        );
        assert_eq!(store.verify().unwrap().first_break, None, "in the chain");
    }

    #[test]
    fn signature_is_refused_where_no_box_or_no_signature_is() {
        let (_dir, store, complaint, confirmation) = case();
        let revision = store.form_version(complaint).unwrap().0;
        let refused = store.sign(complaint, Signer::Technician, revision, &drawn(), at(10));
        assert!(matches!(refused, Err(SignError::NoSuchBox)), "{refused:?}");
        let report = FormRecord::Investigation(1);
        let refused = store.sign(report, Signer::Customer, 1, &drawn(), at(10));
        assert!(matches!(refused, Err(SignError::NoSuchBox)), "{refused:?}");
        let revision = store.form_version(confirmation).unwrap().0;
        let refused = store.sign(
            confirmation,
            Signer::Customer,
            revision,
            &Strokes::default(),
            at(10),
        );
        assert!(
            matches!(refused, Err(SignError::Strokes(SignatureError::Empty))),
            "{refused:?}"
        );
        assert_eq!(store.signatures_of(confirmation).unwrap(), Vec::new());
    }
}

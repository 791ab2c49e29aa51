//! Choosing and writing a form's paper: the records a printed form needs, read from the store
//! and checked against the audit trail (a record damaged on disk, or changed outside the
//! program, is never printed), rendered, with the file name to suggest. The window and the
//! command line both print through here.

use chrono::NaiveDate;
use thiserror::Error;

use super::PdfError;
use super::confirmation::ConfirmationPaper;
use super::investigation::ReportPaper;
use super::warranty_card::CardPaper;
use crate::domain::numbering::{CONFIRMATION_PREFIX, CONTRACT_PREFIX, INVESTIGATION_PREFIX};
use crate::domain::paper::{BlankForm, Paper};
use crate::i18n::I18n;
use crate::store::{Store, StoreError};

/// A printed document: its bytes, and the file name to suggest for it.
pub struct Printed {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Why a paper could not be printed.
#[derive(Debug, Error)]
pub enum PaperError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
}

/// Why a batch of papers stopped part-way: the files written before it stay.
#[derive(Debug, Error)]
#[error("stopped after writing {written} of {total} forms to {folder}: {source}")]
pub struct BatchError {
    pub written: usize,
    pub total: usize,
    pub folder: String,
    #[source]
    pub source: Box<PaperError>,
}

/// Prints each of `papers` to its own file in `folder`, named by its number, calling `wrote`
/// with each file written; returns how many were. The letterhead and settings are read once,
/// the font parsed once. A file that would land on `database` (or a file beside it the store
/// keeps) is refused; the caller checks that `folder` is one.
pub fn print_each_to_folder(
    store: &Store,
    papers: &[Paper],
    today: NaiveDate,
    i18n: &I18n,
    folder: &std::path::Path,
    database: Option<&std::path::Path>,
    mut wrote: impl FnMut(&std::path::Path),
) -> Result<usize, BatchError> {
    let stopped = |written, source| BatchError {
        written,
        total: papers.len(),
        folder: folder.display().to_string(),
        source: Box::new(source),
    };
    let printer = Printer::new(store, today, i18n).map_err(|e| stopped(0, e))?;
    for (written, paper) in papers.iter().enumerate() {
        let printed = printer
            .print(store, *paper)
            .map_err(|e| stopped(written, e))?;
        let path = folder.join(safe_file_name(&printed.file_name));
        if let Some(reason) = crate::store::file::forbidden_output(&path, database) {
            let refused = StoreError::ForbiddenOutput {
                reason,
                path: path.display().to_string(),
            };
            return Err(stopped(written, refused.into()));
        }
        super::write_file(&path, &printed.bytes).map_err(|e| stopped(written, e.into()))?;
        wrote(&path);
    }
    Ok(papers.len())
}

/// `name` with the characters no file name may hold on Windows or Unix replaced by '_' (a
/// number's prefix is a setting, so it could hold a slash).
pub fn safe_file_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect()
}

/// Prints `paper` from the records in `store`, with its letterhead and settings, as of
/// `today` (a card's status, a letter's date); file names are in `i18n`'s language.
pub fn print(
    store: &Store,
    paper: Paper,
    today: NaiveDate,
    i18n: &I18n,
) -> Result<Printed, PaperError> {
    Printer::new(store, today, i18n)?.print(store, paper)
}

/// What every form printed from one store shares, read once: the settings and the letterhead
/// with its logo. A batch prints each of its forms through one.
pub struct Printer<'i> {
    settings: crate::domain::settings::Settings,
    card_paper: CardPaper,
    i18n: &'i I18n,
}

impl<'i> Printer<'i> {
    /// The settings and letterhead of `store`, for papers printed on `today`.
    pub fn new(store: &Store, today: NaiveDate, i18n: &'i I18n) -> Result<Self, PaperError> {
        let settings = store.settings()?;
        let card_paper = CardPaper::from_settings(&settings, store.company_logo()?, today);
        Ok(Printer {
            settings,
            card_paper,
            i18n,
        })
    }

    /// Prints `paper` from the records in `store` (the store this printer was made from).
    pub fn print(&self, store: &Store, paper: Paper) -> Result<Printed, PaperError> {
        let Printer {
            settings,
            card_paper,
            i18n,
        } = self;
        let today = card_paper.today;
        let company = &card_paper.company;
        let named = |name: String, bytes: Vec<u8>| Printed {
            file_name: format!("{name}.pdf"),
            bytes,
        };
        Ok(match paper {
            Paper::Card(id) => {
                store.check_against_trail("warranty_cards", id)?;
                let card = store.card_by_id(id)?;
                named(
                    card.registration_no.clone(),
                    super::warranty_card::filled(&card, card_paper)?,
                )
            }
            Paper::Complaint(id) => {
                store.check_case_against_trail(id)?;
                let complaint = store.complaint_by_id(id)?;
                named(
                    complaint.complaint_no.clone(),
                    super::complaint::filled(&complaint, company)?,
                )
            }
            Paper::Investigation(id) => {
                store.check_case_against_trail(id)?;
                let complaint = store.complaint_by_id(id)?;
                let report = store
                    .investigation_of(id)?
                    .ok_or_else(|| StoreError::NotFound(complaint.complaint_no.clone()))?;
                let photos = store.photos_of(report.id)?;
                let paper = ReportPaper {
                    report: &report,
                    complaint: &complaint,
                    photos: &photos,
                };
                named(
                    report.investigation_no.clone(),
                    super::investigation::filled(&paper, company)?,
                )
            }
            Paper::Confirmation(id) => {
                store.check_case_against_trail(id)?;
                let complaint = store.complaint_by_id(id)?;
                let confirmation = store
                    .confirmation_of(id)?
                    .ok_or_else(|| StoreError::NotFound(complaint.complaint_no.clone()))?;
                let paper = ConfirmationPaper {
                    confirmation: &confirmation,
                    complaint: &complaint,
                    rates: settings.depreciation,
                };
                named(
                    confirmation.confirmation_no.clone(),
                    super::confirmation::filled(&paper, company)?,
                )
            }
            Paper::Packet(id) => {
                store.check_case_against_trail(id)?;
                let complaint = store.complaint_by_id(id)?;
                let report = store.investigation_of(id)?;
                let photos = match &report {
                    Some(report) => store.photos_of(report.id)?,
                    None => Vec::new(),
                };
                let confirmation = store.confirmation_of(id)?;
                let report_paper = report.as_ref().map(|report| ReportPaper {
                    report,
                    complaint: &complaint,
                    photos: &photos,
                });
                let confirmation_paper =
                    confirmation.as_ref().map(|confirmation| ConfirmationPaper {
                        confirmation,
                        complaint: &complaint,
                        rates: settings.depreciation,
                    });
                let bytes = super::case::packet(
                    &complaint,
                    report_paper.as_ref(),
                    confirmation_paper.as_ref(),
                    company,
                )?;
                named(
                    format!("{}-{}", complaint.complaint_no, i18n.tr("file-packet")),
                    bytes,
                )
            }
            Paper::RenewalLetter(id) => {
                store.check_against_trail("maintenance_contracts", id)?;
                let contract = store.contract_by_id(id)?;
                named(
                    format!(
                        "{}-{}",
                        contract.contract_no,
                        i18n.tr("file-renewal-letter")
                    ),
                    super::renewal_letter::filled(&contract, company, today)?,
                )
            }
            Paper::Blank(form) => {
                let (key, bytes) = match form {
                    BlankForm::WarrantyCard => {
                        ("file-blank-card", super::warranty_card::blank(card_paper)?)
                    }
                    BlankForm::Complaint => {
                        ("file-blank-complaint", super::complaint::blank(company)?)
                    }
                    BlankForm::Investigation => (
                        "file-blank-investigation",
                        super::investigation::blank(company)?,
                    ),
                    BlankForm::Confirmation => (
                        "file-blank-confirmation",
                        super::confirmation::blank(company)?,
                    ),
                };
                named(i18n.tr(key), bytes)
            }
        })
    }
}

/// The paper of the form carrying `number`, told apart by the number's prefix: a warranty card,
/// a complaint, an investigation report, a service confirmation, or a maintenance contract
/// (whose renewal letter is printed).
pub fn paper_by_number(store: &Store, number: &str) -> Result<Paper, StoreError> {
    paper_by_number_of(store, number, None)
}

/// As [`paper_by_number`], of the office `origin` (its code) when several offices' forms carry
/// the number.
pub fn paper_by_number_of(
    store: &Store,
    number: &str,
    origin: Option<&str>,
) -> Result<Paper, StoreError> {
    let prefix = number
        .trim()
        .split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    Ok(if prefix == INVESTIGATION_PREFIX {
        Paper::Investigation(
            store
                .investigation_by_number_of(number, origin)?
                .complaint_id,
        )
    } else if prefix == CONFIRMATION_PREFIX {
        Paper::Confirmation(
            store
                .confirmation_by_number_of(number, origin)?
                .complaint_id,
        )
    } else if prefix == CONTRACT_PREFIX {
        Paper::RenewalLetter(store.contract_by_number_of(number, origin)?.id)
    } else if prefix == store.settings()?.complaint_prefix {
        Paper::Complaint(store.complaint_by_number_of(number, origin)?.id)
    } else {
        Paper::Card(store.card_by_registration_no_of(number, origin)?.id)
    })
}

//! Choosing and writing a form's paper: the records a printed form needs, read from the store
//! and checked against the audit trail (a record damaged on disk, or changed outside the
//! program, is never printed), rendered, with the file name to suggest. The window and the
//! command line both print through here.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use thiserror::Error;

use super::confirmation::ConfirmationPaper;
use super::investigation::ReportPaper;
use super::warranty_card::CardPaper;
use super::{FormPhoto, Inked, PdfError};
use crate::domain::numbering::{CONFIRMATION_PREFIX, CONTRACT_PREFIX, INVESTIGATION_PREFIX};
use crate::domain::paper::{BlankForm, Paper};
use crate::i18n::I18n;
use crate::store::signed_page::FormRecord;
use crate::store::{Store, StoreError};

/// A printed document: its bytes, the file name to suggest for it, and what in it printed
/// as empty boxes for want of a font.
pub struct Printed {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub unprintable: Vec<super::Unprintable>,
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
/// with each file written, in the order given; returns how many were. The letterhead and
/// settings are read once, the font once. A file that would land on `database` (or a file
/// beside it the store keeps) is refused; the caller checks that `folder` is one.
///
/// A batch of [`PARALLEL_FROM`] forms or more from a database file is printed by one worker
/// per core, each reading through its own connection; a failure then stops the workers at
/// their next form, and the count says every file written, in whatever order.
pub fn print_each_to_folder(
    store: &Store,
    papers: &[Paper],
    today: NaiveDate,
    i18n: &I18n,
    folder: &Path,
    database: Option<&Path>,
    mut wrote: impl FnMut(&Written),
) -> Result<usize, BatchError> {
    let stopped = |written, source| BatchError {
        written,
        total: papers.len(),
        folder: folder.display().to_string(),
        source: Box::new(source),
    };
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    if let Some(path) = store
        .path()
        .filter(|_| workers > 1 && papers.len() >= PARALLEL_FROM)
    {
        let results =
            print_in_parallel(path, papers, today, i18n.lang(), folder, database, workers);
        let mut written = 0;
        let mut first_error = None;
        for result in results {
            match result {
                Some(Ok(file)) => {
                    written += 1;
                    wrote(&file);
                }
                Some(Err(error)) => {
                    first_error.get_or_insert(error);
                }
                None => {} // not printed: a failure stopped the workers first
            }
        }
        return match first_error {
            None => Ok(written),
            Some(error) => Err(stopped(written, error)),
        };
    }
    let printer = Printer::new(store, today, i18n).map_err(|e| stopped(0, e))?;
    for (written, paper) in papers.iter().enumerate() {
        let file = print_one(store, &printer, *paper, folder, database)
            .map_err(|e| stopped(written, e))?;
        wrote(&file);
    }
    Ok(papers.len())
}

/// From how many forms a batch is shared among the cores (below it, opening a connection
/// per worker costs more than it saves).
pub const PARALLEL_FROM: usize = 16;

/// A form of a batch, written: where, and what in it printed as empty boxes for want of a
/// font.
pub struct Written {
    pub path: PathBuf,
    pub unprintable: Vec<super::Unprintable>,
}

/// Prints `paper` into `folder`; returns the file written.
fn print_one(
    store: &Store,
    printer: &Printer<'_>,
    paper: Paper,
    folder: &Path,
    database: Option<&Path>,
) -> Result<Written, PaperError> {
    let printed = printer.print(store, paper)?;
    let path = folder.join(crate::domain::file_name_safe(&printed.file_name, '_'));
    if let Some(reason) = crate::store::file::forbidden_output(&path, database) {
        let path = path.display().to_string();
        return Err(StoreError::ForbiddenOutput { reason, path }.into());
    }
    super::write_file(&path, &printed.bytes)?;
    Ok(Written {
        path,
        unprintable: printed.unprintable,
    })
}

/// [`print_one`] for every paper, by `workers` threads each with its own read-only
/// connection to the database at `path`; each paper's result at its index (`None` where a
/// failure stopped the workers before it).
fn print_in_parallel(
    path: &Path,
    papers: &[Paper],
    today: NaiveDate,
    lang: crate::i18n::Lang,
    folder: &Path,
    database: Option<&Path>,
    workers: usize,
) -> Vec<Option<Result<Written, PaperError>>> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let results: Mutex<Vec<Option<Result<Written, PaperError>>>> =
        Mutex::new((0..papers.len()).map(|_| None).collect());
    let keep = |index: usize, result: Result<Written, PaperError>| {
        if result.is_err() {
            failed.store(true, Ordering::Relaxed);
        }
        if let Ok(mut results) = results.lock() {
            results[index] = Some(result);
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..workers.min(papers.len()) {
            scope.spawn(|| {
                let i18n = I18n::new(lang);
                let opened = Store::open_read_only(path)
                    .map_err(PaperError::from)
                    .and_then(|store| Ok((Printer::new(&store, today, &i18n)?, store)));
                let (printer, store) = match opened {
                    Ok(opened) => opened,
                    Err(error) => {
                        // Said once, at the first form no one has taken.
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        if index < papers.len() {
                            keep(index, Err(error));
                        }
                        return;
                    }
                };
                while !failed.load(Ordering::Relaxed) {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(paper) = papers.get(index) else {
                        break;
                    };
                    keep(index, print_one(&store, &printer, *paper, folder, database));
                }
            });
        }
    });
    results.into_inner().unwrap_or_default()
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
        let named = |name: String, rendered: super::Rendered| Printed {
            file_name: format!("{name}.pdf"),
            bytes: rendered.bytes,
            unprintable: rendered.unprintable,
        };
        Ok(match paper {
            Paper::Card(id) => {
                store.check_against_trail("warranty_cards", id)?;
                let card = store.card_by_id(id)?;
                named(
                    card.registration_no.clone(),
                    super::warranty_card::filled_signed(
                        &card,
                        card_paper,
                        &store.printed_signatures(FormRecord::Card(id))?,
                    )?,
                )
            }
            Paper::Complaint(id) => {
                store.check_case_against_trail(id)?;
                let complaint = store.complaint_by_id(id)?;
                named(
                    complaint.complaint_no.clone(),
                    super::complaint::filled_signed(
                        &complaint,
                        company,
                        &store.printed_signatures(FormRecord::Complaint(id))?,
                    )?,
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
                    super::confirmation::filled_signed(
                        &paper,
                        company,
                        &store.printed_signatures(FormRecord::Confirmation(confirmation.id))?,
                    )?,
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
                let steps = store.steps_of(id)?;
                // The signed paper that came back, after each form.
                let scans = |form: Option<FormRecord>| -> Result<Vec<FormPhoto>, PaperError> {
                    let Some(form) = form else {
                        return Ok(Vec::new());
                    };
                    let mut scans = Vec::new();
                    for page in store.signed_pages_of(form)? {
                        scans.push(FormPhoto {
                            caption: format!("{} #{}", page.file_name, page.page),
                            copy_code: Some(crate::domain::paper::CopyCode {
                                signed_page: page.uuid.clone(),
                            }),
                            bytes: store.signed_page_png(page.id)?,
                        });
                    }
                    Ok(scans)
                };
                let originals = super::case::Originals {
                    complaint: scans(Some(FormRecord::Complaint(id)))?,
                    report: scans(report.as_ref().map(|r| FormRecord::Investigation(r.id)))?,
                    confirmation: scans(
                        confirmation
                            .as_ref()
                            .map(|c| FormRecord::Confirmation(c.id)),
                    )?,
                    complaint_signed: Inked::boxes(
                        &store.printed_signatures(FormRecord::Complaint(id))?,
                    ),
                    confirmation_signed: match &confirmation {
                        Some(c) => {
                            Inked::boxes(&store.printed_signatures(FormRecord::Confirmation(c.id))?)
                        }
                        None => Vec::new(),
                    },
                };
                let bytes = super::case::packet(
                    &complaint,
                    &steps,
                    report_paper.as_ref(),
                    confirmation_paper.as_ref(),
                    originals,
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

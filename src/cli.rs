//! The command line: the same binary opens the window or runs one command for scripts.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::pdf;
use crate::store::Store;

#[derive(Parser, Debug)]
#[command(
    name = "aftersales",
    version,
    about = "After-sales service desk / 售后服务台"
)]
pub struct Cli {
    /// The database file (default: aftersales.db in the user's data directory).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Fill the database with realistic demo warranty cards, complaints and maintenance contracts
    /// (reproducible from --seed).
    Demo {
        #[arg(long, default_value_t = 500)]
        count: usize,
        #[arg(long, default_value_t = 20261123)]
        seed: u64,
    },
    /// Print the steps past their deadline, one line each: number, what is due, deadline, how
    /// late, customer (limits, home province and remote regions from the settings).
    Overdue,
    /// Write a consistent copy of the database (safe while the program is in use).
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Search every record (names, phones, addresses, numbers, models, serials, descriptions);
    /// prints one line per record found.
    Search {
        text: String,
        #[arg(long, default_value_t = 100)]
        limit: usize,
    },
    /// Write a form as a PDF: a stored one by its number, or a blank one with --blank.
    ExportPdf {
        /// The form's number: a warranty card (WC-2026-000042), a complaint (CC-2026-11-0042),
        /// an investigation report (IR-…), a service confirmation (SC-…), or a maintenance
        /// contract (MC-2026-0042), whose renewal notice letter is written.
        #[arg(required_unless_present_any = ["blank", "packet"], conflicts_with_all = ["blank", "packet"])]
        number: Option<String>,
        /// Write the whole case of this complaint number as one PDF: complaint, investigation
        /// report with photos, service confirmation.
        #[arg(long, value_name = "CC-NUMBER", conflicts_with = "blank")]
        packet: Option<String>,
        /// Print an empty form for filling by hand.
        #[arg(long, value_enum)]
        blank: Option<BlankForm>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum BlankForm {
    WarrantyCard,
    Complaint,
    Investigation,
    Confirmation,
}

/// The default database: `aftersales.db` in the platform's data directory
/// (~/.local/share/aftersales on Linux).
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "aftersales")
        .context("cannot find the user's home directory; pass --db PATH")?;
    Ok(dirs.data_dir().join("aftersales.db"))
}

pub fn db_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(path) => Ok(path.clone()),
        None => default_db_path(),
    }
}

/// Runs a command that is not the window.
pub fn run(command: &Command, db: &Path) -> Result<()> {
    match command {
        Command::Demo { count, seed } => {
            let mut store = open(db)?;
            let now = chrono::Local::now().naive_local();
            let added = crate::demo::fill(&mut store, *count, *seed, now)
                .with_context(|| format!("cannot add demo data to {}", db.display()))?;
            println!(
                "added {} demo warranty cards, {} complaints and {} maintenance contracts to {}",
                added.cards,
                added.complaints,
                added.contracts,
                db.display()
            );
        }
        Command::Overdue => {
            let store = open_existing(db)?;
            let english = crate::i18n::I18n::new(crate::i18n::Lang::English);
            let now = chrono::Local::now().naive_local();
            let settings = store.settings()?;
            let lines = store
                .overdue(now, settings.limits(), &settings.region())?
                .into_iter()
                .map(|item| {
                    format!(
                        "{}\t{}\t{}\t{} h late\t{}",
                        item.complaint_no,
                        english.tr(item.due.message_key()),
                        item.deadline.format("%Y-%m-%d %H:%M"),
                        item.late.num_hours(),
                        item.customer_name
                    )
                });
            print_lines(lines)?;
        }
        Command::Backup { out } => {
            check_out_path(out)?;
            open_existing(db)?.backup_to(out)?;
            println!("wrote {}", out.display());
        }
        Command::Search { text, limit } => {
            let store = open_existing(db)?;
            let english = crate::i18n::I18n::new(crate::i18n::Lang::English);
            let lines = store.search_all(text, *limit)?.into_iter().map(|hit| {
                format!(
                    "{}\t{}\t{}",
                    hit.number,
                    english.tr(hit.kind.message_key()),
                    hit.summary
                )
            });
            print_lines(lines)?;
        }
        Command::ExportPdf {
            number,
            blank,
            packet,
            out,
        } => {
            check_out_path(out)?;
            let bytes = match (number, blank, packet) {
                (_, Some(form), _) => {
                    // A blank form needs no database, but uses its letterhead when there is one.
                    let (settings, logo) = if db.exists() {
                        let store = open(db)?;
                        (store.settings()?, store.company_logo()?)
                    } else {
                        Default::default()
                    };
                    let paper = paper(&settings, logo);
                    let company = &paper.company;
                    match form {
                        BlankForm::WarrantyCard => pdf::warranty_card::blank(&paper)?,
                        BlankForm::Complaint => pdf::complaint::blank(company)?,
                        BlankForm::Investigation => pdf::investigation::blank(company)?,
                        BlankForm::Confirmation => pdf::confirmation::blank(company)?,
                    }
                }
                (_, None, Some(complaint_no)) => {
                    let store = open_existing(db)?;
                    let complaint = store
                        .complaint_by_number(complaint_no)
                        .map_err(|e| not_found(e, complaint_no, db))?;
                    case_packet(&store, &complaint)?
                }
                (Some(number), None, None) => export_by_number(&open_existing(db)?, number, db)?,
                (None, None, None) => bail!("give a form number, --packet or --blank"),
            };
            pdf::write_file(out, &bytes)?;
            println!("wrote {}", out.display());
        }
    }
    Ok(())
}

/// Prints one line each; a reader that stops early (`| head`) is not an error.
fn print_lines(lines: impl Iterator<Item = String>) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for line in lines {
        match writeln!(out, "{line}") {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            Err(error) => return Err(error.into()),
        }
    }
    Ok(())
}

/// The PDF of whichever form carries `number`, told apart by the number's prefix.
fn export_by_number(store: &Store, number: &str, db: &Path) -> Result<Vec<u8>> {
    use crate::domain::numbering::{CONFIRMATION_PREFIX, CONTRACT_PREFIX, INVESTIGATION_PREFIX};
    let settings = store.settings()?;
    let paper = paper(&settings, store.company_logo()?);
    let company = &paper.company;
    let prefix = number
        .trim()
        .split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_uppercase();
    let found = if prefix == INVESTIGATION_PREFIX {
        store.investigation_by_number(number).and_then(|report| {
            let complaint = store.complaint_by_id(report.complaint_id)?;
            let photos = store.photos_of(report.id)?;
            let paper = pdf::investigation::ReportPaper {
                report: &report,
                complaint: &complaint,
                photos: &photos,
            };
            Ok(pdf::investigation::filled(&paper, company))
        })
    } else if prefix == CONFIRMATION_PREFIX {
        store
            .confirmation_by_number(number)
            .and_then(|confirmation| {
                let complaint = store.complaint_by_id(confirmation.complaint_id)?;
                let paper = pdf::confirmation::ConfirmationPaper {
                    confirmation: &confirmation,
                    complaint: &complaint,
                    rates: settings.depreciation,
                };
                Ok(pdf::confirmation::filled(&paper, company))
            })
    } else if prefix == CONTRACT_PREFIX {
        let today = chrono::Local::now().date_naive();
        store
            .contract_by_number(number)
            .map(|contract| pdf::renewal_letter::filled(&contract, company, today))
    } else if prefix == settings.complaint_prefix {
        store
            .complaint_by_number(number)
            .map(|complaint| pdf::complaint::filled(&complaint, company))
    } else {
        store
            .card_by_registration_no(number)
            .map(|card| pdf::warranty_card::filled(&card, &paper))
    };
    Ok(found.map_err(|e| not_found(e, number, db))??)
}

/// The case packet of a stored complaint.
pub fn case_packet(
    store: &Store,
    complaint: &crate::store::complaint::StoredComplaint,
) -> Result<Vec<u8>> {
    let settings = store.settings()?;
    let report = store.investigation_of(complaint.id)?;
    let photos = match &report {
        Some(report) => store.photos_of(report.id)?,
        None => Vec::new(),
    };
    let confirmation = store.confirmation_of(complaint.id)?;
    let report_paper = report
        .as_ref()
        .map(|report| pdf::investigation::ReportPaper {
            report,
            complaint,
            photos: &photos,
        });
    let confirmation_paper =
        confirmation
            .as_ref()
            .map(|confirmation| pdf::confirmation::ConfirmationPaper {
                confirmation,
                complaint,
                rates: settings.depreciation,
            });
    Ok(pdf::case::packet(
        complaint,
        report_paper.as_ref(),
        confirmation_paper.as_ref(),
        &settings.company_profile(store.company_logo()?),
    )?)
}

/// "no form numbered …" for a missing record; other store errors as they are.
fn not_found(error: crate::store::StoreError, number: &str, db: &Path) -> anyhow::Error {
    match error {
        crate::store::StoreError::NotFound(_) => {
            anyhow::anyhow!("no form numbered {} in {}", number.trim(), db.display())
        }
        other => other.into(),
    }
}

/// Opens a database that must already exist (reading commands never create one).
fn open_existing(db: &Path) -> Result<Store> {
    if !db.exists() {
        bail!("no database at {}", db.display());
    }
    open(db)
}

fn open(db: &Path) -> Result<Store> {
    Ok(Store::open(db)?)
}

/// What a warranty card prints besides the card: the letterhead (with `logo`, the stored
/// one) and the feedback grace period.
pub fn paper(
    settings: &crate::store::Settings,
    logo: Option<Vec<u8>>,
) -> pdf::warranty_card::CardPaper {
    pdf::warranty_card::CardPaper {
        company: settings.company_profile(logo),
        feedback_grace_days: settings.feedback_grace_days,
    }
}

fn check_out_path(out: &Path) -> Result<()> {
    if out.is_dir() {
        bail!("--out names a folder, not a file: {}", out.display());
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        bail!("the folder for --out does not exist: {}", parent.display());
    }
    Ok(())
}

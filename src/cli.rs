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
    /// Fill the database with realistic demo warranty cards and complaints (reproducible from --seed).
    Demo {
        #[arg(long, default_value_t = 500)]
        count: usize,
        #[arg(long, default_value_t = 20261123)]
        seed: u64,
    },
    /// Write a form as a PDF: a stored one by its number, or a blank one with --blank.
    ExportPdf {
        /// The form's number: a warranty card (WC-2026-000042) or a complaint (CC-2026-11-0042).
        #[arg(required_unless_present = "blank", conflicts_with = "blank")]
        number: Option<String>,
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
                "added {} demo warranty cards and {} complaints to {}",
                added.cards,
                added.complaints,
                db.display()
            );
        }
        Command::ExportPdf { number, blank, out } => {
            check_out_path(out)?;
            let bytes = match (number, blank) {
                (_, Some(BlankForm::WarrantyCard)) => {
                    // A blank card needs no database, but uses its company name when there is one.
                    let settings = if db.exists() {
                        open(db)?.settings()?
                    } else {
                        Default::default()
                    };
                    pdf::warranty_card::blank(&paper(&settings))?
                }
                (_, Some(BlankForm::Complaint)) => {
                    let settings = if db.exists() {
                        open(db)?.settings()?
                    } else {
                        Default::default()
                    };
                    pdf::complaint::blank(&settings.company_name)?
                }
                (Some(number), None) => {
                    if !db.exists() {
                        bail!("no database at {}", db.display());
                    }
                    export_by_number(&open(db)?, number, db)?
                }
                (None, None) => bail!("give a form number or --blank"),
            };
            pdf::write_file(out, &bytes)?;
            println!("wrote {}", out.display());
        }
    }
    Ok(())
}

/// The PDF of whichever form carries `number`.
fn export_by_number(store: &Store, number: &str, db: &Path) -> Result<Vec<u8>> {
    use crate::store::StoreError::NotFound;
    let settings = store.settings()?;
    match store.card_by_registration_no(number) {
        Ok(card) => return Ok(pdf::warranty_card::filled(&card, &paper(&settings))?),
        Err(NotFound(_)) => {}
        Err(other) => return Err(other.into()),
    }
    match store.complaint_by_number(number) {
        Ok(complaint) => Ok(pdf::complaint::filled(&complaint, &settings.company_name)?),
        Err(NotFound(_)) => bail!("no form numbered {} in {}", number.trim(), db.display()),
        Err(other) => Err(other.into()),
    }
}

fn open(db: &Path) -> Result<Store> {
    Ok(Store::open(db)?)
}

pub fn paper(settings: &crate::store::Settings) -> pdf::warranty_card::CardPaper {
    pdf::warranty_card::CardPaper {
        company_name: settings.company_name.clone(),
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

//! The command line: the same binary opens the window or runs one command for scripts.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::paper::{self, Paper};
use crate::domain::report::Span;
use crate::domain::unit::{Period, Unit, UnitDraft, UnitLevel};
use crate::pdf;
use crate::printing::Printing;
use crate::store::report::Scope;
use crate::store::{Store, StoreError};

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
        /// How many warranty cards to add, from 1 to 1,000,000.
        #[arg(long, default_value_t = 500, value_parser = demo_count, allow_negative_numbers = true)]
        count: usize,
        #[arg(long, default_value_t = 20261123)]
        seed: u64,
        /// Add one case instead, every text of its four forms as long as the form allows
        /// (for trying paper, search and the monthly file at their limits).
        #[arg(long, conflicts_with_all = ["count", "seed"])]
        longest: bool,
        /// Make the database this office's first (as `aftersales unit` does), so that offices'
        /// demo databases can exchange monthly files.
        #[command(flatten)]
        unit: DemoUnit,
    },
    /// Set the office this database belongs to: its code (given by headquarters), its name,
    /// its level and, for a dealer, its region's code.
    Unit {
        #[command(flatten)]
        unit: UnitArgs,
    },
    /// Monthly files between dealers, regions and headquarters.
    Bundle {
        #[command(subcommand)]
        action: BundleCommand,
    },
    /// Print a month's report (each figure beside the month before) and write it as a PDF,
    /// its tables to a workbook and CSV files, in the database's interface language.
    Report {
        /// The month (2026-10), quarter (2026-Q4) or year (2026).
        #[arg(long, alias = "period", value_parser = span)]
        month: Span,
        /// One office's records only (its code; this office's own code for its own), or a
        /// region's with --region; all the database holds by default.
        #[arg(long, value_name = "CODE")]
        unit: Option<String>,
        /// The records of every office of this region.
        #[arg(long, value_name = "CODE", conflicts_with = "unit")]
        region: Option<String>,
        /// Write the report as an A4 PDF, with its charts.
        #[arg(long, value_name = "FILE.pdf")]
        out: Option<PathBuf>,
        /// Write the tables to this workbook, a sheet each.
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        /// Write each table to a CSV file in this folder.
        #[arg(long, value_name = "DIR")]
        csv: Option<PathBuf>,
    },
    /// Print which offices sent their monthly file for a month, when, and who is missing:
    /// code, name, level, standing, received, records.
    Submissions {
        /// The month, as 2026-10.
        #[arg(long, value_parser = month)]
        month: Period,
    },
    /// Print the steps past their deadline, one line each: number, what is due, deadline, how
    /// late, customer (limits, home province and remote regions from the settings).
    Overdue,
    /// Write a consistent copy of the database to a new file (safe while the program is in
    /// use; never over an existing file or a database).
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Check the file page by page and the audit trail entry by entry; names the first thing
    /// found damaged or changed outside the program.
    Verify,
    /// Search every record (names, phones, addresses, numbers, models, serials, descriptions);
    /// prints one line per record found.
    Search {
        #[arg(value_parser = search_text)]
        text: String,
        /// The most lines printed, from 1.
        #[arg(long, default_value_t = 100, value_parser = search_limit, allow_negative_numbers = true)]
        limit: usize,
    },
    /// Write a form as a PDF: a stored one by its number, or a blank one with --blank; several
    /// stored ones, each to its own file, with --out-dir.
    ExportPdf {
        /// The form's number: a warranty card (WC-2026-000042), a complaint (CC-2026-11-0042),
        /// an investigation report (IR-…), a service confirmation (SC-…), or a maintenance
        /// contract (MC-2026-0042), whose renewal notice letter is written. Several numbers
        /// need --out-dir.
        #[arg(
            value_name = "NUMBER",
            required_unless_present_any = ["blank", "packet"],
            conflicts_with_all = ["blank", "packet"]
        )]
        numbers: Vec<String>,
        /// Write the whole case of this complaint number as one PDF: complaint, investigation
        /// report with photos, service confirmation.
        #[arg(long, value_name = "CC-NUMBER", conflicts_with = "blank")]
        packet: Option<String>,
        /// Print an empty form for filling by hand.
        #[arg(long, value_enum)]
        blank: Option<BlankForm>,
        /// The office whose form it is, by its code, where several offices' forms carry the
        /// number (at a region or headquarters).
        #[arg(long, value_name = "CODE", conflicts_with = "blank")]
        origin: Option<String>,
        /// The file to write.
        #[arg(long, value_name = "FILE.pdf", required_unless_present = "out_dir")]
        out: Option<PathBuf>,
        /// Write each form to its own file in this folder (which must exist), named by its
        /// number: CC-2026-11-0042.pdf. Every number is looked up before anything is written.
        #[arg(long, value_name = "DIR", conflicts_with = "out")]
        out_dir: Option<PathBuf>,
    },
    /// Attach signed paper that came back (scans, phone photos or faxes: PNG, JPEG, TIFF or a
    /// scanner's PDF, every page) to the forms whose code each page carries; one line each says
    /// which page went to which form. A page whose code cannot be read is kept aside for a
    /// clerk to match by hand.
    AttachScan {
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
    /// List this computer's printers, the default first (marked *)
    Printers,
    /// Send forms to a printer: stored ones by number, a case packet, or a blank form; one line
    /// each says where it went
    Print {
        /// The forms' numbers, as for export-pdf.
        #[arg(
            value_name = "NUMBER",
            required_unless_present_any = ["blank", "packet"],
            conflicts_with_all = ["blank", "packet"]
        )]
        numbers: Vec<String>,
        /// Print the whole case of this complaint number: its cover, complaint, investigation
        /// report with photos and service confirmation.
        #[arg(long, value_name = "CC-NUMBER", conflicts_with = "blank")]
        packet: Option<String>,
        /// Print an empty form for filling by hand.
        #[arg(long, value_enum)]
        blank: Option<BlankForm>,
        /// The office whose form it is, by its code, where several offices' forms carry the
        /// number.
        #[arg(long, value_name = "CODE", conflicts_with = "blank")]
        origin: Option<String>,
        /// The printer, by the name `aftersales printers` lists (default: the computer's
        /// default printer).
        #[arg(long, value_name = "NAME")]
        printer: Option<String>,
        /// How many copies of each form, 1 to 99.
        #[arg(long, default_value_t = 1, value_name = "N")]
        copies: u32,
    },
}

#[derive(Subcommand, Debug)]
pub enum BundleCommand {
    /// Write this office's monthly file: every record made or changed here in the month, signed
    /// with this office's key (made beside the database on first use).
    Export {
        /// The month, as 2026-10.
        #[arg(long, value_parser = month)]
        month: Period,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Check a monthly file whole, say what it holds, and add it to this database in one step
    /// (or, with --dry-run, only say what it would do).
    Import {
        file: PathBuf,
        /// Check and plan only; nothing is changed.
        #[arg(long)]
        dry_run: bool,
        /// Accept a sender seen for the first time (check its key fingerprint with it first).
        #[arg(long)]
        trust_new_sender: bool,
    },
}

#[derive(clap::Args, Debug)]
pub struct UnitArgs {
    /// The office's code, as headquarters gives it (JX-NC-012).
    #[arg(long)]
    code: String,
    #[arg(long)]
    name: String,
    #[arg(long, value_enum)]
    level: Level,
    /// A dealer's region code.
    #[arg(long, default_value = "")]
    region: String,
}

#[derive(clap::Args, Debug)]
pub struct DemoUnit {
    /// The office's code.
    #[arg(long = "unit", value_name = "CODE", requires_all = ["unit_name", "level"])]
    code: Option<String>,
    #[arg(long = "unit-name", value_name = "NAME")]
    unit_name: Option<String>,
    #[arg(long, value_enum)]
    level: Option<Level>,
    #[arg(long, default_value = "")]
    region: String,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum Level {
    Dealer,
    Region,
    Hq,
}

impl Level {
    fn unit_level(self) -> UnitLevel {
        match self {
            Level::Dealer => UnitLevel::Dealer,
            Level::Region => UnitLevel::Region,
            Level::Hq => UnitLevel::Headquarters,
        }
    }
}

fn month(text: &str) -> Result<Period, String> {
    Period::parse(text).ok_or_else(|| "give the month as 2026-10".to_owned())
}

fn span(text: &str) -> Result<Span, String> {
    Span::parse(text)
        .ok_or_else(|| "give a month as 2026-10, a quarter as 2026-Q4 or a year as 2026".to_owned())
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum BlankForm {
    WarrantyCard,
    Complaint,
    Investigation,
    Confirmation,
}

/// The most demo cards one run adds: headquarters' scale (ten million cards with their cases
/// take about 35 GB); more is a slip of the keyboard that would fill the disk.
pub const MAX_DEMO_COUNT: usize = 10_000_000;

fn demo_count(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(count) if (1..=MAX_DEMO_COUNT).contains(&count) => Ok(count),
        _ => Err(format!(
            "give a whole number of cards from 1 to {MAX_DEMO_COUNT}"
        )),
    }
}

fn search_limit(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(limit) if limit >= 1 => Ok(limit),
        Ok(_) => Err("0 would print nothing: give 1 or more lines".to_owned()),
        Err(_) => Err("give a whole number of lines, 1 or more".to_owned()),
    }
}

fn search_text(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        Err("the search text is empty: give a name, phone, number or word".to_owned())
    } else {
        Ok(text.to_owned())
    }
}

/// `message` on one line, as errors are printed: a control character (a line break in a form
/// number or a path) is written as its escape, so a script reading one line per error reads the
/// whole of it.
pub fn one_line(message: &str) -> String {
    message
        .chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The file beside the program that makes it portable (a dealer without administrator rights,
/// an archive on a USB drive): the database, its backups and its signing key are then kept
/// beside the program, in [`PORTABLE_FOLDER`], never in the user's data directory.
pub const PORTABLE_MARKER: &str = "portable";
/// The folder beside a portable program that holds its database.
pub const PORTABLE_FOLDER: &str = "aftersales-data";

/// The default database: beside the program when it is portable ([`portable_db`]); else
/// `aftersales.db` in the platform's data directory (~/.local/share/aftersales on Linux,
/// %APPDATA%\aftersales\data on Windows, ~/Library/Application Support/aftersales on macOS).
pub fn default_db_path() -> Result<PathBuf> {
    if let Some(db) = std::env::current_exe()
        .ok()
        .and_then(|exe| portable_db(&exe))
    {
        return Ok(db);
    }
    let dirs = directories::ProjectDirs::from("", "", "aftersales")
        .context("cannot find the user's home directory; pass --db PATH")?;
    Ok(dirs.data_dir().join("aftersales.db"))
}

/// The database of the program `exe` when a file named [`PORTABLE_MARKER`] is beside it:
/// `aftersales-data/aftersales.db` in the program's folder.
pub fn portable_db(exe: &Path) -> Option<PathBuf> {
    let folder = exe.parent()?;
    folder
        .join(PORTABLE_MARKER)
        .is_file()
        .then(|| folder.join(PORTABLE_FOLDER).join("aftersales.db"))
}

pub fn db_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(path) => Ok(path.clone()),
        None => default_db_path(),
    }
}

/// Environment variable fixing the time the commands take as now (`2026-11-23 09:00`), for
/// tests and scripts that need the same answer every day. Unset, the computer's clock is used.
pub const NOW_VARIABLE: &str = "AFTERSALES_NOW";

/// The time the commands take as now: [`NOW_VARIABLE`] when set, else the computer's clock.
pub fn now() -> Result<chrono::NaiveDateTime> {
    match std::env::var(NOW_VARIABLE) {
        Ok(text) => crate::domain::complaint::parse_time(&text).map_err(|_| {
            anyhow::anyhow!("{NOW_VARIABLE} is not a time like 2026-11-23 09:00: {text:?}")
        }),
        Err(_) => Ok(chrono::Local::now().naive_local()),
    }
}

/// Runs a command that is not the window.
pub fn run(command: &Command, db: &Path) -> Result<()> {
    match command {
        Command::Demo {
            count,
            seed,
            longest,
            unit,
        } => {
            let now = now()?;
            let mut store = open_to_write(db)?;
            if let (Some(code), Some(name), Some(level)) = (&unit.code, &unit.unit_name, unit.level)
            {
                set_unit(&mut store, code, name, level, &unit.region)?;
            }
            store.set_writer("demo");
            if *longest {
                let id = crate::demo::fill_longest(&mut store, now)
                    .with_context(|| format!("cannot add demo data to {}", db.display()))?;
                let number = store.complaint_by_id(id)?.complaint_no;
                println!(
                    "added case {number}, every text as long as its form allows, to {}",
                    db.display()
                );
                return Ok(());
            }
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
        Command::Unit { unit } => {
            let mut store = open_to_write(db)?;
            let set = set_unit(&mut store, &unit.code, &unit.name, unit.level, &unit.region)?;
            println!(
                "{} ({}) is now this database's office, a {}{}: {}",
                set.code,
                set.name,
                set.level.code(),
                if set.region.is_empty() {
                    String::new()
                } else {
                    format!(" of region {}", set.region)
                },
                db.display()
            );
        }
        Command::Bundle { action } => bundle(action, db)?,
        Command::Report {
            month,
            unit,
            region,
            out,
            xlsx,
            csv,
        } => {
            let now = now()?;
            let store = open_to_read(db)?;
            let settings = store.settings()?;
            // This office's own code names its own records, stored with no origin.
            let scope = match (unit, region) {
                (Some(code), _) if *code == settings.unit_code => Scope::Office(String::new()),
                (Some(code), _) => Scope::Office(code.clone()),
                (None, Some(code)) => Scope::Region(code.clone()),
                (None, None) => Scope::All,
            };
            for out in [out, xlsx].into_iter().flatten() {
                check_out_path(out, db)?;
            }
            let report =
                crate::report::MonthlyReport::gather(&store, *month, scope, &settings, now)?;
            let lang = crate::i18n::Lang::from_code(&settings.language).unwrap_or_default();
            let sheets = report.sheets(&crate::i18n::I18n::new(lang));
            let lines = sheets[0].rows.iter().map(|row| {
                row.iter()
                    .map(crate::sheet::SheetCell::text)
                    .collect::<Vec<_>>()
                    .join("\t")
            });
            print_lines(lines)?;
            if let Some(out) = out {
                let company = store.company_profile()?;
                let bytes =
                    crate::pdf::report::render_report(&report, &company, &settings.unit_code)?;
                crate::pdf::write_file(out, &bytes)?;
                println!("wrote {}", out.display());
            }
            if let Some(out) = xlsx {
                crate::sheet::write_workbook(&sheets, out)?;
                println!("wrote {}", out.display());
            }
            if let Some(folder) = csv {
                for path in crate::report::write_csv_folder(&sheets, folder)? {
                    println!("wrote {}", path.display());
                }
            }
        }
        Command::Submissions { month } => {
            let today = now()?.date();
            let store = open_to_read(db)?;
            let settings = store.settings()?;
            let me = settings
                .unit()
                .ok_or(crate::store::exchange::ExchangeError::NoOfficeCode)?;
            let lines = store
                .submissions(*month, &me, today, settings.due_days())?
                .into_iter()
                .map(|row| {
                    use crate::domain::unit::Submission;
                    let (standing, when) = match row.submission {
                        Submission::OnTime(at) => {
                            ("on time", at.format("%Y-%m-%d %H:%M").to_string())
                        }
                        Submission::Late(at) => ("late", at.format("%Y-%m-%d %H:%M").to_string()),
                        Submission::Missing { due } => ("missing", format!("due {due}")),
                        Submission::Awaited { due } => ("awaited", format!("due {due}")),
                    };
                    format!(
                        "{}\t{}\t{}\t{standing}\t{when}\t{} records",
                        row.unit.code,
                        row.unit.name,
                        row.unit.level.code(),
                        row.records
                    )
                });
            print_lines(lines)?;
        }
        Command::Overdue => {
            let now = now()?;
            let store = open_to_read(db)?;
            let english = crate::i18n::I18n::new(crate::i18n::Lang::English);
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
            check_out_path(out, db)?;
            open_to_read(db)?.backup_to(out)?;
            println!("wrote {}", out.display());
        }
        Command::Verify => {
            let now = now()?;
            // Verifying notes when it last passed, where the file can be written.
            let store = match Store::open_existing(db) {
                Ok(store) => store,
                Err(StoreError::ReadOnly { .. }) => open_to_read(db)?,
                Err(error) => return Err(error.into()),
            };
            store.integrity_check()?;
            let verification = store.verify()?;
            if let Some(found) = verification.first_break {
                bail!(
                    "the audit trail shows tampering: {found} ({} entries checked): {}",
                    verification.entries,
                    db.display()
                );
            }
            if store.access() == crate::store::Access::ReadWrite {
                // Noting when it passed is bookkeeping: a full disk or a busy file does not
                // make the file any less intact, and must not turn the answer into a failure.
                match store.note_verified(now) {
                    Ok(()) | Err(StoreError::DiskFull | StoreError::Busy) => {}
                    Err(error) => return Err(error.into()),
                }
            }
            println!(
                "the file and its audit trail are intact: {} entries, {} records checked: {}",
                verification.entries,
                verification.records,
                db.display()
            );
        }
        Command::Search { text, limit } => {
            let store = open_to_read(db)?;
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
            numbers,
            blank,
            packet,
            origin,
            out,
            out_dir,
        } => {
            let english = crate::i18n::I18n::new(crate::i18n::Lang::English);
            let today = now()?.date();
            if numbers.len() > 1 && out_dir.is_none() {
                bail!(
                    "{} form numbers given: write them to a folder with --out-dir, a file each",
                    numbers.len()
                );
            }
            let (store, papers) = chosen_papers(db, numbers, *blank, packet, origin)?;
            match (out, out_dir) {
                (Some(out), _) => {
                    check_out_path(out, db)?;
                    let printed = pdf::paper::print(&store, papers[0], today, &english)?;
                    pdf::write_file(out, &printed.bytes)?;
                    println!("wrote {}", out.display());
                    warn_unprintable(&printed.unprintable);
                }
                (None, Some(dir)) => {
                    use std::io::Write;
                    if !dir.is_dir() {
                        bail!("--out-dir is not a folder: {}", dir.display());
                    }
                    let mut stdout = std::io::stdout().lock();
                    pdf::paper::print_each_to_folder(
                        &store,
                        &papers,
                        today,
                        &english,
                        dir,
                        Some(db),
                        |written| {
                            // A closed pipe (`| head`) stops the lines, not the files.
                            let _ = writeln!(stdout, "wrote {}", written.path.display());
                            warn_unprintable(&written.unprintable);
                        },
                    )?;
                }
                (None, None) => bail!("give --out FILE.pdf or --out-dir DIR"),
            }
        }
        Command::Printers => {
            let printers = crate::printing::SystemPrinting.printers()?;
            if printers.is_empty() {
                return Err(crate::printing::PrintError::NoPrinter.into());
            }
            for printer in printers {
                let mark = if printer.is_default { "*" } else { " " };
                println!("{mark} {}", printer.name);
            }
        }
        Command::AttachScan { files } => {
            let now = now()?;
            let store = open_to_write(db)?;
            store.set_writer(&command_line_writer(&store)?);
            let mut failed = 0;
            for file in files {
                if let Err(error) = attach_scan(&store, file, now) {
                    failed += 1;
                    eprintln!(
                        "{}",
                        one_line(&format!("{}: not attached: {error:#}", file.display()))
                    );
                }
            }
            if failed > 0 {
                bail!("{failed} of {} files could not be attached", files.len());
            }
        }
        Command::Print {
            numbers,
            blank,
            packet,
            origin,
            printer,
            copies,
        } => {
            let english = crate::i18n::I18n::new(crate::i18n::Lang::English);
            let today = now()?.date();
            let system = crate::printing::SystemPrinting;
            // The printer and copies are settled, and the forms looked up, before anything is
            // sent; the printers are asked for once.
            let printers = system.printers()?;
            let printer = match printer {
                Some(name) => name.clone(),
                None => printers
                    .iter()
                    .find(|p| p.is_default)
                    .map(|p| p.name.clone())
                    .ok_or_else(|| {
                        anyhow::anyhow!(
                            "this computer has no default printer: name one with --printer (see `aftersales printers`)"
                        )
                    })?,
            };
            crate::printing::check_job(&printers, &printer, *copies)?;
            let (store, papers) = chosen_papers(db, numbers, *blank, packet, origin)?;
            for paper in papers {
                let printed = pdf::paper::print(&store, paper, today, &english)?;
                let title = printed.file_name.trim_end_matches(".pdf").to_owned();
                let job = crate::printing::send_bytes(
                    &system,
                    &printed.bytes,
                    &printer,
                    *copies,
                    &title,
                )?;
                let job = job.map(|j| format!(", job {j}")).unwrap_or_default();
                let copies = match copies {
                    1 => "1 copy".to_owned(),
                    n => format!("{n} copies"),
                };
                println!("sent {title} to {printer} ({copies}{job})");
                warn_unprintable(&printed.unprintable);
            }
        }
    }
    Ok(())
}

/// Reads one file of signed paper and keeps each of its pages with the form its code names,
/// or aside; prints one line a page.
fn attach_scan(store: &Store, file: &Path, now: chrono::NaiveDateTime) -> Result<()> {
    use crate::store::signed_page::Kept;
    let scan = crate::scan::read_scan_file(file)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string());
    let attached = store.attach_scan(&name, &scan, now)?;
    let several = attached.len() > 1;
    for page in attached {
        let which = if several {
            format!("{} page {}", file.display(), page.page)
        } else {
            file.display().to_string()
        };
        let said = match (&page.kept, &page.form, &page.code) {
            (Kept::Before(before), form, _) => {
                let whose = match form {
                    Some((_, number)) => format!("with {number}"),
                    None => "aside".to_owned(),
                };
                format!(
                    "already kept {whose} on {} (page #{}); nothing added",
                    before.added_at.format("%Y-%m-%d %H:%M"),
                    before.id
                )
            }
            (Kept::Copy(original), form, _) => {
                let whose = match form {
                    Some((_, number)) => format!("of {number}"),
                    None => "kept aside".to_owned(),
                };
                format!(
                    "a printed copy of the signed page #{} {whose} ({}, page {}); nothing added",
                    original.id, original.file_name, original.page
                )
            }
            (Kept::New(id), Some((_, number)), _) => {
                format!("signed original of {number} (page #{id})")
            }
            (Kept::New(id), None, Some(code)) => format!(
                "its code names {} of office {}, which is not in this database; kept aside (page #{id}) to be matched by hand",
                code.number,
                if code.office.is_empty() {
                    "(none)"
                } else {
                    &code.office
                }
            ),
            (Kept::New(id), None, None) => format!(
                "no form's code could be read on it; kept aside (page #{id}) to be matched by hand"
            ),
        };
        println!("{}", one_line(&format!("{which}: {said}")));
    }
    Ok(())
}

/// The papers the command line names: a blank form (with this database's letterhead when there
/// is one), a case packet, or stored forms by number, each looked up before any is printed.
fn chosen_papers(
    db: &Path,
    numbers: &[String],
    blank: Option<BlankForm>,
    packet: &Option<String>,
    origin: &Option<String>,
) -> Result<(Store, Vec<Paper>)> {
    Ok(match (numbers, blank, packet) {
        (_, Some(form), _) => {
            // A blank form needs no database, but uses its letterhead when there is one.
            let store = if db.exists() {
                open_to_read(db)?
            } else {
                Store::open_in_memory()?
            };
            let paper = Paper::Blank(match form {
                BlankForm::WarrantyCard => paper::BlankForm::WarrantyCard,
                BlankForm::Complaint => paper::BlankForm::Complaint,
                BlankForm::Investigation => paper::BlankForm::Investigation,
                BlankForm::Confirmation => paper::BlankForm::Confirmation,
            });
            (store, vec![paper])
        }
        (_, None, Some(complaint_no)) => {
            let store = open_to_read(db)?;
            let complaint = store
                .complaint_by_number_of(complaint_no, origin.as_deref())
                .map_err(|e| not_found(e, complaint_no, db))?;
            (store, vec![Paper::Packet(complaint.id)])
        }
        ([], None, None) => bail!("give a form number, --packet or --blank"),
        (numbers, None, None) => {
            let store = open_to_read(db)?;
            let papers = papers_by_number(&store, numbers, origin.as_deref(), db)?;
            (store, papers)
        }
    })
}

/// One line on standard error for each field of a form that printed a character as an empty
/// box, no font of this computer having it: which form, which field, which characters.
fn warn_unprintable(unprintable: &[pdf::Unprintable]) {
    for found in unprintable {
        let form = if found.form.is_empty() {
            String::new()
        } else {
            format!("{}: ", found.form)
        };
        eprintln!(
            "warning: {form}{}: no font on this computer has {}; printed as an empty box (the PDF's text keeps it)",
            found.field,
            crate::fonts::named(&found.chars)
        );
    }
}

/// The papers of `numbers`, each once however often or however spelt it is given; every
/// number is looked up before anything is printed, and those not found are named together.
fn papers_by_number(
    store: &Store,
    numbers: &[String],
    origin: Option<&str>,
    db: &Path,
) -> Result<Vec<Paper>> {
    let mut papers = Vec::with_capacity(numbers.len());
    let mut seen = std::collections::HashSet::with_capacity(numbers.len());
    let mut missing = Vec::new();
    for number in numbers {
        match pdf::paper::paper_by_number_of(store, number, origin) {
            Ok(paper) => {
                if seen.insert(paper) {
                    papers.push(paper);
                }
            }
            Err(StoreError::NotFound(_)) => missing.push(number.trim()),
            Err(other) => return Err(not_found(other, number, db)),
        }
    }
    match missing.as_slice() {
        [] => Ok(papers),
        [one] => bail!(
            "no form numbered {one} in {}; nothing written",
            db.display()
        ),
        many => {
            const NAMED: usize = 10;
            let mut named = many[..many.len().min(NAMED)].join(", ");
            if many.len() > NAMED {
                named.push_str(&format!(" and {} more", many.len() - NAMED));
            }
            bail!(
                "{} of the numbers are not in {}: {named}; nothing written",
                many.len(),
                db.display()
            )
        }
    }
}

/// Sets the database's office, checked as the settings screen checks it.
fn set_unit(store: &mut Store, code: &str, name: &str, level: Level, region: &str) -> Result<Unit> {
    let draft = UnitDraft {
        code: code.to_owned(),
        name: name.to_owned(),
        level: level.unit_level(),
        region: region.to_owned(),
    };
    let english = crate::i18n::I18n::new(crate::i18n::Lang::English);
    let unit = draft.parse().map_err(|errors| {
        let said: Vec<String> = errors
            .iter()
            .map(|e| {
                format!(
                    "{}: {}",
                    english.tr(e.field.label_key()),
                    english.tr(e.message)
                )
            })
            .collect();
        anyhow::anyhow!("{}", said.join("; "))
    })?;
    let mut settings = store.settings()?;
    settings.unit_code = unit.code.clone();
    settings.unit_name = unit.name.clone();
    settings.unit_level = unit.level;
    settings.unit_region = unit.region.clone();
    store.save_settings(&settings)?;
    Ok(unit)
}

/// Who a command's changes are recorded under: the clerk the window last asked for, marked as
/// done from the command line.
fn command_line_writer(store: &Store) -> Result<String> {
    Ok(match store.operator()? {
        Some(operator) => format!("{} (command line)", operator.name),
        None => "(command line)".to_owned(),
    })
}

/// The office the database belongs to; none set yet is an error saying how to set it.
fn this_office(store: &Store) -> Result<Unit> {
    Ok(store
        .settings()?
        .unit()
        .ok_or(crate::store::exchange::ExchangeError::NoOfficeCode)?)
}

/// `bundle export` and `bundle import`.
fn bundle(action: &BundleCommand, db: &Path) -> Result<()> {
    use crate::store::bundle::{key_path, load_or_make_key};
    let now = now()?;
    match action {
        BundleCommand::Export { month, out } => {
            // The store refuses the database, its companions and any other existing file (an
            // earlier export of the month may be written over).
            check_out_folder(out)?;
            let store = open_to_write(db)?;
            store.set_writer(&command_line_writer(&store)?);
            let me = this_office(&store)?;
            let key = load_or_make_key(&key_path(db))?;
            let summary = store.export_month(*month, &me, &key, out, now, &|_, _| {})?;
            println!(
                "wrote {}'s monthly file for {}: {} records: {}",
                me.code,
                month,
                summary.records(),
                out.display()
            );
        }
        BundleCommand::Import {
            file,
            dry_run,
            trust_new_sender,
        } => {
            let store = if *dry_run {
                open_to_read(db)?
            } else {
                open_to_write(db)?
            };
            store.set_writer(&command_line_writer(&store)?);
            let me = this_office(&store)?;
            let plan = if *dry_run {
                store.plan_import(file, &me, &|_, _| {})?
            } else {
                store.import_month(file, &me, *trust_new_sender, now, &|_, _| {})?
            };
            if let Some(at) = &plan.already_imported {
                println!(
                    "this file was already imported on {at}; nothing changed: {}",
                    file.display()
                );
                return Ok(());
            }
            println!(
                "{} {} ({}) for {}, key {}{}",
                if *dry_run { "would import" } else { "imported" },
                plan.sender.code,
                plan.sender.name,
                plan.period,
                plan.fingerprint,
                if plan.new_sender && *dry_run {
                    " (a new sender: accept it with --trust-new-sender)"
                } else {
                    ""
                }
            );
            let lines = plan.counts.iter().map(|(table, c)| {
                format!(
                    "{table}\t{} new\t{} updated\t{} unchanged\t{} conflicting",
                    c.new, c.updated, c.unchanged, c.conflicting
                )
            });
            print_lines(lines)?;
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

/// "no form numbered …" for a missing record; other store errors as they are.
fn not_found(error: crate::store::StoreError, number: &str, db: &Path) -> anyhow::Error {
    match error {
        crate::store::StoreError::NotFound(_) => {
            anyhow::anyhow!("no form numbered {} in {}", number.trim(), db.display())
        }
        other => other.into(),
    }
}

/// Opens an existing database to read it: nothing in the file or beside it is created or
/// changed (reading commands never create one).
fn open_to_read(db: &Path) -> Result<Store> {
    Ok(Store::open_read_only(db)?)
}

/// Opens (or, in an existing folder, creates) a database to write to it, after checking the
/// whole file: a damaged file is refused and left as it is.
fn open_to_write(db: &Path) -> Result<Store> {
    let store = Store::open(db)?;
    if store.access() == crate::store::Access::ReadOnly {
        return Err(StoreError::ReadOnly {
            path: db.display().to_string(),
        }
        .into());
    }
    store.integrity_check()?;
    Ok(store)
}

/// Refuses an output path that is a folder, in a missing folder, or that would overwrite the
/// database, one of its companion files, or any other database.
fn check_out_path(out: &Path, db: &Path) -> Result<()> {
    check_out_folder(out)?;
    if let Some(reason) = crate::store::file::forbidden_output(out, Some(db)) {
        return Err(StoreError::ForbiddenOutput {
            reason,
            path: out.display().to_string(),
        }
        .into());
    }
    Ok(())
}

/// Refuses an output path that is a folder or in a missing folder.
fn check_out_folder(out: &Path) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_with_a_portable_file_beside_it_keeps_its_database_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("aftersales.exe");
        std::fs::write(&exe, b"").unwrap();
        assert_eq!(portable_db(&exe), None, "no marker: the data directory");
        // A folder named like the marker is not the marker.
        std::fs::create_dir(dir.path().join(PORTABLE_MARKER)).unwrap();
        assert_eq!(portable_db(&exe), None);
        std::fs::remove_dir(dir.path().join(PORTABLE_MARKER)).unwrap();
        std::fs::write(dir.path().join(PORTABLE_MARKER), b"").unwrap();
        assert_eq!(
            portable_db(&exe),
            Some(dir.path().join("aftersales-data").join("aftersales.db"))
        );
    }
}

//! Sending a PDF to one of this computer's printers, with a number of copies.
//!
//! On Linux and macOS the printing system is CUPS, asked through its own commands: `lpstat` lists
//! the printers and names the default, `lp` queues the file (CUPS renders the PDF for the
//! printer). The commands are the interface CUPS keeps stable across versions and need no
//! library to build or to start the program: a computer without CUPS runs the program and is
//! told it cannot print. On Windows the file goes to the printer through the program Windows
//! opens PDFs with (its "print to" verb), as Explorer's "Print" does.
//!
//! The window and the command line reach printers through [`Printing`], so tests give them a
//! printing system that records what it was sent.

use std::path::Path;
use std::process::Command;

use thiserror::Error;

/// Most copies of one form sent at once (a sheaf for each party is a handful; a mistyped 1000
/// is refused, not printed).
pub const MAX_COPIES: u32 = 99;

/// A printer of this computer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Printer {
    /// The name the printing system knows it by (a CUPS queue name).
    pub name: String,
    /// Whether it is the computer's default printer.
    pub is_default: bool,
}

/// What can stop printing, in words a clerk can act on.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum PrintError {
    #[error(
        "this computer has no printing system the program can use (CUPS's lp and lpstat were not found); save the PDF and print it from another program"
    )]
    NoPrintingSystem,
    #[error(
        "no printer is set up on this computer; add one in the system's settings, or save the PDF"
    )]
    NoPrinter,
    #[error("there is no printer named {0} on this computer")]
    UnknownPrinter(String),
    #[error("copies must be a whole number from 1 to {MAX_COPIES}")]
    Copies,
    #[error("the printing system refused the job: {0}")]
    Refused(String),
    #[error("the form could not be handed to the printing system: {0}")]
    Io(String),
}

/// A printing system: this computer's, or a test's.
pub trait Printing {
    /// The printers, the default first.
    fn printers(&self) -> Result<Vec<Printer>, PrintError>;
    /// Queues `copies` copies of the PDF at `pdf` on `printer`, under `title` (what the
    /// printer's queue shows); returns the job's name in the queue, when the system gives one.
    fn print(
        &self,
        pdf: &Path,
        printer: &str,
        copies: u32,
        title: &str,
    ) -> Result<Option<String>, PrintError>;
}

/// Whether `copies` copies can go to `printer` among `printers`: a whole number from 1 to
/// [`MAX_COPIES`], to a printer that is there.
pub fn check_job(printers: &[Printer], printer: &str, copies: u32) -> Result<(), PrintError> {
    if !(1..=MAX_COPIES).contains(&copies) {
        return Err(PrintError::Copies);
    }
    if printers.is_empty() {
        return Err(PrintError::NoPrinter);
    }
    if !printers.iter().any(|p| p.name == printer) {
        return Err(PrintError::UnknownPrinter(printer.to_owned()));
    }
    Ok(())
}

/// Sends `bytes` (a PDF) to `printer`, `copies` times, under `title`, once [`check_job`] allows
/// it against the printers there now.
pub fn print_bytes(
    printing: &dyn Printing,
    bytes: &[u8],
    printer: &str,
    copies: u32,
    title: &str,
) -> Result<Option<String>, PrintError> {
    check_job(&printing.printers()?, printer, copies)?;
    send_bytes(printing, bytes, printer, copies, title)
}

/// Sends `bytes` to a printer already checked ([`check_job`]): written to a temporary file that
/// the printing system reads before this returns, then removed.
pub fn send_bytes(
    printing: &dyn Printing,
    bytes: &[u8],
    printer: &str,
    copies: u32,
    title: &str,
) -> Result<Option<String>, PrintError> {
    let file = tempfile::Builder::new()
        .prefix("aftersales-print-")
        .suffix(".pdf")
        .tempfile()
        .map_err(|e| PrintError::Io(e.to_string()))?;
    std::fs::write(file.path(), bytes).map_err(|e| PrintError::Io(e.to_string()))?;
    printing.print(file.path(), printer, copies, title)
}

/// The printer a print dialog opens on: `remembered` (the last one used) while it is still
/// there, else the computer's default, else the first.
pub fn preselected<'a>(printers: &'a [Printer], remembered: &str) -> Option<&'a Printer> {
    printers
        .iter()
        .find(|p| !remembered.is_empty() && p.name == remembered)
        .or_else(|| printers.iter().find(|p| p.is_default))
        .or_else(|| printers.first())
}

/// This computer's printing system.
pub struct SystemPrinting;

#[cfg(not(windows))]
impl Printing for SystemPrinting {
    fn printers(&self) -> Result<Vec<Printer>, PrintError> {
        // `lpstat -e` names every destination one a line (CUPS 2.2 on); the default is named by
        // `lpstat -d`. The C locale keeps the wording the parser reads.
        let names = run("lpstat", &["-e"])?;
        let default = run("lpstat", &["-d"]).unwrap_or_default();
        Ok(cups_printers(&names, &default))
    }

    fn print(
        &self,
        pdf: &Path,
        printer: &str,
        copies: u32,
        title: &str,
    ) -> Result<Option<String>, PrintError> {
        let copies = copies.to_string();
        let file = pdf.to_string_lossy();
        // A4, as the forms are laid out; fit-to-page shrinks a form a little on a printer
        // loaded with Letter rather than cutting off its foot.
        let said = run(
            "lp",
            &[
                "-d",
                printer,
                "-n",
                &copies,
                "-t",
                title,
                "-o",
                "media=A4",
                "-o",
                "fit-to-page",
                "--",
                &file,
            ],
        )?;
        Ok(cups_job(&said))
    }
}

/// Runs a CUPS command in the C locale: its standard output, or why it failed.
#[cfg(not(windows))]
fn run(program: &str, args: &[&str]) -> Result<String, PrintError> {
    let output = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .output()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => PrintError::NoPrintingSystem,
            _ => PrintError::Io(error.to_string()),
        })?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let said = String::from_utf8_lossy(&output.stderr);
        let first = said.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        Err(PrintError::Refused(first.trim().to_owned()))
    }
}

/// The printers `lpstat -e` named (one a line), the default (`lpstat -d`: "system default
/// destination: NAME") marked and first.
fn cups_printers(names: &str, default: &str) -> Vec<Printer> {
    let default = default
        .lines()
        .find_map(|l| l.strip_prefix("system default destination:"))
        .map(str::trim)
        .unwrap_or("");
    let mut printers: Vec<Printer> = names
        .lines()
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| Printer {
            name: name.to_owned(),
            is_default: name == default,
        })
        .collect();
    printers.sort_by_key(|p| !p.is_default);
    printers.dedup_by(|a, b| a.name == b.name);
    printers
}

/// The job `lp` queued: "request id is Office-42 (1 file(s))" gives `Office-42`.
fn cups_job(said: &str) -> Option<String> {
    let rest = said.split("request id is ").nth(1)?;
    rest.split_whitespace().next().map(str::to_owned)
}

#[cfg(windows)]
impl Printing for SystemPrinting {
    fn printers(&self) -> Result<Vec<Printer>, PrintError> {
        // Win32_Printer names each printer and marks the default.
        let said = powershell(
            "Get-CimInstance Win32_Printer | ForEach-Object { \"$($_.Default)`t$($_.Name)\" }",
        )?;
        let mut printers: Vec<Printer> = said
            .lines()
            .filter_map(|line| {
                let (default, name) = line.split_once('\t')?;
                Some(Printer {
                    name: name.trim().to_owned(),
                    is_default: default.trim().eq_ignore_ascii_case("true"),
                })
            })
            .filter(|p| !p.name.is_empty())
            .collect();
        printers.sort_by_key(|p| !p.is_default);
        Ok(printers)
    }

    fn print(
        &self,
        pdf: &Path,
        printer: &str,
        copies: u32,
        _title: &str,
    ) -> Result<Option<String>, PrintError> {
        // The program Windows opens PDFs with prints each copy ("PrintTo" takes no count).
        let quote = |text: &str| text.replace('\'', "''");
        let script = format!(
            "1..{copies} | ForEach-Object {{ Start-Process -FilePath '{}' -Verb PrintTo -ArgumentList '\"{}\"' -Wait }}",
            quote(&pdf.to_string_lossy()),
            quote(printer)
        );
        powershell(&script)?;
        Ok(None)
    }
}

#[cfg(windows)]
fn powershell(script: &str) -> Result<String, PrintError> {
    let output = Command::new("powershell")
        .args(["-NoProfile", "-NonInteractive", "-Command", script])
        .output()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => PrintError::NoPrintingSystem,
            _ => PrintError::Io(error.to_string()),
        })?;
    if output.status.success() {
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    } else {
        let said = String::from_utf8_lossy(&output.stderr);
        Err(PrintError::Refused(
            said.lines().next().unwrap_or("").trim().to_owned(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn cups_printers_are_listed_with_the_default_first_and_each_once() {
        let names = "Office_HP\nReception-Canon\n\nOffice_HP\n";
        let default = "system default destination: Reception-Canon\n";
        assert_eq!(
            cups_printers(names, default),
            [
                Printer {
                    name: "Reception-Canon".into(),
                    is_default: true
                },
                Printer {
                    name: "Office_HP".into(),
                    is_default: false
                },
            ]
        );
        // No default set: none marked, the order kept.
        let none = cups_printers("A\nB\n", "no system default destination\n");
        assert!(none.iter().all(|p| !p.is_default));
        assert_eq!(none[0].name, "A");
    }

    #[test]
    fn the_cups_job_is_read_from_what_lp_says() {
        assert_eq!(
            cups_job("request id is Office_HP-42 (1 file(s))\n").as_deref(),
            Some("Office_HP-42")
        );
        assert_eq!(cups_job(""), None);
    }

    #[test]
    fn the_dialog_opens_on_the_printer_used_last_then_the_default_then_the_first() {
        let printers = vec![
            Printer {
                name: "A".into(),
                is_default: false,
            },
            Printer {
                name: "B".into(),
                is_default: true,
            },
        ];
        assert_eq!(preselected(&printers, "A").unwrap().name, "A");
        assert_eq!(preselected(&printers, "gone").unwrap().name, "B");
        assert_eq!(preselected(&printers, "").unwrap().name, "B");
        let no_default = [Printer {
            name: "C".into(),
            is_default: false,
        }];
        assert_eq!(preselected(&no_default, "").unwrap().name, "C");
        assert_eq!(preselected(&[], "A"), None);
    }

    /// A job as sent: the file's bytes, the printer, the copies, the title.
    type Sent = (Vec<u8>, String, u32, String);

    /// Records what it was sent.
    struct Recorder {
        printers: Vec<Printer>,
        sent: RefCell<Vec<Sent>>,
    }

    impl Printing for Recorder {
        fn printers(&self) -> Result<Vec<Printer>, PrintError> {
            Ok(self.printers.clone())
        }
        fn print(
            &self,
            pdf: &Path,
            printer: &str,
            copies: u32,
            title: &str,
        ) -> Result<Option<String>, PrintError> {
            let bytes = std::fs::read(pdf).unwrap();
            self.sent
                .borrow_mut()
                .push((bytes, printer.into(), copies, title.into()));
            Ok(Some("job-1".into()))
        }
    }

    #[test]
    fn copies_out_of_range_and_a_printer_not_there_are_refused_before_anything_is_sent() {
        let recorder = Recorder {
            printers: vec![Printer {
                name: "Office".into(),
                is_default: true,
            }],
            sent: RefCell::new(Vec::new()),
        };
        for copies in [0, MAX_COPIES + 1] {
            assert_eq!(
                print_bytes(&recorder, b"%PDF", "Office", copies, "t"),
                Err(PrintError::Copies)
            );
        }
        assert_eq!(
            print_bytes(&recorder, b"%PDF", "Gone", 1, "t"),
            Err(PrintError::UnknownPrinter("Gone".into()))
        );
        assert!(recorder.sent.borrow().is_empty());
        assert_eq!(
            print_bytes(&recorder, b"%PDF-1.7 x", "Office", MAX_COPIES, "SC-1"),
            Ok(Some("job-1".into()))
        );
        assert_eq!(
            recorder.sent.borrow()[0],
            (
                b"%PDF-1.7 x".to_vec(),
                "Office".into(),
                MAX_COPIES,
                "SC-1".into()
            )
        );
        let none = Recorder {
            printers: Vec::new(),
            sent: RefCell::new(Vec::new()),
        };
        assert_eq!(
            print_bytes(&none, b"%PDF", "Office", 1, "t"),
            Err(PrintError::NoPrinter)
        );
    }
}

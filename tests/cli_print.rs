//! `printers` and `print` from the command line, against a stand-in for CUPS: `lpstat` and `lp`
//! scripts first on the PATH, the second keeping each file it is given and its arguments.
#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{case, page_texts, stderr};

/// A folder holding `lpstat` (naming `printers`, `default` the default) and `lp` (copying the
/// file it is sent into `spool/`, its arguments beside it, and answering as CUPS does; or
/// refusing with `refuse` on standard error).
fn fake_cups(dir: &Path, printers: &[&str], default: &str, refuse: Option<&str>) -> PathBuf {
    let bin = dir.join("bin");
    let spool = dir.join("spool");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&spool).unwrap();
    let script = |name: &str, body: String| {
        let path = bin.join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    };
    let default_line = if default.is_empty() {
        "no system default destination".to_owned()
    } else {
        format!("system default destination: {default}")
    };
    script(
        "lpstat",
        format!(
            "case \"$1\" in\n  -e) printf '%s\\n' {} ;;\n  -d) echo '{default_line}' ;;\nesac\n",
            printers
                .iter()
                .map(|p| format!("'{p}'"))
                .collect::<Vec<_>>()
                .join(" ")
        ),
    );
    let lp = match refuse {
        Some(reason) => format!("echo 'lp: {reason}' >&2\nexit 1\n"),
        None => format!(
            "n=$(ls '{spool}' | grep -c pdf)\nfor last; do :; done\ncp \"$last\" '{spool}'/job-$n.pdf\nprintf '%s\\n' \"$@\" > '{spool}'/job-$n.args\necho \"request id is office-$n (1 file(s))\"\n",
            spool = spool.display()
        ),
    };
    script("lp", lp);
    bin
}

/// Runs the command line with `bin` first on the PATH.
fn run(bin: &Path, args: &[&str]) -> Output {
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    std::process::Command::new(env!("CARGO_BIN_EXE_aftersales"))
        .args(args)
        .env(aftersales::cli::NOW_VARIABLE, common::NOW_TEXT)
        .env("PATH", path)
        .output()
        .expect("the binary runs")
}

fn case_file(dir: &Path) -> PathBuf {
    let (store, _) = case();
    let db = dir.join("case.db");
    store.backup_to(&db).unwrap();
    db
}

/// What job `n` was given: its arguments and its file's pages as text.
fn job(dir: &Path, n: usize) -> (Vec<String>, Vec<String>) {
    let spool = dir.join("spool");
    let args = std::fs::read_to_string(spool.join(format!("job-{n}.args"))).unwrap();
    let pdf = std::fs::read(spool.join(format!("job-{n}.pdf"))).unwrap();
    (args.lines().map(str::to_owned).collect(), page_texts(&pdf))
}

#[test]
fn printers_lists_the_computers_printers_the_default_first_and_marked() {
    let dir = tempfile::tempdir().unwrap();
    let bin = fake_cups(dir.path(), &["Office_HP", "前台打印机"], "前台打印机", None);
    let output = run(&bin, &["printers"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "* 前台打印机\n  Office_HP\n"
    );
}

#[test]
fn a_confirmation_goes_to_the_default_printer_and_a_packet_to_the_one_named_with_its_copies() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let db = db.to_str().unwrap();
    let bin = fake_cups(dir.path(), &["Office_HP", "Reception"], "Reception", None);

    let output = run(&bin, &["print", "--db", db, "sc-2026-11-0001"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "sent SC-2026-11-0001 to Reception (1 copy, job office-0)\n"
    );
    let (args, pages) = job(dir.path(), 0);
    assert_eq!(
        args[..6],
        ["-d", "Reception", "-n", "1", "-t", "SC-2026-11-0001"]
    );
    assert!(args.contains(&"media=A4".to_owned()), "{args:?}");
    assert!(pages[0].contains("售后服务处理确认单"), "{}", pages[0]);

    let output = run(
        &bin,
        &[
            "print",
            "--db",
            db,
            "--packet",
            "CC-2026-11-0001",
            "--printer",
            "Office_HP",
            "--copies",
            "3",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.ends_with("to Office_HP (3 copies, job office-1)\n"),
        "{said}"
    );
    let (args, pages) = job(dir.path(), 1);
    assert_eq!(args[..4], ["-d", "Office_HP", "-n", "3"]);
    // The whole case: its cover, then the three forms.
    assert!(pages.len() >= 4, "{} pages", pages.len());
    assert!(pages[0].contains("案卷封面"), "{}", pages[0]);
}

#[test]
fn nothing_is_sent_to_a_printer_not_there_nor_for_a_form_not_there_nor_for_a_thousand_copies() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let db = db.to_str().unwrap();
    let bin = fake_cups(dir.path(), &["Office_HP"], "", None);
    let spooled = || std::fs::read_dir(dir.path().join("spool")).unwrap().count();
    for (args, said) in [
        (
            vec!["print", "--db", db, "SC-2026-11-0001", "--printer", "Gone"],
            "no printer named Gone",
        ),
        // No default printer: the clerk must name one.
        (
            vec!["print", "--db", db, "SC-2026-11-0001"],
            "no default printer",
        ),
        (
            vec![
                "print",
                "--db",
                db,
                "SC-2026-11-0001",
                "SC-2026-11-0099",
                "--printer",
                "Office_HP",
            ],
            "no form numbered SC-2026-11-0099",
        ),
        (
            vec![
                "print",
                "--db",
                db,
                "SC-2026-11-0001",
                "--printer",
                "Office_HP",
                "--copies",
                "1000",
            ],
            "copies must be a whole number from 1 to 99",
        ),
    ] {
        let output = run(&bin, &args);
        assert!(!output.status.success(), "{args:?}");
        assert!(
            stderr(&output).contains(said),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(spooled(), 0, "{args:?}: nothing reached the printer");
    }
}

#[test]
fn a_refusal_by_the_printing_system_and_a_computer_without_it_are_said_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = case_file(dir.path());
    let db = db.to_str().unwrap();
    let bin = fake_cups(
        dir.path(),
        &["Office_HP"],
        "Office_HP",
        Some("Destination \"Office_HP\" is not accepting jobs."),
    );
    let output = run(&bin, &["print", "--db", db, "SC-2026-11-0001"]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains(
            "the printing system refused the job: lp: Destination \"Office_HP\" is not accepting jobs."
        ),
        "{}",
        stderr(&output)
    );
    // No CUPS at all: a PATH with neither command.
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_aftersales"))
        .args(["printers"])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("no printing system the program can use"),
        "{}",
        stderr(&output)
    );
}

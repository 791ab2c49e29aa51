//! Portable mode: the program copied to a folder (a USB drive, a dealer's PC without
//! administrator rights) with a file named `portable` beside it keeps its database, backups
//! and signing key in that folder, and nothing in the user's data directory.

use std::path::Path;
use std::process::Command;

/// Runs the program at `exe` with `args`, its home and data directories in `home`.
fn run(exe: &Path, home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(exe)
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("APPDATA", home.join("AppData"))
        .env("AFTERSALES_NOW", "2026-11-23 09:30")
        .output()
        .unwrap()
}

#[test]
fn a_portable_program_keeps_its_archive_beside_it_and_nothing_in_the_home_folder() {
    let drive = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let exe = drive
        .path()
        .join(format!("aftersales{}", std::env::consts::EXE_SUFFIX));
    std::fs::copy(env!("CARGO_BIN_EXE_aftersales"), &exe).unwrap();
    std::fs::write(drive.path().join("portable"), b"").unwrap();

    let demo = run(&exe, home.path(), &["demo", "--count", "20"]);
    assert!(demo.status.success(), "{demo:?}");
    let db = drive.path().join("aftersales-data").join("aftersales.db");
    assert!(db.is_file(), "the database beside the program");
    // A backup and the monthly file's key go beside it too.
    let out = drive.path().join("aftersales-data").join("copy.db");
    let backup = run(
        &exe,
        home.path(),
        &["backup", "--out", out.to_str().unwrap()],
    );
    assert!(backup.status.success(), "{backup:?}");
    let verify = run(&exe, home.path(), &["verify"]);
    let said = String::from_utf8_lossy(&verify.stdout);
    assert!(said.contains("aftersales-data"), "{said}");
    // Nothing in the home folder.
    let left: Vec<_> = walk(home.path());
    assert!(left.is_empty(), "{left:?}");

    // Without the marker, the same program uses the data directory.
    std::fs::remove_file(drive.path().join("portable")).unwrap();
    let demo = run(&exe, home.path(), &["demo", "--count", "5"]);
    assert!(demo.status.success(), "{demo:?}");
    assert!(
        walk(home.path())
            .iter()
            .any(|p| p.ends_with("aftersales.db")),
        "{:?}",
        walk(home.path())
    );
}

/// Every file under `folder`.
fn walk(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

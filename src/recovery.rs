//! The window shown when the database cannot be opened: what is wrong, in both languages,
//! and the automatic backups it can be restored from. The damaged file is never deleted: it
//! is moved aside under a dated name before a backup takes its place.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::i18n::{I18n, Lang};
use crate::store::{Store, StoreError};

/// The recovery screen's state.
pub struct Recovery {
    db: PathBuf,
    error: String,
    /// Whether restoring a backup can help (not for a file from a newer program).
    can_restore: bool,
    backups: Vec<PathBuf>,
    /// The backup chosen, waiting for confirmation.
    chosen: Option<PathBuf>,
    zh: I18n,
    en: I18n,
    message: Option<String>,
    /// Where the typing of the form open when damage was found was kept.
    rescued: Option<PathBuf>,
}

/// The folder automatic backups of `db` go to.
pub fn backup_folder(db: &Path) -> PathBuf {
    crate::store::backup::default_backup_folder(db)
}

impl Recovery {
    pub fn new(db: PathBuf, error: &StoreError) -> Recovery {
        let can_restore = !matches!(error, StoreError::NewerSchema { .. });
        Recovery {
            backups: Store::backups_in(&backup_folder(&db)),
            db,
            error: error.to_string(),
            can_restore,
            chosen: None,
            zh: I18n::new(Lang::ZhCn),
            en: I18n::new(Lang::English),
            message: None,
            rescued: None,
        }
    }

    /// The screen for a file found damaged while the program worked on it: `message` says
    /// what was found, `rescued` where the open form's typing was kept.
    pub fn damaged(db: PathBuf, message: String, rescued: Option<PathBuf>) -> Recovery {
        let error = StoreError::Damaged {
            path: db.display().to_string(),
        };
        let mut recovery = Recovery::new(db, &error);
        recovery.error = message;
        recovery.rescued = rescued;
        recovery
    }

    fn both(&self, key: &str) -> String {
        format!("{}\n{}", self.zh.tr(key), self.en.tr(key))
    }

    /// Draws the screen; returns the store once a backup has been restored and opened, with
    /// the typing kept from the damaged file, if any.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<(Store, Option<PathBuf>)> {
        let mut opened = None;
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading(self.both("recovery-title"));
            ui.add_space(8.0);
            ui.label(RichText::new(&self.error).color(ui.visuals().error_fg_color));
            ui.add_space(8.0);
            if let Some(rescued) = &self.rescued {
                let path = rescued.display().to_string();
                ui.label(format!(
                    "{}\n{}",
                    self.zh.tr_args("recovery-rescued", &[("path", &path)]),
                    self.en.tr_args("recovery-rescued", &[("path", &path)])
                ));
                ui.add_space(8.0);
            }
            if !self.can_restore {
                ui.label(self.both("recovery-newer"));
                return;
            }
            ui.label(self.both("recovery-explain"));
            ui.add_space(8.0);
            if self.backups.is_empty() {
                ui.label(self.both("recovery-no-backups"));
            }
            for backup in self.backups.clone() {
                ui.horizontal(|ui| {
                    ui.label(backup.display().to_string());
                    if ui.button(self.both("recovery-restore")).clicked() {
                        self.chosen = Some(backup.clone());
                    }
                });
            }
            if let Some(message) = &self.message {
                ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
            }
        });
        if let Some(chosen) = self.chosen.clone() {
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("restore")).show(ui.ctx(), |ui| {
                ui.label(self.both("recovery-confirm"));
                ui.label(chosen.display().to_string());
                ui.horizontal(|ui| {
                    if ui.button(self.both("recovery-restore")).clicked() {
                        answer = Some(true);
                    }
                    if ui.button(self.both("recovery-cancel")).clicked() {
                        answer = Some(false);
                    }
                });
            });
            match answer {
                Some(true) => {
                    self.chosen = None;
                    match restore(&self.db, &chosen, "damaged") {
                        Ok(store) => opened = Some((store, self.rescued.clone())),
                        Err(error) => self.message = Some(error),
                    }
                }
                Some(false) => self.chosen = None,
                None => {}
            }
        }
        opened
    }
}

/// Moves the current file aside under a dated name (`<file>.<label>-<date>`, the label saying
/// why: `damaged` or `replaced`), puts a copy of `backup` in its place and opens it. The copy is
/// made and checked beside the database first, so a backup that cannot be read or copied
/// changes nothing.
///
/// A file another window (or program) has open is never swapped: it would keep writing to the
/// file moved aside. Close it first.
pub fn restore(db: &Path, backup: &Path, label: &str) -> Result<Store, String> {
    let with_suffix = |suffix: &str| crate::store::file::with_suffix(db, suffix);
    if crate::store::file::same_file(db, backup) {
        return Err(format!(
            "{} / {}: {}",
            I18n::new(Lang::ZhCn).tr("restore-same-file"),
            I18n::new(Lang::English).tr("restore-same-file"),
            backup.display()
        ));
    }
    if db.exists() && crate::store::file::in_use_elsewhere(db) {
        return Err(format!(
            "{} / {}: {}",
            I18n::new(Lang::ZhCn).tr("restore-in-use"),
            I18n::new(Lang::English).tr("restore-in-use"),
            db.display()
        ));
    }
    crate::store::backup::check_restorable(backup).map_err(|e| e.to_string())?;
    let incoming = with_suffix(".restoring");
    std::fs::copy(backup, &incoming).map_err(|e| format!("{e}: {}", backup.display()))?;
    let checked = Store::open(&incoming).and_then(|store| store.quick_check());
    if let Err(error) = checked {
        let _ = std::fs::remove_file(&incoming);
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(&format!(".restoring{suffix}")));
        }
        return Err(error.to_string());
    }
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let aside = with_suffix(&format!(".{label}-{stamp}"));
    if db.exists() {
        std::fs::rename(db, &aside).map_err(|e| format!("{e}: {}", db.display()))?;
        // The old file's journal goes with it.
        for suffix in ["-wal", "-shm"] {
            let journal = with_suffix(suffix);
            if journal.exists() {
                let mut moved = aside.as_os_str().to_owned();
                moved.push(suffix);
                let _ = std::fs::rename(&journal, PathBuf::from(moved));
            }
        }
    }
    if let Err(error) = std::fs::rename(&incoming, db) {
        // Put the previous file back rather than leave no database at all.
        let _ = std::fs::rename(&aside, db);
        return Err(format!("{error}: {}", db.display()));
    }
    Store::open(db).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    /// Asserts that no restore left a file set aside or half-copied in `dir`.
    fn assert_nothing_set_aside(dir: &Path) {
        let names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names
                .iter()
                .any(|n| n.contains(".replaced-") || n.contains(".restoring")),
            "{names:?}"
        );
    }

    #[test]
    fn restoring_keeps_the_damaged_file_aside_and_opens_the_backup() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("aftersales.db");
        let now = now();
        {
            let mut store = Store::open(&db).unwrap();
            crate::demo::fill(&mut store, 20, 1, now).unwrap();
            store
                .daily_backup(&backup_folder(&db), now.date(), 7)
                .unwrap();
        }
        std::fs::write(&db, b"garbage, not a database").unwrap();
        let error = Store::open(&db).err().expect("damaged");
        let recovery = Recovery::new(db.clone(), &error);
        assert!(recovery.can_restore);
        assert_eq!(recovery.backups.len(), 1);
        let store = restore(&db, &recovery.backups[0], "damaged").unwrap();
        assert_eq!(store.card_count().unwrap(), 20);
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(".damaged-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read(aside[0].path()).unwrap(),
            b"garbage, not a database"
        );
    }

    #[test]
    fn a_backup_that_is_not_a_database_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("aftersales.db");
        Store::open(&db).unwrap();
        let bad = dir.path().join("bad.db");
        std::fs::write(&bad, b"not a backup at all").unwrap();
        let before = std::fs::read(&db).unwrap();
        assert!(restore(&db, &bad, "replaced").is_err());
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "the database is untouched"
        );
        assert_nothing_set_aside(dir.path());
    }

    #[test]
    fn only_one_of_our_databases_is_restored_never_an_empty_or_foreign_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("aftersales.db");
        let now = now();
        crate::demo::fill_cards(&mut Store::open(&db).unwrap(), 3, 1, now).unwrap();
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, b"").unwrap();
        let blank_sqlite = dir.path().join("blank.sqlite");
        rusqlite::Connection::open(&blank_sqlite)
            .unwrap()
            .execute_batch("VACUUM")
            .unwrap();
        let newer = dir.path().join("newer.db");
        {
            let conn = rusqlite::Connection::open(&newer).unwrap();
            conn.pragma_update(None, "application_id", crate::store::APPLICATION_ID)
                .unwrap();
            conn.execute_batch("CREATE TABLE future (x)").unwrap();
            conn.pragma_update(None, "user_version", crate::store::SCHEMA_VERSION + 1)
                .unwrap();
        }
        let songs = dir.path().join("songs.sqlite");
        rusqlite::Connection::open(&songs)
            .unwrap()
            .execute_batch("CREATE TABLE songs (title TEXT)")
            .unwrap();
        let missing = dir.path().join("gone.db");
        let folder = dir.path().to_owned();
        for (backup, says) in [
            (&missing, "no database at"),
            (&folder, "that is a folder"),
            (&empty, "damaged or is not a database"),
            (&blank_sqlite, "not an after-sales database"),
            (&songs, "not an after-sales database"),
            (&newer, "written by a newer version of this program"),
        ] {
            let error = restore(&db, backup, "replaced").err().expect("refused");
            assert!(error.contains(says), "{}: {error}", backup.display());
            // The file named is the one chosen, not a copy made of it.
            assert!(error.ends_with(&backup.display().to_string()), "{error}");
        }
        assert_eq!(Store::open(&db).unwrap().card_count().unwrap(), 3);
        assert_nothing_set_aside(dir.path());
    }

    #[test]
    fn a_file_another_window_has_open_is_never_swapped() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("aftersales.db");
        let now = now();
        let mut store = Store::open(&db).unwrap();
        crate::demo::fill_cards(&mut store, 4, 1, now).unwrap();
        let backup = dir.path().join("monday.db");
        store.backup_to(&backup).unwrap();
        crate::demo::fill_cards(&mut store, 3, 2, now).unwrap();
        // `store` stays open: it is the other window.
        let error = restore(&db, &backup, "replaced").err().expect("refused");
        assert!(error.contains("has this database open"), "{error}");
        assert_eq!(
            store.card_count().unwrap(),
            7,
            "the other window keeps its file"
        );
        assert_nothing_set_aside(dir.path());
        // Once it is closed, the backup goes in.
        drop(store);
        let restored = restore(&db, &backup, "replaced").unwrap();
        assert_eq!(restored.card_count().unwrap(), 4);
    }

    #[test]
    fn the_database_is_not_its_own_backup() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("aftersales.db");
        Store::open(&db).unwrap();
        let error = restore(&db, &db, "replaced").err().expect("refused");
        assert!(error.contains("is the database itself"), "{error}");
        Store::open(&db).unwrap();
    }

    #[test]
    fn a_file_from_a_newer_program_is_not_offered_a_restore() {
        let error = StoreError::NewerSchema {
            found: 99,
            supported: 8,
            path: "x.db".into(),
        };
        assert!(!Recovery::new(PathBuf::from("/nonexistent/x.db"), &error).can_restore);
    }
}

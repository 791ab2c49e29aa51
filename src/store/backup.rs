//! Copies of the database: the daily automatic backup, a backup on demand, and the checks that
//! tell a sound file from a damaged one. A backup is always a new file, never written over the
//! database, its companion files or another database.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::file::{ForbiddenOutput, forbidden_output, with_suffix};
use super::{Result, Store, StoreError};

/// Refuses a file that cannot be restored over the database: only one of this program's
/// databases can (an SQLite file carrying [`super::APPLICATION_ID`]), of a schema it knows. An empty file, a text
/// file or another program's database is refused before anything is copied; opened as a
/// database, an empty file would have become a new, empty one and replaced the archive.
pub fn check_restorable(backup: &Path) -> Result<()> {
    let path = backup.display().to_string();
    match std::fs::metadata(backup) {
        Err(_) => return Err(StoreError::Missing { path }),
        Ok(m) if m.is_dir() => return Err(StoreError::NotAFile { path }),
        Ok(_) => {}
    }
    match super::file::header_ids(backup) {
        None => Err(StoreError::Damaged { path }),
        Some((super::APPLICATION_ID, found)) if found > super::SCHEMA_VERSION => {
            Err(StoreError::NewerSchema {
                found,
                supported: super::SCHEMA_VERSION,
                path,
            })
        }
        Some((super::APPLICATION_ID, _)) => Ok(()),
        Some(_) => Err(StoreError::ForeignFile { path }),
    }
}

/// Progress of a copy: pages copied and pages in all.
pub type Progress<'a> = &'a dyn Fn(u64, u64);

impl Store {
    /// SQLite's quick integrity check (no index contents): a damaged file is reported instead
    /// of failing later.
    pub fn quick_check(&self) -> Result<()> {
        self.check("quick_check")
    }

    /// SQLite's full integrity check, then the search index's own check. Slow on a big file:
    /// the window runs it in the background.
    pub fn integrity_check(&self) -> Result<()> {
        self.check("integrity_check")?;
        // FTS5's check compares each index with its own shadow tables.
        for index in ["search_index", "search_pairs"] {
            self.conn
                .execute(
                    &format!("INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 0)"),
                    [],
                )
                .map(|_| ())
                .or_else(|error| match StoreError::from(error) {
                    // A read-only file cannot run the FTS5 check (it is an INSERT): the page
                    // check above has already read every page.
                    StoreError::ReadOnly { .. } => Ok(()),
                    _ => Err(self.damaged_error()),
                })?;
        }
        Ok(())
    }

    fn check(&self, pragma: &str) -> Result<()> {
        let result: String = self
            .conn
            .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
            .map_err(|error| match StoreError::from(error) {
                StoreError::Corrupt(_) => self.damaged_error(),
                other => other,
            })?;
        if result == "ok" {
            Ok(())
        } else {
            Err(self.damaged_error())
        }
    }

    /// Takes today's automatic backup into `folder` unless there already is one, then keeps
    /// only the newest `keep` automatic backups there. Returns the file written, if any.
    pub fn daily_backup(
        &self,
        folder: &Path,
        today: chrono::NaiveDate,
        keep: usize,
    ) -> Result<Option<PathBuf>> {
        self.daily_backup_with(folder, today, keep, &|_, _| {})
    }

    /// [`Store::daily_backup`], telling `progress` how far the copy has come.
    pub fn daily_backup_with(
        &self,
        folder: &Path,
        today: chrono::NaiveDate,
        keep: usize,
        progress: Progress,
    ) -> Result<Option<PathBuf>> {
        std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
            path: folder.display().to_string(),
            source,
        })?;
        let out = folder.join(format!("aftersales-{}.db", today.format("%Y-%m-%d")));
        let written = if out.exists() {
            None
        } else {
            self.backup_with(&out, progress)?;
            Some(out)
        };
        // Names sort by date; anything else in the folder is left alone.
        let mut backups: Vec<PathBuf> = automatic_backups(folder)?;
        backups.sort();
        let excess = backups.len().saturating_sub(keep.max(1));
        for old in &backups[..excess] {
            let _ = std::fs::remove_file(old);
        }
        Ok(written)
    }

    /// The backups in `folder`, newest first.
    pub fn backups_in(folder: &Path) -> Vec<PathBuf> {
        let mut backups: Vec<PathBuf> = std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "db"))
            .collect();
        backups.sort();
        backups.reverse();
        backups
    }

    /// Writes a consistent copy of the database to the new file `out` while it stays in use
    /// (SQLite's online backup). The copy is made under a temporary name beside `out`, checked,
    /// then given its name only if nothing has appeared there meanwhile: an existing file is
    /// never replaced, and the database itself, its companion files or another database are
    /// refused as `out` before anything is written.
    pub fn backup_to(&self, out: &Path) -> Result<()> {
        self.backup_with(out, &|_, _| {})
    }

    /// [`Store::backup_to`], telling `progress` how far the copy has come.
    pub fn backup_with(&self, out: &Path, progress: Progress) -> Result<()> {
        let refuse = |reason: ForbiddenOutput| StoreError::ForbiddenOutput {
            reason,
            path: out.display().to_string(),
        };
        if let Some(reason) = forbidden_output(out, self.path()) {
            return Err(refuse(reason));
        }
        if out.exists() {
            return Err(StoreError::OutputExists {
                path: out.display().to_string(),
            });
        }
        let partial = with_suffix(out, ".partial");
        let copy = || -> Result<()> {
            let _ = std::fs::remove_file(&partial);
            let mut target = Connection::open(&partial)?;
            {
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut target)?;
                loop {
                    use rusqlite::backup::StepResult;
                    let step = backup.step(256)?;
                    let p = backup.progress();
                    let total = p.pagecount.max(0) as u64;
                    progress(total - p.remaining.max(0) as u64, total);
                    match step {
                        StepResult::Done => break,
                        StepResult::More => {}
                        StepResult::Busy | StepResult::Locked => {
                            std::thread::sleep(std::time::Duration::from_millis(5))
                        }
                        _ => std::thread::sleep(std::time::Duration::from_millis(5)),
                    }
                }
            }
            // The copy must be a sound database before it takes the real name.
            let check: String = target.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            if check != "ok" {
                return Err(StoreError::Damaged {
                    path: partial.display().to_string(),
                });
            }
            target.close().map_err(|(_, e)| StoreError::from(e))?;
            // A hard link fails when the name is taken, so a file that appeared meanwhile is
            // never replaced (a rename would replace it).
            std::fs::hard_link(&partial, out)
                .or_else(|error| {
                    if error.kind() == std::io::ErrorKind::AlreadyExists {
                        Err(error)
                    } else {
                        // A file system without hard links: the check above is the guard.
                        if out.exists() {
                            return Err(std::io::ErrorKind::AlreadyExists.into());
                        }
                        std::fs::rename(&partial, out)
                    }
                })
                .map_err(|source| {
                    if source.kind() == std::io::ErrorKind::AlreadyExists {
                        StoreError::OutputExists {
                            path: out.display().to_string(),
                        }
                    } else {
                        StoreError::Folder {
                            path: out.display().to_string(),
                            source,
                        }
                    }
                })?;
            Ok(())
        };
        let result = copy();
        let _ = std::fs::remove_file(&partial);
        for suffix in super::file::SIDECAR_SUFFIXES {
            let _ = std::fs::remove_file(with_suffix(&partial, suffix));
        }
        result.map_err(|error| self.note(error))
    }
}

/// The settings row holding the last automatic backup: "time;file".
const LAST_BACKUP_KEY: &str = "last_backup";
/// The settings row holding since when automatic backups have failed, if they have since the
/// last one was written.
const BACKUP_FAILING_KEY: &str = "backup_failing_since";

impl Store {
    /// Notes that the automatic backup `file` was written at `at`: backups are recent again.
    pub fn note_backup(&self, at: chrono::NaiveDateTime, file: &Path) -> Result<()> {
        self.write(|conn| {
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                rusqlite::params![
                    LAST_BACKUP_KEY,
                    format!("{};{}", at.format(super::sql::TIMESTAMP), file.display())
                ],
            )?;
            conn.execute("DELETE FROM settings WHERE key = ?1", [BACKUP_FAILING_KEY])?;
            Ok(())
        })
    }

    /// Notes that an automatic backup failed at `at` (the first failure since the last backup
    /// is what counts).
    pub fn note_backup_failed(&self, at: chrono::NaiveDateTime) -> Result<()> {
        self.write(|conn| {
            conn.execute(
                "INSERT OR IGNORE INTO settings (key, value) VALUES (?1, ?2)",
                rusqlite::params![
                    BACKUP_FAILING_KEY,
                    at.format(super::sql::TIMESTAMP).to_string()
                ],
            )?;
            Ok(())
        })
    }

    /// When the last automatic backup was written and where, and since when they have failed.
    pub fn backup_standing(&self) -> Result<crate::domain::settings::BackupStanding> {
        let time =
            |text: &str| chrono::NaiveDateTime::parse_from_str(text, super::sql::TIMESTAMP).ok();
        let last = self.setting(LAST_BACKUP_KEY)?.and_then(|value| {
            let (at, file) = value.split_once(';')?;
            Some((time(at)?, file.to_owned()))
        });
        let failing_since = self
            .setting(BACKUP_FAILING_KEY)?
            .and_then(|value| time(&value));
        Ok(crate::domain::settings::BackupStanding {
            last,
            failing_since,
        })
    }
}

/// The folder backups of `db` go to unless the settings name another: `backups` beside it.
pub fn default_backup_folder(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

/// The automatic backups (`aftersales-YYYY-MM-DD.db`) in `folder`.
fn automatic_backups(folder: &Path) -> Result<Vec<PathBuf>> {
    Ok(std::fs::read_dir(folder)
        .map_err(|source| StoreError::Folder {
            path: folder.display().to_string(),
            source,
        })?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with("aftersales-")
                    && n.ends_with(".db")
                    && n.len() == "aftersales-2026-11-23.db".len()
            })
        })
        .collect())
}

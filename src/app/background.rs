//! Work that runs beside the window so it never waits for it: the full integrity check of the
//! file, then (only on a sound file) today's automatic backup, with its progress, each on its
//! own read-only connection (the window learns the outcome when it next draws); then, for as
//! long as the window is open, the file's upkeep (`store::upkeep::Upkeep`: the search indexes
//! merged and the log copied into the file where no save waits for them), started when the
//! backup is done and stopped before a backup replaces the file.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use chrono::NaiveDate;

use crate::store::{Store, StoreError};

/// How many automatic backups are kept.
pub const BACKUPS_KEPT: usize = 7;

/// What the work beside the window found.
#[derive(Debug)]
pub enum Outcome {
    /// The whole file was read and is sound.
    Sound,
    /// The file is damaged: the window stops writing and offers a backup.
    Damaged(StoreError),
    /// The check could not run (the file could not be opened to read it).
    CheckFailed(StoreError),
    /// Today's backup was written (or there already was one: `None`).
    BackedUp(Option<PathBuf>),
    BackupFailed(StoreError),
    /// The audit trail was checked entry by entry and record by record.
    Verified(crate::store::trail::Verification),
    VerifyFailed(StoreError),
}

/// The work running beside the window.
pub struct Background {
    outcomes: Receiver<Outcome>,
    /// Pages copied and in all, while the backup runs.
    copied: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
    finished: bool,
}

impl Background {
    /// Starts checking the database at `db`, then backs it up into `folder` as today's
    /// automatic backup when it is sound.
    pub fn start(db: &Path, folder: PathBuf, today: NaiveDate) -> Background {
        let (send, outcomes) = channel();
        let copied = Arc::new(AtomicU64::new(0));
        let total = Arc::new(AtomicU64::new(0));
        let (db, progress) = (db.to_owned(), (Arc::clone(&copied), Arc::clone(&total)));
        std::thread::spawn(move || {
            let checked = Store::open_read_only(&db).and_then(|store| {
                store.integrity_check()?;
                Ok(store)
            });
            let store = match checked {
                Ok(store) => {
                    let _ = send.send(Outcome::Sound);
                    store
                }
                // A damaged file is never backed up: its copy would push a sound backup out
                // of the seven kept.
                Err(error) if error.is_damage() => {
                    let _ = send.send(Outcome::Damaged(error));
                    return;
                }
                Err(error) => {
                    let _ = send.send(Outcome::CheckFailed(error));
                    return;
                }
            };
            let report = |done: u64, all: u64| {
                progress.0.store(done, Ordering::Relaxed);
                progress.1.store(all, Ordering::Relaxed);
            };
            let outcome = match store.daily_backup_with(&folder, today, BACKUPS_KEPT, &report) {
                Ok(written) => Outcome::BackedUp(written),
                Err(error) => Outcome::BackupFailed(error),
            };
            let _ = send.send(outcome);
        });
        Background {
            outcomes,
            copied,
            total,
            finished: false,
        }
    }

    /// Checks the whole file, then its audit trail, on a connection of its own.
    pub fn verify(db: &Path) -> Background {
        let (send, outcomes) = channel();
        let db = db.to_owned();
        std::thread::spawn(move || {
            let outcome = Store::open_read_only(&db)
                .and_then(|store| {
                    store.integrity_check()?;
                    store.verify()
                })
                .map_or_else(
                    |error| {
                        if error.is_damage() {
                            Outcome::Damaged(error)
                        } else {
                            Outcome::VerifyFailed(error)
                        }
                    },
                    Outcome::Verified,
                );
            let _ = send.send(outcome);
        });
        Background {
            outcomes,
            copied: Arc::new(AtomicU64::new(0)),
            total: Arc::new(AtomicU64::new(0)),
            finished: false,
        }
    }

    /// The outcomes that arrived since the last call.
    pub fn poll(&mut self) -> Vec<Outcome> {
        let mut arrived = Vec::new();
        loop {
            match self.outcomes.try_recv() {
                Ok(outcome) => arrived.push(outcome),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.finished = true;
                    break;
                }
            }
        }
        arrived
    }

    /// Whether the work is still running.
    pub fn is_running(&self) -> bool {
        !self.finished
    }

    /// How far the backup has come, in per cent, once it has started.
    pub fn backup_percent(&self) -> Option<u64> {
        let total = self.total.load(Ordering::Relaxed);
        (total > 0).then(|| self.copied.load(Ordering::Relaxed) * 100 / total)
    }
}

use std::time::Duration;

use super::App;

impl App {
    /// Starts the full check of the file and today's automatic backup beside the window
    /// (called once the first frame is shown, so a big file never delays the window).
    pub fn start_background(&mut self) {
        let Some(db) = self.store.path().map(Path::to_owned) else {
            return;
        };
        if self.store.access() == crate::store::Access::ReadOnly || self.background.is_some() {
            return;
        }
        // The dashboard read beside the window first: the check reads the whole file, and
        // beside it the clerk's first view of the day's work took seconds at a million cards.
        if self.dashboard_job.is_some() {
            return;
        }
        let folder = self.backup_folder(&db);
        self.background = Some(Background::start(&db, folder, self.today()));
    }

    /// Starts the file's upkeep beside the window (once the check and the backup are done, on
    /// a file this window writes), and leaves copying the log into the file to it.
    pub(super) fn start_upkeep(&mut self) {
        let Some(db) = self.store.path().map(Path::to_owned) else {
            return;
        };
        if self.store.access() == crate::store::Access::ReadOnly || self.upkeep.is_some() {
            return;
        }
        self.upkeep = Some(crate::store::upkeep::Upkeep::start(&db));
        if let Err(error) = self.store.leave_checkpoints_to_upkeep() {
            self.fail(error);
        }
    }

    /// Takes in what the work beside the window found.
    pub(super) fn poll_background(&mut self, ctx: &egui::Context) {
        let mut outcomes = Vec::new();
        for running in [&mut self.background, &mut self.verification]
            .into_iter()
            .flatten()
        {
            outcomes.extend(running.poll());
            if running.is_running() {
                ctx.request_repaint_after(Duration::from_millis(200));
            }
        }
        if self.verification.as_ref().is_some_and(|v| !v.is_running()) {
            self.verification = None;
            self.archive.verifying = false;
        }
        for outcome in outcomes {
            self.take_outcome(outcome);
        }
    }

    pub(super) fn take_outcome(&mut self, outcome: Outcome) {
        use Outcome;
        match outcome {
            Outcome::Sound => {}
            Outcome::Damaged(error) => self.fail(error),
            Outcome::CheckFailed(error) => {
                let text = format!("{} ({error})", self.i18n.tr("check-failed"));
                self.error(text);
            }
            Outcome::BackedUp(written) => {
                match written {
                    Some(path) => {
                        let noted = self.store.note_backup(self.now(), &path);
                        self.report(noted);
                        let path = path.display().to_string();
                        self.info(self.i18n.tr_args("backup-written", &[("path", &path)]));
                    }
                    // Today's was there already (another window, an earlier start): noted if
                    // the file's record does not know of it yet.
                    None => self.note_todays_backup(),
                }
                self.read_backup_standing();
                self.start_upkeep();
            }
            Outcome::BackupFailed(error) => {
                let noted = self.store.note_backup_failed(self.now());
                self.report(noted);
                self.read_backup_standing();
                let text = format!("{} ({error})", self.i18n.tr("backup-failed"));
                self.error(text);
                // The file is sound (it was checked); only its copy failed.
                self.start_upkeep();
            }
            Outcome::Verified(verification) => match verification.first_break {
                None => {
                    let noted = self.store.note_verified(self.now());
                    if self.store.access() == crate::store::Access::ReadWrite {
                        self.report(noted);
                    }
                    self.read_archive_status();
                    let entries = verification.entries.to_string();
                    let records = verification.records.to_string();
                    self.info(self.i18n.tr_args(
                        "verify-passed",
                        &[("entries", &entries), ("records", &records)],
                    ));
                }
                Some(found) => {
                    let text = format!("{} ({found})", self.i18n.tr("verify-broken"));
                    self.error(text);
                }
            },
            Outcome::VerifyFailed(error) => {
                let text = format!("{} ({error})", self.i18n.tr("check-failed"));
                self.error(text);
            }
        }
    }

    /// Notes today's automatic backup, found in the backup folder, as the last one when the
    /// file's record has none as recent.
    fn note_todays_backup(&mut self) {
        let Some(db) = self.store.path().map(Path::to_owned) else {
            return;
        };
        let today = self.today();
        let file = self
            .backup_folder(&db)
            .join(format!("aftersales-{}.db", today.format("%Y-%m-%d")));
        let known = match self.store.backup_standing() {
            Ok(standing) => standing.last.is_some_and(|(at, _)| at.date() >= today),
            Err(error) => return self.fail(error),
        };
        if !known && file.is_file() {
            let noted = self.store.note_backup(self.now(), &file);
            self.report(noted);
        }
    }

    /// Waits for the work beside the window to finish and takes in what it found (tests).
    pub fn wait_for_background(&mut self) {
        let ctx = egui::Context::default();
        while self.background.as_ref().is_some_and(|b| b.is_running())
            || self.verification.is_some()
        {
            self.poll_background(&ctx);
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

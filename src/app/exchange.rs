//! The shell's side of the monthly files screen: writing this office's month and importing a
//! file received, each beside the window on a connection of its own (the window keeps
//! drawing and shows the progress), then reading the tracker and the files again.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::*;
use crate::domain::unit::Period;
use crate::store::bundle::EnvelopeError;
use crate::store::exchange::{ExchangeError, ExportSummary, ImportPlan};

/// What the work beside the window came back with.
pub(super) enum JobDone {
    Exported(Result<ExportSummary, ExchangeError>),
    Planned(PathBuf, Result<ImportPlan, ExchangeError>),
    Imported(Result<ImportPlan, ExchangeError>),
    /// The work could not start (the database would not open on a connection of its own).
    Failed(ExchangeError),
}

/// A monthly file being written, checked or imported beside the window.
pub(super) struct ExchangeJob {
    outcome: Receiver<JobDone>,
    done: Arc<AtomicU64>,
    total: Arc<AtomicU64>,
}

impl App {
    /// Carries out the commands of the monthly files screen.
    pub(super) fn exchange_command(&mut self, command: Command) {
        match command {
            Command::ExportMonth(period) => self.export_month(period),
            Command::ChooseMonthlyFile => {
                if let Some(path) = (self.pickers.monthly)() {
                    self.plan_import(path);
                }
            }
            Command::ImportMonthlyFile => self.import_planned(),
            Command::ExportTracker(format) => {
                let page = &self.screens.exchange;
                let sheet = crate::ui::exchange::tracker_sheet(
                    &self.i18n,
                    &page.tracker_month,
                    &page.tracker,
                );
                let suggested = format!("{}.{}", sheet.name, format.extension());
                self.save_sheet(&sheet, &suggested, format);
            }
            Command::CancelImport => self.screens.exchange.pending = None,
            Command::ShowSubmissions(period) => {
                self.screens.exchange.tracker_month = period.to_string();
                self.refresh_exchange();
            }
            // The other commands are routed elsewhere by `execute`.
            _ => {}
        }
    }

    /// Reads what the monthly files screen and the dashboard show: the file owed, the tracker
    /// of the month chosen, the files sent and received.
    pub(super) fn refresh_exchange(&mut self) {
        let today = self.today();
        let page = &mut self.screens.exchange;
        page.default_months(today);
        let Some(me) = self.settings.unit() else {
            page.owed = None;
            page.tracker.clear();
            return;
        };
        let days = self.settings.due_days();
        let tracker_month = Period::parse(&page.tracker_month);
        let result = self.store.file_owed(&me, today, days).and_then(|owed| {
            let tracker = match tracker_month {
                Some(month) => self.store.submissions(month, &me, today, days)?,
                None => Vec::new(),
            };
            Ok((owed, tracker, self.store.exchanges(50)?))
        });
        match result {
            Ok((owed, tracker, files)) => {
                let page = &mut self.screens.exchange;
                page.owed = owed;
                page.tracker = tracker;
                page.files = files;
                self.screens.dashboard.owed = owed;
            }
            Err(error) => self.exchange_failed(error),
        }
    }

    fn export_month(&mut self, period: Period) {
        let Some(me) = self.this_office() else {
            return;
        };
        let Some(db) = self.store.path().map(Path::to_owned) else {
            return self.error(self.i18n.tr("exchange-needs-file"));
        };
        let suggested = format!("{}-{period}.asmf", me.code);
        let Some(out) = (self.pickers.save)(&suggested) else {
            return;
        };
        let now = self.now();
        self.run_beside("exchange-writing", move |store, progress| {
            let key = crate::store::bundle::load_or_make_key(&crate::store::bundle::key_path(&db));
            JobDone::Exported(
                key.map_err(ExchangeError::from)
                    .and_then(|key| store.export_month(period, &me, &key, &out, now, progress)),
            )
        });
    }

    fn plan_import(&mut self, path: PathBuf) {
        let Some(me) = self.this_office() else {
            return;
        };
        self.run_beside("exchange-checking", move |store, progress| {
            let plan = store.plan_import(&path, &me, progress);
            JobDone::Planned(path, plan)
        });
    }

    fn import_planned(&mut self) {
        let Some(me) = self.this_office() else {
            return;
        };
        let Some(pending) = &self.screens.exchange.pending else {
            return;
        };
        let (path, trust) = (pending.path.clone(), pending.key_checked);
        let now = self.now();
        self.run_beside("exchange-importing", move |store, progress| {
            JobDone::Imported(store.import_month(&path, &me, trust, now, progress))
        });
    }

    /// This office, or (when it has no code yet) `None` after saying so.
    fn this_office(&mut self) -> Option<crate::domain::unit::Unit> {
        let me = self.settings.unit();
        if me.is_none() {
            self.exchange_failed(ExchangeError::NoOfficeCode);
        }
        me
    }

    /// Runs `work` on a connection of its own beside the window (on this one, waiting, when
    /// the database is in memory); its outcome is taken in [`App::poll_exchange`].
    fn run_beside(
        &mut self,
        label_key: &'static str,
        work: impl FnOnce(&Store, Progress) -> JobDone + Send + 'static,
    ) {
        let (send, outcome) = channel();
        let done = Arc::new(AtomicU64::new(0));
        let total = Arc::new(AtomicU64::new(0));
        let (d, t) = (Arc::clone(&done), Arc::clone(&total));
        let progress = move |n: u64, of: u64| {
            d.store(n, Ordering::Relaxed);
            t.store(of, Ordering::Relaxed);
        };
        match self.store.path().map(Path::to_owned) {
            Some(path) => {
                let writer = self.store.writer();
                std::thread::spawn(move || {
                    let outcome = match Store::open(&path) {
                        Ok(store) => {
                            store.set_writer(&writer);
                            let outcome = work(&store, &progress);
                            let _ = send.send(outcome);
                            // After the outcome is shown: the log an import left, into the
                            // file (a failure here loses nothing; SQLite does it later).
                            let _ = store.checkpoint();
                            return;
                        }
                        Err(error) => JobDone::Failed(ExchangeError::Store(error)),
                    };
                    let _ = send.send(outcome);
                });
            }
            None => {
                let _ = send.send(work(&self.store, &progress));
            }
        }
        self.screens.exchange.running = Some(crate::ui::exchange::Running {
            label_key,
            done: 0,
            total: 0,
        });
        self.exchange_job = Some(ExchangeJob {
            outcome,
            done,
            total,
        });
    }

    /// Takes the outcome of the work beside the window, if it is done; else shows how far it
    /// got and asks to be drawn again.
    pub(super) fn poll_exchange(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.exchange_job else {
            return;
        };
        let outcome = match job.outcome.try_recv() {
            Ok(outcome) => outcome,
            Err(TryRecvError::Empty) => {
                if let Some(running) = &mut self.screens.exchange.running {
                    running.done = job.done.load(Ordering::Relaxed);
                    running.total = job.total.load(Ordering::Relaxed);
                }
                ctx.request_repaint_after(Duration::from_millis(100));
                return;
            }
            Err(TryRecvError::Disconnected) => {
                self.exchange_job = None;
                self.screens.exchange.running = None;
                return self.error(self.i18n.tr("exchange-stopped"));
            }
        };
        self.exchange_job = None;
        self.screens.exchange.running = None;
        match outcome {
            JobDone::Exported(Ok(summary)) => {
                let text = self.i18n.tr_args(
                    "exchange-written",
                    &[
                        ("month", &summary.period.to_string()),
                        ("records", &summary.records().to_string()),
                        ("path", &summary.path.display().to_string()),
                    ],
                );
                self.written(text, &summary.path);
            }
            JobDone::Planned(path, Ok(plan)) => {
                self.screens.exchange.pending = Some(crate::ui::exchange::PendingImport {
                    path,
                    plan,
                    key_checked: false,
                });
            }
            JobDone::Imported(Ok(plan)) => {
                self.screens.exchange.pending = None;
                // The tracker turns to the month just received.
                self.screens.exchange.tracker_month = plan.period.to_string();
                let sum = plan.sum();
                let text = match &plan.already_imported {
                    Some(at) => self.i18n.tr_args("exchange-already", &[("at", at)]),
                    None => self.i18n.tr_args(
                        "exchange-imported",
                        &[
                            ("code", &plan.sender.code),
                            ("month", &plan.period.to_string()),
                            ("new", &sum.new.to_string()),
                            ("updated", &sum.updated.to_string()),
                            ("unchanged", &sum.unchanged.to_string()),
                            ("conflicting", &sum.conflicting.to_string()),
                        ],
                    ),
                };
                self.info(text);
                // Records came in: every list and the dashboard read them.
                self.lists_command(Command::Refresh);
            }
            JobDone::Exported(Err(error))
            | JobDone::Planned(_, Err(error))
            | JobDone::Imported(Err(error))
            | JobDone::Failed(error) => self.exchange_failed(error),
        }
        self.refresh_exchange();
    }

    /// Shows an exchange's error in the clerk's language; the file's own words follow where
    /// they name what was wrong.
    fn exchange_failed(&mut self, error: ExchangeError) {
        let error = match error {
            ExchangeError::Store(error) => return self.fail(error),
            other => other,
        };
        let tr = |key: &str| self.i18n.tr(key);
        let text = match &error {
            ExchangeError::Store(_) => format!("{} ({error})", tr("error-database")),
            ExchangeError::Envelope(envelope) => match envelope {
                EnvelopeError::NotAMonthlyFile(_) => tr("error-exchange-not-monthly"),
                EnvelopeError::WrongLength(_) => tr("error-exchange-length"),
                EnvelopeError::BadSignature(_) => tr("error-exchange-signature"),
                EnvelopeError::Read { .. } | EnvelopeError::Write { .. } => {
                    format!("{} ({error})", tr("error-exchange-file"))
                }
                EnvelopeError::Key { .. } => format!("{} ({error})", tr("error-exchange-key")),
            },
            ExchangeError::NoOfficeCode => tr("exchange-no-office"),
            ExchangeError::HeadquartersSendsNone => tr("error-exchange-hq-sends-none"),
            ExchangeError::Damaged(_) => format!("{} ({error})", tr("error-exchange-damaged")),
            ExchangeError::Foreign(_) => format!("{} ({error})", tr("error-exchange-foreign")),
            ExchangeError::Newer { .. } => tr("error-exchange-newer"),
            ExchangeError::OwnFile(_) => tr("error-exchange-own"),
            ExchangeError::WrongReceiver { .. } => {
                format!("{} ({error})", tr("error-exchange-receiver"))
            }
            ExchangeError::NewSender {
                code, fingerprint, ..
            } => self.i18n.tr_args(
                "exchange-new-sender",
                &[("code", code), ("fingerprint", fingerprint)],
            ),
            ExchangeError::KeyMismatch { code, .. } => self
                .i18n
                .tr_args("error-exchange-key-mismatch", &[("code", code)]),
            ExchangeError::BadRecord(_) => format!("{} ({error})", tr("error-exchange-record")),
            ExchangeError::OutputExists(_) | ExchangeError::Write { .. } => {
                format!("{} ({error})", tr("exchange-out-forbidden"))
            }
        };
        self.error(text);
    }
}

/// The progress callback the store reports to.
type Progress<'a> = crate::store::exchange::Progress<'a>;

//! The shell's side of the lists: their searches, the rows on screen, the dashboard's and the
//! repairs' figures, and the search of everything.

use super::*;
use crate::store::search::Listed;
use crate::ui::list::ListKind;
use std::sync::mpsc::Receiver;

/// The settings rows remembering how the cards and the complaints were last sorted:
/// "column:asc" or "column:desc".
const CARDS_SORT: &str = "list_sort_cards";
const COMPLAINTS_SORT: &str = "list_sort_complaints";

/// The settings row remembering the widths of a list's columns: "130,72,96", in points, all
/// but the last column's.
fn widths_key(list: ListKind) -> String {
    let name = match list {
        ListKind::Cards => "cards",
        ListKind::Complaints => "complaints",
        ListKind::Customers => "customers",
        ListKind::Contracts => "contracts",
    };
    format!("list_widths_{name}")
}

/// Widths read back from their settings row: none when any is not a width a column could
/// have (a row written by hand, or damaged).
fn kept_widths(text: &str) -> Vec<f32> {
    let widths: Option<Vec<f32>> = text
        .split(',')
        .map(|width| width.trim().parse::<f32>().ok())
        .map(|width| width.filter(|w| w.is_finite() && (1.0..=4000.0).contains(w)))
        .collect();
    widths.unwrap_or_default()
}

/// A remembered sort read back: the sort whose code is before the colon, and whether
/// descending. A row that reads as no sort (written by hand, or by a later program) is none.
fn remembered<S: Copy>(
    text: &str,
    all: &[S],
    code: impl Fn(S) -> &'static str,
) -> Option<(S, bool)> {
    let (column, order) = text.split_once(':')?;
    let sort = all.iter().copied().find(|sort| code(*sort) == column)?;
    match order {
        "asc" => Some((sort, false)),
        "desc" => Some((sort, true)),
        _ => None,
    }
}

impl App {
    /// Keeps how a list was sorted, for the next start. A failure to keep it is not worth a
    /// message: the list is sorted as asked all the same.
    fn remember_sort(&self, key: &str, code: &str, descending: bool) {
        let order = if descending { "desc" } else { "asc" };
        let _ = self.store.set_setting(key, &format!("{code}:{order}"));
    }

    /// A list's column widths, as kept.
    fn widths_mut(&mut self, list: ListKind) -> &mut Vec<f32> {
        let screens = &mut self.screens;
        match list {
            ListKind::Cards => &mut screens.cards.widths,
            ListKind::Complaints => &mut screens.complaints.list.widths,
            ListKind::Customers => &mut screens.customers.widths,
            ListKind::Contracts => &mut screens.contracts.widths,
        }
    }

    /// The lists sorted, and their columns as wide, as they were last (before they are first
    /// read).
    pub(super) fn restore_lists(&mut self) {
        for list in [
            ListKind::Cards,
            ListKind::Complaints,
            ListKind::Customers,
            ListKind::Contracts,
        ] {
            let kept = self.store.setting(&widths_key(list)).ok().flatten();
            *self.widths_mut(list) = kept.as_deref().map(kept_widths).unwrap_or_default();
        }
        self.restore_sorts();
    }

    /// The lists sorted as they were last.
    fn restore_sorts(&mut self) {
        use crate::store::complaint::ComplaintSort;
        use crate::store::warranty_card::CardSort;
        let read = |key| self.store.setting(key).ok().flatten().unwrap_or_default();
        if let Some((sort, descending)) =
            remembered(&read(CARDS_SORT), &CardSort::ALL, CardSort::code)
        {
            self.screens.cards.query.sort = sort;
            self.screens.cards.query.descending = descending;
        }
        if let Some((sort, descending)) = remembered(
            &read(COMPLAINTS_SORT),
            &ComplaintSort::ALL,
            ComplaintSort::code,
        ) {
            self.screens.complaints.list.query.sort = sort;
            self.screens.complaints.list.query.descending = descending;
        }
    }

    /// Carries out the commands of the lists and the search of everything.
    pub(super) fn lists_command(&mut self, command: Command) {
        match command {
            Command::SearchCards(query) => {
                let before = &self.screens.cards.query;
                if (query.sort, query.descending) != (before.sort, before.descending) {
                    self.remember_sort(CARDS_SORT, query.sort.code(), query.descending);
                }
                self.requery_cards(query)
            }
            Command::LoadRows { list, start, end } => self.load_rows(list, start, end),
            Command::SearchComplaints(query) => {
                let before = &self.screens.complaints.list.query;
                if (query.sort, query.descending) != (before.sort, before.descending) {
                    self.remember_sort(COMPLAINTS_SORT, query.sort.code(), query.descending);
                }
                self.requery_complaints(query)
            }
            Command::SearchAll(text) => match self.store.search_all(&text, 200) {
                Ok(hits) => {
                    self.screens.search.found(&text, hits);
                    // An open form stays open behind the results (it is not discarded).
                    self.page = Page::Search;
                }
                Err(error) => self.fail(error),
            },
            Command::SearchCustomers(search) => self.requery_customers(search),
            Command::KeepWidths(list, widths) => {
                let text: Vec<String> = widths.iter().map(|w| format!("{w:.0}")).collect();
                // Not worth a message when it cannot be kept: the columns are as dragged.
                let _ = self.store.set_setting(&widths_key(list), &text.join(","));
                *self.widths_mut(list) = widths;
            }
            Command::Refresh => {
                self.refresh_dashboard();
                self.requery_cards(self.screens.cards.query.clone());
                self.requery_complaints(self.screens.complaints.list.query.clone());
                self.requery_customers(self.screens.customers.query.clone());
                self.requery_contracts(self.screens.contracts.query.clone());
            }
            // The other commands are routed elsewhere by `execute`.
            _ => {}
        }
    }

    /// Reads rows `start..end` of a list's current result, for the part on screen. When the
    /// read fails the clerk is told once: the rows are marked missing, not asked for again.
    pub(super) fn load_rows(&mut self, list: crate::ui::list::ListKind, start: usize, end: usize) {
        use crate::ui::list::ListKind;
        let screens = &mut self.screens;
        let store = &self.store;
        let result = match list {
            ListKind::Cards => window(&mut screens.cards, start, end, |ids| store.card_rows(ids)),
            ListKind::Customers => window(&mut screens.customers, start, end, |ids| {
                store.customer_rows(ids)
            }),
            ListKind::Contracts => window(&mut screens.contracts, start, end, |ids| {
                store.contract_rows(ids)
            }),
            ListKind::Complaints => {
                let (limits, region) = (self.settings.limits(), self.settings.region());
                let mut clocks = Vec::new();
                let read = window(&mut screens.complaints.list, start, end, |ids| {
                    let rows = store.complaint_rows(ids)?;
                    clocks = store.clocks_of(ids, limits, &region)?;
                    Ok(rows)
                });
                screens.complaints.set_clocks(clocks);
                read
            }
        };
        self.report(result);
    }

    /// Asks where to write a whole list (as searched and sorted) as a spreadsheet, and reads
    /// its rows for the view, which turns them into a sheet with its own columns.
    pub(super) fn export_list(
        &mut self,
        list: crate::ui::list::ListKind,
        format: crate::sheet::SheetFormat,
    ) {
        use crate::ui::list::{ListKind, PendingSheet};
        let name_key = match list {
            ListKind::Cards => "nav-warranty-cards",
            ListKind::Complaints => "nav-complaints",
            ListKind::Customers => "nav-customers",
            ListKind::Contracts => "nav-contracts",
        };
        let suggested = format!(
            "{}-{}.{}",
            self.i18n.tr(name_key),
            self.today(),
            format.extension()
        );
        // A list cut short on screen is written whole: every record its search matches.
        let whole = match self.whole_list(list) {
            Ok(whole) => whole,
            Err(error) => return self.fail(error),
        };
        let rows = whole.len();
        // Refused before anything is read: more rows than a sheet holds.
        if format == crate::sheet::SheetFormat::Xlsx && rows > crate::sheet::XLSX_MAX_ROWS {
            let text = self
                .i18n
                .tr_args("list-export-too-many", &[("rows", &rows.to_string())]);
            return self.error(text);
        }
        let Some(path) = self.sheet_path(&suggested) else {
            return;
        };
        let screens = &mut self.screens;
        let store = &self.store;
        let result = match list {
            ListKind::Cards => store.card_rows(&whole).map(|rows| {
                screens.cards.sheet = Some(PendingSheet { rows, path, format });
            }),
            ListKind::Customers => store.customer_rows(&whole).map(|rows| {
                screens.customers.sheet = Some(PendingSheet { rows, path, format });
            }),
            ListKind::Contracts => store.contract_rows(&whole).map(|rows| {
                screens.contracts.sheet = Some(PendingSheet { rows, path, format });
            }),
            ListKind::Complaints => {
                let ids = &whole;
                let (limits, region) = (self.settings.limits(), self.settings.region());
                store.complaint_rows(ids).and_then(|rows| {
                    let clocks = store.clocks_of(ids, limits, &region)?;
                    screens.complaints.set_clocks(clocks);
                    screens.complaints.list.sheet = Some(PendingSheet { rows, path, format });
                    Ok(())
                })
            }
        };
        self.report(result);
    }

    /// The ids of every record `list` holds as searched and sorted: those on screen, or read
    /// again whole when the search matched more than a list reads.
    fn whole_list(&self, list: crate::ui::list::ListKind) -> Result<Vec<i64>, StoreError> {
        use crate::ui::list::ListKind;
        let screens = &self.screens;
        let store = &self.store;
        match list {
            ListKind::Cards if screens.cards.cut => store.card_ids(&screens.cards.query),
            ListKind::Cards => Ok(screens.cards.ids.clone()),
            ListKind::Complaints if screens.complaints.list.cut => {
                store.complaint_ids(&screens.complaints.list.query)
            }
            ListKind::Complaints => Ok(screens.complaints.list.ids.clone()),
            ListKind::Customers if screens.customers.cut => {
                store.customer_ids(&screens.customers.query)
            }
            ListKind::Customers => Ok(screens.customers.ids.clone()),
            ListKind::Contracts if screens.contracts.cut => {
                store.contract_ids(&screens.contracts.query)
            }
            ListKind::Contracts => Ok(screens.contracts.ids.clone()),
        }
    }

    /// Saves the form of every record of `list` (as searched and sorted) as a PDF of its own
    /// in a folder the clerk chooses: a card each, a whole case (complaint, report,
    /// confirmation) each, a renewal letter each. At most [`MAX_FORMS_AT_ONCE`], asked before
    /// the folder.
    pub(super) fn print_list(&mut self, list: crate::ui::list::ListKind) {
        use crate::domain::paper::Paper;
        use crate::ui::list::ListKind;
        let papers: Vec<Paper> = match list {
            ListKind::Cards => self
                .screens
                .cards
                .ids
                .iter()
                .map(|&id| Paper::Card(id))
                .collect(),
            ListKind::Complaints => (self.screens.complaints.list.ids.iter())
                .map(|&id| Paper::Packet(id))
                .collect(),
            ListKind::Contracts => (self.screens.contracts.ids.iter())
                .map(|&id| Paper::RenewalLetter(id))
                .collect(),
            ListKind::Customers => return,
        };
        if papers.is_empty() {
            return self.error(self.i18n.tr("list-print-none"));
        }
        if papers.len() > MAX_FORMS_AT_ONCE {
            let text = self.i18n.tr_args(
                "list-print-too-many",
                &[
                    ("forms", &papers.len().to_string()),
                    ("max", &MAX_FORMS_AT_ONCE.to_string()),
                ],
            );
            return self.error(text);
        }
        let Some(folder) = (self.pickers.folder)() else {
            return;
        };
        let (today, database) = (self.today(), self.store.path().map(Path::to_path_buf));
        let result = crate::pdf::paper::print_each_to_folder(
            &self.store,
            &papers,
            today,
            &self.i18n,
            &folder,
            database.as_deref(),
            |_| {},
        );
        let folder_text = folder.display().to_string();
        match result {
            Ok(written) => self.written(
                self.i18n.tr_args(
                    "list-printed",
                    &[("forms", &written.to_string()), ("folder", &folder_text)],
                ),
                &folder,
            ),
            Err(stopped) => {
                let why = match stopped.source.as_ref() {
                    crate::pdf::paper::PaperError::Store(error) => self.store_error_text(error),
                    crate::pdf::paper::PaperError::Pdf(error) => self.pdf_error_text(error),
                };
                self.error(self.i18n.tr_args(
                    "list-print-stopped",
                    &[
                        ("written", &stopped.written.to_string()),
                        ("forms", &stopped.total.to_string()),
                        ("folder", &folder_text),
                        ("error", &why),
                    ],
                ));
            }
        }
    }

    /// Asks where to write a spreadsheet (offering `suggested`); a path that is the database
    /// or another database is refused with a message.
    pub(super) fn sheet_path(&mut self, suggested: &str) -> Option<PathBuf> {
        let path = (self.pickers.save)(suggested)?;
        if let Some(reason) = crate::store::file::forbidden_output(&path, self.store.path()) {
            self.fail(StoreError::ForbiddenOutput {
                reason,
                path: path.display().to_string(),
            });
            return None;
        }
        Some(path)
    }

    /// Asks where to write `sheet` (offering `suggested`), then writes it.
    pub(super) fn save_sheet(
        &mut self,
        sheet: &crate::sheet::Sheet,
        suggested: &str,
        format: crate::sheet::SheetFormat,
    ) {
        if let Some(path) = self.sheet_path(suggested) {
            self.write_sheet(sheet, &path, format);
        }
    }

    /// Writes a list's sheet, built by its view, where the clerk chose.
    pub(super) fn write_sheet(
        &mut self,
        sheet: &crate::sheet::Sheet,
        path: &Path,
        format: crate::sheet::SheetFormat,
    ) {
        match crate::sheet::write(sheet, format, path) {
            Ok(()) => {
                let text = self.i18n.tr_args(
                    "list-exported",
                    &[
                        ("rows", &sheet.rows.len().to_string()),
                        ("path", &path.display().to_string()),
                    ],
                );
                self.written(text, path);
            }
            Err(crate::sheet::SheetError::TooManyRows { rows }) => {
                let text = self
                    .i18n
                    .tr_args("list-export-too-many", &[("rows", &rows.to_string())]);
                self.error(text);
            }
            Err(error) => {
                let text = format!("{} ({error})", self.i18n.tr("list-export-failed"));
                self.error(text);
            }
        }
    }

    /// Reads the clocks of every open case, the contracts due for renewal and the repairs under
    /// way, for the dashboard: in this frame for a desk's open work; beside the window, on a
    /// connection of its own, from [`DASHBOARD_BESIDE_FROM`] open cases (headquarters: 354 ms at
    /// a million cards, which held up the first frame and every frame that asked), the
    /// dashboard saying it is reading meanwhile. A newer reading replaces one still running.
    pub(super) fn refresh_dashboard(&mut self) {
        let limits = self.settings.limits();
        let region = self.settings.region();
        let today = self.today();
        self.screens.dashboard.repairs_per_day = limits.repairs_per_day;
        let many = self
            .store
            .open_case_count()
            .is_ok_and(|open| open >= self.dashboard_beside_from);
        match self.store.path().filter(|_| many).map(Path::to_owned) {
            Some(path) => {
                let (send, receive) = std::sync::mpsc::channel();
                std::thread::spawn(move || {
                    let read = Store::open_read_only(&path)
                        .and_then(|store| read_dashboard(&store, limits, &region, today));
                    let _ = send.send(read);
                });
                self.dashboard_job = Some(receive);
                self.screens.dashboard.reading = true;
            }
            None => {
                let read = read_dashboard(&self.store, limits, &region, today);
                self.take_dashboard(read);
            }
        }
    }

    /// The file to read a list of `total` records (counted with `count` when not yet read)
    /// beside the window from, when it is that large.
    pub(super) fn beside(
        &self,
        total: u64,
        count: fn(&Store) -> Result<u64, StoreError>,
    ) -> Option<PathBuf> {
        let path = self.store.path()?;
        let total = if total > 0 {
            total
        } else {
            count(&self.store).ok()?
        };
        (total >= self.lists_beside_from).then(|| path.to_owned())
    }

    /// Takes in the lists read beside the window that have come.
    pub(super) fn poll_lists(&mut self, ctx: &egui::Context) {
        let mut failed = Vec::new();
        let jobs = &mut self.list_jobs;
        let screens = &mut self.screens;
        match arrived(&mut jobs.cards, ctx) {
            Some(Ok((query, ids, total, ()))) => screens.cards.set_result(query, ids, total),
            Some(Err(error)) => failed.push(error),
            None => {}
        }
        match arrived(&mut jobs.complaints, ctx) {
            Some(Ok((query, ids, total, units))) => {
                screens.complaints.list.set_result(query, ids, total);
                screens.complaints.units = units;
            }
            Some(Err(error)) => failed.push(error),
            None => {}
        }
        match arrived(&mut jobs.customers, ctx) {
            Some(Ok((search, ids, total, ()))) => screens.customers.set_result(search, ids, total),
            Some(Err(error)) => failed.push(error),
            None => {}
        }
        match arrived(&mut jobs.contracts, ctx) {
            Some(Ok((search, ids, total, ()))) => screens.contracts.set_result(search, ids, total),
            Some(Err(error)) => failed.push(error),
            None => {}
        }
        // A list with no reading running is not reading, whether it failed or its thread
        // ended without a word.
        if jobs.cards.is_none() {
            screens.cards.reading(false);
        }
        if jobs.complaints.is_none() {
            screens.complaints.list.reading(false);
        }
        if jobs.customers.is_none() {
            screens.customers.reading(false);
        }
        if jobs.contracts.is_none() {
            screens.contracts.reading(false);
        }
        for error in failed {
            self.fail(error);
        }
    }

    /// Takes in the dashboard's reading beside the window when it has come.
    pub(super) fn poll_dashboard(&mut self, ctx: &egui::Context) {
        if let Some(read) = arrived(&mut self.dashboard_job, ctx) {
            self.take_dashboard(read);
        } else if self.dashboard_job.is_none() {
            self.screens.dashboard.reading = false;
        }
    }

    fn take_dashboard(&mut self, read: Result<DashboardRead, StoreError>) {
        self.screens.dashboard.reading = false;
        match read {
            Ok(read) => {
                self.screens.dashboard.read = true;
                self.screens.dashboard.clocks = read.clocks;
                self.screens.dashboard.repairs = read.repairs;
                self.screens.dashboard.contracts = read.contracts;
            }
            Err(error) => self.fail(error),
        }
    }

    /// Reads the deliveries for the repairs screen.
    pub(super) fn refresh_repairs(&mut self) {
        match self.store.repairs(crate::ui::repair::FINISHED_SHOWN) {
            Ok(repairs) => self.screens.repairs.repairs = repairs,
            Err(error) => self.fail(error),
        }
    }

    /// Reads the list on screen again if its records changed while it was not shown.
    pub(super) fn requery_shown_list(&mut self) {
        let screens = &self.screens;
        match self.page {
            Page::WarrantyCards if screens.cards.stale => {
                self.requery_cards(screens.cards.query.clone())
            }
            Page::Complaints if screens.complaints.list.stale => {
                self.requery_complaints(screens.complaints.list.query.clone())
            }
            Page::Customers if screens.customers.stale => {
                self.requery_customers(screens.customers.query.clone())
            }
            Page::Contracts if screens.contracts.stale => {
                self.requery_contracts(screens.contracts.query.clone())
            }
            _ => {}
        }
    }

    pub(super) fn requery_customers(&mut self, search: String) {
        if self.page != Page::Customers {
            self.screens.customers.query = search;
            self.screens.customers.stale = true;
            return;
        }
        let read = |store: &Store, search: &String| {
            Ok((store.customer_list(search)?, store.customer_count()?, ()))
        };
        if let Some(path) = self.beside(self.screens.customers.total, Store::customer_count) {
            self.screens.customers.reading(true);
            self.list_jobs.customers = Some(read_beside(path, self.store.list_cap(), search, read));
            return;
        }
        match read(&self.store, &search) {
            Ok((ids, total, ())) => self.screens.customers.set_result(search, ids, total),
            Err(error) => self.fail(error),
        }
    }

    /// Reads the cards list for `query` now if it is on screen; otherwise when it is next
    /// shown (so is every list: a save need not read lists no one is looking at).
    pub(super) fn requery_cards(&mut self, query: CardQuery) {
        if self.page != Page::WarrantyCards {
            self.screens.cards.query = query;
            self.screens.cards.stale = true;
            return;
        }
        let read = |store: &Store, query: &CardQuery| {
            Ok((store.card_list(query)?, store.card_count()?, ()))
        };
        if let Some(path) = self.beside(self.screens.cards.total, Store::card_count) {
            self.screens.cards.reading(true);
            self.list_jobs.cards = Some(read_beside(path, self.store.list_cap(), query, read));
            return;
        }
        match read(&self.store, &query) {
            Ok((ids, total, ())) => self.screens.cards.set_result(query, ids, total),
            Err(error) => self.fail(error),
        }
    }

    pub(super) fn requery_complaints(&mut self, query: ComplaintQuery) {
        if self.page != Page::Complaints {
            self.screens.complaints.list.query = query;
            self.screens.complaints.list.stale = true;
            return;
        }
        let read = |store: &Store, query: &ComplaintQuery| {
            Ok((
                store.complaint_list(query)?,
                store.complaint_count()?,
                store.complaint_units()?,
            ))
        };
        let total = self.screens.complaints.list.total;
        if let Some(path) = self.beside(total, Store::complaint_count) {
            self.screens.complaints.list.reading(true);
            let job = read_beside(path, self.store.list_cap(), query, read);
            self.list_jobs.complaints = Some(job);
            return;
        }
        match read(&self.store, &query) {
            Ok((ids, total, units)) => {
                self.screens.complaints.list.set_result(query, ids, total);
                self.screens.complaints.units = units;
            }
            Err(error) => self.fail(error),
        }
    }
}

/// Records from which a list is read beside the window: its search, sort and first reading (a
/// million ids in their order took 130–200 ms in one frame).
pub(super) const LIST_BESIDE_FROM: u64 = 100_000;

/// A list being read beside the window: the query, then the ids found, the list's records in
/// all and what else the list reads (the complaints list: its receiving units).
pub(super) type ListJob<Q, E> = Receiver<Result<(Q, Listed, u64, E), StoreError>>;

/// The lists being read beside the window; a newer reading of a list replaces one running.
#[derive(Default)]
pub(super) struct ListJobs {
    pub cards: Option<ListJob<CardQuery, ()>>,
    pub complaints: Option<ListJob<ComplaintQuery, Vec<String>>>,
    pub customers: Option<ListJob<String, ()>>,
    pub contracts: Option<ListJob<crate::store::contract::ContractQuery, ()>>,
}

/// How a list is read: its ids for a query, its records in all, and what else it reads.
pub(super) type ListRead<Q, E> = fn(&Store, &Q) -> Result<(Listed, u64, E), StoreError>;

/// Reads a list with `read` for `query` on a read-only connection of its own to `path`,
/// reading at most `cap` matches of a search as the window's own connection would.
pub(super) fn read_beside<Q: Send + 'static, E: Send + 'static>(
    path: PathBuf,
    cap: usize,
    query: Q,
    read: ListRead<Q, E>,
) -> ListJob<Q, E> {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let found = Store::open_read_only(&path).and_then(|store| {
            store.set_list_cap(cap);
            read(&store, &query)
        });
        let _ = send.send(found.map(|(ids, total, extra)| (query, ids, total, extra)));
    });
    receive
}

/// What arrived of a reading beside the window (a list's, the dashboard's), if anything; asks
/// for another frame while it runs, and drops the job once it has answered or its thread is
/// gone.
fn arrived<T>(job: &mut Option<Receiver<T>>, ctx: &egui::Context) -> Option<T> {
    let receive = job.as_ref()?;
    match receive.try_recv() {
        Ok(found) => {
            *job = None;
            Some(found)
        }
        Err(std::sync::mpsc::TryRecvError::Empty) => {
            ctx.request_repaint_after(Duration::from_millis(50));
            None
        }
        Err(std::sync::mpsc::TryRecvError::Disconnected) => {
            *job = None;
            None
        }
    }
}

/// Open cases from which the dashboard is read beside the window (a desk has a few hundred;
/// 2,000 take about 20 ms to read).
pub(super) const DASHBOARD_BESIDE_FROM: u64 = 2_000;

/// What the dashboard shows from the store.
pub(super) struct DashboardRead {
    clocks: Vec<crate::store::case_steps::Clock>,
    repairs: Vec<crate::store::repair::StoredRepair>,
    contracts: Vec<crate::store::contract::ContractRow>,
}

/// The pending reading of the dashboard beside the window.
pub(super) type DashboardJob = std::sync::mpsc::Receiver<Result<DashboardRead, StoreError>>;

fn read_dashboard(
    store: &Store,
    limits: crate::domain::case_life::Limits,
    region: &crate::domain::case_life::Region,
    today: chrono::NaiveDate,
) -> Result<DashboardRead, StoreError> {
    Ok(DashboardRead {
        clocks: store.clocks(limits, region)?,
        repairs: store.repairs(0)?,
        contracts: store.contracts_due_for_renewal(today)?,
    })
}

/// Reads rows `start..end` of `list` with `read` and places them; on failure the rows are
/// marked missing and the error returned.
fn window<Q, R: crate::ui::ListRow>(
    list: &mut crate::ui::RecordList<Q, R>,
    start: usize,
    end: usize,
    read: impl FnOnce(&[i64]) -> Result<Vec<R>, StoreError>,
) -> Result<(), StoreError> {
    let (start, end) = clamp(start, end, list.ids.len());
    let result = read(&list.ids[start..end]);
    let (rows, outcome) = match result {
        Ok(rows) => (rows, Ok(())),
        Err(error) => (Vec::new(), Err(error)),
    };
    list.set_window(start, end, rows);
    outcome
}

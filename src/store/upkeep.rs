//! Upkeep of the file that no save should wait for: merging the search indexes' segments and
//! copying the write-ahead log into the file. SQLite does both inside the transaction that
//! happens to tip them over (FTS5's automerge, the WAL's autocheckpoint), so one save in twenty
//! took 15–25 ms instead of 2 ms at 100,000 cards (docs/PERFORMANCE.md, "Saving a form").
//! Here the indexes do no merging of their own beyond a backstop; the window merges and
//! checkpoints beside itself, on a connection of its own, a little at a time
//! ([`Upkeep`]), and the demo merges once when it ends ([`Store::tidy_search_fully`]; an
//! imported month's segments are left to the upkeep, or to the backstop).

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension};

use super::search::SEARCH_INDEXES;
use super::{Result, Store};

/// FTS5's own merging after each transaction: off (its default, 4, merges inside a clerk's save).
pub(crate) const SEARCH_AUTOMERGE: i64 = 0;

/// How many segments a level of a search index may hold before the transaction that adds one
/// more merges them all at once (FTS5's `crisismerge`, 16 unless set). Only a backstop for a
/// file no window tidies (written from the command line alone): every 64th save then merges
/// the 64 small segments before it, a few milliseconds. A search reads every segment, so they
/// must not pile up without end.
pub(crate) const SEARCH_CRISIS_MERGE: i64 = 64;

/// The search indexes' merging settings, as FTS5 keeps them in each index's config table.
const SEARCH_MERGING: [(&str, i64); 2] = [
    ("automerge", SEARCH_AUTOMERGE),
    ("crisismerge", SEARCH_CRISIS_MERGE),
];

/// The log is copied into the file by the connection whose commit finds it holding this many
/// pages (32 MiB; SQLite's default is 1,000, 4 MiB), on a connection with no upkeep beside it
/// (the command line; the window until its upkeep starts).
pub(crate) const WAL_AUTOCHECKPOINT_PAGES: i64 = 8192;

/// Pages of index one tidying step merges: a short transaction, so a save that comes in while
/// one runs waits for little.
pub const TIDY_STEP_PAGES: i64 = 64;

/// Sets the search indexes' merging as this module expects, when the file says otherwise (a
/// new file, one written by an older release, or by another tool). A file already set is only
/// read, so opening it takes no write lock. Setting it is not worth refusing to open the file
/// for: if the write fails (another window importing a month holds the lock), the indexes
/// merge as before until a later opening sets them.
pub(crate) fn settle_search_indexes(store: &Store) -> Result<()> {
    let settled = |conn: &Connection| -> Result<bool> {
        for index in SEARCH_INDEXES {
            for (key, value) in SEARCH_MERGING {
                let stored: Option<i64> = conn
                    .query_row(
                        &format!("SELECT v FROM {index}_config WHERE k = ?1"),
                        [key],
                        |r| r.get(0),
                    )
                    .optional()?;
                if stored != Some(value) {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    };
    if settled(&store.conn)? {
        return Ok(());
    }
    let set = store.write(|conn| {
        for index in SEARCH_INDEXES {
            for (key, value) in SEARCH_MERGING {
                conn.execute(
                    &format!("INSERT INTO {index} ({index}, rank) VALUES (?1, ?2)"),
                    rusqlite::params![key, value],
                )?;
            }
        }
        Ok(())
    });
    match set {
        Err(error) if error.is_damage() => Err(error),
        _ => Ok(()),
    }
}

impl Store {
    /// Merges up to about `pages` pages of each search index's segments, where a level holds
    /// four or more (FTS5's 'merge' command), each index in its own short transaction. Whether
    /// any work was done: `false` once the indexes are as tidy as FTS5's own merging would
    /// leave them.
    pub fn tidy_search(&self, pages: i64) -> Result<bool> {
        let mut worked = false;
        for index in SEARCH_INDEXES {
            worked |= self.write(|conn| {
                let before = conn.total_changes();
                conn.execute(
                    &format!("INSERT INTO {index} ({index}, rank) VALUES ('merge', ?1)"),
                    [pages],
                )?;
                // FTS5: a 'merge' that found nothing to merge changes fewer than two rows.
                Ok(conn.total_changes() - before >= 2)
            })?;
        }
        Ok(worked)
    }

    /// Merges the search indexes until [`Store::tidy_search`] finds nothing left: after bulk
    /// work that writes many segments at once (the demo).
    pub fn tidy_search_fully(&self) -> Result<()> {
        while self.tidy_search(4096)? {}
        Ok(())
    }
}

/// The window's upkeep, on a thread of its own until it is dropped (the window closes, or a
/// backup is about to replace the file: dropping it stops the thread at once and waits for it,
/// so the file is no longer open there). Once no other connection has written for a second (a
/// clerk between saves), the search indexes are merged a step at a time, stopping as soon as a
/// save comes in, so a save never waits for a merge (SQLite's busy wait sleeps whole
/// milliseconds); and every second the log is copied into the file without waiting for readers,
/// so the window's saves need not ([`Store::leave_checkpoints_to_upkeep`]). It opens its own
/// connection, whose commits need not survive a power cut (a merge lost is merged again;
/// nothing a clerk typed is in it); it stops if the file cannot be written.
pub struct Upkeep {
    stop: Option<std::sync::mpsc::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Upkeep {
    pub fn start(path: &Path) -> Upkeep {
        let (stop, stopped) = std::sync::mpsc::channel();
        let path = path.to_owned();
        let thread = std::thread::spawn(move || keep_up(&path, &stopped));
        Upkeep {
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Upkeep {
    fn drop(&mut self) {
        // The thread wakes as soon as the sender is gone.
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn keep_up(path: &Path, stopped: &std::sync::mpsc::Receiver<()>) {
    use std::sync::mpsc::RecvTimeoutError;
    let Ok(store) = Store::open_existing(path) else {
        return;
    };
    if store
        .conn
        .execute_batch("PRAGMA synchronous = NORMAL")
        .is_err()
    {
        return;
    }
    // Changes each time another connection commits (never for this one's own).
    let others = || {
        store
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get::<_, i64>(0))
    };
    let Ok(mut seen) = others() else {
        return;
    };
    let mut tidy = true;
    // A second between rounds, unless told to stop.
    while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(Duration::from_secs(1)) {
        let Ok(now) = others() else {
            return;
        };
        if now != seen {
            // Someone is writing: merge once a second passes without a save.
            (seen, tidy) = (now, true);
        } else if tidy {
            loop {
                let stop = !matches!(
                    stopped.try_recv(),
                    Err(std::sync::mpsc::TryRecvError::Empty)
                );
                if stop || others().ok() != Some(seen) {
                    break;
                }
                match store.tidy_search(TIDY_STEP_PAGES) {
                    Ok(true) => {}
                    Ok(false) => {
                        tidy = false;
                        break;
                    }
                    Err(_) => return,
                }
            }
        }
        // Every second, saves or not: a passive checkpoint takes no lock a save waits for,
        // and with nothing new in the log it only reads the log's header.
        if store.checkpoint().is_err() {
            return;
        }
    }
}

/// How large the window's own connection lets the log grow before a save copies it into the
/// file, once the upkeep does that beside it ([`Store::leave_checkpoints_to_upkeep`]): 256 MiB,
/// a backstop should the upkeep stop.
pub(crate) const WAL_BACKSTOP_PAGES: i64 = 65_536;

impl Store {
    /// For the window, once its upkeep runs ([`Upkeep`], which copies the log into the file
    /// each second on its own connection): this connection's saves stop copying it themselves
    /// short of [`WAL_BACKSTOP_PAGES`]. Copying 32 MiB into a file of millions of records took
    /// one save of a long run 1.8–3.2 s.
    pub fn leave_checkpoints_to_upkeep(&self) -> Result<()> {
        self.conn
            .execute_batch(&format!("PRAGMA wal_autocheckpoint = {WAL_BACKSTOP_PAGES}"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The number of segments in each search index.
    fn segments(store: &Store) -> Vec<i64> {
        SEARCH_INDEXES
            .iter()
            .map(|index| {
                store
                    .conn
                    .query_row(
                        &format!("SELECT count(DISTINCT segid) FROM {index}_idx"),
                        [],
                        |r| r.get(0),
                    )
                    .unwrap()
            })
            .collect()
    }

    fn config(store: &Store, index: &str, key: &str) -> Option<i64> {
        store
            .conn
            .query_row(
                &format!("SELECT v FROM {index}_config WHERE k = ?1"),
                [key],
                |r| r.get(0),
            )
            .optional()
            .unwrap()
    }

    fn save_cards(store: &mut Store, count: usize) {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 20)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let card = crate::store::warranty_card::tests::sample_card();
        for _ in 0..count {
            store.insert_card(&card, "WC", now).unwrap();
        }
    }

    #[test]
    fn a_save_leaves_the_search_indexes_merging_to_the_upkeep() {
        let mut store = Store::open_in_memory().unwrap();
        // FTS5 merges nothing of its own, short of 64 segments on a level.
        for index in SEARCH_INDEXES {
            assert_eq!(config(&store, index, "automerge"), Some(0));
            assert_eq!(config(&store, index, "crisismerge"), Some(64));
        }
        // Each save writes a segment; none of them merges what the others wrote.
        save_cards(&mut store, 20);
        assert!(
            segments(&store).iter().all(|&n| n >= 20),
            "{:?}",
            segments(&store)
        );
        let found = store.search_all("张三丰", 100).unwrap().len();
        assert!(store.tidy_search(TIDY_STEP_PAGES).unwrap(), "work to do");
        store.tidy_search_fully().unwrap();
        assert!(!store.tidy_search(TIDY_STEP_PAGES).unwrap(), "nothing left");
        assert!(
            segments(&store).iter().all(|&n| n < 4),
            "{:?}",
            segments(&store)
        );
        // Merging changes where entries are kept, never what a search finds.
        assert_eq!(store.search_all("张三丰", 100).unwrap().len(), found);
        // The twenty cards and the customer they share.
        assert_eq!(found, 21);
        store.integrity_check().unwrap();
    }

    #[test]
    fn segments_never_pile_up_past_the_backstop_when_nothing_tidies() {
        let mut store = Store::open_in_memory().unwrap();
        save_cards(&mut store, 2 * SEARCH_CRISIS_MERGE as usize + 10);
        let most = SEARCH_CRISIS_MERGE as usize + 4;
        assert!(
            segments(&store).iter().all(|&n| (n as usize) < most),
            "{:?}",
            segments(&store)
        );
    }

    #[test]
    fn a_save_copies_the_log_into_the_file_only_once_it_holds_32_mib() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.db")).unwrap();
        let pages: i64 = store
            .conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap();
        assert_eq!(pages * 4096, 32 * 1024 * 1024);
    }

    /// Frames in the log of `store`'s file now (the checkpoint this runs copies them, which is
    /// no matter here: the count is what the log held).
    fn frames_in_log(store: &Store) -> i64 {
        store
            .conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(1))
            .unwrap()
    }

    #[test]
    fn the_upkeep_copies_the_log_into_the_file_so_the_windows_saves_need_not() {
        // Two windows' files, the same saves: a burst of forty, a pause, one more.
        let mut logs = Vec::new();
        for upkept in [false, true] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("a.db");
            let mut store = Store::open(&path).unwrap();
            store.leave_checkpoints_to_upkeep().unwrap();
            let pages: i64 = store
                .conn
                .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
                .unwrap();
            assert_eq!(pages, WAL_BACKSTOP_PAGES);
            let upkeep = upkept.then(|| Upkeep::start(&path));
            save_cards(&mut store, 40);
            std::thread::sleep(Duration::from_millis(2500));
            save_cards(&mut store, 1);
            logs.push(frames_in_log(&store));
            drop(upkeep);
        }
        // Without the upkeep the log holds every save; with it, copied into the file during
        // the pause, it started again and holds the last save only.
        let (alone, upkept) = (logs[0], logs[1]);
        assert!(
            upkept * 10 < alone,
            "{upkept} frames, {alone} without the upkeep"
        );
    }

    #[test]
    fn a_file_whose_indexes_merge_on_their_own_is_settled_when_opened() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        drop(Store::open(&path).unwrap());
        {
            // As another tool, or a release before this one, leaves it.
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "INSERT INTO search_index (search_index, rank) VALUES ('automerge', 4);
                 DELETE FROM search_pairs_config WHERE k = 'crisismerge';",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(config(&store, "search_index", "automerge"), Some(0));
        assert_eq!(config(&store, "search_pairs", "crisismerge"), Some(64));
        // A file already settled is only read: a read-only open works too.
        drop(store);
        let store = Store::open_read_only(&path).unwrap();
        assert_eq!(config(&store, "search_pairs", "automerge"), Some(0));
        drop(store);
        // Unsettled while another window holds the write lock (a month being imported): the
        // file still opens, and is settled by a later opening.
        let other = Connection::open(&path).unwrap();
        other
            .execute_batch(
                "INSERT INTO search_index (search_index, rank) VALUES ('automerge', 4);
                 BEGIN IMMEDIATE;",
            )
            .unwrap();
        let store = Store::open(&path).unwrap();
        assert_eq!(config(&store, "search_index", "automerge"), Some(4));
        other.execute_batch("COMMIT").unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(config(&store, "search_index", "automerge"), Some(0));
    }

    #[test]
    fn the_upkeep_merges_beside_a_writer_and_stops_with_the_window() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let mut store = Store::open(&path).unwrap();
        save_cards(&mut store, 30);
        let upkeep = Upkeep::start(&path);
        // The window goes on saving while the upkeep merges.
        save_cards(&mut store, 10);
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while segments(&store).iter().any(|&n| n >= 8) && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(
            segments(&store).iter().all(|&n| n < 8),
            "{:?}",
            segments(&store)
        );
        drop(upkeep);
        // The forty cards and the customer they share.
        assert_eq!(store.search_all("张三丰", 100).unwrap().len(), 41);
    }
}

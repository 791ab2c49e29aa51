//! What the benchmarks share: timing by the median of repeated runs, and making a database an
//! office's.
#![allow(dead_code)] // each benchmark uses its own part of this module

use std::time::{Duration, Instant};

use aftersales::domain::unit::Unit;
use aftersales::store::Store;

pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Runs `f` `runs` times, prints the median under `label`, and returns the last result.
pub fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) -> T {
    let mut samples = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        last = Some(f());
        samples.push(start.elapsed());
    }
    println!(
        "{label:<58} median {:>9.2} ms over {runs} runs",
        median(samples).as_secs_f64() * 1e3
    );
    last.expect("at least one run")
}

/// Makes the database `unit`'s, as the settings screen would.
pub fn office(store: &mut Store, unit: &Unit) {
    let mut settings = store.settings().expect("settings");
    settings.unit_code = unit.code.clone();
    settings.unit_name = unit.name.clone();
    settings.unit_level = unit.level;
    settings.unit_region = unit.region.clone();
    store.save_settings(&settings).expect("settings saved");
}

/// The benchmark's database: with `--db PATH` among `args`, the file at PATH, kept, and filled
/// with `cards` demo cards (with their cases, as at `now`) only when it is new; otherwise a new
/// temporary file, filled. Returns the store, its path and the temporary folder (the file goes
/// with it).
pub fn kept_or_filled(
    args: &[String],
    cards: usize,
    now: chrono::NaiveDateTime,
) -> (Store, std::path::PathBuf, tempfile::TempDir) {
    let kept = args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = kept.unwrap_or_else(|| dir.path().join("bench.db"));
    let fresh = !path.exists();
    let mut store = Store::open(&path).expect("the database");
    if fresh {
        let start = Instant::now();
        let added = aftersales::demo::fill(&mut store, cards, 1, now).expect("demo data");
        println!(
            "demo: {} cards, {} complaints in {:.1} s",
            added.cards,
            added.complaints,
            start.elapsed().as_secs_f64()
        );
    } else {
        println!(
            "{}: {} cards, {} complaints",
            path.display(),
            store.card_count().expect("cards"),
            store.complaint_count().expect("complaints")
        );
    }
    (store, path, dir)
}

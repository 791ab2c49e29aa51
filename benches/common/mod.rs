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

//! The dashboard's cost at scale: the clocks of every open case, read on each visit to the
//! dashboard. Run with `cargo bench --bench case_clocks -- [CARDS] [--db PATH]` (default 100,000
//! cards, so about 12,500 complaints at every step of their life); with --db the database is
//! kept at PATH and filled only if it is new (or made beforehand with `aftersales demo`).
//! Results go in docs/PERFORMANCE.md.

mod common;

use common::median;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cards: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let (store, _path, _dir) = common::kept_or_filled(&args, cards, now);
    let settings = store.settings().expect("settings");
    let (limits, region) = (settings.limits(), settings.region());
    let mut samples = Vec::new();
    let mut clocks = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        clocks = store.clocks(limits, &region).expect("clocks");
        samples.push(start.elapsed());
    }
    println!(
        "clocks of every open case ({} clocks)                  median {:>9.2} ms over 5 runs",
        clocks.len(),
        median(samples).as_secs_f64() * 1e3
    );
    // What the dashboard reads on each visit: the clocks, the repairs under way and the
    // contracts due for renewal.
    let mut samples = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let clocks = store.clocks(limits, &region).expect("clocks");
        let repairs = store.repairs(0).expect("repairs");
        let due = store
            .contracts_due_for_renewal(now.date())
            .expect("contracts");
        std::hint::black_box((clocks, repairs, due));
        samples.push(start.elapsed());
    }
    println!(
        "the dashboard's refresh (clocks, repairs, contracts)    median {:>9.2} ms over 5 runs",
        median(samples).as_secs_f64() * 1e3
    );
    let ids = store.complaint_ids(&Default::default()).expect("ids");
    let window = &ids[..ids.len().min(60)];
    let start = Instant::now();
    let listed = store.clocks_of(window, limits, &region).expect("clocks");
    println!(
        "clocks of one screen of the complaints list ({} clocks)  {:>9.2} ms",
        listed.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
}

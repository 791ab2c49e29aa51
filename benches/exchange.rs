//! The monthly exchange at scale: run with `cargo bench --bench exchange -- [CARDS]` (default
//! 29,500 demo cards, which with their customers, cases and contracts make about 100,000
//! records in one month). Times writing the dealer's monthly file, importing it at a region
//! that has never seen it, and importing the month again (every record unchanged). Results go
//! in docs/PERFORMANCE.md.

mod common;

use common::office;
use std::time::Instant;

use aftersales::domain::unit::{Period, Unit, UnitLevel};
use aftersales::store::Store;
use aftersales::store::bundle::{key_path, load_or_make_key};

fn at(text: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

fn main() {
    let cards: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(29_500);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let dealer_path = dir.path().join("dealer.db");
    let region_path = dir.path().join("region.db");
    let dealer = Unit {
        code: "JX-D01".into(),
        name: "南昌红谷滩经销商".into(),
        level: UnitLevel::Dealer,
        region: "JX".into(),
    };
    let region = Unit {
        code: "JX".into(),
        name: "江西大区".into(),
        level: UnitLevel::Region,
        region: String::new(),
    };
    let october = Period::parse("2026-10").unwrap();

    let mut store = Store::open(&dealer_path).expect("the dealer's database");
    office(&mut store, &dealer);
    let start = Instant::now();
    let added = aftersales::demo::fill(&mut store, cards, 1, at("2026-10-20 10:00")).expect("demo");
    println!(
        "demo data: {} cards, {} complaints, {} contracts in {:.1} s",
        added.cards,
        added.complaints,
        added.contracts,
        start.elapsed().as_secs_f64()
    );
    let key = load_or_make_key(&key_path(&dealer_path)).expect("a key");
    let file = dir.path().join("JX-D01-2026-10.asmf");
    let start = Instant::now();
    let summary = store
        .export_month(
            october,
            &dealer,
            &key,
            &file,
            at("2026-11-03 09:00"),
            &|_, _| {},
        )
        .expect("export");
    let export = start.elapsed();
    let size = std::fs::metadata(&file).expect("the file").len();
    println!(
        "export of the month: {} records, {:.1} MB, {:.2} s",
        summary.records(),
        size as f64 / 1e6,
        export.as_secs_f64()
    );
    for (table, n) in &summary.counts {
        println!("    {table:<24} {n:>8}");
    }
    drop(store);

    let mut store = Store::open(&region_path).expect("the region's database");
    office(&mut store, &region);
    let start = Instant::now();
    let plan = store
        .plan_import(&file, &region, &|_, _| {})
        .expect("dry run");
    println!(
        "check and plan (dry run), {} records: {:.2} s",
        plan.records(),
        start.elapsed().as_secs_f64()
    );
    let start = Instant::now();
    let plan = store
        .import_month(&file, &region, true, at("2026-11-04 09:00"), &|_, _| {})
        .expect("import");
    let import = start.elapsed();
    println!(
        "import into an empty region: {} new records, {:.2} s ({:.0} records/s)",
        plan.sum().new,
        import.as_secs_f64(),
        plan.records() as f64 / import.as_secs_f64()
    );
    let start = Instant::now();
    store.checkpoint().expect("checkpoint");
    println!(
        "then the log copied into the file (after the outcome is shown): {:.2} s",
        start.elapsed().as_secs_f64()
    );
    drop(store);

    // The month written again and imported again: all unchanged.
    let store = Store::open(&dealer_path).expect("the dealer's database");
    let again = dir.path().join("again.asmf");
    store
        .export_month(
            october,
            &dealer,
            &key,
            &again,
            at("2026-11-05 09:00"),
            &|_, _| {},
        )
        .expect("export again");
    drop(store);
    let store = Store::open(&region_path).expect("the region's database");
    let start = Instant::now();
    let plan = store
        .import_month(&again, &region, true, at("2026-11-05 10:00"), &|_, _| {})
        .expect("import again");
    println!(
        "import of the same month again: {} unchanged, {:.2} s",
        plan.sum().unchanged,
        start.elapsed().as_secs_f64()
    );
}

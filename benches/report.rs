//! The monthly report at scale: one month's report (every figure beside the month before,
//! and the twelve months' trend), a year's, and the report on paper, over a database of about
//! a million records. Run with `cargo bench --bench report -- [CARDS] [--db PATH]`: CARDS demo
//! warranty cards (default 290,000, which with their customers, complaints, steps, forms,
//! parts, visits and repairs make about a million records); with --db the database is kept at
//! PATH and filled only if it is new, so a second run times the report alone. Results go in
//! docs/PERFORMANCE.md.

mod common;

use aftersales::domain::report::Span;
use aftersales::report::MonthlyReport;
use aftersales::store::report::{Behind, Scope};
use common::time;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cards: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(290_000);
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let (store, path, _dir) = common::kept_or_filled(&args, cards, now);
    let counter = rusqlite::Connection::open(&path).expect("the database");
    let records: i64 = [
        "warranty_cards",
        "customers",
        "complaints",
        "case_steps",
        "investigations",
        "confirmations",
        "confirmation_parts",
        "return_visits",
        "repairs",
        "maintenance_contracts",
    ]
    .iter()
    .map(|table| {
        counter
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| {
                r.get::<_, i64>(0)
            })
            .expect("a count")
    })
    .sum();
    println!("{records} records in {}", path.display());
    let settings = store.settings().expect("settings");
    let month = Span::parse("2026-11").unwrap();
    let report = time(
        "report of one month (and the month before, trend)",
        5,
        || MonthlyReport::gather(&store, month, Scope::All, &settings, now).expect("the report"),
    );
    println!(
        "    {} complaints received, {} late cases listed",
        report.this.volumes.received,
        report.this.timeliness.late.len()
    );
    // Each part of one month's figures on its own, to see where the time goes.
    let limits = settings.limits();
    let region = settings.region();
    let scope = Scope::All;
    time("    volumes", 3, || {
        store.volumes(month, &scope).expect("volumes")
    });
    time("    timeliness", 3, || {
        (store.timeliness(month, &scope, limits, &region, now)).expect("timeliness")
    });
    time("    satisfaction", 3, || {
        store.satisfaction(month, &scope).expect("satisfaction")
    });
    time("    money", 3, || {
        (store.money(month, &scope, settings.depreciation)).expect("money")
    });
    time("    parts claims", 3, || {
        store.parts_claims(month, &scope).expect("parts")
    });
    time("    quality feedback", 3, || {
        (store.quality_feedback(month, &scope, 3)).expect("quality")
    });
    time("    complaints per month, 12 months", 3, || {
        let last = aftersales::domain::unit::Period::parse("2026-11").unwrap();
        (store.received_per_month(last, 12, &scope)).expect("trend")
    });
    time("report of one month, one office", 5, || {
        MonthlyReport::gather(&store, month, Scope::Office(String::new()), &settings, now)
            .expect("the report")
    });
    time("report of a year (and the year before)", 3, || {
        MonthlyReport::gather(&store, Span::Year(2026), Scope::All, &settings, now)
            .expect("the report")
    });
    time("the cases behind 'complaints received'", 5, || {
        store
            .cases_behind(month, &Scope::All, &Behind::Received)
            .expect("cases")
    });
    let company = store.company_profile().expect("letterhead");
    let pdf = time("the month's report as PDF", 5, || {
        aftersales::pdf::report::render_report(&report, &company, "").expect("a PDF")
    });
    println!("    {} bytes", pdf.len());
}

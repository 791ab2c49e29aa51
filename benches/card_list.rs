//! Archive-scale timings for the cards list and the paper: run with
//! `cargo bench --bench card_list -- [CARDS]` (default 1,000,000). Results go in
//! docs/PERFORMANCE.md.

mod common;

use common::time;
use std::time::Instant;

use aftersales::pdf::warranty_card::{CardPaper, filled};
use aftersales::store::Store;
use aftersales::store::warranty_card::{CardQuery, CardSort};

fn main() {
    let cards: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.db");
    let mut store = Store::open(&path).expect("a new database");
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();

    let start = Instant::now();
    aftersales::demo::fill_cards(&mut store, cards, 1, now).expect("demo data");
    let elapsed = start.elapsed();
    println!(
        "insert {cards} demo cards (file, WAL, synchronous=FULL, indexed for search) {:>7.2} s ({:.0} cards/s)",
        elapsed.as_secs_f64(),
        cards as f64 / elapsed.as_secs_f64()
    );

    let all = CardQuery::default();
    let ids = time("ids of all cards, by registration no.", 5, || {
        store.card_ids(&all).unwrap()
    });
    let by_name = CardQuery {
        sort: CardSort::CustomerName,
        descending: true,
        ..Default::default()
    };
    time("ids of all cards, by customer name descending", 5, || {
        store.card_ids(&by_name).unwrap()
    });
    for search in ["张三", "8888", "JSQ28", "WC-2025-0001", "no such text"] {
        let query = CardQuery {
            search: search.into(),
            ..Default::default()
        };
        let found = time(&format!("search {search:?}"), 5, || {
            store.card_ids(&query).unwrap()
        });
        println!("    → {} matches", found.len());
    }
    let middle = ids.len() / 2;
    let window = &ids[middle..(middle + 240).min(ids.len())];
    time("rows for one screen plus margin (240) mid-list", 20, || {
        store.card_rows(window).unwrap()
    });
    time("count of all cards", 5, || store.card_count().unwrap());

    let stored = store.card_by_id(ids[0]).unwrap();
    let paper = CardPaper {
        company: aftersales::domain::company::CompanyProfile::named("白沙企业售后服务中心"),
        feedback_grace_days: 30,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    };
    let bytes = time("PDF of a filled card", 10, || {
        filled(&stored, &paper).unwrap()
    });
    println!("    → {} bytes", bytes.len());
}

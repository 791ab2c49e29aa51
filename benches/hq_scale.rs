//! Headquarters at scale: `cargo bench --bench hq_scale -- [DEALERS] [MONTHS] [CARDS]`
//! (default 50 dealers, 12 months, 100 demo cards a dealer a month). Each dealer's database
//! makes its month, writes its monthly file, and headquarters imports it (dealers reporting
//! to headquarters directly); then the lists and the search are timed at headquarters as in
//! `benches/card_list.rs`. Results go in docs/PERFORMANCE.md.

mod common;

use common::{office, time};
use std::time::{Duration, Instant};

use aftersales::domain::unit::{Period, Unit, UnitLevel};
use aftersales::store::Store;
use aftersales::store::bundle::{key_path, load_or_make_key};
use aftersales::store::warranty_card::{CardQuery, CardSort};

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse::<usize>().ok());
    let dealers = args.next().unwrap_or(50);
    let months = args.next().unwrap_or(12).clamp(1, 12);
    let cards = args.next().unwrap_or(100);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let hq_path = dir.path().join("hq.db");
    let mut hq = Store::open(&hq_path).expect("headquarters' database");
    let hq_unit = Unit {
        code: "HQ".into(),
        name: "总部".into(),
        level: UnitLevel::Headquarters,
        region: String::new(),
    };
    office(&mut hq, &hq_unit);
    let (mut making, mut exporting, mut importing, mut records) =
        (Duration::ZERO, Duration::ZERO, Duration::ZERO, 0u64);
    for d in 0..dealers {
        let path = dir.path().join(format!("d{d}.db"));
        let mut dealer = Store::open(&path).expect("a dealer's database");
        let unit = Unit {
            code: format!("D{d:03}"),
            name: format!("经销商{d}"),
            level: UnitLevel::Dealer,
            region: String::new(),
        };
        office(&mut dealer, &unit);
        let key = load_or_make_key(&key_path(&path)).expect("a key");
        for m in 1..=months as u32 {
            let period = Period::parse(&format!("2026-{m:02}")).expect("a month");
            let now = period.first_day().and_hms_opt(10, 0, 0).expect("a time")
                + chrono::Duration::days(14);
            let start = Instant::now();
            aftersales::demo::fill(&mut dealer, cards, (d * 100 + m as usize) as u64, now)
                .expect("demo data");
            making += start.elapsed();
            let file = dir.path().join(format!("d{d}-{m}.asmf"));
            let start = Instant::now();
            dealer
                .export_month(period, &unit, &key, &file, now, &|_, _| {})
                .expect("export");
            exporting += start.elapsed();
            let start = Instant::now();
            let plan = hq
                .import_month(&file, &hq_unit, true, now, &|_, _| {})
                .expect("import");
            importing += start.elapsed();
            records += plan.records();
            let _ = std::fs::remove_file(&file);
        }
    }
    println!(
        "{dealers} dealers × {months} months × {cards} cards: {records} records imported; \
         making {:.0} s, exporting {:.1} s, importing {:.1} s ({:.0} records/s)",
        making.as_secs_f64(),
        exporting.as_secs_f64(),
        importing.as_secs_f64(),
        records as f64 / importing.as_secs_f64()
    );
    println!(
        "headquarters holds {} cards, {} complaints",
        hq.card_count().expect("count"),
        hq.complaint_count().expect("count")
    );
    let all = CardQuery::default();
    let ids = time("ids of all cards, by registration no.", 5, || {
        hq.card_ids(&all).unwrap()
    });
    let by_name = CardQuery {
        sort: CardSort::CustomerName,
        descending: true,
        ..Default::default()
    };
    time("ids of all cards, by customer name descending", 5, || {
        hq.card_ids(&by_name).unwrap()
    });
    let middle = ids.len() / 2;
    let window = &ids[middle.saturating_sub(120)..(middle + 120).min(ids.len())];
    time("rows for one screen plus margin (240) mid-list", 20, || {
        hq.card_rows(window).unwrap()
    });
    for text in ["张三", "8888", "JSQ28", "WC-2026-0001", "no such text"] {
        let query = CardQuery {
            search: text.into(),
            ..Default::default()
        };
        let found = time(&format!("search cards {text:?}"), 5, || {
            hq.card_ids(&query).unwrap()
        });
        println!("    → {} matches", found.len());
    }
    // A number the first dealers all issued, and one of them.
    let first = hq.card_rows(&ids[..1]).unwrap().remove(0).registration_no;
    let (number, origin) = first.split_once(" · ").expect("a dealer's card");
    let hits = time(&format!("search everything {number:?}"), 5, || {
        hq.search_all(number, 200).unwrap()
    });
    println!("    → {} records", hits.len());
    time("export-pdf lookup of an ambiguous number", 20, || {
        hq.card_by_registration_no(number).is_err()
    });
    time("export-pdf lookup with --origin", 20, || {
        hq.card_by_registration_no_of(number, Some(origin))
            .unwrap()
            .id
    });
}

//! Search as you type at headquarters' scale: every keystroke of a realistic mix of searches,
//! timed in the top search box (every kind of record, the newest 200, as the window asks) and
//! in the cards list's search box (the ids of the matching cards in the list's order, the
//! newest 2,000 at most, as the window asks). Run with
//! `cargo bench --bench search_mix -- --db PATH [SEARCHES] [--cap N]` on a database made by
//! `aftersales demo --count N --db PATH` (default 40 searches; `--cap`: how many matches the
//! list reads, `Store::set_list_cap`). Results go in docs/PERFORMANCE.md.
//!
//! The searches are read from the database itself, from cards picked at random (the same ones
//! each run): a customer's name (张, 张三, 张三丰: one, two and three Chinese characters), the
//! city of the address (南, 南昌), the last digits of the phone (from three digits up), the
//! registration number from its start, and the product model, each typed a character at a time.

mod common;

use std::time::{Duration, Instant};

use aftersales::store::Store;
use aftersales::store::warranty_card::CardQuery;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
    else {
        eprintln!("usage: cargo bench --bench search_mix -- --db PATH [SEARCHES]");
        std::process::exit(2);
    };
    let cap: Option<usize> = args
        .iter()
        .position(|a| a == "--cap")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok());
    let searches: usize = args
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || args[i - 1] != "--cap")
        .find_map(|(_, a)| a.parse().ok())
        .unwrap_or(40);
    let store = Store::open(std::path::Path::new(path)).expect("the database");
    if let Some(cap) = cap {
        store.set_list_cap(cap);
    }
    let cards = store.card_count().expect("cards");
    println!("{cards} cards in {path}");
    let mut rng = fastrand::Rng::with_seed(14);
    let mut typed: Vec<(&'static str, String)> = Vec::new();
    for _ in 0..searches {
        let id = rng.i64(1..=cards as i64);
        let Ok(card) = store.card_by_id(id) else {
            continue;
        };
        let c = &card.card;
        let city: String = c
            .customer_address
            .split(['省', '市'])
            .nth(1)
            .unwrap_or("")
            .chars()
            .take(2)
            .collect();
        let phone: String = c
            .customer_phone
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let tail = &phone[phone.len().saturating_sub(8)..];
        for (kind, word, from) in [
            ("name", c.customer_name.as_str(), 1),
            ("city", city.as_str(), 1),
            ("phone", tail, 3),
            ("number", card.registration_no.as_str(), 3),
            ("model", c.product_model.as_str(), 2),
        ] {
            let chars: Vec<char> = word.chars().collect();
            for end in from..=chars.len() {
                typed.push((kind, chars[..end].iter().collect()));
            }
        }
    }
    println!("{} keystrokes from {searches} cards", typed.len());
    let mut top: Vec<(Duration, &str, &str)> = Vec::new();
    let mut list: Vec<(Duration, &str, &str)> = Vec::new();
    let mut found = 0usize;
    for (kind, text) in &typed {
        let start = Instant::now();
        let hits = store.search_all(text, 200).expect("search");
        top.push((start.elapsed(), kind, text));
        let query = CardQuery {
            search: text.clone(),
            ..Default::default()
        };
        let start = Instant::now();
        found += store.card_list(&query).expect("card ids").ids.len();
        list.push((start.elapsed(), kind, text));
        std::hint::black_box(hits);
    }
    println!("{found} card ids found in all");
    report("top search box (newest 200 of every kind)", &mut top);
    report(
        "cards list search (the newest matching cards up to the list's cap, sorted)",
        &mut list,
    );
}

/// Prints the median, 95th percentile and slowest keystrokes, and each kind's 95th percentile.
fn report(label: &str, samples: &mut [(Duration, &str, &str)]) {
    samples.sort_by_key(|s| s.0);
    let at = |share: f64| samples[((samples.len() - 1) as f64 * share) as usize].0;
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{label}: {} keystrokes, median {:.2} ms, 95th percentile {:.2} ms, slowest {:.2} ms",
        samples.len(),
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0))
    );
    for kind in ["name", "city", "phone", "number", "model"] {
        let mut own: Vec<Duration> = samples
            .iter()
            .filter(|s| s.1 == kind)
            .map(|s| s.0)
            .collect();
        own.sort();
        if let Some(p95) = own.get((own.len().saturating_sub(1)) * 95 / 100) {
            println!(
                "  {kind:<7} {:>4} keystrokes, median {:>8.2} ms, 95th percentile {:>8.2} ms",
                own.len(),
                ms(common::median(own.clone())),
                ms(*p95)
            );
        }
    }
    for (took, kind, text) in samples.iter().rev().take(5) {
        println!("  slow: {:>8.2} ms  {kind:<7} {text:?}", ms(*took));
    }
}

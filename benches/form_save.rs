//! Saving a form as a clerk does, one save a transaction with `synchronous=FULL` (the store's
//! setting), the window's upkeep running beside it: a new warranty card, the same card saved
//! again with a change, and a new complaint, each timed on its own. Run with `cargo bench --bench form_save -- [--db PATH] [SAVES]`
//! (default: a new database of 20,000 demo cards, 100 saves of each kind). With `--db` the
//! saves are added to that file (they are real records: use a copy you can spare). Results go
//! in docs/PERFORMANCE.md.

mod common;

use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let saves: usize = args
        .iter()
        .filter(|a| !a.starts_with('-'))
        .find_map(|a| a.parse().ok())
        .unwrap_or(100);
    let now = chrono::Local::now().naive_local();
    let (mut store, path, _dir) = common::kept_or_filled(&args, 20_000, now);
    println!("{} saves of each kind on {}", saves, path.display());
    // The window's upkeep runs beside the saves, as it does beside a clerk's window, and the
    // saves leave the log to it as the window's do.
    store
        .leave_checkpoints_to_upkeep()
        .expect("the log left to the upkeep");
    let upkeep = aftersales::store::upkeep::Upkeep::start(&path);
    let cards = store.card_count().expect("cards") as i64;
    let complaints = store.complaint_count().expect("complaints") as i64;
    let mut rng = fastrand::Rng::with_seed(10);
    let mut new_cards = Vec::with_capacity(saves);
    let mut changed_cards = Vec::with_capacity(saves);
    let mut new_complaints = Vec::with_capacity(saves);
    for _ in 0..saves {
        // A card like one already there, saved as new: the same kind of text and customer.
        let model = store
            .card_by_id(rng.i64(1..=cards))
            .expect("a stored card")
            .card;
        let start = Instant::now();
        let stored = store.insert_card(&model, "WC", now).expect("card saved");
        new_cards.push(start.elapsed());

        let mut card = stored.card.clone();
        card.customer_address = format!("{} 3号楼", card.customer_address);
        let start = Instant::now();
        store
            .update_card(stored.id, &card, stored.revision, now)
            .expect("card saved again");
        changed_cards.push(start.elapsed());

        let model = store
            .complaint_by_id(rng.i64(1..=complaints.max(1)))
            .expect("a stored complaint")
            .complaint;
        let start = Instant::now();
        store
            .insert_complaint(&model, "CP", now)
            .expect("complaint saved");
        new_complaints.push(start.elapsed());
    }
    drop(upkeep);
    report("new warranty card", new_cards);
    report("warranty card saved again with a change", changed_cards);
    report("new complaint", new_complaints);
}

/// Prints the median, 95th percentile and slowest save, and which save that was.
fn report(label: &str, mut samples: Vec<Duration>) {
    let slowest = (0..samples.len()).max_by_key(|&i| samples[i]).unwrap_or(0);
    samples.sort();
    let at = |share: f64| samples[((samples.len() - 1) as f64 * share) as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{label:<42} median {:>6.2} ms, 95th percentile {:>6.2} ms, slowest {:>6.2} ms (save {})",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0)),
        slowest + 1
    );
}

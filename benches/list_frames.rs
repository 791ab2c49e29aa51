//! The cards list through the real window's code, driven headless (egui_kittest, no renderer):
//! the frames that open it, sort it, scroll it with the mouse wheel (a page, and three lines, a
//! frame), and stand still, each timed on its own. Run with `cargo bench --bench list_frames -- --db PATH` on a
//! database made by `aftersales demo --count N --db PATH` (the file is only read; the window's
//! background work is not started). Results go in docs/PERFORMANCE.md. Times are wall-clock on
//! the one thread that draws, so on a quiet machine they are its CPU time per frame.

use std::time::{Duration, Instant};

use aftersales::app::App;
use aftersales::store::Store;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
    else {
        eprintln!("usage: cargo bench --bench list_frames -- --db PATH");
        std::process::exit(2);
    };
    let store = Store::open(std::path::Path::new(path)).expect("the database");
    store.set_setting("language", "en").expect("language");
    // A clerk on duty, so the first start's question does not cover the window.
    if store.operator().expect("operator").is_none() {
        let clerk = aftersales::store::audit::Operator {
            name: "测试员".into(),
            unit: "hq".into(),
        };
        store.set_operator(&clerk).expect("operator");
    }
    let cards = store.card_count().expect("cards");
    println!("{cards} cards in {path}");
    let started = Instant::now();
    let app = App::with(
        store,
        Box::new(|_| None),
        Box::new(|| chrono::Local::now().naive_local()),
    );
    let mut harness = Harness::builder()
        .with_size([1280.0, 900.0])
        .with_context_setup(aftersales::ui::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    harness.step();
    println!(
        "{:<52} {:>8.2} ms",
        "the window's state made and its first frame",
        ms(started.elapsed())
    );

    let frame = |harness: &mut Harness<'_, App>| {
        let start = Instant::now();
        harness.step();
        start.elapsed()
    };
    // Opening the list: the frames from the click until its ids are read (beside the window
    // from 100,000 records) and its rows drawn.
    harness.get_by_label("Warranty cards").click();
    let (slowest, until) = until_read(&mut harness);
    println!(
        "{:<52} slowest frame {:>7.2} ms, the list there after {:.0} ms",
        "open the cards list (click)",
        ms(slowest),
        ms(until)
    );
    let still: Vec<Duration> = (0..30).map(|_| frame(&mut harness)).collect();
    report("a frame with the list standing still", still);

    // Scrolling: a page down per frame, for 200 frames (the rows read as they come into view).
    let list = harness
        .get_by_label_contains("Customer name")
        .rect()
        .center();
    harness.hover_at(egui::pos2(list.x, list.y + 200.0));
    let mut scrolling = Vec::new();
    for _ in 0..200 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Page,
            delta: egui::vec2(0.0, -1.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        scrolling.push(frame(&mut harness));
    }
    report("a frame scrolling a page down", scrolling);
    // A wheel's notch a frame (three lines), as a clerk scrolls.
    let mut notches = Vec::new();
    for _ in 0..200 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, -3.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
        notches.push(frame(&mut harness));
    }
    report("a frame scrolling three lines down", notches);

    // Sorting: a click on a column's heading; the list is read again in that order.
    let (mut slowest, mut until) = (Vec::new(), Vec::new());
    for _ in 0..4 {
        harness.get_by_label_contains("Customer name").click();
        let (frame, there) = until_read(&mut harness);
        slowest.push(frame);
        until.push(there);
    }
    report("sort by customer name: its slowest frame", slowest);
    report("sort by customer name: until the list is there", until);
}

/// Steps frames until the list is no longer being read and its rows are drawn: the slowest
/// frame on the way, and the time it all took.
fn until_read(harness: &mut Harness<'_, App>) -> (Duration, Duration) {
    let start = Instant::now();
    let mut slowest = Duration::ZERO;
    let mut quiet = 0;
    while quiet < 3 && start.elapsed() < Duration::from_secs(60) {
        let frame = Instant::now();
        harness.step();
        slowest = slowest.max(frame.elapsed());
        if harness.query_by_label("Reading…").is_some() {
            quiet = 0;
            std::thread::sleep(Duration::from_millis(1));
        } else {
            quiet += 1;
        }
    }
    (slowest, start.elapsed())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Prints the median, 95th percentile and slowest frame.
fn report(label: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |share: f64| samples[((samples.len() - 1) as f64 * share) as usize];
    println!(
        "{label:<52} median {:>7.2} ms, 95th percentile {:>7.2} ms, slowest {:>7.2} ms",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0))
    );
}

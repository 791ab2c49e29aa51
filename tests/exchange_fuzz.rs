//! Monthly files changed at random: thousands of mutated files, none panics the import and
//! none changes the receiving database, whether the change breaks the seal (any byte flipped,
//! cut, or added) or the file is sealed again over a damaged database inside (a hostile or
//! broken sender: then a file that still reads as sound may be imported, and one that does not
//! leaves the database as it was). `PROPTEST_CASES` raises the count.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use aftersales::store::Store;
use aftersales::store::bundle;
use proptest::prelude::*;
use rusqlite::Connection;

/// A dealer's small October file and a region that has never imported anything.
struct World {
    _dir: tempfile::TempDir,
    file: Vec<u8>,
    key_path: PathBuf,
    /// A region database and a scratch file for each test (they run at once).
    sealed: Region,
    resealed: Region,
}

struct Region {
    scratch: PathBuf,
    store: std::sync::Mutex<Store>,
    /// Reads [`state`] (opened once: reading the schema of a database takes milliseconds).
    reader: std::sync::Mutex<Connection>,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let dealer = dir.path().join("d.db");
        let region = dir.path().join("r.db");
        let (dealer_s, region_s) = (dealer.to_str().unwrap(), region.to_str().unwrap());
        for args in [
            vec![
                "demo",
                "--db",
                dealer_s,
                "--count",
                "4",
                "--seed",
                "7",
                "--unit",
                "D1",
                "--unit-name",
                "经销商",
                "--level",
                "dealer",
                "--region",
                "R1",
            ],
            vec![
                "demo",
                "--db",
                region_s,
                "--count",
                "1",
                "--unit",
                "R1",
                "--unit-name",
                "大区",
                "--level",
                "region",
            ],
        ] {
            let output = common::aftersales_at("2026-10-20 10:00", &args);
            assert!(output.status.success(), "{}", common::stderr(&output));
        }
        let out = dir.path().join("d.asmf");
        let output = common::aftersales_at(
            "2026-11-02 10:00",
            &[
                "bundle",
                "export",
                "--db",
                dealer_s,
                "--month",
                "2026-10",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(output.status.success(), "{}", common::stderr(&output));
        let region_for = |name: &str| {
            let db = dir.path().join(format!("{name}.db"));
            std::fs::copy(&region, &db).unwrap();
            Region {
                store: std::sync::Mutex::new(Store::open(&db).unwrap()),
                reader: std::sync::Mutex::new(Connection::open(&db).unwrap()),
                scratch: dir.path().join(format!("{name}.asmf")),
            }
        };
        World {
            file: std::fs::read(&out).unwrap(),
            key_path: bundle::key_path(&dealer),
            sealed: region_for("sealed"),
            resealed: region_for("resealed"),
            _dir: dir,
        }
    })
}

/// What a change to the region would alter: its chain's head, its trail, its exchanges and
/// its offices.
fn state(region: &Region) -> (i64, String, i64, i64, String) {
    let conn = region.reader.lock().unwrap();
    conn.query_row(
        "SELECT (SELECT count(*) FROM record_versions),
                (SELECT coalesce(max(hash), '') FROM record_versions WHERE id = (SELECT max(id) FROM record_versions)),
                (SELECT count(*) FROM audit_log),
                (SELECT count(*) FROM exchanges),
                (SELECT coalesce(group_concat(code || '/' || coalesce(public_key, '')), '') FROM units)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
    .unwrap()
}

/// A change to a file's bytes.
#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: usize, bits: u8 },
    Cut { at: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Overwrite { at: usize, bytes: Vec<u8> },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 1u8..=255).prop_map(|(at, bits)| Mutation::Flip { at, bits }),
        1 => any::<usize>().prop_map(|at| Mutation::Cut { at }),
        1 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        2 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(at, bytes)| Mutation::Overwrite { at, bytes }),
    ]
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    let len = bytes.len().max(1);
    match mutation {
        Mutation::Flip { at, bits } => {
            let at = at % len;
            bytes[at] ^= bits;
        }
        Mutation::Cut { at } => bytes.truncate(at % len),
        Mutation::Insert { at, bytes: new } => {
            let at = at % (len + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Mutation::Overwrite { at, bytes: new } => {
            let at = at % len;
            for (i, b) in new.iter().enumerate() {
                if let Some(slot) = bytes.get_mut(at + i) {
                    *slot = *b;
                }
            }
        }
    }
}

/// Imports `bytes` at the region as its clerk would (the sender accepted); returns whether it
/// was imported.
fn import(region: &Region, bytes: &[u8]) -> bool {
    std::fs::write(&region.scratch, bytes).unwrap();
    let store = region.store.lock().unwrap();
    let me = store.settings().unwrap().unit().unwrap();
    let imported = store
        .import_month(&region.scratch, &me, true, common::now(), &|_, _| {})
        .is_ok();
    assert!(
        !store.is_damaged(),
        "a bad file must never read as damage here"
    );
    imported
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_file_changed_anywhere_after_sealing_is_refused_and_changes_nothing(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let world = world();
        let mut bytes = world.file.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        prop_assume!(bytes != world.file);
        let region = &world.sealed;
        let before = state(region);
        prop_assert!(!import(region, &bytes), "a changed file was imported: {mutations:?}");
        prop_assert_eq!(state(region), before);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_database_sealed_again_never_panics_and_if_refused_changes_nothing(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let world = world();
        let body_len = world.file.len() - bundle::TRAILER_LEN;
        let mut body = world.file[..body_len].to_vec();
        for m in &mutations {
            apply(&mut body, m);
        }
        prop_assume!(body.len() > 100);
        let region = &world.resealed;
        std::fs::write(&region.scratch, &body).unwrap();
        let key = bundle::load_or_make_key(&world.key_path).unwrap();
        bundle::seal(&region.scratch, &key).unwrap();
        let sealed = std::fs::read(&region.scratch).unwrap();
        let before = state(region);
        if !import(region, &sealed) {
            prop_assert_eq!(state(region), before);
        }
    }
}

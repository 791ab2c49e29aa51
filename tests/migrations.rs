//! Upgrades: a frozen file of every released schema (tests/fixtures/schema-NN.sql, the same
//! small case in every table that schema had) opens, is migrated to the current schema, and
//! keeps every record, with the steps, customers and search index the upgrade fills in and
//! exactly the triggers a new file has.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use aftersales::domain::case_life::Step;
use aftersales::domain::confirmation::{BorneBy, CostKind};
use aftersales::domain::return_visit::Outcome;
use aftersales::domain::warranty_card::WarrantyCardDraft;
use aftersales::store::search::RecordKind;
use aftersales::store::{SCHEMA_VERSION, Store};
use chrono::{NaiveDate, NaiveDateTime};

/// A file as schema `version` left it: the frozen SQL run by a plain connection, without the
/// functions the program registers (as in a user's old file).
fn frozen_file(version: u32, dir: &Path) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/schema-{version:02}.sql"));
    let sql = std::fs::read_to_string(&fixture).unwrap_or_else(|e| {
        panic!(
            "no frozen file for schema {version} ({e}): freeze it before adding migration {} \
             (TESTING.md, \"A new migration\")",
            version + 1
        )
    });
    let path = dir.join(format!("schema-{version:02}.db"));
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&sql)
        .unwrap_or_else(|e| panic!("schema {version}: {e}"));
    let user_version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        user_version, version,
        "the fixture is the schema it is named after"
    );
    path
}

/// Every trigger, table, index and view of a file, as SQLite keeps them.
fn schema_of(path: &Path) -> BTreeSet<(String, String, String)> {
    let conn =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_schema")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

fn at(month: u32, day: u32, hour: u32, minute: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, month, day)
        .unwrap()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
}

/// What the fixture of schema `version` holds: the tables of that schema, and so the records
/// an upgrade keeps.
struct Fixture {
    version: u32,
}

impl Fixture {
    /// Whether the fixture's schema had what schema `since` added.
    fn has(&self, since: u32) -> bool {
        self.version >= since
    }

    /// The steps of complaint CC-2026-11-0001: recorded by the program from schema 9 on,
    /// back-filled by schema 9's upgrade before (received, on site when investigated, resolved
    /// when confirmed).
    fn steps_of_the_first_complaint(&self) -> Vec<(Step, NaiveDateTime)> {
        if self.has(9) {
            let mut steps = vec![
                (Step::Received, at(11, 2, 9, 15)),
                (Step::Responded, at(11, 2, 10, 0)),
                (Step::OnSite, at(11, 3, 10, 0)),
                (Step::TreatmentDecided, at(11, 3, 12, 0)),
                (Step::Resolved, at(11, 4, 16, 0)),
            ];
            if self.has(10) {
                steps.push((Step::ReturnVisitDone, at(11, 6, 10, 0)));
            }
            steps
        } else if self.has(3) {
            vec![
                (Step::Received, at(11, 2, 9, 15)),
                (Step::OnSite, at(11, 3, 10, 0)),
                (Step::Resolved, at(11, 4, 16, 0)),
            ]
        } else {
            vec![(Step::Received, at(11, 2, 9, 15))]
        }
    }

    /// The records of every chained table once upgraded.
    fn records(&self) -> u64 {
        let count = |since: u32, n: u64| if self.has(since) { n } else { 0 };
        let steps = self.steps_of_the_first_complaint().len() as u64 + 1;
        2 // customers, filed by schema 4's upgrade or by the program
            + 2 // cards
            + count(2, 2) // complaints
            + count(2, steps)
            + count(3, 4) // report, its photo, confirmation, its part
            + count(10, 1) // return visit
            + count(11, 1) // maintenance contract
            + count(12, 1) // repair
            + count(20, 1) // the signed confirmation faxed back
    }

    /// The technicians named on the confirmation: none before schema 15 asked.
    fn technicians(&self) -> &'static str {
        if self.has(15) { "李强、王伟" } else { "" }
    }

    /// What schema 18 added to the confirmation, as the fixture holds it: the contact person, the
    /// cause found, the packaging cost and who bears it, and the part's two serials; what an
    /// upgrade gives a confirmation written before.
    fn completed_confirmation(
        &self,
    ) -> (&'static str, &'static str, i64, BorneBy, [&'static str; 2]) {
        if self.has(18) {
            (
                "张小明",
                "比例阀线圈烧毁",
                1_500,
                BorneBy::Dealer,
                ["PV-2023-118", "PV-2026-507"],
            )
        } else {
            ("", "", 0, BorneBy::Company, ["", ""])
        }
    }

    /// What a search finds: the kind and number (a customer's name) of each hit.
    fn hits(&self, text: &str) -> BTreeSet<(String, String)> {
        let hit = |kind: RecordKind, number: &str| (format!("{kind:?}"), number.to_owned());
        let mut hits = BTreeSet::new();
        match text {
            // Two characters: the pairs index of schema 16, back-filled on upgrade; one: its
            // first characters' lists (schema 17).
            "张三丰" | "张三" | "张" => {
                hits.insert(hit(RecordKind::Card, "WC-2026-000001"));
                hits.insert(hit(RecordKind::Customer, "张三丰"));
                if self.has(2) {
                    hits.insert(hit(RecordKind::Complaint, "CC-2026-11-0001"));
                }
                if self.has(11) {
                    hits.insert(hit(RecordKind::Contract, "MC-2026-0001"));
                }
                // Schema 18's confirmation names its contact, 张小明.
                if self.has(18) && text == "张" {
                    hits.insert(hit(RecordKind::Confirmation, "SC-2026-11-0001"));
                }
            }
            "garcia" => {
                hits.insert(hit(RecordKind::Card, "WC-2026-000002"));
                hits.insert(hit(RecordKind::Customer, "Maria Garcia"));
                if self.has(2) {
                    hits.insert(hit(RecordKind::Complaint, "CC-2026-11-0002"));
                }
            }
            "比例阀" | "阀" if self.has(3) => {
                hits.insert(hit(RecordKind::Investigation, "IR-2026-11-0001"));
                hits.insert(hit(RecordKind::Confirmation, "SC-2026-11-0001"));
            }
            _ => {}
        }
        hits
    }
}

fn found(store: &Store, text: &str) -> BTreeSet<(String, String)> {
    store
        .search_all(text, 50)
        .unwrap()
        .into_iter()
        .map(|hit| (format!("{:?}", hit.kind), hit.number))
        .collect()
}

#[test]
fn every_released_schema_upgrades_to_the_current_one_keeping_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.db");
    drop(Store::open(&fresh).unwrap());
    let current_schema = schema_of(&fresh);
    for version in 1..SCHEMA_VERSION {
        let fixture = Fixture { version };
        let path = frozen_file(version, dir.path());
        let store = Store::open(&path).unwrap_or_else(|e| panic!("schema {version}: {e}"));
        let upgraded = || format!("upgraded from schema {version}");
        assert_eq!(
            store.schema_version().unwrap(),
            SCHEMA_VERSION,
            "{}",
            upgraded()
        );

        // Cards, the settings and the draft kept as they were.
        let card = store.card_by_registration_no("WC-2026-000001").unwrap();
        assert_eq!(card.card.customer_name, "张三丰", "{}", upgraded());
        assert_eq!(card.card.warranty_months, 24, "{}", upgraded());
        assert_eq!(
            card.card.installation_date,
            NaiveDate::from_ymd_opt(2026, 3, 5)
        );
        let other = store.card_by_registration_no("WC-2026-000002").unwrap();
        assert!(!other.card.feedback_returned, "{}", upgraded());
        assert_eq!(other.card.installation_date, None, "{}", upgraded());
        assert_eq!(store.settings().unwrap().home_province, "江西省");
        assert_eq!(
            store.draft("card").unwrap().as_deref(),
            Some(r#"{"customer_name":"草稿用户"}"#),
            "{}",
            upgraded()
        );

        // Each card and complaint points at its customer, filed by schema 4's upgrade when
        // the file is older than the customer file.
        let customer_id = store
            .customer_id_of_card(card.id)
            .unwrap()
            .unwrap_or_else(|| panic!("{}: card 1 has no customer", upgraded()));
        let customer = store.customer_by_id(customer_id).unwrap().customer;
        assert_eq!(
            (customer.name.as_str(), customer.phone.as_str()),
            ("张三丰", "0791-88881234"),
            "{}",
            upgraded()
        );
        assert_eq!(customer.address, "江西省南昌市东湖区八一大道 88 号");
        assert_eq!(customer.dealer, "南昌洪城经销部", "{}", upgraded());
        // Customers filed by schema 4's upgrade had no province: schema 13 reads it from the
        // address, so their on-site clock is the home province's.
        assert_eq!(customer.province, "江西省", "{}", upgraded());
        assert_eq!(customer.city, "南昌市", "{}", upgraded());
        assert_eq!(store.customer_count().unwrap(), 2, "{}", upgraded());

        if fixture.has(2) {
            let first = store.complaint_by_number("CC-2026-11-0001").unwrap();
            let second = store.complaint_by_number("CC-2026-11-0002").unwrap();
            assert_eq!(first.complaint.received_at, at(11, 2, 9, 15));
            assert_eq!(second.complaint.description, "The unit leaks.");
            let filed: Vec<String> = store
                .complaints_of_customer(customer_id)
                .unwrap()
                .into_iter()
                .map(|row| row.complaint_no)
                .collect();
            assert_eq!(filed, ["CC-2026-11-0001"], "{}", upgraded());
            // The steps, recorded or back-filled.
            let steps: Vec<(Step, NaiveDateTime)> = store
                .steps_of(first.id)
                .unwrap()
                .into_iter()
                .map(|s| (s.step, s.at))
                .collect();
            assert_eq!(
                steps,
                fixture.steps_of_the_first_complaint(),
                "{}",
                upgraded()
            );
            let received = &store.steps_of(first.id).unwrap()[0];
            assert_eq!(received.operator, "刘敏", "{}", upgraded());
            let steps: Vec<(Step, NaiveDateTime)> = store
                .steps_of(second.id)
                .unwrap()
                .into_iter()
                .map(|s| (s.step, s.at))
                .collect();
            assert_eq!(
                steps,
                [(Step::Received, at(11, 20, 14, 0))],
                "{}",
                upgraded()
            );
        }

        if fixture.has(3) {
            let first = store.complaint_by_number("CC-2026-11-0001").unwrap();
            let report = store.investigation_of(first.id).unwrap().unwrap();
            assert_eq!(report.investigation_no, "IR-2026-11-0001");
            assert_eq!(report.investigation.findings, "比例阀动作异常，故障复现。");
            let photos = store.photos_of(report.id).unwrap();
            assert_eq!(photos.len(), 1, "{}", upgraded());
            assert_eq!(photos[0].photo.file_name, "现场.png");
            assert_eq!(
                photos[0].photo.document,
                aftersales::domain::investigation::PhotoDocument::Scene,
                "an untyped photo of an older file counts as a scene photo"
            );
            let confirmation = store.confirmation_of(first.id).unwrap().unwrap();
            assert_eq!(confirmation.confirmation_no, "SC-2026-11-0001");
            let parts: Vec<&str> = confirmation
                .confirmation
                .parts
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            assert_eq!(parts, ["比例阀"], "{}", upgraded());
            // Confirmations name their technicians from schema 15: an older one names none.
            assert_eq!(
                confirmation.confirmation.technicians.join("、"),
                fixture.technicians(),
                "{}",
                upgraded()
            );
            // Schema 18 completed the form: an older confirmation has empty fields, no
            // packaging cost, and parts without serials.
            let c = &confirmation.confirmation;
            let packaging = c.costs[CostKind::ALL
                .iter()
                .position(|k| *k == CostKind::Packaging)
                .unwrap()];
            assert_eq!(
                (
                    c.contact_person.as_str(),
                    c.cause_found.as_str(),
                    packaging.amount.0,
                    packaging.borne_by,
                    [
                        c.parts[0].faulty_serial.as_str(),
                        c.parts[0].replacement_serial.as_str()
                    ],
                ),
                fixture.completed_confirmation(),
                "{}",
                upgraded()
            );
        }
        if fixture.has(14) {
            let received: Vec<(String, String, u64)> = store
                .exchanges(10)
                .unwrap()
                .into_iter()
                .map(|e| (e.unit_code, e.period, e.records))
                .collect();
            assert_eq!(
                received,
                [("JX-D01".to_owned(), "2026-10".to_owned(), 12)],
                "{}",
                upgraded()
            );
        }

        if fixture.has(10) {
            let first = store.complaint_by_number("CC-2026-11-0001").unwrap();
            let visits = store.return_visits_of(first.id).unwrap();
            assert_eq!(visits.len(), 1, "{}", upgraded());
            assert_eq!(
                (visits[0].visit.caller.as_str(), visits[0].visit.outcome),
                ("王丽", Outcome::Satisfied)
            );
        }
        if fixture.has(11) {
            let contract = store.contract_by_number("MC-2026-0001").unwrap();
            assert_eq!(contract.contract.customer_name, "张三丰", "{}", upgraded());
        }
        if fixture.has(12) {
            let repairs: Vec<(String, u32)> = store
                .repairs(10)
                .unwrap()
                .into_iter()
                .map(|r| (r.repair_no, r.repair.units))
                .collect();
            assert_eq!(
                repairs,
                [("RP-2026-11-0001".to_owned(), 12)],
                "{}",
                upgraded()
            );
        }

        // The search index holds every record, whether the file had an index or not.
        for text in ["张三丰", "garcia", "比例阀", "张三", "阀", "张"] {
            assert_eq!(
                found(&store, text),
                fixture.hits(text),
                "{}: searching {text:?}",
                upgraded()
            );
        }

        // The file now has exactly the tables, views and triggers of a new file, and the
        // trail's baseline covers every record.
        drop(store);
        assert_eq!(schema_of(&path), current_schema, "{}", upgraded());
        if fixture.has(3) {
            let conn = rusqlite::Connection::open(&path).unwrap();
            let technicians: Vec<Option<String>> = conn
                .prepare("SELECT technicians FROM confirmations")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert_eq!(
                technicians,
                [Some(fixture.technicians().to_owned())],
                "{}",
                upgraded()
            );
        }
        // Each case's step now, kept from schema 16 on, is back-filled from its steps.
        if fixture.has(2) {
            let conn = rusqlite::Connection::open(&path).unwrap();
            let now: Vec<(String, String)> = conn
                .prepare(
                    "SELECT c.complaint_no, p.step FROM case_progress p
                     JOIN complaints c ON c.id = p.complaint_id ORDER BY c.complaint_no",
                )
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            let first = fixture.steps_of_the_first_complaint();
            let last = first.last().unwrap().0.code().to_owned();
            assert_eq!(
                now,
                [
                    ("CC-2026-11-0001".to_owned(), last),
                    ("CC-2026-11-0002".to_owned(), "received".to_owned())
                ],
                "{}",
                upgraded()
            );
        }
        let mut store = Store::open(&path).unwrap();
        let verification = store.verify().unwrap();
        assert_eq!(verification.first_break, None, "{}", upgraded());
        assert_eq!(verification.records, fixture.records(), "{}", upgraded());

        // The triggers are in force: permanent records stay, edits are logged and indexed,
        // and numbering continues where the file left off.
        if fixture.has(2) {
            let refused = store
                .write(|tx| Ok(tx.execute("DELETE FROM complaints", [])?))
                .unwrap_err();
            assert!(
                refused.to_string().contains("kept permanently"),
                "{}: {refused}",
                upgraded()
            );
            assert_eq!(store.complaint_count().unwrap(), 2);
        }
        store.set_writer("升级测试");
        let mut edited = other.card.clone();
        edited.customer_name = "Maria López".into();
        store
            .update_card(other.id, &edited, other.revision, at(11, 23, 9, 30))
            .unwrap();
        let history = store
            .history(
                aftersales::store::audit::AuditedTable::WarrantyCards,
                other.id,
            )
            .unwrap();
        let logged = history
            .iter()
            .find(|e| e.field.as_deref() == Some("customer_name"))
            .unwrap_or_else(|| panic!("{}: the edit is not in the audit trail", upgraded()));
        assert_eq!(
            (
                logged.operator.as_str(),
                logged.old_value.as_deref(),
                logged.new_value.as_deref()
            ),
            ("升级测试", Some("Maria Garcia"), Some("Maria López"))
        );
        assert!(
            found(&store, "lópez").contains(&("Card".to_owned(), "WC-2026-000002".to_owned())),
            "{}",
            upgraded()
        );
        // The old confirmation takes its technicians and what schema 18 asks: logged, indexed,
        // chained.
        if fixture.has(3) {
            let first = store.complaint_by_number("CC-2026-11-0001").unwrap();
            let stored = store.confirmation_of(first.id).unwrap().unwrap();
            let mut named = stored.confirmation.clone();
            named.technicians = vec!["王建国".into(), "刘强".into()];
            named.contact_person = "物业 刘师傅".into();
            named.cause_found = "进水阀滤网堵塞".into();
            named.parts[0].faulty_serial = "JS2022000917".into();
            store
                .save_confirmation(first.id, &named, Some(stored.revision), at(11, 23, 9, 30))
                .unwrap();
            let history = store
                .history(
                    aftersales::store::audit::AuditedTable::Confirmations,
                    stored.id,
                )
                .unwrap();
            let logged = history
                .iter()
                .find(|e| e.field.as_deref() == Some("technicians"))
                .unwrap_or_else(|| panic!("{}: technicians are not in the trail", upgraded()));
            assert_eq!(
                (logged.old_value.as_deref(), logged.new_value.as_deref()),
                (Some(fixture.technicians()), Some("王建国、刘强")),
                "{}",
                upgraded()
            );
            assert!(
                found(&store, "王建国")
                    .contains(&("Confirmation".to_owned(), "SC-2026-11-0001".to_owned())),
                "{}",
                upgraded()
            );
            let (contact, _, _, _, [faulty, _]) = fixture.completed_confirmation();
            let change = |field: &str| {
                history
                    .iter()
                    .find(|e| e.field.as_deref() == Some(field))
                    .map(|e| (e.old_value.clone(), e.new_value.clone()))
                    .unwrap_or_else(|| panic!("{}: {field} is not in the trail", upgraded()))
            };
            assert_eq!(
                change("contact_person"),
                (Some(contact.to_owned()), Some("物业 刘师傅".to_owned())),
                "{}",
                upgraded()
            );
            let part = history
                .iter()
                .find(|e| {
                    e.field.as_deref() == Some("part")
                        && e.new_value
                            .as_deref()
                            .is_some_and(|v| v.contains("JS2022000917"))
                })
                .map(|e| (e.old_value.clone(), e.new_value.clone()))
                .unwrap_or_else(|| panic!("{}: the part's change is not in the trail", upgraded()));
            let serial = |json: Option<String>| -> String {
                let value: serde_json::Value = serde_json::from_str(&json.unwrap()).unwrap();
                value["faulty_serial"].as_str().unwrap().to_owned()
            };
            assert_eq!(
                (serial(part.0), serial(part.1)),
                (faulty.to_owned(), "JS2022000917".to_owned()),
                "{}",
                upgraded()
            );
            assert!(
                found(&store, "滤网堵塞")
                    .contains(&("Confirmation".to_owned(), "SC-2026-11-0001".to_owned())),
                "{}: the cause found is searched",
                upgraded()
            );
        }
        let new_card = WarrantyCardDraft {
            issue_date: "2026-11-23".into(),
            issuing_dealer: "南昌洪城经销部".into(),
            customer_name: "李四".into(),
            customer_address: "江西省九江市浔阳区".into(),
            customer_phone: "13800138000".into(),
            product_model: "JSQ20-A1".into(),
            serial_no: "JSQ2026112301".into(),
            purchase_date: "2026-11-20".into(),
            warranty_months: "12".into(),
            ..Default::default()
        }
        .parse(at(11, 23, 9, 30).date())
        .unwrap();
        let issued = store
            .insert_card(&new_card, "WC", at(11, 23, 9, 30))
            .unwrap();
        assert_eq!(issued.registration_no, "WC-2026-000003", "{}", upgraded());
        assert_eq!(store.verify().unwrap().first_break, None, "{}", upgraded());
    }
}

/// The databases in `folder` whose names start with `prefix` (not SQLite's files beside them).
fn named(folder: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".db"))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn an_older_file_is_copied_as_it_was_before_it_is_upgraded_and_a_new_one_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let last = SCHEMA_VERSION - 1;
    let path = frozen_file(last, dir.path());
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let backups = dir.path().join("backups");
    let prefix = format!("aftersales-schema-{last}-before-upgrade-");
    let copies = named(&backups, &prefix);
    assert_eq!(copies.len(), 1, "{copies:?}");
    // The copy is the file as the older program left it: its schema, its records, readable by
    // that program.
    let copy = rusqlite::Connection::open(&copies[0]).unwrap();
    let version: u32 = copy
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, last);
    let complaints: i64 = copy
        .query_row("SELECT count(*) FROM complaints", [], |r| r.get(0))
        .unwrap();
    assert_eq!(complaints, 2);
    // Opened again, upgraded already: no second copy.
    drop(store);
    Store::open(&path).unwrap();
    assert_eq!(named(&backups, "aftersales-schema-").len(), 1);
    // A new file has nothing to keep.
    let fresh = tempfile::tempdir().unwrap();
    Store::open(&fresh.path().join("new.db")).unwrap();
    assert!(!fresh.path().join("backups").exists());
}

#[test]
fn an_older_file_whose_copy_cannot_be_written_is_not_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let last = SCHEMA_VERSION - 1;
    let path = frozen_file(last, dir.path());
    // Where the copy would go, a file: no folder can be made there.
    std::fs::write(dir.path().join("backups"), b"not a folder").unwrap();
    let refused = Store::open(&path);
    assert!(refused.is_err(), "upgraded without a copy");
    let message = refused.err().unwrap().to_string();
    assert!(message.contains("backups"), "{message}");
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, last, "the file was left as it was");
}

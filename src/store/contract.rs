//! Maintenance contracts in the database (schema 11): issuing numbers, saving, reading, the
//! list, and the contracts whose renewal notice is due, for the dashboard.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params};

use super::customer::link_customer;
use super::search::{Listed, RecordKind, index_condition};
use super::sql::{
    Columns, date_column, day, ids_where, insert_row, rows_by_ids, shown_text, text, time,
    timestamp_column, update_row,
};
use super::{Result, Store, StoreError};
use crate::domain::contract::{
    ContractStatus, MaintenanceContract, contract_status, renewal_notice_due,
};
use crate::domain::date::format_date;
use crate::domain::money::Fen;
use crate::domain::numbering::{CONTRACT_PREFIX, contract_no};

/// Another contract, named by its number: the one a contract renews, or its renewal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractLink {
    pub id: i64,
    pub contract_no: String,
}

/// A contract as stored: its identities, timestamps and renewals beside the contract itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredContract {
    pub id: i64,
    /// Stable across databases, like every record's.
    pub uuid: String,
    pub contract_no: String,
    pub contract: MaintenanceContract,
    /// The earlier contract this one renews.
    pub renews: Option<ContractLink>,
    /// The later contract renewing this one.
    pub renewed_by: Option<ContractLink>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Raised by every change: a form saved from an older revision is a conflict.
    pub revision: i64,
    /// The office that made it: '' for this office, else its code (a dealer's record at its
    /// region or headquarters).
    pub origin: String,
}

/// What the contracts list and the dashboard show of one contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContractRow {
    pub id: i64,
    pub contract_no: String,
    pub customer_name: String,
    pub product_model: String,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// Whether a later contract renews it.
    pub renewed: bool,
}

impl Store {
    /// Issues the next contract number (per year of the start date) and stores the contract
    /// under it, filed under its customer; `renews` is the contract it renews, if any.
    pub fn insert_contract(
        &mut self,
        contract: &MaintenanceContract,
        renews: Option<i64>,
        now: NaiveDateTime,
    ) -> Result<StoredContract> {
        let id = self.write(|tx| {
            let year = contract.start_date.year();
            let sequence = super::next_sequence(tx, CONTRACT_PREFIX, &year.to_string())?;
            let mut row = contract_columns(contract);
            row.extend([
                ("uuid", text(&uuid::Uuid::new_v4().to_string())),
                (
                    "contract_no",
                    text(&contract_no(CONTRACT_PREFIX, year, sequence)),
                ),
                (
                    "customer_id",
                    Value::Integer(customer_of(tx, contract, now)?),
                ),
                ("renews_id", renews.map_or(Value::Null, Value::Integer)),
                ("created_at", time(now)),
                ("updated_at", time(now)),
            ]);
            Ok(insert_row(tx, "maintenance_contracts", &row)?)
        })?;
        self.contract_by_id(id)
    }

    /// Replaces the typed fields of a stored contract, opened at `revision` (see
    /// [`Store::update_card`]); its number, creation time and renewals stay.
    pub fn update_contract(
        &mut self,
        id: i64,
        contract: &MaintenanceContract,
        revision: i64,
        now: NaiveDateTime,
    ) -> Result<StoredContract> {
        self.write(|tx| {
            super::check_revision(tx, "maintenance_contracts", id, revision)?;
            let mut row = contract_columns(contract);
            row.extend([
                (
                    "customer_id",
                    Value::Integer(customer_of(tx, contract, now)?),
                ),
                ("updated_at", time(now)),
            ]);
            update_row(tx, "maintenance_contracts", id, &row)?;
            Ok(())
        })?;
        self.contract_by_id(id)
    }

    pub fn contract_by_id(&self, id: i64) -> Result<StoredContract> {
        self.conn
            .query_row(
                &format!("{CONTRACT_SELECT} WHERE c.id = ?1"),
                [id],
                stored_contract,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("#{id}")))?
    }

    /// The contract with this number; case and surrounding spaces are ignored.
    pub fn contract_by_number(&self, number: &str) -> Result<StoredContract> {
        self.contract_by_number_of(number, None)
    }

    /// The contract with this number of the office `origin` (when given).
    pub fn contract_by_number_of(
        &self,
        number: &str,
        origin: Option<&str>,
    ) -> Result<StoredContract> {
        let number = number.trim().to_ascii_uppercase();
        let id = super::id_by_number(
            &self.conn,
            "maintenance_contracts",
            "contract_no",
            &number,
            origin,
        )?;
        self.contract_by_id(id)
    }

    /// The ids of the contracts matching `query`, by number.
    pub fn contract_ids(&self, query: &ContractQuery) -> Result<Vec<i64>> {
        Ok(self.contracts_listed(query, None)?.ids)
    }

    /// The ids of the contracts list on screen: as [`Store::contract_ids`], of the newest
    /// matches of a search at most ([`Store::set_list_cap`]).
    pub fn contract_list(&self, query: &ContractQuery) -> Result<Listed> {
        self.contracts_listed(query, Some(self.list_cap.get()))
    }

    fn contracts_listed(&self, query: &ContractQuery, cap: Option<usize>) -> Result<Listed> {
        let mut args = Vec::new();
        let (condition, cut) = index_condition(
            &self.conn,
            RecordKind::Contract,
            &query.search,
            &mut args,
            cap,
        )?;
        let mut conditions: Vec<String> = condition.into_iter().collect();
        for (bound, day) in [(">=", query.ends_from), ("<=", query.ends_to)] {
            if let Some(day) = day {
                args.push(crate::domain::date::format_date(day));
                conditions.push(format!("end_date {bound} ?{}", args.len()));
            }
        }
        let order = "contract_no, id";
        let mut ids = ids_where(
            &self.conn,
            "maintenance_contracts",
            &conditions,
            &args,
            order,
        )?;
        // The status is the rule in Rust (a notice month back from the 31st is not SQLite's
        // month), over the contracts the rest of the query left: an office holds hundreds.
        if let Some((status, today)) = query.status {
            let rows = self.contract_rows(&ids)?;
            ids = rows
                .iter()
                .filter(|c| contract_status(c.start_date, c.end_date, c.renewed, today) == status)
                .map(|c| c.id)
                .collect();
        }
        Ok(Listed { ids, cut })
    }

    /// The customer's contracts, the latest ending first.
    pub fn contracts_of_customer(&self, customer_id: i64) -> Result<Vec<ContractRow>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT id FROM maintenance_contracts WHERE customer_id = ?1
             ORDER BY end_date DESC, id DESC",
        )?;
        let ids = statement
            .query_map([customer_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        self.contract_rows(&ids)
    }

    /// The list rows for these ids, in the same order (ids no longer present are skipped).
    pub fn contract_rows(&self, ids: &[i64]) -> Result<Vec<ContractRow>> {
        Ok(rows_by_ids(&self.conn, ROW_SELECT, "c.id", ids, |row| {
            let contract = contract_row(row)?;
            Ok((contract.id, contract))
        })?)
    }

    /// How many contracts the database holds.
    pub fn contract_count(&self) -> Result<u64> {
        Ok(super::sql::count(&self.conn, "maintenance_contracts")?)
    }

    /// The contracts whose renewal notice is due on `today` (they end within a month) and
    /// that no later contract renews, soonest ending first.
    pub fn contracts_due_for_renewal(&self, today: NaiveDate) -> Result<Vec<ContractRow>> {
        // A generous bound for the index; the rule itself decides (month ends vary).
        let horizon = today
            .checked_add_months(Months::new(1))
            .and_then(|d| d.checked_add_days(Days::new(4)))
            .unwrap_or(NaiveDate::MAX);
        let mut statement = self.conn.prepare_cached(&format!(
            "{ROW_SELECT} WHERE c.end_date BETWEEN ?1 AND ?2
                AND NOT EXISTS (SELECT 1 FROM maintenance_contracts n WHERE n.renews_id = c.id)
             ORDER BY c.end_date, c.contract_no"
        ))?;
        let rows = statement
            .query_map(
                params![format_date(today), format_date(horizon)],
                contract_row,
            )?
            .collect::<rusqlite::Result<Vec<ContractRow>>>()?;
        Ok(rows
            .into_iter()
            .filter(|row| renewal_notice_due(row.end_date, today))
            .collect())
    }
}

/// The id of the contract's customer record (filed now if new).
fn customer_of(
    tx: &rusqlite::Connection,
    contract: &MaintenanceContract,
    now: NaiveDateTime,
) -> Result<i64> {
    link_customer(
        tx,
        &contract.customer_name,
        &contract.customer_phone,
        &contract.customer_address,
        &contract.service_unit,
        now,
    )
}

/// The contract's typed fields as the columns they are stored in.
fn contract_columns(contract: &MaintenanceContract) -> Columns {
    let MaintenanceContract {
        customer_name,
        customer_phone,
        customer_address,
        product_model,
        serial_no,
        start_date,
        end_date,
        annual_fee,
        service_unit,
        service_phone,
        terms,
    } = contract;
    vec![
        ("customer_name", text(customer_name)),
        ("customer_address", text(customer_address)),
        ("customer_phone", text(customer_phone)),
        ("product_model", text(product_model)),
        ("serial_no", text(serial_no)),
        ("start_date", day(*start_date)),
        ("end_date", day(*end_date)),
        ("annual_fee_fen", Value::Integer(annual_fee.0)),
        ("service_unit", text(service_unit)),
        ("service_phone", text(service_phone)),
        ("terms", text(terms)),
    ]
}

const CONTRACT_SELECT: &str = "SELECT c.id, c.uuid, c.contract_no, c.customer_name,
    c.customer_address, c.customer_phone, c.product_model, c.serial_no, c.start_date, c.end_date,
    c.annual_fee_fen, c.service_unit, c.service_phone, c.terms, c.created_at, c.updated_at,
    p.id, p.contract_no, n.id, n.contract_no, c.revision, c.origin
    FROM maintenance_contracts c
    LEFT JOIN maintenance_contracts p ON p.id = c.renews_id
    LEFT JOIN maintenance_contracts n ON n.id =
        (SELECT max(id) FROM maintenance_contracts WHERE renews_id = c.id)";

/// A search of the contracts list: the text typed, the status shown (as of a day) and the
/// days the contracts end within.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContractQuery {
    pub search: String,
    pub status: Option<(ContractStatus, NaiveDate)>,
    /// Ending on or after this day.
    pub ends_from: Option<NaiveDate>,
    /// Ending on or before this day.
    pub ends_to: Option<NaiveDate>,
}

impl ContractQuery {
    /// The contracts matching `text`, whatever their status or end.
    pub fn searching(text: &str) -> ContractQuery {
        ContractQuery {
            search: text.to_owned(),
            ..ContractQuery::default()
        }
    }
}

const ROW_SELECT: &str = concat!(
    "SELECT c.id, ",
    crate::shown_number!("c.contract_no", "c.origin"),
    ", c.customer_name, c.product_model,
    c.start_date, c.end_date,
    EXISTS (SELECT 1 FROM maintenance_contracts n WHERE n.renews_id = c.id)
    FROM maintenance_contracts c"
);

fn contract_row(row: &Row) -> rusqlite::Result<ContractRow> {
    Ok(ContractRow {
        id: row.get(0)?,
        contract_no: shown_text(row, 1)?,
        customer_name: shown_text(row, 2)?,
        product_model: shown_text(row, 3)?,
        start_date: date_column(row, 4)?,
        end_date: date_column(row, 5)?,
        renewed: row.get(6)?,
    })
}

/// A link read from an id column and the number column after it.
fn link(row: &Row, index: usize) -> rusqlite::Result<Option<ContractLink>> {
    let id: Option<i64> = row.get(index)?;
    let number: Option<String> = row.get(index + 1)?;
    Ok(id
        .zip(number)
        .map(|(id, contract_no)| ContractLink { id, contract_no }))
}

/// Maps a [`CONTRACT_SELECT`] row. The outer `Result` is SQLite's, the inner one says whether
/// the stored text made sense.
fn stored_contract(row: &Row) -> rusqlite::Result<Result<StoredContract>> {
    let parsed = (|| -> rusqlite::Result<StoredContract> {
        Ok(StoredContract {
            id: row.get(0)?,
            uuid: row.get(1)?,
            contract_no: row.get(2)?,
            contract: MaintenanceContract {
                customer_name: row.get(3)?,
                customer_address: row.get(4)?,
                customer_phone: row.get(5)?,
                product_model: row.get(6)?,
                serial_no: row.get(7)?,
                start_date: date_column(row, 8)?,
                end_date: date_column(row, 9)?,
                annual_fee: Fen(row.get(10)?),
                service_unit: row.get(11)?,
                service_phone: row.get(12)?,
                terms: row.get(13)?,
            },
            created_at: timestamp_column(row, 14)?,
            updated_at: timestamp_column(row, 15)?,
            renews: link(row, 16)?,
            renewed_by: link(row, 18)?,
            revision: row.get(20)?,
            origin: row.get(21)?,
        })
    })();
    super::sql::record(parsed)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::contract::MaintenanceContractDraft;
    use crate::store::audit::AuditedTable;
    use crate::store::complaint::tests::at;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A contract of 张三's running `start..=end`.
    pub(crate) fn sample_contract(start: &str, end: &str) -> MaintenanceContract {
        MaintenanceContractDraft {
            customer_name: "张三".into(),
            customer_phone: "0791-88881234".into(),
            customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
            product_model: "KF-260/B".into(),
            serial_no: "KF2602401234".into(),
            start_date: start.into(),
            end_date: end.into(),
            annual_fee: "1200".into(),
            service_unit: "南昌城东售后服务站".into(),
            service_phone: "0791-86661234".into(),
            terms: "每年上门保养两次，人工免费，配件八折。".into(),
        }
        .parse()
        .expect("sample contract is valid")
    }

    #[test]
    fn every_field_of_a_contract_survives_the_round_trip() {
        let mut store = Store::open_in_memory().unwrap();
        let contract = sample_contract("2026-01-01", "2026-12-31");
        let stored = store.insert_contract(&contract, None, at(23, 9)).unwrap();
        assert_eq!(stored.contract, contract);
        assert_eq!(stored.contract_no, "MC-2026-0001");
        assert_eq!(stored.created_at, at(23, 9));
        assert_eq!(
            (stored.renews.clone(), stored.renewed_by.clone()),
            (None, None)
        );
        assert_eq!(
            uuid::Uuid::parse_str(&stored.uuid)
                .unwrap()
                .get_version_num(),
            4
        );
        assert_eq!(store.contract_by_number(" mc-2026-0001 ").unwrap(), stored);
        assert_eq!(store.contract_count().unwrap(), 1);
    }

    #[test]
    fn contract_numbers_are_issued_in_sequence_per_year_of_the_start() {
        let mut store = Store::open_in_memory().unwrap();
        let numbers: Vec<String> = [
            ("2026-01-01", "2026-12-31"),
            ("2026-06-01", "2027-05-31"),
            ("2027-01-01", "2027-12-31"),
        ]
        .iter()
        .map(|(start, end)| {
            store
                .insert_contract(&sample_contract(start, end), None, at(23, 9))
                .unwrap()
                .contract_no
        })
        .collect();
        assert_eq!(numbers, ["MC-2026-0001", "MC-2026-0002", "MC-2027-0001"]);
    }

    #[test]
    fn a_contract_is_filed_under_its_customer_and_follows_the_customers_edits() {
        let mut store = Store::open_in_memory().unwrap();
        let stored = store
            .insert_contract(
                &sample_contract("2026-01-01", "2026-12-31"),
                None,
                at(23, 9),
            )
            .unwrap();
        let customer_id: i64 = store
            .conn
            .query_row(
                "SELECT customer_id FROM maintenance_contracts WHERE id = ?1",
                [stored.id],
                |r| r.get(0),
            )
            .unwrap();
        let mut customer = store.customer_by_id(customer_id).unwrap().customer;
        assert_eq!(customer.name, "张三");
        customer.phone = "13800138000".into();
        store
            .update_customer(customer_id, &customer, 1, at(23, 10))
            .unwrap();
        assert_eq!(
            store
                .contract_by_id(stored.id)
                .unwrap()
                .contract
                .customer_phone,
            "13800138000"
        );
    }

    #[test]
    fn an_update_keeps_the_number_and_creation_time_and_is_audited() {
        let mut store = Store::open_in_memory().unwrap();
        let stored = store
            .insert_contract(
                &sample_contract("2026-01-01", "2026-12-31"),
                None,
                at(23, 9),
            )
            .unwrap();
        let mut edited = stored.contract.clone();
        edited.annual_fee = Fen(150_000);
        edited.terms = "每年上门保养三次。".into();
        let updated = store
            .update_contract(stored.id, &edited, stored.revision, at(23, 11))
            .unwrap();
        assert_eq!(updated.contract, edited);
        assert_eq!(updated.contract_no, stored.contract_no);
        assert_eq!(updated.created_at, at(23, 9));
        assert_eq!(updated.updated_at, at(23, 11));
        let history = store
            .history(AuditedTable::MaintenanceContracts, stored.id)
            .unwrap();
        assert_eq!(history[0].action, "insert");
        let changed: Vec<_> = history.iter().filter_map(|e| e.field.clone()).collect();
        assert_eq!(changed, ["annual_fee_fen", "terms"]);
        assert!(matches!(
            store.update_contract(999, &edited, 1, at(23, 11)),
            Err(StoreError::NotFound(_))
        ));
    }

    #[test]
    fn the_list_searches_number_name_phone_product_and_terms() {
        let mut store = Store::open_in_memory().unwrap();
        let zhang = store
            .insert_contract(
                &sample_contract("2026-01-01", "2026-12-31"),
                None,
                at(23, 9),
            )
            .unwrap();
        let mut other = sample_contract("2026-03-01", "2027-02-28");
        other.customer_name = "Maria Garcia".into();
        other.customer_phone = "13912345678".into();
        other.product_model = "RO-600G".into();
        other.terms = "Filters replaced twice a year.".into();
        let maria = store.insert_contract(&other, None, at(23, 9)).unwrap();
        let search = |text: &str| store.contract_ids(&ContractQuery::searching(text)).unwrap();
        assert_eq!(search(""), [zhang.id, maria.id]);
        assert_eq!(search("张三"), [zhang.id]);
        assert_eq!(search("garcia"), [maria.id]);
        assert_eq!(search("139-1234"), [maria.id]);
        assert_eq!(search("MC-2026-0002"), [maria.id]);
        assert_eq!(search("filters"), [maria.id]);
        assert_eq!(search("上门保养"), [zhang.id]);
        let rows = store.contract_rows(&[maria.id, zhang.id]).unwrap();
        assert_eq!(rows[0].customer_name, "Maria Garcia");
        assert_eq!(rows[1].end_date, ymd(2026, 12, 31));
        // The search of everything finds it too, and names it a contract.
        let hits = store.search_all("garcia", 10).unwrap();
        assert!(
            hits.iter()
                .any(|h| h.kind == RecordKind::Contract && h.number == "MC-2026-0002"),
            "{hits:?}"
        );
    }

    #[test]
    fn the_dashboard_lists_contracts_whose_renewal_notice_is_due_and_not_yet_renewed() {
        let mut store = Store::open_in_memory().unwrap();
        let today = ymd(2026, 11, 23);
        let mut add = |start: &str, end: &str| {
            store
                .insert_contract(&sample_contract(start, end), None, at(23, 9))
                .unwrap()
        };
        add("2025-11-23", "2026-11-22"); // ended yesterday
        let last_day = add("2025-11-24", "2026-11-23");
        let in_a_month = add("2025-12-24", "2026-12-23");
        add("2025-12-25", "2026-12-24"); // a month and a day away
        let renewed = add("2025-12-01", "2026-11-30");
        add("2026-06-01", "2027-05-31");
        let successor = store
            .insert_contract(
                &sample_contract("2026-12-01", "2027-11-30"),
                Some(renewed.id),
                at(23, 9),
            )
            .unwrap();
        let due: Vec<i64> = store
            .contracts_due_for_renewal(today)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(due, [last_day.id, in_a_month.id]);
        // The renewal links both ways.
        let renewed = store.contract_by_id(renewed.id).unwrap();
        assert_eq!(
            renewed.renewed_by.map(|l| l.contract_no),
            Some(successor.contract_no.clone())
        );
        assert_eq!(
            successor.renews.map(|l| l.contract_no),
            Some(renewed.contract_no)
        );
        assert!(store.contract_rows(&[renewed.id]).unwrap()[0].renewed);
    }

    #[test]
    fn the_status_and_end_filters_list_exactly_the_contracts_the_rule_and_the_days_give() {
        let mut store = Store::open_in_memory().unwrap();
        let today = ymd(2026, 11, 23);
        let mut add = |start: &str, end: &str, renews: Option<i64>| {
            store
                .insert_contract(&sample_contract(start, end), renews, at(23, 9))
                .unwrap()
                .id
        };
        let ended = add("2025-11-23", "2026-11-22", None);
        let due = add("2025-12-24", "2026-12-23", None);
        let renewed = add("2025-12-01", "2026-11-30", None);
        let active = add("2026-06-01", "2027-05-31", None);
        let upcoming = add("2026-12-01", "2027-11-30", Some(renewed));
        // The notice of a contract ending on 31 March is due from the last of February.
        let month_end = add("2026-04-01", "2027-03-31", None);
        let listed = |query: ContractQuery| -> Vec<i64> {
            let mut ids = store.contract_ids(&query).unwrap();
            ids.sort();
            ids
        };
        let with = |status| ContractQuery {
            status: Some((status, today)),
            ..ContractQuery::default()
        };
        assert_eq!(listed(with(ContractStatus::Ended)), [ended]);
        assert_eq!(listed(with(ContractStatus::RenewalDue)), [due]);
        assert_eq!(listed(with(ContractStatus::Renewed)), [renewed]);
        assert_eq!(listed(with(ContractStatus::Active)), [active, month_end]);
        assert_eq!(listed(with(ContractStatus::Upcoming)), [upcoming]);
        let on_notice_day = ContractQuery {
            status: Some((ContractStatus::RenewalDue, ymd(2027, 2, 28))),
            ..ContractQuery::default()
        };
        assert_eq!(listed(on_notice_day), [month_end]);
        // Both days of a range are in it; a search and a status narrow it further.
        let ending = |from, to| ContractQuery {
            ends_from: from,
            ends_to: to,
            ..ContractQuery::default()
        };
        assert_eq!(
            listed(ending(Some(ymd(2026, 11, 22)), Some(ymd(2026, 11, 30)))),
            [ended, renewed]
        );
        assert_eq!(
            listed(ending(Some(ymd(2027, 1, 1)), None)),
            [active, upcoming, month_end]
        );
        assert_eq!(
            listed(ending(Some(ymd(2027, 1, 1)), Some(ymd(2026, 1, 1)))),
            Vec::<i64>::new()
        );
        let narrowed = ContractQuery {
            status: Some((ContractStatus::Active, today)),
            ..ending(None, Some(ymd(2027, 3, 31)))
        };
        assert_eq!(listed(narrowed), [month_end]);
    }

    #[test]
    fn month_end_contracts_are_due_from_the_last_day_of_the_month_before() {
        let mut store = Store::open_in_memory().unwrap();
        let stored = store
            .insert_contract(
                &sample_contract("2026-04-01", "2027-03-31"),
                None,
                at(23, 9),
            )
            .unwrap();
        let due = |day| store.contracts_due_for_renewal(day).unwrap().len();
        assert_eq!(due(ymd(2027, 2, 27)), 0);
        assert_eq!(due(ymd(2027, 2, 28)), 1, "{}", stored.contract_no);
        assert_eq!(due(ymd(2027, 3, 31)), 1);
        assert_eq!(due(ymd(2027, 4, 1)), 0);
    }
}

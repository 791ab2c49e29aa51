//! Complaints in the database: numbering by month, saving, reading, and the list queries with
//! the filters clerks use (type, receiving unit, received between two dates).

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};

use super::search::{Listed, RecordKind, index_condition};
use super::sql::{
    Columns, choice, day, ids_where, insert_row, optional_date_column, rows_by_ids, shown_text,
    text, time, timestamp_column, update_row,
};
use super::{Result, Store, StoreError};
use crate::domain::case_life::Step;
use crate::domain::complaint::{
    Channel, Complaint, ComplaintType, CustomerRequest, MediaRisk, ReceivingUnit, Urgency,
};
use crate::domain::date::format_date;
use crate::domain::numbering::complaint_no;

/// A complaint as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredComplaint {
    pub id: i64,
    pub uuid: String,
    pub complaint_no: String,
    pub complaint: Complaint,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Set when the complaint (and so its case) was voided.
    pub void: Option<super::Void>,
    /// Raised by every change: a form saved from an older revision is a conflict.
    pub revision: i64,
    /// The office that made it: '' for this office, else its code (a dealer's record at its
    /// region or headquarters).
    pub origin: String,
}

/// What the complaints list shows of one complaint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplaintRow {
    pub id: i64,
    pub complaint_no: String,
    pub received_at: NaiveDateTime,
    pub customer_name: String,
    pub customer_phone: String,
    pub product_model: String,
    pub complaint_type: ComplaintType,
    pub receiving_unit_name: String,
    pub urgency: Urgency,
    pub media_risk: MediaRisk,
    pub voided: bool,
    /// How far the case has come (its last recorded step).
    pub step: Step,
}

/// Columns the complaints list can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ComplaintSort {
    ComplaintNo,
    #[default]
    ReceivedAt,
    CustomerName,
    CustomerPhone,
    ProductModel,
    ComplaintType,
    ReceivingUnitName,
    Urgency,
}

impl ComplaintSort {
    pub const ALL: [ComplaintSort; 8] = [
        ComplaintSort::ComplaintNo,
        ComplaintSort::ReceivedAt,
        ComplaintSort::CustomerName,
        ComplaintSort::CustomerPhone,
        ComplaintSort::ProductModel,
        ComplaintSort::ComplaintType,
        ComplaintSort::ReceivingUnitName,
        ComplaintSort::Urgency,
    ];

    /// How a remembered sort is written (its column's name).
    pub fn code(self) -> &'static str {
        self.column()
    }

    fn column(self) -> &'static str {
        match self {
            ComplaintSort::ComplaintNo => "complaint_no",
            ComplaintSort::ReceivedAt => "received_at",
            ComplaintSort::CustomerName => "customer_name",
            ComplaintSort::CustomerPhone => "customer_phone",
            ComplaintSort::ProductModel => "product_model",
            ComplaintSort::ComplaintType => "complaint_type",
            ComplaintSort::ReceivingUnitName => "receiving_unit_name",
            ComplaintSort::Urgency => "urgency",
        }
    }
}

/// A search of the complaints list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComplaintQuery {
    pub search: String,
    pub complaint_type: Option<ComplaintType>,
    pub receiving_unit_name: Option<String>,
    /// Received on or after this day.
    pub received_from: Option<NaiveDate>,
    /// Received on or before this day.
    pub received_to: Option<NaiveDate>,
    /// Only the cases that stand so (all when `None`).
    pub standing: Option<CaseFilter>,
    pub sort: ComplaintSort,
    pub descending: bool,
}

/// Which cases the complaints list shows, by where each stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseFilter {
    /// Not closed, not void: the cases still being worked on.
    Open,
    /// At this step, not void.
    At(Step),
    Void,
}

impl CaseFilter {
    /// The choices, in the order a clerk looks for them: the open cases, each step of a
    /// case's life, the void ones.
    pub fn all() -> Vec<CaseFilter> {
        std::iter::once(CaseFilter::Open)
            .chain(Step::ALL.into_iter().map(CaseFilter::At))
            .chain(std::iter::once(CaseFilter::Void))
            .collect()
    }

    pub fn message_key(self) -> crate::domain::MessageKey {
        match self {
            CaseFilter::Open => "complaints-filter-open",
            CaseFilter::At(step) => step.message_key(),
            CaseFilter::Void => "status-void",
        }
    }

    /// The condition on `complaints`, its step (when one) pushed to `args`.
    fn condition(self, args: &mut Vec<String>) -> String {
        match self {
            CaseFilter::Open => format!("voided_at IS NULL AND {CURRENT_STEP} <> 'closed'"),
            CaseFilter::At(step) => {
                args.push(step.code().to_owned());
                format!("voided_at IS NULL AND {CURRENT_STEP} = ?{}", args.len())
            }
            CaseFilter::Void => "voided_at IS NOT NULL".to_owned(),
        }
    }
}

/// A complaint's current step: its last one recorded (received, when none is).
const CURRENT_STEP: &str = "coalesce((SELECT step FROM live_case_steps s
      WHERE s.complaint_id = complaints.id ORDER BY s.id DESC LIMIT 1), 'received')";

impl Default for ComplaintQuery {
    /// Newest first, as a clerk reads the day's complaints.
    fn default() -> Self {
        ComplaintQuery {
            search: String::new(),
            complaint_type: None,
            receiving_unit_name: None,
            received_from: None,
            received_to: None,
            standing: None,
            sort: ComplaintSort::ReceivedAt,
            descending: true,
        }
    }
}

impl Store {
    /// Issues the next complaint number of the month received and stores the complaint.
    pub fn insert_complaint(
        &mut self,
        complaint: &Complaint,
        prefix: &str,
        now: NaiveDateTime,
    ) -> Result<StoredComplaint> {
        let mut ids = self.insert_complaints(std::slice::from_ref(complaint), prefix, now)?;
        let id = ids.pop().expect("one complaint in, one id out");
        self.complaint_by_id(id)
    }

    /// Stores many complaints in one transaction (demo data, imports).
    pub fn insert_complaints(
        &mut self,
        complaints: &[Complaint],
        prefix: &str,
        now: NaiveDateTime,
    ) -> Result<Vec<i64>> {
        self.write(|tx| {
            complaints
                .iter()
                .map(|complaint| insert_complaint(tx, complaint, prefix, now))
                .collect()
        })
    }

    /// Replaces the typed fields of a stored complaint; its number and creation time stay.
    /// `revision` is the one the form was opened at (see [`Store::update_card`]).
    pub fn update_complaint(
        &mut self,
        id: i64,
        complaint: &Complaint,
        revision: i64,
        now: NaiveDateTime,
    ) -> Result<StoredComplaint> {
        self.write(|tx| update_complaint(tx, id, complaint, revision, now))?;
        self.complaint_by_id(id)
    }

    pub fn complaint_by_id(&self, id: i64) -> Result<StoredComplaint> {
        self.conn
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], stored_complaint)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("#{id}")))?
    }

    /// The complaint with this number; case and surrounding spaces are ignored.
    pub fn complaint_by_number(&self, number: &str) -> Result<StoredComplaint> {
        self.complaint_by_number_of(number, None)
    }

    /// The complaint with this number of the office `origin` (when given); several offices'
    /// complaints carrying it and none given is [`StoreError::Ambiguous`].
    pub fn complaint_by_number_of(
        &self,
        number: &str,
        origin: Option<&str>,
    ) -> Result<StoredComplaint> {
        let number = number.trim().to_ascii_uppercase();
        let id = super::id_by_number(&self.conn, "complaints", "complaint_no", &number, origin)?;
        self.complaint_by_id(id)
    }

    /// The ids of every complaint matching `query`, in its order.
    pub fn complaint_ids(&self, query: &ComplaintQuery) -> Result<Vec<i64>> {
        Ok(self.complaints_listed(query, None)?.ids)
    }

    /// The ids of the complaints list on screen: as [`Store::complaint_ids`], of the newest
    /// matches of a search at most ([`Store::set_list_cap`]).
    pub fn complaint_list(&self, query: &ComplaintQuery) -> Result<Listed> {
        self.complaints_listed(query, Some(self.list_cap.get()))
    }

    fn complaints_listed(&self, query: &ComplaintQuery, cap: Option<usize>) -> Result<Listed> {
        let mut args = Vec::new();
        let (condition, cut) = index_condition(
            &self.conn,
            RecordKind::Complaint,
            &query.search,
            &mut args,
            cap,
        )?;
        let mut conditions: Vec<String> = condition.into_iter().collect();
        let mut push = |condition: &str, value: String| {
            args.push(value);
            conditions.push(format!("{condition} ?{}", args.len()));
        };
        if let Some(kind) = query.complaint_type {
            push("complaint_type =", kind.code().to_owned());
        }
        if let Some(unit) = &query.receiving_unit_name {
            push("receiving_unit_name =", unit.clone());
        }
        if let Some(from) = query.received_from {
            push("received_at >=", format_date(from));
        }
        if let Some(to) = query.received_to.and_then(|d| d.succ_opt()) {
            push("received_at <", format_date(to));
        }
        if let Some(standing) = query.standing {
            conditions.push(standing.condition(&mut args));
        }
        let direction = if query.descending { "DESC" } else { "ASC" };
        let order = format!("{} {direction}, id {direction}", query.sort.column());
        let ids = ids_where(&self.conn, "complaints", &conditions, &args, &order)?;
        Ok(Listed { ids, cut })
    }

    /// The list rows for these ids, in the same order.
    pub fn complaint_rows(&self, ids: &[i64]) -> Result<Vec<ComplaintRow>> {
        let select = concat!(
            "SELECT id, ",
            crate::shown_number!("complaint_no", "origin"),
            ", received_at, customer_name, customer_phone,
                product_model, complaint_type, receiving_unit_name, urgency, media_risk,
                voided_at IS NOT NULL,
                (SELECT step FROM live_case_steps s WHERE s.complaint_id = complaints.id
                 ORDER BY s.id DESC LIMIT 1)
             FROM complaints"
        );
        Ok(rows_by_ids(&self.conn, select, "id", ids, |row| {
            let complaint = ComplaintRow {
                id: row.get(0)?,
                complaint_no: shown_text(row, 1)?,
                received_at: timestamp_column(row, 2)?,
                customer_name: shown_text(row, 3)?,
                customer_phone: shown_text(row, 4)?,
                product_model: shown_text(row, 5)?,
                complaint_type: choice(row, 6, ComplaintType::from_code)?,
                receiving_unit_name: shown_text(row, 7)?,
                urgency: choice(row, 8, Urgency::from_code)?,
                media_risk: choice(row, 9, MediaRisk::from_code)?,
                voided: row.get(10)?,
                step: row
                    .get::<_, Option<String>>(11)?
                    .and_then(|code| Step::from_code(&code))
                    .unwrap_or(Step::Received),
            };
            Ok((complaint.id, complaint))
        })?)
    }

    /// How many complaints the database holds.
    pub fn complaint_count(&self) -> Result<u64> {
        Ok(super::sql::count(&self.conn, "complaints")?)
    }

    /// Every receiving unit that has received a complaint, for the list's filter.
    pub fn complaint_units(&self) -> Result<Vec<String>> {
        let mut statement = self
            .conn
            .prepare("SELECT DISTINCT receiving_unit_name FROM complaints ORDER BY 1")?;
        let units = statement
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(units)
    }
}

/// The id of the complaint's customer record (filed now if new).
fn customer_of(
    tx: &rusqlite::Connection,
    complaint: &Complaint,
    now: NaiveDateTime,
) -> Result<i64> {
    let dealer = match complaint.receiving_unit {
        ReceivingUnit::Dealer => complaint.receiving_unit_name.as_str(),
        ReceivingUnit::Headquarters => "",
    };
    super::customer::link_customer(
        tx,
        &complaint.customer_name,
        &complaint.customer_phone,
        &complaint.customer_address,
        dealer,
        now,
    )
}

/// Issues the next number of the month received and stores the complaint, inside the
/// caller's transaction; returns its id.
pub(crate) fn insert_complaint(
    tx: &rusqlite::Connection,
    complaint: &Complaint,
    prefix: &str,
    now: NaiveDateTime,
) -> Result<i64> {
    let received = complaint.received_at.date();
    let period = format!("{}-{:02}", received.year(), received.month());
    let sequence = super::next_sequence(tx, prefix, &period)?;
    let mut row = complaint_columns(complaint);
    row.extend([
        ("uuid", text(&uuid::Uuid::new_v4().to_string())),
        (
            "complaint_no",
            text(&complaint_no(
                prefix,
                received.year(),
                received.month(),
                sequence,
            )),
        ),
        ("created_at", time(now)),
        ("updated_at", time(now)),
        // Filed first, so the complaint is written once.
        (
            "customer_id",
            Value::Integer(customer_of(tx, complaint, now)?),
        ),
    ]);
    let id = insert_row(tx, "complaints", &row)?;
    super::case_steps::advance_to(tx, id, Step::Received, complaint.received_at, now)?;
    Ok(id)
}

/// Replaces the typed fields of complaint `id`, opened at `revision`, inside the caller's
/// transaction.
pub(crate) fn update_complaint(
    tx: &rusqlite::Connection,
    id: i64,
    complaint: &Complaint,
    revision: i64,
    now: NaiveDateTime,
) -> Result<()> {
    super::check_revision(tx, "complaints", id, revision)?;
    let mut row = complaint_columns(complaint);
    row.extend([
        ("updated_at", time(now)),
        (
            "customer_id",
            Value::Integer(customer_of(tx, complaint, now)?),
        ),
    ]);
    update_row(tx, "complaints", id, &row)?;
    Ok(())
}

/// The complaint's typed fields as the columns they are stored in.
fn complaint_columns(complaint: &Complaint) -> Columns {
    let Complaint {
        received_at,
        channel,
        receiving_unit,
        receiving_unit_name,
        received_by,
        warranty_registration_no,
        customer_name,
        customer_address,
        customer_phone,
        product_model,
        serial_no,
        purchase_date,
        complaint_type,
        description,
        customer_request,
        urgency,
        media_risk,
    } = complaint;
    vec![
        ("received_at", time(*received_at)),
        ("channel", text(channel.code())),
        ("receiving_unit", text(receiving_unit.code())),
        ("receiving_unit_name", text(receiving_unit_name)),
        ("received_by", text(received_by)),
        (
            "warranty_registration_no",
            warranty_registration_no
                .as_deref()
                .map_or(Value::Null, text),
        ),
        ("customer_name", text(customer_name)),
        ("customer_address", text(customer_address)),
        ("customer_phone", text(customer_phone)),
        ("product_model", text(product_model)),
        ("serial_no", text(serial_no)),
        ("purchase_date", purchase_date.map_or(Value::Null, day)),
        ("complaint_type", text(complaint_type.code())),
        ("description", text(description)),
        ("customer_request", text(customer_request.code())),
        ("urgency", text(urgency.code())),
        ("media_risk", text(media_risk.code())),
    ]
}

const SELECT: &str = "SELECT id, uuid, complaint_no, received_at, channel, receiving_unit,
    receiving_unit_name, received_by, warranty_registration_no, customer_name, customer_address,
    customer_phone, product_model, serial_no, purchase_date, complaint_type, description,
    customer_request, urgency, media_risk, created_at, updated_at, voided_at, void_reason,
    revision, origin FROM complaints";

fn stored_complaint(row: &Row) -> rusqlite::Result<Result<StoredComplaint>> {
    let parsed = (|| -> rusqlite::Result<StoredComplaint> {
        Ok(StoredComplaint {
            id: row.get(0)?,
            uuid: row.get(1)?,
            complaint_no: row.get(2)?,
            complaint: Complaint {
                received_at: timestamp_column(row, 3)?,
                channel: choice(row, 4, Channel::from_code)?,
                receiving_unit: choice(row, 5, ReceivingUnit::from_code)?,
                receiving_unit_name: row.get(6)?,
                received_by: row.get(7)?,
                warranty_registration_no: row.get(8)?,
                customer_name: row.get(9)?,
                customer_address: row.get(10)?,
                customer_phone: row.get(11)?,
                product_model: row.get(12)?,
                serial_no: row.get(13)?,
                purchase_date: optional_date_column(row, 14)?,
                complaint_type: choice(row, 15, ComplaintType::from_code)?,
                description: row.get(16)?,
                customer_request: choice(row, 17, CustomerRequest::from_code)?,
                urgency: choice(row, 18, Urgency::from_code)?,
                media_risk: choice(row, 19, MediaRisk::from_code)?,
            },
            created_at: timestamp_column(row, 20)?,
            updated_at: timestamp_column(row, 21)?,
            void: super::void_columns(row, 22)?,
            revision: row.get(24)?,
            origin: row.get(25)?,
        })
    })();
    super::sql::record(parsed)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::complaint::ComplaintDraft;

    #[test]
    fn the_case_filter_lists_exactly_the_cases_that_stand_so() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::fill(&mut store, 600, 3, at(23, 9)).unwrap();
        let some = store.complaint_ids(&ComplaintQuery::default()).unwrap();
        store
            .void(
                crate::store::audit::AuditedTable::Complaints,
                some[0],
                "录入错误",
                at(23, 10),
            )
            .unwrap();
        let all = store.complaint_ids(&ComplaintQuery::default()).unwrap();
        let rows = store.complaint_rows(&all).unwrap();
        let listed = |standing: CaseFilter| -> Vec<i64> {
            let mut ids = store
                .complaint_ids(&ComplaintQuery {
                    standing: Some(standing),
                    ..Default::default()
                })
                .unwrap();
            ids.sort();
            ids
        };
        let mut at_a_step = 0;
        for standing in CaseFilter::all() {
            let mut expected: Vec<i64> = rows
                .iter()
                .filter(|row| match standing {
                    CaseFilter::Open => !row.voided && row.step != Step::Closed,
                    CaseFilter::At(step) => !row.voided && row.step == step,
                    CaseFilter::Void => row.voided,
                })
                .map(|row| row.id)
                .collect();
            expected.sort();
            assert_eq!(listed(standing), expected, "{standing:?}");
            if matches!(standing, CaseFilter::At(_) | CaseFilter::Void) {
                at_a_step += expected.len();
            }
        }
        assert_eq!(at_a_step, all.len(), "every case is at one step, or void");
        // The demo's cases are spread over the life, so the filter is tried on real choices.
        for step in [Step::Received, Step::Resolved, Step::Closed] {
            assert!(!listed(CaseFilter::At(step)).is_empty(), "no case {step:?}");
        }
        assert_eq!(listed(CaseFilter::Void), vec![some[0]]);
    }

    pub(crate) fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn sample(name: &str, kind: ComplaintType, unit: &str, received: NaiveDateTime) -> Complaint {
        Complaint {
            received_at: received,
            channel: Channel::Fax,
            receiving_unit: ReceivingUnit::Headquarters,
            receiving_unit_name: unit.into(),
            received_by: "刘敏".into(),
            warranty_registration_no: Some("WC-2026-000001".into()),
            customer_name: name.into(),
            customer_address: "江西省南昌市东湖区".into(),
            customer_phone: "0791-88881234".into(),
            product_model: "JSQ20-A1".into(),
            serial_no: "JSQ2026030001".into(),
            purchase_date: NaiveDate::from_ymd_opt(2026, 3, 1),
            complaint_type: kind,
            description: "点火后熄火，已三次，要求上门。".into(),
            customer_request: CustomerRequest::Replace,
            urgency: Urgency::Urgent,
            media_risk: MediaRisk::Threatened,
        }
    }

    /// A complaint received on 20 November at 09:00.
    pub(crate) fn sample_complaint() -> Complaint {
        sample(
            "张三",
            ComplaintType::ProductQuality,
            "总部客服中心",
            at(20, 9),
        )
    }

    #[test]
    fn every_field_of_a_complaint_survives_the_round_trip() {
        let mut store = Store::open_in_memory().unwrap();
        let complaint = sample(
            "张三",
            ComplaintType::ProductQuality,
            "总部客服中心",
            at(20, 9),
        );
        let stored = store.insert_complaint(&complaint, "CC", at(23, 9)).unwrap();
        assert_eq!(stored.complaint, complaint);
        assert_eq!(stored.complaint_no, "CC-2026-11-0001");
        assert_eq!(
            store.complaint_by_number("cc-2026-11-0001").unwrap(),
            stored
        );

        let mut by_hand = complaint.clone();
        by_hand.warranty_registration_no = None;
        by_hand.purchase_date = None;
        let stored = store.insert_complaint(&by_hand, "CC", at(23, 9)).unwrap();
        assert_eq!(store.complaint_by_id(stored.id).unwrap().complaint, by_hand);
        assert_eq!(stored.complaint_no, "CC-2026-11-0002");
    }

    #[test]
    fn complaint_numbers_restart_each_month() {
        let mut store = Store::open_in_memory().unwrap();
        let november = sample("张三", ComplaintType::ProductQuality, "总部", at(30, 23));
        let december = Complaint {
            received_at: NaiveDate::from_ymd_opt(2026, 12, 1)
                .unwrap()
                .and_hms_opt(0, 5, 0)
                .unwrap(),
            ..november.clone()
        };
        assert_eq!(
            store
                .insert_complaint(&november, "CC", at(30, 23))
                .unwrap()
                .complaint_no,
            "CC-2026-11-0001"
        );
        assert_eq!(
            store
                .insert_complaint(&december, "CC", at(30, 23))
                .unwrap()
                .complaint_no,
            "CC-2026-12-0001"
        );
        assert_eq!(
            store
                .insert_complaint(&november, "CC", at(30, 23))
                .unwrap()
                .complaint_no,
            "CC-2026-11-0002"
        );
    }

    #[test]
    fn an_update_keeps_the_number() {
        let mut store = Store::open_in_memory().unwrap();
        let stored = store
            .insert_complaint(
                &sample("张三", ComplaintType::ProductQuality, "总部", at(20, 9)),
                "CC",
                at(23, 9),
            )
            .unwrap();
        let mut edited = stored.complaint.clone();
        edited.description = "已上门检查。".into();
        let updated = store
            .update_complaint(stored.id, &edited, stored.revision, at(23, 10))
            .unwrap();
        assert_eq!(updated.complaint, edited);
        assert_eq!(updated.complaint_no, stored.complaint_no);
        assert_eq!(updated.created_at, at(23, 9));
        assert_eq!(updated.updated_at, at(23, 10));
    }

    #[test]
    fn the_list_filters_by_type_unit_and_received_dates_and_searches_descriptions() {
        let mut store = Store::open_in_memory().unwrap();
        let a = store
            .insert_complaint(
                &sample(
                    "张三",
                    ComplaintType::ProductQuality,
                    "南昌经销部",
                    at(2, 9),
                ),
                "CC",
                at(23, 9),
            )
            .unwrap();
        let b = store
            .insert_complaint(
                &sample(
                    "李四",
                    ComplaintType::ServiceAttitude,
                    "总部客服中心",
                    at(10, 9),
                ),
                "CC",
                at(23, 9),
            )
            .unwrap();
        let mut c = sample(
            "王五",
            ComplaintType::ProductQuality,
            "总部客服中心",
            at(20, 23),
        );
        c.description = "安装后漏水".into();
        let c = store.insert_complaint(&c, "CC", at(23, 9)).unwrap();
        let ids = |query: ComplaintQuery| store.complaint_ids(&query).unwrap();
        assert_eq!(
            ids(ComplaintQuery::default()),
            vec![c.id, b.id, a.id],
            "newest first"
        );
        assert_eq!(
            ids(ComplaintQuery {
                complaint_type: Some(ComplaintType::ProductQuality),
                ..Default::default()
            }),
            vec![c.id, a.id]
        );
        assert_eq!(
            ids(ComplaintQuery {
                receiving_unit_name: Some("总部客服中心".into()),
                ..Default::default()
            }),
            vec![c.id, b.id]
        );
        let from = NaiveDate::from_ymd_opt(2026, 11, 10);
        let to = NaiveDate::from_ymd_opt(2026, 11, 20);
        assert_eq!(
            ids(ComplaintQuery {
                received_from: from,
                received_to: to,
                ..Default::default()
            }),
            vec![c.id, b.id],
            "the last day counts whole"
        );
        assert_eq!(
            ids(ComplaintQuery {
                search: "漏水".into(),
                ..Default::default()
            }),
            vec![c.id]
        );
        assert_eq!(
            ids(ComplaintQuery {
                search: "8888".into(),
                sort: ComplaintSort::CustomerName,
                descending: false,
                ..Default::default()
            })
            .len(),
            3
        );
        assert_eq!(
            store.complaint_units().unwrap(),
            ["南昌经销部", "总部客服中心"]
        );
        let rows = store.complaint_rows(&[b.id, a.id]).unwrap();
        assert_eq!(rows[0].customer_name, "李四");
        assert_eq!(rows[1].complaint_type, ComplaintType::ProductQuality);
    }

    #[test]
    fn a_draft_typed_by_a_clerk_is_stored_as_parsed() {
        let mut store = Store::open_in_memory().unwrap();
        let draft = ComplaintDraft {
            receiving_unit_name: "南昌经销部".into(),
            received_by: "刘敏".into(),
            customer_name: "张三".into(),
            customer_phone: "138 0013 8000".into(),
            description: "漏".repeat(20_000),
            ..ComplaintDraft::new_complaint(at(23, 9), ReceivingUnit::Dealer, "", "")
        };
        let complaint = draft.parse(at(23, 9)).unwrap();
        let stored = store.insert_complaint(&complaint, "CC", at(23, 9)).unwrap();
        assert_eq!(stored.complaint.description.chars().count(), 20_000);
        assert_eq!(stored.complaint.customer_phone, "13800138000");
    }
}

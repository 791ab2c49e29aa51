//! Warranty cards in the database: issuing numbers, saving, reading, and the list queries
//! built for archive scale (ids for the whole result once, rows only for what is on screen).

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};

use super::customer::link_customer;
use super::search::{Listed, RecordKind, index_condition};
use super::sql::{
    Columns, date_column, day, ids_where, insert_row, optional_date_column, rows_by_ids,
    shown_text, text, time, timestamp_column, update_row,
};
use super::{Result, Store, StoreError};
use crate::domain::numbering::registration_no;
use crate::domain::warranty_card::WarrantyCard;

/// A card as stored: its identities and timestamps beside the card itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredCard {
    pub id: i64,
    /// Stable across databases: cards travel between dealers and headquarters.
    pub uuid: String,
    pub registration_no: String,
    pub card: WarrantyCard,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Set when the card was voided.
    pub void: Option<super::Void>,
    /// Raised by every change: a form saved from an older revision is a conflict.
    pub revision: i64,
    /// The office that made it: '' for this office, else its code (a dealer's record at its
    /// region or headquarters).
    pub origin: String,
}

/// What the cards list shows of one card.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardRow {
    pub id: i64,
    pub registration_no: String,
    pub issue_date: NaiveDate,
    pub customer_name: String,
    pub customer_phone: String,
    pub product_model: String,
    pub serial_no: String,
    pub issuing_dealer: String,
    pub warranty_end: NaiveDate,
    pub feedback_returned: bool,
    pub voided: bool,
}

/// Columns the cards list can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CardSort {
    #[default]
    RegistrationNo,
    IssueDate,
    CustomerName,
    CustomerPhone,
    ProductModel,
    SerialNo,
    IssuingDealer,
    WarrantyEnd,
}

impl CardSort {
    pub const ALL: [CardSort; 8] = [
        CardSort::RegistrationNo,
        CardSort::IssueDate,
        CardSort::CustomerName,
        CardSort::CustomerPhone,
        CardSort::ProductModel,
        CardSort::SerialNo,
        CardSort::IssuingDealer,
        CardSort::WarrantyEnd,
    ];

    /// How a remembered sort is written (its column's name).
    pub fn code(self) -> &'static str {
        self.column()
    }

    fn column(self) -> &'static str {
        match self {
            CardSort::RegistrationNo => "registration_no",
            CardSort::IssueDate => "issue_date",
            CardSort::CustomerName => "customer_name",
            CardSort::CustomerPhone => "customer_phone",
            CardSort::ProductModel => "product_model",
            CardSort::SerialNo => "serial_no",
            CardSort::IssuingDealer => "issuing_dealer",
            CardSort::WarrantyEnd => "warranty_end",
        }
    }
}

/// A search of the cards list: text typed in the search box, the status shown, and the sort
/// order.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CardQuery {
    pub search: String,
    /// Only the cards in this status (all when `None`).
    pub status: Option<StatusFilter>,
    /// Issued on or after this day.
    pub issued_from: Option<NaiveDate>,
    /// Issued on or before this day.
    pub issued_to: Option<NaiveDate>,
    pub sort: CardSort,
    pub descending: bool,
}

/// A card's status as its list shows it: its warranty's, or void.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CardStatus {
    Warranty(crate::domain::warranty_card::WarrantyStatus),
    Void,
}

impl CardStatus {
    pub const ALL: [CardStatus; 4] = {
        use crate::domain::warranty_card::WarrantyStatus;
        [
            CardStatus::Warranty(WarrantyStatus::Valid),
            CardStatus::Warranty(WarrantyStatus::Expired),
            CardStatus::Warranty(WarrantyStatus::Waived),
            CardStatus::Void,
        ]
    };

    pub fn message_key(self) -> &'static str {
        match self {
            CardStatus::Warranty(status) => status.message_key(),
            CardStatus::Void => "status-void",
        }
    }
}

/// The cards in `status` on `today`, the feedback form due `feedback_grace_days` after issue:
/// the rule of `domain::warranty_card::warranty_status`, in SQL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusFilter {
    pub status: CardStatus,
    pub today: NaiveDate,
    pub feedback_grace_days: u32,
}

impl StatusFilter {
    /// The condition on `warranty_cards`, its arguments appended to `args`.
    fn condition(self, args: &mut Vec<String>) -> String {
        use crate::domain::warranty_card::WarrantyStatus;
        let warranty = match self.status {
            CardStatus::Void => return "voided_at IS NOT NULL".to_owned(),
            CardStatus::Warranty(warranty) => warranty,
        };
        args.push(crate::domain::date::format_date(self.today));
        let today = format!("?{}", args.len());
        if warranty == WarrantyStatus::Expired {
            return format!("voided_at IS NULL AND warranty_end < {today}");
        }
        args.push(format!("+{} days", self.feedback_grace_days));
        let grace = format!("?{}", args.len());
        let waived = format!("(feedback_returned = 0 AND date(issue_date, {grace}) < {today})");
        let not = if warranty == WarrantyStatus::Valid {
            "NOT "
        } else {
            ""
        };
        format!("voided_at IS NULL AND warranty_end >= {today} AND {not}{waived}")
    }
}

impl Store {
    /// Issues the next registration number and stores the card under it.
    pub fn insert_card(
        &mut self,
        card: &WarrantyCard,
        prefix: &str,
        now: NaiveDateTime,
    ) -> Result<StoredCard> {
        let mut ids = self.insert_cards(std::slice::from_ref(card), prefix, now)?;
        let id = ids.pop().expect("one card in, one id out");
        self.card_by_id(id)
    }

    /// Stores many cards in one transaction (the demo data and imports), returning their ids.
    pub fn insert_cards(
        &mut self,
        cards: &[WarrantyCard],
        prefix: &str,
        now: NaiveDateTime,
    ) -> Result<Vec<i64>> {
        self.write(|tx| {
            let mut ids = Vec::with_capacity(cards.len());
            for card in cards {
                let year = card.issue_date.year();
                let sequence = super::next_sequence(tx, prefix, &year.to_string())?;
                let mut row = card_columns(card);
                row.extend([
                    ("uuid", text(&uuid::Uuid::new_v4().to_string())),
                    (
                        "registration_no",
                        text(&registration_no(prefix, year, sequence)),
                    ),
                    ("created_at", time(now)),
                    ("updated_at", time(now)),
                    // The customer is filed first, so the card is written once (the search
                    // index and the audit trail see one insert, not an insert and an update).
                    ("customer_id", Value::Integer(customer_of(tx, card, now)?)),
                ]);
                ids.push(insert_row(tx, "warranty_cards", &row)?);
            }
            Ok(ids)
        })
    }

    /// Replaces the typed fields of a stored card; its numbers and creation time stay. `revision`
    /// is the one the form was opened at: a card changed since (by another window) is not
    /// overwritten ([`StoreError::Conflict`]), nor is a voided one.
    pub fn update_card(
        &mut self,
        id: i64,
        card: &WarrantyCard,
        revision: i64,
        now: NaiveDateTime,
    ) -> Result<StoredCard> {
        self.write(|tx| {
            super::check_revision(tx, "warranty_cards", id, revision)?;
            let mut row = card_columns(card);
            row.extend([
                ("updated_at", time(now)),
                ("customer_id", Value::Integer(customer_of(tx, card, now)?)),
            ]);
            update_row(tx, "warranty_cards", id, &row)?;
            Ok(())
        })?;
        self.card_by_id(id)
    }

    pub fn card_by_id(&self, id: i64) -> Result<StoredCard> {
        self.conn
            .query_row(&format!("{CARD_SELECT} WHERE id = ?1"), [id], stored_card)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("#{id}")))?
    }

    /// The card with this registration number; case and surrounding spaces are ignored.
    /// Where several offices' cards carry it, [`StoreError::Ambiguous`].
    pub fn card_by_registration_no(&self, number: &str) -> Result<StoredCard> {
        self.card_by_registration_no_of(number, None)
    }

    /// The card with this registration number of the office `origin` (when given).
    pub fn card_by_registration_no_of(
        &self,
        number: &str,
        origin: Option<&str>,
    ) -> Result<StoredCard> {
        let number = number.trim().to_ascii_uppercase();
        let id = super::id_by_number(
            &self.conn,
            "warranty_cards",
            "registration_no",
            &number,
            origin,
        )?;
        self.card_by_id(id)
    }

    /// The ids of every card matching `query`, in its order. Cheap enough to run once per
    /// keystroke on a million cards; the rows themselves are read with [`Store::card_rows`].
    pub fn card_ids(&self, query: &CardQuery) -> Result<Vec<i64>> {
        Ok(self.cards_listed(query, None)?.ids)
    }

    /// The ids of the cards list on screen: as [`Store::card_ids`], of the newest
    /// matches of a search at most ([`Store::set_list_cap`]).
    pub fn card_list(&self, query: &CardQuery) -> Result<Listed> {
        self.cards_listed(query, Some(self.list_cap.get()))
    }

    fn cards_listed(&self, query: &CardQuery, cap: Option<usize>) -> Result<Listed> {
        let direction = if query.descending { "DESC" } else { "ASC" };
        let order = format!("{} {direction}, id {direction}", query.sort.column());
        let mut args = Vec::new();
        let (condition, cut) =
            index_condition(&self.conn, RecordKind::Card, &query.search, &mut args, cap)?;
        let mut conditions: Vec<String> = condition.into_iter().collect();
        if let Some(status) = query.status {
            conditions.push(status.condition(&mut args));
        }
        for (bound, day) in [(">=", query.issued_from), ("<=", query.issued_to)] {
            if let Some(day) = day {
                args.push(crate::domain::date::format_date(day));
                conditions.push(format!("issue_date {bound} ?{}", args.len()));
            }
        }
        let ids = ids_where(&self.conn, "warranty_cards", &conditions, &args, &order)?;
        Ok(Listed { ids, cut })
    }

    /// The list rows for these ids, in the same order (ids no longer present are skipped).
    pub fn card_rows(&self, ids: &[i64]) -> Result<Vec<CardRow>> {
        let select = concat!(
            "SELECT id, ",
            crate::shown_number!("registration_no", "origin"),
            ", issue_date, customer_name, customer_phone,
                product_model, serial_no, issuing_dealer, warranty_end, feedback_returned,
                voided_at IS NOT NULL
             FROM warranty_cards"
        );
        Ok(rows_by_ids(&self.conn, select, "id", ids, |row| {
            let card = CardRow {
                id: row.get(0)?,
                registration_no: shown_text(row, 1)?,
                issue_date: date_column(row, 2)?,
                customer_name: shown_text(row, 3)?,
                customer_phone: shown_text(row, 4)?,
                product_model: shown_text(row, 5)?,
                serial_no: shown_text(row, 6)?,
                issuing_dealer: shown_text(row, 7)?,
                warranty_end: date_column(row, 8)?,
                feedback_returned: row.get(9)?,
                voided: row.get(10)?,
            };
            Ok((card.id, card))
        })?)
    }

    /// How many cards the database holds.
    pub fn card_count(&self) -> Result<u64> {
        Ok(super::sql::count(&self.conn, "warranty_cards")?)
    }
}

/// The id of the card's customer record (filed now if new).
fn customer_of(tx: &rusqlite::Connection, card: &WarrantyCard, now: NaiveDateTime) -> Result<i64> {
    link_customer(
        tx,
        &card.customer_name,
        &card.customer_phone,
        &card.customer_address,
        &card.issuing_dealer,
        now,
    )
}

/// The card's typed fields as the columns they are stored in.
fn card_columns(card: &WarrantyCard) -> Columns {
    let WarrantyCard {
        issue_date,
        issuing_dealer,
        customer_name,
        customer_address,
        customer_phone,
        product_category,
        product_model,
        serial_no,
        purchase_date,
        purchase_area,
        installation_date,
        invoice_no,
        warranty_months,
        feedback_returned,
    } = card;
    vec![
        ("issue_date", day(*issue_date)),
        ("issuing_dealer", text(issuing_dealer)),
        ("customer_name", text(customer_name)),
        ("customer_address", text(customer_address)),
        ("customer_phone", text(customer_phone)),
        ("product_category", text(product_category)),
        ("product_model", text(product_model)),
        ("serial_no", text(serial_no)),
        ("purchase_date", day(*purchase_date)),
        ("purchase_area", text(purchase_area)),
        (
            "installation_date",
            installation_date.map_or(Value::Null, day),
        ),
        ("invoice_no", text(invoice_no)),
        ("warranty_months", Value::Integer((*warranty_months).into())),
        ("warranty_end", day(card.warranty_end())),
        (
            "feedback_returned",
            Value::Integer((*feedback_returned).into()),
        ),
    ]
}

const CARD_SELECT: &str = "SELECT id, uuid, registration_no, issue_date, issuing_dealer,
    customer_name, customer_address, customer_phone, product_category, product_model, serial_no,
    purchase_date, purchase_area, installation_date, invoice_no, warranty_months,
    feedback_returned, created_at, updated_at, voided_at, void_reason, revision, origin FROM warranty_cards";

/// Maps a [`CARD_SELECT`] row. The outer `Result` is SQLite's, the inner one says whether the
/// stored text made sense.
fn stored_card(row: &Row) -> rusqlite::Result<Result<StoredCard>> {
    let parsed = (|| -> rusqlite::Result<StoredCard> {
        Ok(StoredCard {
            id: row.get(0)?,
            uuid: row.get(1)?,
            registration_no: row.get(2)?,
            card: WarrantyCard {
                issue_date: date_column(row, 3)?,
                issuing_dealer: row.get(4)?,
                customer_name: row.get(5)?,
                customer_address: row.get(6)?,
                customer_phone: row.get(7)?,
                product_category: row.get(8)?,
                product_model: row.get(9)?,
                serial_no: row.get(10)?,
                purchase_date: date_column(row, 11)?,
                purchase_area: row.get(12)?,
                installation_date: optional_date_column(row, 13)?,
                invoice_no: row.get(14)?,
                warranty_months: row.get(15)?,
                feedback_returned: row.get(16)?,
            },
            created_at: timestamp_column(row, 17)?,
            updated_at: timestamp_column(row, 18)?,
            void: super::void_columns(row, 19)?,
            revision: row.get(21)?,
            origin: row.get(22)?,
        })
    })();
    super::sql::record(parsed)
}

#[cfg(test)]
pub(crate) mod tests {

    #[test]
    fn the_status_filter_lists_exactly_the_cards_the_warranty_rule_gives_that_status() {
        use crate::domain::warranty_card::{WarrantyPolicy, warranty_status};
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::fill_cards(&mut store, 400, 5, now()).unwrap();
        // Some void, so every status has cards.
        for id in [3, 40, 77] {
            store
                .void(
                    crate::store::audit::AuditedTable::WarrantyCards,
                    id,
                    "录入错误",
                    now(),
                )
                .unwrap();
        }
        let policy = WarrantyPolicy::default();
        let today = now().date();
        let all = store.card_ids(&CardQuery::default()).unwrap();
        let rows = store.card_rows(&all).unwrap();
        let mut listed = 0;
        for status in CardStatus::ALL {
            let filter = StatusFilter {
                status,
                today,
                feedback_grace_days: policy.feedback_grace_days,
            };
            let mut ids = store
                .card_ids(&CardQuery {
                    status: Some(filter),
                    ..Default::default()
                })
                .unwrap();
            let mut expected: Vec<i64> = rows
                .iter()
                .filter(|row| {
                    let of_row = if row.voided {
                        CardStatus::Void
                    } else {
                        CardStatus::Warranty(warranty_status(
                            row.warranty_end,
                            row.issue_date,
                            row.feedback_returned,
                            today,
                            policy,
                        ))
                    };
                    of_row == status
                })
                .map(|row| row.id)
                .collect();
            ids.sort();
            expected.sort();
            assert!(!expected.is_empty(), "no card is {status:?}");
            assert_eq!(ids, expected, "{status:?}");
            listed += ids.len();
        }
        assert_eq!(listed, all.len(), "every card is in exactly one status");
    }

    #[test]
    fn the_issue_date_range_lists_the_cards_issued_within_it_both_days_included() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::fill_cards(&mut store, 300, 9, now()).unwrap();
        let all = store.card_ids(&CardQuery::default()).unwrap();
        let rows = store.card_rows(&all).unwrap();
        // Bounds on days cards were issued, so that both ends are tested as included.
        let mut days: Vec<NaiveDate> = rows.iter().map(|row| row.issue_date).collect();
        days.sort();
        let (from, to) = (days[days.len() / 4], days[days.len() * 3 / 4]);
        let within = |from: Option<NaiveDate>, to: Option<NaiveDate>| {
            let mut ids = store
                .card_ids(&CardQuery {
                    issued_from: from,
                    issued_to: to,
                    ..Default::default()
                })
                .unwrap();
            ids.sort();
            let mut expected: Vec<i64> = rows
                .iter()
                .filter(|row| from.is_none_or(|from| row.issue_date >= from))
                .filter(|row| to.is_none_or(|to| row.issue_date <= to))
                .map(|row| row.id)
                .collect();
            expected.sort();
            assert_eq!(ids, expected, "{from:?} to {to:?}");
            ids.len()
        };
        let between = within(Some(from), Some(to));
        assert!(between > 0 && between < all.len());
        assert_eq!(
            within(Some(from), Some(from)),
            days.iter().filter(|d| **d == from).count()
        );
        assert!(within(Some(from), None) > between);
        assert!(within(None, Some(to)) > between);
        // A range the wrong way round holds nothing.
        assert_eq!(within(Some(to), Some(from)), 0);
    }
    use super::*;
    use crate::domain::warranty_card::WarrantyCardDraft;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap()
    }

    /// A card of 张三丰's, as the other stores' tests need one.
    pub(crate) fn sample_card() -> WarrantyCard {
        sample("张三丰", "0791-88881234", "JSQ20-10")
    }

    fn sample(name: &str, phone: &str, model: &str) -> WarrantyCard {
        WarrantyCardDraft {
            issue_date: "2026-03-02".into(),
            issuing_dealer: "南昌洪城经销部".into(),
            customer_name: name.into(),
            customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
            customer_phone: phone.into(),
            product_category: "热水器".into(),
            product_model: model.into(),
            serial_no: format!("SN-{model}-001"),
            purchase_date: "2026-03-01".into(),
            purchase_area: "江西南昌".into(),
            installation_date: "2026-03-05".into(),
            invoice_no: "No.00123456".into(),
            warranty_months: "18".into(),
            feedback_returned: true,
        }
        .parse(now().date())
        .expect("sample card is valid")
    }

    #[test]
    fn every_field_of_a_card_survives_the_round_trip() {
        let mut store = Store::open_in_memory().unwrap();
        let card = sample("张三", "0791-88881234", "BS-60L");
        let stored = store.insert_card(&card, "WC", now()).unwrap();
        assert_eq!(stored.card, card);
        assert_eq!(stored.registration_no, "WC-2026-000001");
        assert_eq!(stored.created_at, now());
        assert_eq!(
            uuid::Uuid::parse_str(&stored.uuid)
                .unwrap()
                .get_version_num(),
            4
        );
        assert_eq!(
            store.card_by_registration_no(" wc-2026-000001 ").unwrap(),
            stored
        );

        let mut no_installation = sample("Li Lei", "+44 20 7946 0000", "X1");
        no_installation.installation_date = None;
        no_installation.feedback_returned = false;
        let stored = store.insert_card(&no_installation, "WC", now()).unwrap();
        assert_eq!(store.card_by_id(stored.id).unwrap().card, no_installation);
    }

    #[test]
    fn registration_numbers_are_issued_in_sequence_per_year_and_never_reused() {
        let mut store = Store::open_in_memory().unwrap();
        let mut card = sample("张三", "13800138000", "BS-60L");
        let first = store.insert_card(&card, "WC", now()).unwrap();
        let second = store.insert_card(&card, "WC", now()).unwrap();
        card.issue_date = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
        card.purchase_date = card.issue_date;
        let last_year = store.insert_card(&card, "WC", now()).unwrap();
        assert_eq!(first.registration_no, "WC-2026-000001");
        assert_eq!(second.registration_no, "WC-2026-000002");
        assert_eq!(last_year.registration_no, "WC-2025-000001");
        // Even if a row disappears, its number is not handed out again.
        store
            .conn
            .execute("DELETE FROM warranty_cards WHERE id = ?1", [second.id])
            .unwrap();
        card.issue_date = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let third = store.insert_card(&card, "WC", now()).unwrap();
        assert_eq!(third.registration_no, "WC-2026-000003");
    }

    #[test]
    fn an_update_keeps_the_number_and_creation_time() {
        let mut store = Store::open_in_memory().unwrap();
        let stored = store
            .insert_card(&sample("张三", "13800138000", "BS-60L"), "WC", now())
            .unwrap();
        let mut edited = stored.card.clone();
        edited.customer_name = "张三丰".into();
        let later = now() + chrono::Duration::hours(2);
        let updated = store
            .update_card(stored.id, &edited, stored.revision, later)
            .unwrap();
        assert_eq!(updated.card.customer_name, "张三丰");
        assert_eq!(updated.registration_no, stored.registration_no);
        assert_eq!(updated.created_at, now());
        assert_eq!(updated.updated_at, later);
        assert!(matches!(
            store.update_card(999, &edited, 1, later),
            Err(StoreError::NotFound(_))
        ));
    }

    #[test]
    fn search_matches_number_name_phone_model_and_serial() {
        let mut store = Store::open_in_memory().unwrap();
        let zhang = store
            .insert_card(&sample("张三", "0791-88881234", "BS-60L"), "WC", now())
            .unwrap();
        let li = store
            .insert_card(&sample("Li Lei", "13912345678", "KX-200"), "WC", now())
            .unwrap();
        let search = |text: &str| {
            store
                .card_ids(&CardQuery {
                    search: text.into(),
                    ..Default::default()
                })
                .unwrap()
        };
        assert_eq!(search("张"), vec![zhang.id]);
        assert_eq!(search("li lei"), vec![li.id]);
        assert_eq!(search("8888"), vec![zhang.id], "part of a landline");
        assert_eq!(search("0791 8888"), vec![zhang.id]);
        assert_eq!(
            search("079188881234"),
            vec![zhang.id],
            "digits without the hyphen"
        );
        assert_eq!(
            search("139-1234"),
            vec![li.id],
            "a mobile typed with a hyphen"
        );
        assert_eq!(search("kx-2"), vec![li.id]);
        assert_eq!(search("SN-BS-60L"), vec![zhang.id]);
        assert_eq!(search("000002"), vec![li.id]);
        assert_eq!(search(""), vec![zhang.id, li.id]);
        assert!(search("王五").is_empty());
    }

    #[test]
    fn a_search_matching_more_than_a_list_reads_lists_the_newest_in_the_lists_order_and_says_so() {
        let mut store = Store::open_in_memory().unwrap();
        // Five 张's, named so that the list's order (by name) is not the order they came in.
        let mut zhang = Vec::new();
        for name in ["张五", "张一", "张四", "张二", "张三"] {
            let card = sample(name, "0791-88881234", "BS-60L");
            zhang.push(store.insert_card(&card, "WC", now()).unwrap().id);
        }
        store
            .insert_card(&sample("李四", "13912345678", "KX-200"), "WC", now())
            .unwrap();
        let query = CardQuery {
            search: "张".into(),
            sort: CardSort::CustomerName,
            descending: false,
            ..Default::default()
        };
        store.set_list_cap(3);
        let listed = store.card_list(&query).unwrap();
        // The newest three (张四, 张二, 张三), by name (in code point order: 三 二 四); and
        // the list knows there were more.
        assert_eq!(listed.ids, vec![zhang[4], zhang[3], zhang[2]]);
        assert!(listed.cut);
        // Every match, for whatever reads the list whole (a spreadsheet).
        assert_eq!(
            store.card_ids(&query).unwrap(),
            vec![zhang[1], zhang[4], zhang[3], zhang[0], zhang[2]]
        );
        // Exactly as many as the cap: all of them, not cut.
        store.set_list_cap(5);
        let listed = store.card_list(&query).unwrap();
        assert_eq!(listed.ids.len(), 5);
        assert!(!listed.cut);
        // A search of two words, and one of short words read with LIKE, are cut the same way.
        store.set_list_cap(2);
        for search in ["张 0791", "张 BS"] {
            let listed = store
                .card_list(&CardQuery {
                    search: search.into(),
                    ..query.clone()
                })
                .unwrap();
            assert_eq!(listed.ids, vec![zhang[4], zhang[3]], "{search}");
            assert!(listed.cut, "{search}");
        }
        // No search: every card, never cut.
        let all = store.card_list(&CardQuery::default()).unwrap();
        assert_eq!((all.ids.len(), all.cut), (6, false));
    }

    #[test]
    fn wildcards_in_the_list_search_are_taken_literally() {
        // One invoice says "100%", another "1000": a wildcard % or _ would find both.
        let mut store = Store::open_in_memory().unwrap();
        let mut literal = sample("张三", "0791-88881234", "BS-60L");
        literal.invoice_no = "折扣100%".into();
        let literal = store.insert_card(&literal, "WC", now()).unwrap();
        let mut thousand = sample("李四", "13912345678", "KX-200");
        thousand.invoice_no = "No.1000".into();
        let thousand = store.insert_card(&thousand, "WC", now()).unwrap();
        let search = |text: &str| {
            store
                .card_ids(&CardQuery {
                    search: text.into(),
                    ..Default::default()
                })
                .unwrap()
        };
        assert_eq!(search("1000"), vec![thousand.id]);
        assert_eq!(search("100%"), vec![literal.id], "the trigram index");
        assert_eq!(search("0%"), vec![literal.id], "LIKE, for two characters");
        assert!(search("10_0").is_empty(), "_ is not any character");
        assert!(search("0_").is_empty(), "_ is not any character");
    }

    #[test]
    fn the_list_sorts_by_any_column_both_ways_and_rows_keep_that_order() {
        let mut store = Store::open_in_memory().unwrap();
        let b = store
            .insert_card(&sample("Bob", "13800000002", "M2"), "WC", now())
            .unwrap();
        let a = store
            .insert_card(&sample("Alice", "13800000001", "M3"), "WC", now())
            .unwrap();
        let c = store
            .insert_card(&sample("Carol", "13800000003", "M1"), "WC", now())
            .unwrap();
        let ids = |sort, descending| {
            store
                .card_ids(&CardQuery {
                    sort,
                    descending,
                    ..Default::default()
                })
                .unwrap()
        };
        assert_eq!(ids(CardSort::CustomerName, false), vec![a.id, b.id, c.id]);
        assert_eq!(ids(CardSort::CustomerName, true), vec![c.id, b.id, a.id]);
        assert_eq!(ids(CardSort::ProductModel, false), vec![c.id, b.id, a.id]);
        assert_eq!(ids(CardSort::RegistrationNo, false), vec![b.id, a.id, c.id]);
        let order = ids(CardSort::CustomerPhone, true);
        let rows = store.card_rows(&order).unwrap();
        let names: Vec<_> = rows.iter().map(|r| r.customer_name.as_str()).collect();
        assert_eq!(names, ["Carol", "Bob", "Alice"]);
        assert_eq!(rows[0].warranty_end, c.card.warranty_end());
    }

    #[test]
    fn a_row_with_an_unreadable_date_is_reported_not_panicked_on() {
        let mut store = Store::open_in_memory().unwrap();
        let stored = store
            .insert_card(&sample("张三", "13800138000", "BS-60L"), "WC", now())
            .unwrap();
        store
            .conn
            .execute(
                "UPDATE warranty_cards SET purchase_date = '2026-02-30' WHERE id = ?1",
                [stored.id],
            )
            .unwrap();
        assert!(matches!(
            store.card_by_id(stored.id),
            Err(StoreError::BadRow(_))
        ));
    }
}

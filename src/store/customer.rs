//! The customer file in the database: finding or filing the customer of a card or complaint,
//! editing a customer (and the cards and complaints that name them), and listing their records.

use chrono::NaiveDateTime;
use rusqlite::{OptionalExtension, Row, params};

use super::complaint::ComplaintRow;
use super::search::{Listed, RecordKind, index_condition};
use super::sql::{
    Columns, ids_where, insert_row, rows_by_ids, shown_text, text, time, timestamp_column,
    update_row,
};
use super::warranty_card::CardRow;
use super::{Result, Store, StoreError};
use crate::domain::customer::{Customer, province_and_city};

/// A customer as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredCustomer {
    pub id: i64,
    pub uuid: String,
    pub customer: Customer,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Raised by every change: a form saved from an older revision is a conflict.
    pub revision: i64,
}

/// What the customers list shows of one customer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerRow {
    pub id: i64,
    pub name: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub dealer: String,
}

/// The customer named `name` with phone `phone`, filed now if they are new. Called in the
/// transaction that saves the card or complaint naming them.
pub(crate) fn link_customer(
    tx: &rusqlite::Connection,
    name: &str,
    phone: &str,
    address: &str,
    dealer: &str,
    now: NaiveDateTime,
) -> Result<i64> {
    let found: Option<i64> = tx
        .prepare_cached("SELECT id FROM customers WHERE name = ?1 AND phone = ?2")?
        .query_row(params![name, phone], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    let (province, city) = province_and_city(address);
    let customer = Customer {
        name: name.to_owned(),
        phone: phone.to_owned(),
        address: address.to_owned(),
        province,
        city,
        dealer: dealer.to_owned(),
    };
    let mut row = customer_columns(&customer);
    row.extend([
        ("uuid", text(&uuid::Uuid::new_v4().to_string())),
        ("created_at", time(now)),
        ("updated_at", time(now)),
    ]);
    Ok(insert_row(tx, "customers", &row)?)
}

/// The customer's typed fields as the columns they are stored in.
fn customer_columns(customer: &Customer) -> Columns {
    let Customer {
        name,
        phone,
        address,
        province,
        city,
        dealer,
    } = customer;
    vec![
        ("name", text(name)),
        ("phone", text(phone)),
        ("address", text(address)),
        ("province", text(province)),
        ("city", text(city)),
        ("dealer", text(dealer)),
    ]
}

/// Fills in the province and city of customers filed without them, read from their address
/// (schema 13's upgrade: schema 4 filed them in SQL, which cannot read an address).
pub(crate) fn fill_missing_regions(conn: &rusqlite::Connection) -> Result<()> {
    let missing: Vec<(i64, String)> = conn
        .prepare("SELECT id, address FROM customers WHERE province = '' OR city = ''")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, address) in missing {
        let (province, city) = province_and_city(&address);
        if !province.is_empty() || !city.is_empty() {
            conn.execute(
                "UPDATE customers SET province = ?2, city = ?3 WHERE id = ?1",
                params![id, province, city],
            )?;
        }
    }
    Ok(())
}

const SELECT: &str =
    "SELECT id, uuid, name, phone, address, province, city, dealer, created_at, updated_at,
    revision FROM customers";

fn stored_customer(row: &Row) -> rusqlite::Result<StoredCustomer> {
    Ok(StoredCustomer {
        id: row.get(0)?,
        uuid: row.get(1)?,
        customer: Customer {
            name: row.get(2)?,
            phone: row.get(3)?,
            address: row.get(4)?,
            province: row.get(5)?,
            city: row.get(6)?,
            dealer: row.get(7)?,
        },
        created_at: timestamp_column(row, 8)?,
        updated_at: timestamp_column(row, 9)?,
        revision: row.get(10)?,
    })
}

impl Store {
    pub fn customer_by_id(&self, id: i64) -> Result<StoredCustomer> {
        self.conn
            .query_row(&format!("{SELECT} WHERE id = ?1"), [id], stored_customer)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("#{id}")))
    }

    /// Saves the customer, opened at `revision` (see [`Store::update_card`]), and carries the
    /// name, phone and address over to every card, complaint and maintenance contract filed
    /// under them (not to a voided card or complaint, which stays as it was), in one
    /// transaction.
    pub fn update_customer(
        &mut self,
        id: i64,
        customer: &Customer,
        revision: i64,
        now: NaiveDateTime,
    ) -> Result<StoredCustomer> {
        let Customer {
            name,
            phone,
            address,
            ..
        } = customer;
        self.write(|tx| {
            super::check_revision(tx, "customers", id, revision)?;
            let taken: Option<i64> = tx
                .query_row(
                    "SELECT id FROM customers WHERE name = ?1 AND phone = ?2 AND id <> ?3",
                    params![name, phone, id],
                    |r| r.get(0),
                )
                .optional()?;
            if taken.is_some() {
                return Err(StoreError::DuplicateCustomer);
            }
            let mut row = customer_columns(customer);
            row.push(("updated_at", time(now)));
            update_row(tx, "customers", id, &row)?;
            for (table, live) in [
                ("warranty_cards", "AND voided_at IS NULL"),
                ("complaints", "AND voided_at IS NULL"),
                ("maintenance_contracts", ""),
            ] {
                tx.execute(
                    &format!(
                        "UPDATE {table} SET customer_name = ?2, customer_phone = ?3,
                            customer_address = ?4, revision = revision + 1
                         WHERE customer_id = ?1 {live}
                           AND (customer_name, customer_phone, customer_address) IS NOT (?2, ?3, ?4)"
                    ),
                    params![id, name, phone, address],
                )?;
            }
            Ok(())
        })?;
        self.customer_by_id(id)
    }

    /// The ids of the customers matching the search box, by name.
    pub fn customer_ids(&self, search: &str) -> Result<Vec<i64>> {
        Ok(self.customers_listed(search, None)?.ids)
    }

    /// The ids of the customers list on screen: as [`Store::customer_ids`], of the newest
    /// matches of a search at most ([`Store::set_list_cap`]).
    pub fn customer_list(&self, search: &str) -> Result<Listed> {
        self.customers_listed(search, Some(self.list_cap.get()))
    }

    fn customers_listed(&self, search: &str, cap: Option<usize>) -> Result<Listed> {
        let mut args = Vec::new();
        let (condition, cut) =
            index_condition(&self.conn, RecordKind::Customer, search, &mut args, cap)?;
        let conditions: Vec<String> = condition.into_iter().collect();
        let ids = ids_where(&self.conn, "customers", &conditions, &args, "name, id")?;
        Ok(Listed { ids, cut })
    }

    /// The list rows for these ids, in the same order.
    pub fn customer_rows(&self, ids: &[i64]) -> Result<Vec<CustomerRow>> {
        let select = concat!(
            "SELECT id, ",
            crate::shown_number!("name", "origin"),
            ", phone, province, city, dealer FROM customers"
        );
        Ok(rows_by_ids(&self.conn, select, "id", ids, |row| {
            let customer = CustomerRow {
                id: row.get(0)?,
                name: shown_text(row, 1)?,
                phone: shown_text(row, 2)?,
                province: shown_text(row, 3)?,
                city: shown_text(row, 4)?,
                dealer: shown_text(row, 5)?,
            };
            Ok((customer.id, customer))
        })?)
    }

    /// How many customer files the database holds.
    pub fn customer_count(&self) -> Result<u64> {
        Ok(super::sql::count(&self.conn, "customers")?)
    }

    /// The customer's warranty cards, newest first.
    pub fn cards_of_customer(&self, id: i64) -> Result<Vec<CardRow>> {
        let mut statement = self
            .conn
            .prepare("SELECT id FROM warranty_cards WHERE customer_id = ?1 ORDER BY issue_date DESC, id DESC")?;
        let ids = statement
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        self.card_rows(&ids)
    }

    /// The customer's complaints, newest first.
    pub fn complaints_of_customer(&self, id: i64) -> Result<Vec<ComplaintRow>> {
        let mut statement = self.conn.prepare(
            "SELECT id FROM complaints WHERE customer_id = ?1 ORDER BY received_at DESC, id DESC",
        )?;
        let ids = statement
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        self.complaint_rows(&ids)
    }

    /// The customer record a card or complaint is filed under.
    pub fn customer_id_of_card(&self, card_id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT customer_id FROM warranty_cards WHERE id = ?1",
                [card_id],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::warranty_card::WarrantyCardDraft;
    use crate::store::complaint::tests::{at, sample_complaint};

    fn card(name: &str, phone: &str) -> crate::domain::warranty_card::WarrantyCard {
        WarrantyCardDraft {
            issue_date: "2026-03-02".into(),
            issuing_dealer: "南昌洪城经销部".into(),
            customer_name: name.into(),
            customer_address: "江西省南昌市东湖区八一大道 88 号".into(),
            customer_phone: phone.into(),
            product_model: "JSQ20-A1".into(),
            serial_no: "SN1".into(),
            purchase_date: "2026-03-01".into(),
            warranty_months: "12".into(),
            ..Default::default()
        }
        .parse(at(23, 9).date())
        .unwrap()
    }

    #[test]
    fn cards_and_complaints_of_one_customer_share_one_customer_record() {
        let mut store = Store::open_in_memory().unwrap();
        let first = store
            .insert_card(&card("张三", "0791-88881234"), "WC", at(23, 9))
            .unwrap();
        let second = store
            .insert_card(&card("张三", "0791-88881234"), "WC", at(23, 9))
            .unwrap();
        store
            .insert_card(&card("李四", "13912345678"), "WC", at(23, 9))
            .unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(23, 9))
            .unwrap();
        assert_eq!(store.customer_count().unwrap(), 2);
        let id = store.customer_id_of_card(first.id).unwrap().unwrap();
        assert_eq!(store.customer_id_of_card(second.id).unwrap(), Some(id));
        let customer = store.customer_by_id(id).unwrap().customer;
        assert_eq!(
            (customer.province.as_str(), customer.city.as_str()),
            ("江西省", "南昌市")
        );
        assert_eq!(customer.dealer, "南昌洪城经销部");
        assert_eq!(store.cards_of_customer(id).unwrap().len(), 2);
        let complaints = store.complaints_of_customer(id).unwrap();
        assert_eq!(
            complaints.iter().map(|c| c.id).collect::<Vec<_>>(),
            [complaint.id]
        );
    }

    #[test]
    fn editing_a_customer_carries_over_to_their_cards_and_complaints() {
        let mut store = Store::open_in_memory().unwrap();
        let stored = store
            .insert_card(&card("张三", "0791-88881234"), "WC", at(23, 9))
            .unwrap();
        let complaint = store
            .insert_complaint(&sample_complaint(), "CC", at(23, 9))
            .unwrap();
        let id = store.customer_id_of_card(stored.id).unwrap().unwrap();
        let mut customer = store.customer_by_id(id).unwrap().customer;
        customer.phone = "13800138000".into();
        customer.address = "江西省九江市浔阳区".into();
        store.update_customer(id, &customer, 1, at(23, 10)).unwrap();
        let card = store.card_by_id(stored.id).unwrap().card;
        assert_eq!(
            (card.customer_phone.as_str(), card.customer_address.as_str()),
            ("13800138000", "江西省九江市浔阳区")
        );
        assert_eq!(
            store
                .complaint_by_id(complaint.id)
                .unwrap()
                .complaint
                .customer_phone,
            "13800138000"
        );
    }

    #[test]
    fn two_customers_cannot_be_merged_by_an_edit() {
        let mut store = Store::open_in_memory().unwrap();
        let a = store
            .insert_card(&card("张三", "0791-88881234"), "WC", at(23, 9))
            .unwrap();
        store
            .insert_card(&card("李四", "13912345678"), "WC", at(23, 9))
            .unwrap();
        let id = store.customer_id_of_card(a.id).unwrap().unwrap();
        let mut customer = store.customer_by_id(id).unwrap().customer;
        customer.name = "李四".into();
        customer.phone = "13912345678".into();
        assert!(matches!(
            store.update_customer(id, &customer, 1, at(23, 10)),
            Err(StoreError::DuplicateCustomer)
        ));
    }

    #[test]
    fn the_customer_list_searches_name_phone_and_address() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .insert_card(&card("张三", "0791-88881234"), "WC", at(23, 9))
            .unwrap();
        store
            .insert_card(&card("李四", "13912345678"), "WC", at(23, 9))
            .unwrap();
        assert_eq!(store.customer_ids("").unwrap().len(), 2);
        let rows = store
            .customer_rows(&store.customer_ids("139").unwrap())
            .unwrap();
        assert_eq!(
            rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
            ["李四"]
        );
        assert_eq!(store.customer_ids("东湖").unwrap().len(), 2);
    }

    #[test]
    fn a_voided_card_is_final_and_editing_its_customer_leaves_it_as_printed() {
        let mut store = Store::open_in_memory().unwrap();
        let stored = store
            .insert_card(&card("张三", "0791-88881234"), "WC", at(23, 9))
            .unwrap();
        store
            .void(
                crate::store::audit::AuditedTable::WarrantyCards,
                stored.id,
                "重复发卡",
                at(23, 10),
            )
            .unwrap();
        let voided = store.card_by_id(stored.id).unwrap();
        let mut edited = voided.card.clone();
        edited.invoice_no = "改过".into();
        assert!(matches!(
            store.update_card(stored.id, &edited, voided.revision, at(23, 11)),
            Err(StoreError::Voided)
        ));
        // Not even through SQL on the program's own connection.
        assert!(matches!(
            store.write(|tx| Ok(tx.execute(
                "UPDATE warranty_cards SET invoice_no = 'x' WHERE id = ?1",
                [stored.id]
            )?)),
            Err(StoreError::Voided)
        ));
        let id = store.customer_id_of_card(stored.id).unwrap().unwrap();
        let customer = store.customer_by_id(id).unwrap();
        let mut renamed = customer.customer.clone();
        renamed.name = "张三丰".into();
        store
            .update_customer(id, &renamed, customer.revision, at(23, 12))
            .unwrap();
        assert_eq!(
            store.card_by_id(stored.id).unwrap(),
            voided,
            "the void card stays as it was printed"
        );
    }
}

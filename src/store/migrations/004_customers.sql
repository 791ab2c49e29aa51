-- Schema 4: the customer file. Cards and complaints keep the customer's details as printed
-- and point at the customer's record, which they share.

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    phone      TEXT NOT NULL,
    address    TEXT NOT NULL,
    province   TEXT NOT NULL,
    city       TEXT NOT NULL,
    dealer     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (name, phone)
) STRICT;
CREATE INDEX customers_phone ON customers (phone);

ALTER TABLE warranty_cards ADD COLUMN customer_id INTEGER REFERENCES customers (id);
ALTER TABLE complaints ADD COLUMN customer_id INTEGER REFERENCES customers (id);
CREATE INDEX warranty_cards_customer ON warranty_cards (customer_id);
CREATE INDEX complaints_customer ON complaints (customer_id);

-- File the customers of existing cards and complaints, one record per name and phone.
INSERT OR IGNORE INTO customers (uuid, name, phone, address, province, city, dealer, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
           || substr(lower(hex(randomblob(2))), 2) || '-a'
           || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
       customer_name, customer_phone, max(customer_address), '', '', max(issuing_dealer),
       min(created_at), max(updated_at)
FROM warranty_cards GROUP BY customer_name, customer_phone;

INSERT OR IGNORE INTO customers (uuid, name, phone, address, province, city, dealer, created_at, updated_at)
SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
           || substr(lower(hex(randomblob(2))), 2) || '-a'
           || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))),
       customer_name, customer_phone, max(customer_address), '', '', max(receiving_unit_name),
       min(created_at), max(updated_at)
FROM complaints GROUP BY customer_name, customer_phone;

UPDATE warranty_cards SET customer_id =
    (SELECT id FROM customers c WHERE c.name = customer_name AND c.phone = customer_phone);
UPDATE complaints SET customer_id =
    (SELECT id FROM customers c WHERE c.name = customer_name AND c.phone = customer_phone);

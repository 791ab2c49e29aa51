-- Schema 1: settings, unsaved drafts, number sequences and warranty cards.
-- Released migrations are never edited; later changes are new files.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE drafts (
    key      TEXT PRIMARY KEY,
    body     TEXT NOT NULL,
    saved_at TEXT NOT NULL
) STRICT;

-- The last number issued per prefix and period ("2026" for cards, "2026-11" for
-- complaints). Numbers are taken in the same transaction as the record, and this row only
-- ever grows, so a number is never issued twice.
CREATE TABLE number_sequences (
    prefix TEXT NOT NULL,
    period TEXT NOT NULL,
    last   INTEGER NOT NULL,
    PRIMARY KEY (prefix, period)
) STRICT;

CREATE TABLE warranty_cards (
    id                INTEGER PRIMARY KEY,
    uuid              TEXT NOT NULL UNIQUE,
    registration_no   TEXT NOT NULL UNIQUE,
    issue_date        TEXT NOT NULL,
    issuing_dealer    TEXT NOT NULL,
    customer_name     TEXT NOT NULL,
    customer_address  TEXT NOT NULL,
    customer_phone    TEXT NOT NULL,
    product_category  TEXT NOT NULL,
    product_model     TEXT NOT NULL,
    serial_no         TEXT NOT NULL,
    purchase_date     TEXT NOT NULL,
    purchase_area     TEXT NOT NULL,
    installation_date TEXT,
    invoice_no        TEXT NOT NULL,
    warranty_months   INTEGER NOT NULL CHECK (warranty_months BETWEEN 1 AND 1200),
    -- Stored so lists can sort and filter by it; always start + months - 1 day.
    warranty_end      TEXT NOT NULL,
    feedback_returned INTEGER NOT NULL CHECK (feedback_returned IN (0, 1)),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;

-- One index per sortable column of the list, so a million cards sort without a scan.
CREATE INDEX warranty_cards_issue_date ON warranty_cards (issue_date, id);
CREATE INDEX warranty_cards_customer_name ON warranty_cards (customer_name, id);
CREATE INDEX warranty_cards_customer_phone ON warranty_cards (customer_phone, id);
CREATE INDEX warranty_cards_product_model ON warranty_cards (product_model, id);
CREATE INDEX warranty_cards_serial_no ON warranty_cards (serial_no, id);
CREATE INDEX warranty_cards_warranty_end ON warranty_cards (warranty_end, id);
CREATE INDEX warranty_cards_dealer ON warranty_cards (issuing_dealer, id);

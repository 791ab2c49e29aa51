-- Schema 2: customer complaint acceptance forms.

CREATE TABLE complaints (
    id                       INTEGER PRIMARY KEY,
    uuid                     TEXT NOT NULL UNIQUE,
    complaint_no             TEXT NOT NULL UNIQUE,
    received_at              TEXT NOT NULL,
    channel                  TEXT NOT NULL,
    receiving_unit           TEXT NOT NULL,
    receiving_unit_name      TEXT NOT NULL,
    received_by              TEXT NOT NULL,
    -- The card the customer and product came from; registration numbers are never reused.
    warranty_registration_no TEXT,
    customer_name            TEXT NOT NULL,
    customer_address         TEXT NOT NULL,
    customer_phone           TEXT NOT NULL,
    product_model            TEXT NOT NULL,
    serial_no                TEXT NOT NULL,
    purchase_date            TEXT,
    complaint_type           TEXT NOT NULL,
    description              TEXT NOT NULL,
    customer_request         TEXT NOT NULL,
    urgency                  TEXT NOT NULL,
    media_risk               TEXT NOT NULL,
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL
) STRICT;

CREATE INDEX complaints_received_at ON complaints (received_at, id);
CREATE INDEX complaints_customer_name ON complaints (customer_name, id);
CREATE INDEX complaints_type ON complaints (complaint_type, received_at);
CREATE INDEX complaints_unit ON complaints (receiving_unit_name, received_at);
CREATE INDEX complaints_warranty ON complaints (warranty_registration_no);

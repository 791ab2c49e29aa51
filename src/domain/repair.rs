//! Machines received for repair at the after-sales department (返修登记), and their turnaround
//! (DOMAIN.md: up to 10 units within 1 day, up to 20 within 2 days, and so on).

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::case_life::bulk_repair_days;
use super::complaint::{format_time, time_between};
use super::phone::parse_phone;
use super::{MessageKey, checked_line, checked_text};

/// The most units one delivery can hold (a lorry-load, not a typo of ten thousand).
pub const MAX_UNITS: u32 = 9_999;
/// Longest note on a delivery.
pub const MAX_REPAIR_NOTES_CHARS: usize = 5_000;

/// A delivery of machines for repair, as registered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    pub received_at: NaiveDateTime,
    /// The customer or dealer who sent them.
    pub sender: String,
    /// In canonical form; empty when not given.
    pub sender_phone: String,
    pub product_model: String,
    pub units: u32,
    pub notes: String,
}

impl Repair {
    /// When the repairs must be done: a day for each `repairs_per_day` units, counted from
    /// receipt.
    pub fn due_at(&self, repairs_per_day: u32) -> NaiveDateTime {
        repair_due(self.received_at, self.units, repairs_per_day)
    }
}

/// When `units` received at `received_at` must be repaired.
pub fn repair_due(received_at: NaiveDateTime, units: u32, repairs_per_day: u32) -> NaiveDateTime {
    received_at + Duration::days(i64::from(bulk_repair_days(units, repairs_per_day)))
}

/// A delivery as typed.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RepairDraft {
    pub received_at: String,
    pub sender: String,
    pub sender_phone: String,
    pub product_model: String,
    pub units: String,
    pub notes: String,
}

/// The fields of the repair-intake form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RepairField {
    ReceivedAt,
    Sender,
    SenderPhone,
    ProductModel,
    Units,
    Notes,
}

impl RepairField {
    pub const ALL: [RepairField; 6] = [
        RepairField::ReceivedAt,
        RepairField::Sender,
        RepairField::SenderPhone,
        RepairField::ProductModel,
        RepairField::Units,
        RepairField::Notes,
    ];

    /// The field's label in the catalogue.
    pub fn label_key(self) -> MessageKey {
        match self {
            RepairField::ReceivedAt => "repair-received-at",
            RepairField::Sender => "repair-sender",
            RepairField::SenderPhone => "repair-sender-phone",
            RepairField::ProductModel => "repair-product-model",
            RepairField::Units => "repair-units",
            RepairField::Notes => "repair-notes",
        }
    }
}

impl RepairDraft {
    /// A delivery received now, of one unit until the clerk counts them.
    pub fn new(now: NaiveDateTime) -> RepairDraft {
        RepairDraft {
            received_at: format_time(now),
            units: "1".into(),
            ..RepairDraft::default()
        }
    }

    /// The delivery, or the message for each field that refuses it.
    pub fn parse(&self, now: NaiveDateTime) -> Result<Repair, Vec<super::FieldError<RepairField>>> {
        let RepairDraft {
            received_at,
            sender,
            sender_phone,
            product_model,
            units,
            notes,
        } = self;
        let mut errors = Vec::new();
        let received_at = time_between(received_at, None, now)
            .map_err(|message| {
                errors.push(super::FieldError {
                    field: RepairField::ReceivedAt,
                    message,
                })
            })
            .ok();
        let mut line = |field, value: &str, required: bool| {
            if let Err(message) = checked_line(value, required) {
                errors.push(super::FieldError { field, message });
            }
            value.trim().to_owned()
        };
        let sender = line(RepairField::Sender, sender, true);
        let product_model = line(RepairField::ProductModel, product_model, true);
        let sender_phone = if sender_phone.trim().is_empty() {
            String::new()
        } else {
            parse_phone(sender_phone)
                .map(|phone| phone.as_str().to_owned())
                .unwrap_or_else(|_| {
                    errors.push(super::FieldError {
                        field: RepairField::SenderPhone,
                        message: "error-phone",
                    });
                    String::new()
                })
        };
        let units = match units.trim().parse::<u32>() {
            Ok(units) if (1..=MAX_UNITS).contains(&units) => Some(units),
            _ => {
                errors.push(super::FieldError {
                    field: RepairField::Units,
                    message: "error-units",
                });
                None
            }
        };
        let notes = notes.trim();
        if let Err(message) = checked_text(notes, false, MAX_REPAIR_NOTES_CHARS) {
            errors.push(super::FieldError {
                field: RepairField::Notes,
                message,
            });
        }
        match (received_at, units) {
            (Some(received_at), Some(units)) if errors.is_empty() => Ok(Repair {
                received_at,
                sender,
                sender_phone,
                product_model,
                units,
                notes: notes.to_owned(),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(month: u32, day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, month, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    #[test]
    fn ten_units_are_repaired_within_a_day_twenty_within_two_and_so_on() {
        let received = at(11, 23, 9);
        assert_eq!(repair_due(received, 1, 10), at(11, 24, 9));
        assert_eq!(repair_due(received, 10, 10), at(11, 24, 9));
        assert_eq!(repair_due(received, 11, 10), at(11, 25, 9));
        assert_eq!(repair_due(received, 20, 10), at(11, 25, 9));
        assert_eq!(repair_due(received, 30, 10), at(11, 26, 9));
        // Across a month's end, and with another company's pace.
        assert_eq!(repair_due(at(11, 30, 16), 25, 10), at(12, 3, 16));
        assert_eq!(repair_due(received, 25, 5), at(11, 28, 9));
    }

    #[test]
    fn a_delivery_needs_a_sender_a_model_and_a_sensible_count() {
        let now = at(11, 23, 9);
        let errors = RepairDraft {
            sender: " ".into(),
            sender_phone: "12".into(),
            units: "0".into(),
            ..RepairDraft::new(now)
        }
        .parse(now)
        .unwrap_err();
        let fields: Vec<RepairField> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                RepairField::Sender,
                RepairField::ProductModel,
                RepairField::SenderPhone,
                RepairField::Units
            ]
        );
        for units in ["-3", "2.5", "10000", "十"] {
            let draft = RepairDraft {
                sender: "南昌洪城经销部".into(),
                product_model: "JSQ20-A1".into(),
                units: units.into(),
                ..RepairDraft::new(now)
            };
            assert_eq!(
                draft.parse(now).unwrap_err(),
                [crate::domain::FieldError {
                    field: RepairField::Units,
                    message: "error-units"
                }]
            );
        }
        let repair = RepairDraft {
            sender: "南昌洪城经销部".into(),
            product_model: "JSQ20-A1".into(),
            units: " 25 ".into(),
            ..RepairDraft::new(now)
        }
        .parse(now)
        .unwrap();
        assert_eq!(repair.units, 25);
        assert_eq!(repair.due_at(10), at(11, 26, 9));
    }
}

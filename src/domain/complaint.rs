//! The customer complaint acceptance form (客户投诉受理表): the record, the draft a clerk
//! types, and the parse from one to the other.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::date::{DateError, format_date, parse_date, past_date};
use super::phone::parse_phone;
use super::warranty_card::{MAX_LINE_CHARS, MAX_TEXT_CHARS};
use super::{MessageKey, checked_field};

/// The longest complaint description accepted: long letters are pasted in whole.
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;

crate::domain::choices! {
    /// How the complaint reached us.
    Channel {
        Phone => "phone", "complaint-channel-phone";
        Fax => "fax", "complaint-channel-fax";
        Mail => "mail", "complaint-channel-mail";
        Visit => "visit", "complaint-channel-visit";
        ViaDealer => "via_dealer", "complaint-channel-via-dealer";
        Online => "online", "complaint-channel-online";
    }
}

crate::domain::choices! {
    /// Which level received it.
    ReceivingUnit {
        Dealer => "dealer", "complaint-unit-dealer";
        Headquarters => "hq", "complaint-unit-hq";
    }
}

crate::domain::choices! {
    /// What the complaint is about; the last three are non-quality complaints.
    ComplaintType {
        ProductQuality => "product_quality", "complaint-type-product-quality";
        InstallationQuality => "installation_quality", "complaint-type-installation-quality";
        ServiceAttitude => "service_attitude", "complaint-type-service-attitude";
        ImproperUse => "improper_use", "complaint-type-improper-use";
        TransportDamage => "transport_damage", "complaint-type-transport-damage";
        Other => "other", "complaint-type-other";
    }
}

crate::domain::choices! {
    /// What the customer asks for.
    CustomerRequest {
        Repair => "repair", "complaint-request-repair";
        Replace => "replace", "complaint-request-replace";
        Refund => "refund", "complaint-request-refund";
        Compensation => "compensation", "complaint-request-compensation";
        Explanation => "explanation", "complaint-request-explanation";
    }
}

crate::domain::choices! {
    /// How fast it must move.
    Urgency {
        Normal => "normal", "complaint-urgency-normal";
        Urgent => "urgent", "complaint-urgency-urgent";
        Critical => "critical", "complaint-urgency-critical";
    }
}

crate::domain::choices! {
    /// The risk of the complaint reaching the media, the gravest outcome in the seeds.
    MediaRisk {
        None => "none", "complaint-media-none";
        Possible => "possible", "complaint-media-possible";
        Threatened => "threatened", "complaint-media-threatened";
    }
}

/// A complaint as accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Complaint {
    pub received_at: NaiveDateTime,
    pub channel: Channel,
    pub receiving_unit: ReceivingUnit,
    /// The dealer's or headquarters' name.
    pub receiving_unit_name: String,
    pub received_by: String,
    /// The warranty card the customer and product were taken from, if any.
    pub warranty_registration_no: Option<String>,
    pub customer_name: String,
    pub customer_address: String,
    pub customer_phone: String,
    pub product_model: String,
    pub serial_no: String,
    pub purchase_date: Option<NaiveDate>,
    pub complaint_type: ComplaintType,
    pub description: String,
    pub customer_request: CustomerRequest,
    pub urgency: Urgency,
    pub media_risk: MediaRisk,
}

/// Every field of the complaint form, to place an error beside the right field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComplaintField {
    ReceivedAt,
    ReceivingUnitName,
    ReceivedBy,
    WarrantyRegistrationNo,
    CustomerName,
    CustomerAddress,
    CustomerPhone,
    ProductModel,
    SerialNo,
    PurchaseDate,
    Description,
}

impl ComplaintField {
    pub fn label_key(self) -> MessageKey {
        match self {
            ComplaintField::ReceivedAt => "complaint-received-at",
            ComplaintField::ReceivingUnitName => "complaint-receiving-unit-name",
            ComplaintField::ReceivedBy => "complaint-received-by",
            ComplaintField::WarrantyRegistrationNo => "complaint-warranty-no",
            ComplaintField::CustomerName => "card-customer-name",
            ComplaintField::CustomerAddress => "card-customer-address",
            ComplaintField::CustomerPhone => "card-customer-phone",
            ComplaintField::ProductModel => "card-product-model",
            ComplaintField::SerialNo => "card-serial-no",
            ComplaintField::PurchaseDate => "card-purchase-date",
            ComplaintField::Description => "complaint-description",
        }
    }
}

/// One refusal of the complaint's parse.
pub type ComplaintError = super::FieldError<ComplaintField>;

/// The complaint form as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComplaintDraft {
    /// `2026-11-23 09:30`.
    pub received_at: String,
    pub channel: Channel,
    pub receiving_unit: ReceivingUnit,
    pub receiving_unit_name: String,
    pub received_by: String,
    /// The registration number as typed; looked up by the shell, which fills the customer and
    /// product from the card.
    pub warranty_registration_no: String,
    pub customer_name: String,
    pub customer_address: String,
    pub customer_phone: String,
    pub product_model: String,
    pub serial_no: String,
    pub purchase_date: String,
    pub complaint_type: ComplaintType,
    pub description: String,
    pub customer_request: CustomerRequest,
    pub urgency: Urgency,
    pub media_risk: MediaRisk,
}

impl Default for ComplaintDraft {
    fn default() -> Self {
        ComplaintDraft {
            received_at: String::new(),
            channel: Channel::Phone,
            receiving_unit: ReceivingUnit::Dealer,
            receiving_unit_name: String::new(),
            received_by: String::new(),
            warranty_registration_no: String::new(),
            customer_name: String::new(),
            customer_address: String::new(),
            customer_phone: String::new(),
            product_model: String::new(),
            serial_no: String::new(),
            purchase_date: String::new(),
            complaint_type: ComplaintType::ProductQuality,
            description: String::new(),
            customer_request: CustomerRequest::Repair,
            urgency: Urgency::Normal,
            media_risk: MediaRisk::None,
        }
    }
}

/// How received times are written.
pub fn format_time(time: NaiveDateTime) -> String {
    time.format("%Y-%m-%d %H:%M").to_string()
}

/// Reads `2026-11-23 09:30` (any date form [`parse_date`] takes, then hours:minutes).
pub fn parse_time(text: &str) -> Result<NaiveDateTime, DateError> {
    let text = text.trim();
    let (date, time) = text.split_once([' ', 'T']).ok_or(DateError::Format)?;
    let date = parse_date(date)?;
    let (hours, minutes) = time.trim().split_once(':').ok_or(DateError::Format)?;
    let (Ok(hours), Ok(minutes)) = (hours.parse::<u32>(), minutes.parse::<u32>()) else {
        return Err(DateError::Format);
    };
    date.and_hms_opt(hours, minutes, 0)
        .ok_or(DateError::NoSuchDay)
}

/// A typed time that must exist, lie no later than `now`, and (when `earliest` is given) not
/// before it, `too_early` naming the message for that; errors are message keys.
pub fn time_between(
    text: &str,
    earliest: Option<(NaiveDateTime, MessageKey)>,
    now: NaiveDateTime,
) -> Result<NaiveDateTime, MessageKey> {
    match parse_time(text) {
        Ok(time) if time > now => Err("error-date-in-future"),
        Ok(time) => match earliest {
            Some((earliest, too_early)) if time < earliest => Err(too_early),
            _ => Ok(time),
        },
        Err(DateError::Format) => Err("error-time-format"),
        Err(DateError::NoSuchDay) => Err("error-date-no-such-day"),
    }
}

impl ComplaintDraft {
    /// A new complaint as a clerk starts it: received now, by this unit and clerk.
    pub fn new_complaint(
        now: NaiveDateTime,
        unit: ReceivingUnit,
        unit_name: &str,
        clerk: &str,
    ) -> Self {
        ComplaintDraft {
            received_at: format_time(now),
            receiving_unit: unit,
            receiving_unit_name: unit_name.to_owned(),
            received_by: clerk.to_owned(),
            ..Default::default()
        }
    }

    pub fn from_complaint(complaint: &Complaint) -> Self {
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
        ComplaintDraft {
            received_at: format_time(*received_at),
            channel: *channel,
            receiving_unit: *receiving_unit,
            receiving_unit_name: receiving_unit_name.clone(),
            received_by: received_by.clone(),
            warranty_registration_no: warranty_registration_no.clone().unwrap_or_default(),
            customer_name: customer_name.clone(),
            customer_address: customer_address.clone(),
            customer_phone: customer_phone.clone(),
            product_model: product_model.clone(),
            serial_no: serial_no.clone(),
            purchase_date: purchase_date.map(format_date).unwrap_or_default(),
            complaint_type: *complaint_type,
            description: description.clone(),
            customer_request: *customer_request,
            urgency: *urgency,
            media_risk: *media_risk,
        }
    }

    /// Turns the draft into a complaint or lists every field that is wrong. Nothing can have
    /// been received or bought after `now`.
    pub fn parse(&self, now: NaiveDateTime) -> Result<Complaint, Vec<ComplaintError>> {
        let ComplaintDraft {
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
        } = self;
        let mut errors = Vec::new();
        let mut fail = |field, message| errors.push(ComplaintError { field, message });
        let mut text = |field, value: &str, required: bool, max: usize| -> String {
            if let Err(message) = checked_field(value, required, max) {
                fail(field, message);
            }
            value.trim().to_owned()
        };
        let receiving_unit_name = text(
            ComplaintField::ReceivingUnitName,
            receiving_unit_name,
            true,
            MAX_LINE_CHARS,
        );
        let received_by = text(
            ComplaintField::ReceivedBy,
            received_by,
            true,
            MAX_LINE_CHARS,
        );
        let customer_name = text(
            ComplaintField::CustomerName,
            customer_name,
            true,
            MAX_LINE_CHARS,
        );
        let customer_address = text(
            ComplaintField::CustomerAddress,
            customer_address,
            false,
            MAX_TEXT_CHARS,
        );
        let product_model = text(
            ComplaintField::ProductModel,
            product_model,
            false,
            MAX_LINE_CHARS,
        );
        let serial_no = text(ComplaintField::SerialNo, serial_no, false, MAX_LINE_CHARS);
        let warranty_registration_no = text(
            ComplaintField::WarrantyRegistrationNo,
            warranty_registration_no,
            false,
            MAX_LINE_CHARS,
        );
        let description = text(
            ComplaintField::Description,
            description,
            true,
            MAX_DESCRIPTION_CHARS,
        );

        let customer_phone = if customer_phone.trim().is_empty() {
            fail(ComplaintField::CustomerPhone, "error-required");
            String::new()
        } else {
            match parse_phone(customer_phone) {
                Ok(phone) => phone.as_str().to_owned(),
                Err(_) => {
                    fail(ComplaintField::CustomerPhone, "error-phone");
                    String::new()
                }
            }
        };
        let received_at = time_between(received_at, None, now)
            .map_err(|message| fail(ComplaintField::ReceivedAt, message))
            .ok();
        let purchase_date = if purchase_date.trim().is_empty() {
            None
        } else {
            past_date(purchase_date, now.date())
                .map_err(|message| fail(ComplaintField::PurchaseDate, message))
                .ok()
        };
        let warranty_registration_no =
            Some(warranty_registration_no.to_ascii_uppercase()).filter(|n| !n.is_empty());
        match received_at {
            Some(received_at) if errors.is_empty() => Ok(Complaint {
                received_at,
                channel: *channel,
                receiving_unit: *receiving_unit,
                receiving_unit_name,
                received_by,
                warranty_registration_no,
                customer_name,
                customer_address,
                customer_phone,
                product_model,
                serial_no,
                purchase_date,
                complaint_type: *complaint_type,
                description,
                customer_request: *customer_request,
                urgency: *urgency,
                media_risk: *media_risk,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap()
    }

    fn filled() -> ComplaintDraft {
        ComplaintDraft {
            receiving_unit_name: "南昌洪城经销部".into(),
            received_by: "刘敏".into(),
            customer_name: "张三".into(),
            customer_phone: "13800138000".into(),
            description: "热水器点火后熄火，已三次。".into(),
            ..ComplaintDraft::new_complaint(now(), ReceivingUnit::Dealer, "", "")
        }
    }

    #[test]
    fn a_new_complaint_is_received_now() {
        let draft = ComplaintDraft::new_complaint(
            now(),
            ReceivingUnit::Headquarters,
            "总部客服中心",
            "刘敏",
        );
        assert_eq!(draft.received_at, "2026-11-23 09:30");
        assert_eq!(draft.receiving_unit, ReceivingUnit::Headquarters);
    }

    #[test]
    fn a_complete_complaint_parses_and_round_trips_through_its_draft() {
        let complaint = filled().parse(now()).unwrap();
        assert_eq!(complaint.received_at, now());
        assert_eq!(complaint.warranty_registration_no, None);
        assert_eq!(
            ComplaintDraft::from_complaint(&complaint).parse(now()),
            Ok(complaint)
        );
    }

    #[test]
    fn a_complaint_cannot_be_received_in_the_future() {
        let draft = ComplaintDraft {
            received_at: "2026-11-23 09:31".into(),
            ..filled()
        };
        let errors = draft.parse(now()).unwrap_err();
        assert_eq!(
            errors,
            vec![ComplaintError {
                field: ComplaintField::ReceivedAt,
                message: "error-date-in-future"
            }]
        );
    }

    #[test]
    fn received_time_needs_hours_and_minutes_that_exist() {
        for (text, message) in [
            ("2026-11-23", "error-time-format"),
            ("2026-11-23 25:00", "error-date-no-such-day"),
            ("2026-02-30 08:00", "error-date-no-such-day"),
        ] {
            let draft = ComplaintDraft {
                received_at: text.into(),
                ..filled()
            };
            let errors = draft.parse(now()).unwrap_err();
            assert_eq!(errors[0].message, message, "{text}");
        }
    }

    #[test]
    fn a_description_of_twenty_thousand_characters_is_accepted_and_more_is_refused() {
        let draft = ComplaintDraft {
            description: "漏".repeat(MAX_DESCRIPTION_CHARS),
            ..filled()
        };
        assert!(draft.parse(now()).is_ok());
        let draft = ComplaintDraft {
            description: "漏".repeat(MAX_DESCRIPTION_CHARS + 1),
            ..filled()
        };
        assert_eq!(draft.parse(now()).unwrap_err()[0].message, "error-too-long");
    }

    #[test]
    fn customer_name_phone_description_and_receiver_are_required() {
        let draft = ComplaintDraft::new_complaint(now(), ReceivingUnit::Dealer, "", "");
        let fields: Vec<_> = draft
            .parse(now())
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        for field in [
            ComplaintField::ReceivingUnitName,
            ComplaintField::ReceivedBy,
            ComplaintField::CustomerName,
            ComplaintField::CustomerPhone,
            ComplaintField::Description,
        ] {
            assert!(fields.contains(&field), "{field:?}");
        }
    }

    #[test]
    fn choice_codes_round_trip() {
        for channel in Channel::ALL {
            assert_eq!(Channel::from_code(channel.code()), Some(*channel));
        }
        for kind in ComplaintType::ALL {
            assert_eq!(ComplaintType::from_code(kind.code()), Some(*kind));
        }
        assert_eq!(MediaRisk::from_code("nonsense"), None);
    }
}

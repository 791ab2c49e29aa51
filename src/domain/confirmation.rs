//! The after-sales service processing confirmation form (售后服务处理确认单) belonging to one
//! complaint: what was done, the parts, the costs and who bears them, the three-guarantees
//! settlement, and the customer's ratings.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::complaint::{format_time, time_between};
use super::investigation::{MAX_REPORT_TEXT_CHARS, Treatment};
use super::money::Fen;
use super::three_guarantees::{DepreciationRates, Remedy, Settlement, settle};
use super::{MessageKey, checked_line, checked_text};

/// Most parts one confirmation lists.
pub const MAX_PARTS: usize = 200;

/// Most technicians one confirmation names.
pub const MAX_TECHNICIANS: usize = 10;
/// Longest technician's name, in characters.
pub const MAX_TECHNICIAN_NAME_CHARS: usize = 20;
/// Longest contact person (a name, perhaps with a telephone number), in characters.
pub const MAX_CONTACT_CHARS: usize = 40;
/// Longest serial number of a part taken out or put in, in characters.
pub const MAX_PART_SERIAL_CHARS: usize = 40;
/// What stands between two technicians' names as stored and printed: the enumeration comma.
/// No name holds it ([`technician_names`] splits on it), so the stored text splits back into
/// exactly the names.
pub const TECHNICIAN_SEPARATOR: &str = "、";
/// What a clerk may type between two names: the enumeration comma, the Chinese (full-width)
/// comma or the ASCII one.
const TYPED_TECHNICIAN_SEPARATORS: [char; 3] = ['、', '，', ','];

/// The technicians' names in `typed` (as typed on the form, or as stored): split on any of
/// the commas, each name trimmed, empty ones dropped, a name given twice kept once, in the
/// order given. A report averaging ratings per technician splits the stored text with this.
pub fn technician_names(typed: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in typed.split(TYPED_TECHNICIAN_SEPARATORS).map(str::trim) {
        if !name.is_empty() && !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names
}

crate::domain::choices! {
    /// How the service is paid for.
    ServiceCategory {
        Paid => "a_paid", "category-a-paid";
        MaintenanceContract => "b_contract", "category-b-contract";
        FreeInWarranty => "c_free", "category-c-free";
        Internal => "d_internal", "category-d-internal";
    }
}

crate::domain::choices! {
    /// Who bears a cost.
    BorneBy {
        Company => "company", "party-company";
        Dealer => "dealer", "party-dealer";
        Customer => "customer", "party-customer";
        ResponsibleParty => "responsible", "party-responsible";
    }
}

crate::domain::choices! {
    /// The kinds of cost on the form.
    CostKind {
        Labour => "labour", "cost-labour";
        Parts => "parts", "cost-parts";
        Travel => "travel", "cost-travel";
        Transport => "transport", "cost-transport";
        Packaging => "packaging", "cost-packaging";
    }
}

crate::domain::choices! {
    /// The customer's rating of one aspect of the service: four levels.
    Rating {
        VerySatisfied => "very_satisfied", "rating-very-satisfied";
        Satisfied => "satisfied", "rating-satisfied";
        Fair => "fair", "rating-fair";
        Dissatisfied => "dissatisfied", "rating-dissatisfied";
    }
}

crate::domain::choices! {
    /// The four aspects the customer rates.
    Aspect {
        Attitude => "attitude", "rating-attitude";
        Skill => "skill", "rating-skill";
        ArrivalTime => "arrival_time", "rating-arrival-time";
        FollowThrough => "follow_through", "rating-follow-through";
    }
}

/// How many kinds of cost the form has: [`CostKind::ALL`]'s length.
pub const COST_KINDS: usize = 5;
const _: () = assert!(CostKind::ALL.len() == COST_KINDS);

/// One replaced part.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Part {
    pub name: String,
    pub quantity: u32,
    pub unit_cost: Fen,
    /// Whether the old part went back to the factory.
    pub old_part_returned: bool,
    /// The serial number of the faulty part taken out ('' when it has none or was not read):
    /// a warranty claim to the part's supplier names it.
    pub faulty_serial: String,
    /// The serial number of the part put in ('' likewise).
    pub replacement_serial: String,
}

impl Part {
    pub fn total(&self) -> Fen {
        Fen(self.unit_cost.0.saturating_mul(i64::from(self.quantity)))
    }
}

/// A cost and who bears it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cost {
    pub amount: Fen,
    pub borne_by: BorneBy,
}

/// An exchange or refund under the three guarantees, as entered on the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThreeGuarantees {
    pub remedy: Remedy,
    pub price: Fen,
    pub sale_date: NaiveDate,
    pub counterfeit_or_unmarked: bool,
}

/// The confirmation as signed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirmation {
    pub treatment: Treatment,
    pub work_done: String,
    /// Who did the work, in the order named, each name once (see [`technician_names`]). At
    /// least one on a confirmation saved through the form; none on one saved before the form
    /// asked (schema 15).
    pub technicians: Vec<String>,
    /// The customer's contact person at the site, when not the customer ('' when none).
    pub contact_person: String,
    /// The cause of the failure as found while doing the work ('' on a confirmation saved
    /// before the form asked, schema 18).
    pub cause_found: String,
    pub parts: Vec<Part>,
    pub service_category: ServiceCategory,
    /// One per [`CostKind`], in the order of [`CostKind::ALL`]. The parts cost is the sum of
    /// the parts table.
    pub costs: [Cost; COST_KINDS],
    pub three_guarantees: Option<ThreeGuarantees>,
    /// One per [`Aspect`], in the order of [`Aspect::ALL`].
    pub ratings: [Rating; 4],
    pub comments: String,
    pub completed_at: NaiveDateTime,
}

impl Confirmation {
    /// What the three guarantees work out to on the completion day, if they apply.
    pub fn settlement(&self, rates: DepreciationRates) -> Option<Settlement> {
        self.three_guarantees.map(|t| {
            settle(
                t.remedy,
                t.price,
                t.sale_date,
                self.completed_at.date(),
                rates,
                t.counterfeit_or_unmarked,
            )
        })
    }

    pub fn total_cost(&self) -> Fen {
        self.costs.iter().map(|c| c.amount).sum()
    }
}

/// Fields of the form that can be refused; parts by row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConfirmationField {
    WorkDone,
    Technicians,
    ContactPerson,
    CauseFound,
    CompletedAt,
    Comments,
    Cost(CostKind),
    PartName(usize),
    PartQuantity(usize),
    PartUnitCost(usize),
    PartFaultySerial(usize),
    PartReplacementSerial(usize),
    /// The customer's rating of one aspect, which must be chosen.
    Rating(Aspect),
    Parts,
    Price,
    SaleDate,
}

impl ConfirmationField {
    pub fn label_key(self) -> MessageKey {
        match self {
            ConfirmationField::WorkDone => "confirmation-work-done",
            ConfirmationField::Technicians => "confirmation-technicians",
            ConfirmationField::ContactPerson => "confirmation-contact-person",
            ConfirmationField::CauseFound => "confirmation-cause-found",
            ConfirmationField::CompletedAt => "confirmation-completed-at",
            ConfirmationField::Comments => "confirmation-comments",
            ConfirmationField::Cost(kind) => kind.message_key(),
            ConfirmationField::PartName(_) => "part-name",
            ConfirmationField::PartQuantity(_) => "part-quantity",
            ConfirmationField::PartUnitCost(_) => "part-unit-cost",
            ConfirmationField::PartFaultySerial(_) => "part-faulty-serial",
            ConfirmationField::PartReplacementSerial(_) => "part-replacement-serial",
            ConfirmationField::Rating(aspect) => aspect.message_key(),
            ConfirmationField::Parts => "confirmation-parts",
            ConfirmationField::Price => "three-guarantees-price",
            ConfirmationField::SaleDate => "three-guarantees-sale-date",
        }
    }
}

/// One refusal of the confirmation's parse.
pub type ConfirmationError = super::FieldError<ConfirmationField>;

/// A part row as typed.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PartDraft {
    pub name: String,
    pub quantity: String,
    pub unit_cost: String,
    pub old_part_returned: bool,
    pub faulty_serial: String,
    pub replacement_serial: String,
}

/// The confirmation as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConfirmationDraft {
    pub treatment: Treatment,
    pub work_done: String,
    /// The technicians' names as typed, separated by commas or 、.
    pub technicians: String,
    pub contact_person: String,
    pub cause_found: String,
    pub parts: Vec<PartDraft>,
    pub service_category: ServiceCategory,
    /// Labour, travel, transport and packaging amounts as typed (the parts amount is
    /// computed). A draft kept before packaging was asked has four: the rest read as
    /// [`Default`]'s.
    #[serde(deserialize_with = "padded")]
    pub cost_amounts: [String; COST_KINDS],
    #[serde(deserialize_with = "padded")]
    pub cost_borne_by: [BorneBy; COST_KINDS],
    /// Whether the three guarantees apply (an exchange or a refund).
    pub three_guarantees: bool,
    pub remedy_is_refund: bool,
    pub price: String,
    pub sale_date: String,
    pub counterfeit_or_unmarked: bool,
    /// None until the customer's answer is chosen: no rating is assumed (a default of
    /// "satisfied" invited skipping the question). A draft kept before holds plain values,
    /// read as chosen.
    pub ratings: [Option<Rating>; 4],
    pub comments: String,
    pub completed_at: String,
}

impl Default for ConfirmationDraft {
    fn default() -> Self {
        ConfirmationDraft {
            treatment: Treatment::Repair,
            work_done: String::new(),
            technicians: String::new(),
            contact_person: String::new(),
            cause_found: String::new(),
            parts: Vec::new(),
            service_category: ServiceCategory::FreeInWarranty,
            cost_amounts: DEFAULT_COST_AMOUNTS.map(String::from),
            cost_borne_by: [BorneBy::Company; COST_KINDS],
            three_guarantees: false,
            remedy_is_refund: false,
            price: String::new(),
            sale_date: String::new(),
            counterfeit_or_unmarked: false,
            ratings: [None; 4],
            comments: String::new(),
            completed_at: String::new(),
        }
    }
}

/// The amounts a new form shows: 0 but for the parts, which the parts table sums.
const DEFAULT_COST_AMOUNTS: [&str; COST_KINDS] = ["0", "", "0", "0", "0"];

/// An array of [`COST_KINDS`] read from a list of at most that many: one kept before a kind was
/// added is shorter, and the kinds it lacks take their place in [`ConfirmationDraft::default`].
/// A longer list is refused (a draft from a newer program), as any malformed draft is.
fn padded<'de, D, T>(deserializer: D) -> Result<[T; COST_KINDS], D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Clone + PaddedDefault,
{
    let kept = Vec::<T>::deserialize(deserializer)?;
    if kept.len() > COST_KINDS {
        return Err(serde::de::Error::invalid_length(
            kept.len(),
            &"at most one value per kind of cost",
        ));
    }
    let mut all = T::defaults();
    for (slot, value) in all.iter_mut().zip(kept) {
        *slot = value;
    }
    Ok(all)
}

/// What a new form holds for each kind of cost.
trait PaddedDefault: Sized {
    fn defaults() -> [Self; COST_KINDS];
}

impl PaddedDefault for String {
    fn defaults() -> [Self; COST_KINDS] {
        DEFAULT_COST_AMOUNTS.map(String::from)
    }
}

impl PaddedDefault for BorneBy {
    fn defaults() -> [Self; COST_KINDS] {
        [BorneBy::Company; COST_KINDS]
    }
}

impl ConfirmationDraft {
    /// A new confirmation completed now; the sale date comes from the complaint when known.
    pub fn new_confirmation(now: NaiveDateTime, sale_date: Option<NaiveDate>) -> Self {
        ConfirmationDraft {
            completed_at: format_time(now),
            sale_date: sale_date.map(super::date::format_date).unwrap_or_default(),
            ..Default::default()
        }
    }

    pub fn from_confirmation(confirmation: &Confirmation) -> Self {
        let Confirmation {
            treatment,
            work_done,
            technicians,
            contact_person,
            cause_found,
            parts,
            service_category,
            costs,
            three_guarantees,
            ratings,
            comments,
            completed_at,
        } = confirmation;
        let parts = parts
            .iter()
            .map(
                |Part {
                     name,
                     quantity,
                     unit_cost,
                     old_part_returned,
                     faulty_serial,
                     replacement_serial,
                 }| PartDraft {
                    name: name.clone(),
                    quantity: quantity.to_string(),
                    unit_cost: unit_cost.to_string(),
                    old_part_returned: *old_part_returned,
                    faulty_serial: faulty_serial.clone(),
                    replacement_serial: replacement_serial.clone(),
                },
            )
            .collect();
        let mut draft = ConfirmationDraft {
            treatment: *treatment,
            work_done: work_done.clone(),
            technicians: technicians.join(TECHNICIAN_SEPARATOR),
            contact_person: contact_person.clone(),
            cause_found: cause_found.clone(),
            parts,
            service_category: *service_category,
            cost_amounts: costs.map(|c| c.amount.to_string()),
            cost_borne_by: costs.map(|c| c.borne_by),
            ratings: ratings.map(Some),
            comments: comments.clone(),
            completed_at: format_time(*completed_at),
            ..Default::default()
        };
        if let Some(ThreeGuarantees {
            remedy,
            price,
            sale_date,
            counterfeit_or_unmarked,
        }) = three_guarantees
        {
            draft.three_guarantees = true;
            draft.remedy_is_refund = *remedy == Remedy::Refund;
            draft.price = price.to_string();
            draft.sale_date = super::date::format_date(*sale_date);
            draft.counterfeit_or_unmarked = *counterfeit_or_unmarked;
        }
        draft
    }

    /// The parts total as typed so far (rows that do not parse count as nothing).
    pub fn parts_total(&self) -> Fen {
        self.parts
            .iter()
            .filter_map(|p| {
                Some(
                    Fen::parse(&p.unit_cost)
                        .ok()?
                        .0
                        .saturating_mul(p.quantity.trim().parse::<i64>().ok()?),
                )
            })
            .map(Fen)
            .sum()
    }

    /// The form, or every refused field. Completion lies between the complaint's receipt and
    /// `now`.
    pub fn parse(
        &self,
        received_at: NaiveDateTime,
        now: NaiveDateTime,
    ) -> Result<Confirmation, Vec<ConfirmationError>> {
        let mut errors = Vec::new();
        let mut fail = |field, message| errors.push(ConfirmationError { field, message });
        let work_done = self.work_done.trim().to_owned();
        if let Err(message) = checked_text(&work_done, true, MAX_REPORT_TEXT_CHARS) {
            fail(ConfirmationField::WorkDone, message);
        }
        let technicians = technician_names(&self.technicians);
        if let Err(message) = checked_technicians(&technicians) {
            fail(ConfirmationField::Technicians, message);
        }
        let contact_person = self.contact_person.trim().to_owned();
        if let Err(message) = checked_short_line(&contact_person, MAX_CONTACT_CHARS) {
            fail(ConfirmationField::ContactPerson, message);
        }
        let cause_found = self.cause_found.trim().to_owned();
        if let Err(message) = checked_text(&cause_found, false, MAX_REPORT_TEXT_CHARS) {
            fail(ConfirmationField::CauseFound, message);
        }
        let comments = self.comments.trim().to_owned();
        if let Err(message) = checked_text(&comments, false, MAX_REPORT_TEXT_CHARS) {
            fail(ConfirmationField::Comments, message);
        }
        if self.parts.len() > MAX_PARTS {
            fail(ConfirmationField::Parts, "error-too-many-parts");
        }
        let mut parts = Vec::with_capacity(self.parts.len());
        for (row, part) in self.parts.iter().enumerate() {
            let name = part.name.trim().to_owned();
            if let Err(message) = checked_line(&name, true) {
                fail(ConfirmationField::PartName(row), message);
            }
            let quantity = part
                .quantity
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|q| (1..=100_000).contains(q));
            if quantity.is_none() {
                fail(ConfirmationField::PartQuantity(row), "error-quantity");
            }
            let unit_cost = Fen::parse(&part.unit_cost).ok();
            if unit_cost.is_none() {
                fail(ConfirmationField::PartUnitCost(row), "error-amount");
            }
            let faulty_serial = part.faulty_serial.trim().to_owned();
            if let Err(message) = checked_short_line(&faulty_serial, MAX_PART_SERIAL_CHARS) {
                fail(ConfirmationField::PartFaultySerial(row), message);
            }
            let replacement_serial = part.replacement_serial.trim().to_owned();
            if let Err(message) = checked_short_line(&replacement_serial, MAX_PART_SERIAL_CHARS) {
                fail(ConfirmationField::PartReplacementSerial(row), message);
            }
            if let (Some(quantity), Some(unit_cost)) = (quantity, unit_cost) {
                parts.push(Part {
                    name,
                    quantity,
                    unit_cost,
                    old_part_returned: part.old_part_returned,
                    faulty_serial,
                    replacement_serial,
                });
            }
        }
        let parts_total: Fen = parts.iter().map(Part::total).sum();
        // The parts' cost is an amount like any other on the form: a total beyond the largest
        // is a quantity or a price mistyped (100000 for 1).
        if parts_total.0 > crate::domain::money::MAX_FEN {
            fail(ConfirmationField::Parts, "error-parts-total-too-large");
        }
        let mut costs = [Cost {
            amount: Fen(0),
            borne_by: BorneBy::Company,
        }; COST_KINDS];
        for (index, kind) in CostKind::ALL.iter().enumerate() {
            let amount = if *kind == CostKind::Parts {
                Some(parts_total)
            } else {
                let text = self.cost_amounts[index].trim();
                if text.is_empty() {
                    Some(Fen(0))
                } else {
                    Fen::parse(text).ok()
                }
            };
            match amount {
                Some(amount) => {
                    costs[index] = Cost {
                        amount,
                        borne_by: self.cost_borne_by[index],
                    }
                }
                None => fail(ConfirmationField::Cost(*kind), "error-amount"),
            }
        }
        let completed_at = time_between(
            &self.completed_at,
            Some((received_at, "error-completion-before-complaint")),
            now,
        )
        .map_err(|message| fail(ConfirmationField::CompletedAt, message))
        .ok();
        let mut ratings = [Rating::Satisfied; 4];
        for ((rating, chosen), aspect) in ratings.iter_mut().zip(self.ratings).zip(Aspect::ALL) {
            match chosen {
                Some(chosen) => *rating = chosen,
                None => fail(ConfirmationField::Rating(*aspect), "error-rating-missing"),
            }
        }
        let three_guarantees = if self.three_guarantees {
            let price = Fen::parse(&self.price).ok();
            if price.is_none() {
                fail(ConfirmationField::Price, "error-amount");
            }
            let sale_date = if self.sale_date.trim().is_empty() {
                fail(ConfirmationField::SaleDate, "error-required");
                None
            } else {
                super::date::past_date(&self.sale_date, now.date())
                    .map_err(|message| fail(ConfirmationField::SaleDate, message))
                    .ok()
            };
            price
                .zip(sale_date)
                .map(|(price, sale_date)| ThreeGuarantees {
                    remedy: if self.remedy_is_refund {
                        Remedy::Refund
                    } else {
                        Remedy::Exchange
                    },
                    price,
                    sale_date,
                    counterfeit_or_unmarked: self.counterfeit_or_unmarked,
                })
        } else {
            None
        };
        match completed_at {
            Some(completed_at) if errors.is_empty() => Ok(Confirmation {
                treatment: self.treatment,
                work_done,
                technicians,
                contact_person,
                cause_found,
                parts,
                service_category: self.service_category,
                costs,
                three_guarantees,
                ratings,
                comments,
                completed_at,
            }),
            _ => Err(errors),
        }
    }
}

/// The names of the technicians who did the work: at least one (the confirmation is signed by
/// its technician), at most [`MAX_TECHNICIANS`], each one line of at most
/// [`MAX_TECHNICIAN_NAME_CHARS`] characters.
fn checked_technicians(names: &[String]) -> Result<(), super::MessageKey> {
    if names.is_empty() {
        return Err("error-required");
    }
    if names.len() > MAX_TECHNICIANS {
        return Err("error-too-many-technicians");
    }
    for name in names {
        if name.chars().count() > MAX_TECHNICIAN_NAME_CHARS {
            return Err("error-technician-name-too-long");
        }
        checked_line(name, true)?;
    }
    Ok(())
}

/// An optional line of at most `max_chars` characters: the longest a short box of the form
/// holds ([`checked_line`] allows a whole line's 200).
fn checked_short_line(value: &str, max_chars: usize) -> Result<(), super::MessageKey> {
    if value.chars().count() > max_chars {
        return Err("error-short-line-too-long");
    }
    checked_line(value, false).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .unwrap()
            .and_hms_opt(hour, 0, 0)
            .unwrap()
    }

    fn part(name: &str, quantity: &str, unit_cost: &str) -> PartDraft {
        PartDraft {
            name: name.into(),
            quantity: quantity.into(),
            unit_cost: unit_cost.into(),
            old_part_returned: true,
            ..PartDraft::default()
        }
    }

    fn filled() -> ConfirmationDraft {
        ConfirmationDraft {
            work_done: "更换点火针和比例阀，试机正常。".into(),
            technicians: "王建国、刘强".into(),
            parts: vec![part("点火针", "2", "15.50"), part("比例阀", "1", "120")],
            cost_amounts: [
                "80".into(),
                String::new(),
                "30".into(),
                "0".into(),
                "0".into(),
            ],
            ratings: [Some(Rating::Satisfied); 4],
            ..ConfirmationDraft::new_confirmation(at(22, 16), NaiveDate::from_ymd_opt(2026, 11, 1))
        }
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| (*n).to_owned()).collect()
    }

    fn technicians_refusal(typed: &str) -> Vec<ConfirmationError> {
        let mut draft = filled();
        draft.technicians = typed.into();
        match draft.parse(at(20, 9), at(23, 9)) {
            Ok(_) => Vec::new(),
            Err(errors) => errors,
        }
    }

    #[test]
    fn a_draft_kept_before_packaging_was_asked_loads_with_packaging_empty_and_borne_by_the_company()
    {
        // As a program before schema 18 saved it: four amounts and four payers.
        let kept = r#"{"work_done":"更换比例阀","technicians":"王建国",
            "cost_amounts":["80","","30","15"],
            "cost_borne_by":["Dealer","Company","Customer","Dealer"],
            "parts":[{"name":"比例阀","quantity":"1","unit_cost":"120","old_part_returned":true}]}"#;
        let draft: ConfirmationDraft = serde_json::from_str(kept).expect("the old draft loads");
        assert_eq!(draft.cost_amounts, ["80", "", "30", "15", "0"]);
        assert_eq!(
            draft.cost_borne_by,
            [
                BorneBy::Dealer,
                BorneBy::Company,
                BorneBy::Customer,
                BorneBy::Dealer,
                BorneBy::Company
            ]
        );
        assert_eq!(draft.work_done, "更换比例阀");
        assert_eq!(draft.parts[0].faulty_serial, "");
        // Saved again, it reads back the same.
        let again: ConfirmationDraft =
            serde_json::from_str(&serde_json::to_string(&draft).unwrap()).unwrap();
        assert_eq!(again, draft);
        // One amount too many is a draft from a newer program: refused, as any malformed one.
        let newer = r#"{"cost_amounts":["1","2","3","4","5","6"]}"#;
        assert!(serde_json::from_str::<ConfirmationDraft>(newer).is_err());
    }

    #[test]
    fn no_rating_is_assumed_and_each_one_not_chosen_is_refused_by_its_aspect() {
        let mut draft = filled();
        draft.ratings = [Some(Rating::Fair), None, Some(Rating::Satisfied), None];
        let errors = draft.parse(at(20, 9), at(22, 16)).unwrap_err();
        assert_eq!(
            errors
                .iter()
                .map(|e| (e.field, e.message))
                .collect::<Vec<_>>(),
            [
                (
                    ConfirmationField::Rating(Aspect::Skill),
                    "error-rating-missing"
                ),
                (
                    ConfirmationField::Rating(Aspect::FollowThrough),
                    "error-rating-missing"
                ),
            ]
        );
        // A new form asks all four.
        assert_eq!(ConfirmationDraft::default().ratings, [None; 4]);
        // A draft kept when the form assumed "satisfied" holds plain values: read as chosen.
        let kept: ConfirmationDraft = serde_json::from_str(
            r#"{"ratings":["VerySatisfied","Satisfied","Fair","Dissatisfied"]}"#,
        )
        .unwrap();
        assert_eq!(
            kept.ratings,
            [
                Some(Rating::VerySatisfied),
                Some(Rating::Satisfied),
                Some(Rating::Fair),
                Some(Rating::Dissatisfied)
            ]
        );
    }

    #[test]
    fn packaging_is_a_cost_like_the_others_counted_in_the_total_and_borne_by_whom_the_form_says() {
        let mut draft = filled();
        draft.cost_amounts[4] = "12.50".into();
        draft.cost_borne_by[4] = BorneBy::Customer;
        let confirmation = draft.parse(at(20, 9), at(22, 16)).unwrap();
        assert_eq!(
            confirmation.costs[4],
            Cost {
                amount: Fen(1_250),
                borne_by: BorneBy::Customer
            }
        );
        // 80 labour + 151 parts + 30 travel + 0 transport + 12.50 packaging.
        assert_eq!(confirmation.total_cost(), Fen(27_350));
        draft.cost_amounts[4] = "十元".into();
        let errors = draft.parse(at(20, 9), at(22, 16)).unwrap_err();
        assert_eq!(
            errors.iter().map(|e| e.field).collect::<Vec<_>>(),
            [ConfirmationField::Cost(CostKind::Packaging)]
        );
    }

    #[test]
    fn a_parts_serials_are_kept_on_its_line_and_one_too_long_is_refused_on_that_line_only() {
        let mut draft = filled();
        draft.parts[1].faulty_serial = " PV2023118204 ".into();
        draft.parts[1].replacement_serial = "PV2026507331".into();
        let confirmation = draft.parse(at(20, 9), at(22, 16)).unwrap();
        assert_eq!(
            (
                confirmation.parts[0].faulty_serial.as_str(),
                confirmation.parts[1].faulty_serial.as_str(),
                confirmation.parts[1].replacement_serial.as_str()
            ),
            ("", "PV2023118204", "PV2026507331")
        );
        draft.parts[0].replacement_serial = "9".repeat(MAX_PART_SERIAL_CHARS + 1);
        let errors = draft.parse(at(20, 9), at(22, 16)).unwrap_err();
        assert_eq!(
            errors
                .iter()
                .map(|e| (e.field, e.message))
                .collect::<Vec<_>>(),
            [(
                ConfirmationField::PartReplacementSerial(0),
                "error-short-line-too-long"
            )]
        );
    }

    #[test]
    fn technicians_are_split_on_any_comma_and_kept_in_order() {
        assert_eq!(
            technician_names("王建国、刘强，李明,张伟"),
            names(&["王建国", "刘强", "李明", "张伟"])
        );
        assert_eq!(technician_names("刘强"), names(&["刘强"]));
        // A space is no separator: names in other scripts keep theirs.
        assert_eq!(
            technician_names("Maria Garcia, 王建国"),
            names(&["Maria Garcia", "王建国"])
        );
    }

    #[test]
    fn technicians_names_are_trimmed_and_empty_ones_dropped() {
        assert_eq!(
            technician_names(" 王建国 ，，、\u{3000}刘强\u{3000}, "),
            names(&["王建国", "刘强"])
        );
        assert_eq!(technician_names(" 、，, "), Vec::<String>::new());
        assert_eq!(technician_names(""), Vec::<String>::new());
    }

    #[test]
    fn a_technician_named_twice_is_kept_once_where_first_named() {
        assert_eq!(
            technician_names("刘强、王建国、刘强,王建国"),
            names(&["刘强", "王建国"])
        );
    }

    #[test]
    fn technicians_are_stored_joined_by_the_enumeration_comma_and_split_back() {
        let mut draft = filled();
        draft.technicians = " 王建国，刘强, 李明 ".into();
        let confirmation = draft.parse(at(20, 9), at(23, 9)).unwrap();
        assert_eq!(confirmation.technicians, names(&["王建国", "刘强", "李明"]));
        let joined = confirmation.technicians.join(TECHNICIAN_SEPARATOR);
        assert_eq!(joined, "王建国、刘强、李明");
        assert_eq!(technician_names(&joined), confirmation.technicians);
        assert_eq!(
            ConfirmationDraft::from_confirmation(&confirmation).technicians,
            joined
        );
    }

    #[test]
    fn a_confirmation_names_at_least_one_technician() {
        for typed in ["", "  ", "、，,"] {
            assert_eq!(
                technicians_refusal(typed),
                [ConfirmationError {
                    field: ConfirmationField::Technicians,
                    message: "error-required"
                }],
                "{typed:?}"
            );
        }
    }

    #[test]
    fn a_technicians_name_is_at_most_twenty_characters() {
        // Counted in characters: the last one is four bytes in UTF-8.
        let longest = format!("{}𡈼", "张".repeat(MAX_TECHNICIAN_NAME_CHARS - 1));
        assert_eq!(technicians_refusal(&format!("刘强、{longest}")), []);
        assert_eq!(
            technicians_refusal(&format!("刘强、{longest}张")),
            [ConfirmationError {
                field: ConfirmationField::Technicians,
                message: "error-technician-name-too-long"
            }]
        );
        assert_eq!(
            technicians_refusal("刘\u{7}强")[0].message,
            "error-control-characters"
        );
    }

    #[test]
    fn the_parts_cost_is_at_most_the_largest_amount_a_form_accepts() {
        let mut draft = filled();
        draft.parts = vec![part("主控板", "1000", "100000")];
        assert!(
            draft.parse(at(20, 9), at(23, 9)).is_ok(),
            "100 million yuan is allowed"
        );
        draft.parts[0].unit_cost = "100000.01".into();
        assert_eq!(
            draft.parse(at(20, 9), at(23, 9)),
            Err(vec![ConfirmationError {
                field: ConfirmationField::Parts,
                message: "error-parts-total-too-large",
            }])
        );
    }

    #[test]
    fn a_confirmation_names_at_most_ten_technicians() {
        let ten: Vec<String> = (1..=MAX_TECHNICIANS).map(|n| format!("技师{n}")).collect();
        assert_eq!(technicians_refusal(&ten.join("、")), []);
        // The same name again is still ten.
        assert_eq!(
            technicians_refusal(&format!("{}、技师1", ten.join("，"))),
            []
        );
        assert_eq!(
            technicians_refusal(&format!("{}、技师11", ten.join(","))),
            [ConfirmationError {
                field: ConfirmationField::Technicians,
                message: "error-too-many-technicians"
            }]
        );
    }

    #[test]
    fn the_parts_cost_is_the_sum_of_the_parts_table() {
        let confirmation = filled().parse(at(20, 9), at(23, 9)).unwrap();
        assert_eq!(confirmation.costs[1].amount, Fen(15_100)); // 2 × 15.50 + 120
        assert_eq!(confirmation.total_cost(), Fen(26_100)); // + 80 labour + 30 travel
        assert_eq!(filled().parts_total(), Fen(15_100));
    }

    #[test]
    fn a_complete_confirmation_round_trips_through_its_draft() {
        let mut draft = filled();
        draft.three_guarantees = true;
        draft.remedy_is_refund = true;
        draft.price = "2000".into();
        draft.ratings = [
            Some(Rating::VerySatisfied),
            Some(Rating::Satisfied),
            Some(Rating::Fair),
            Some(Rating::Dissatisfied),
        ];
        let confirmation = draft.parse(at(20, 9), at(23, 9)).unwrap();
        assert_eq!(
            ConfirmationDraft::from_confirmation(&confirmation).parse(at(20, 9), at(23, 9)),
            Ok(confirmation)
        );
    }

    #[test]
    fn the_settlement_counts_days_from_sale_to_completion() {
        let mut draft = filled();
        draft.three_guarantees = true;
        draft.price = "2000".into();
        let confirmation = draft.parse(at(20, 9), at(23, 9)).unwrap();
        let settlement = confirmation
            .settlement(DepreciationRates::default())
            .unwrap();
        assert_eq!(settlement.days_in_use, 21); // 1 → 22 November
        assert_eq!(settlement.charge, Fen(12_600)); // 2000 × 0.3 % × 21 exchange
    }

    #[test]
    fn bad_part_rows_are_refused_row_by_row() {
        let mut draft = filled();
        draft.parts.push(part("", "0", "x"));
        let errors = draft.parse(at(20, 9), at(23, 9)).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                ConfirmationField::PartName(2),
                ConfirmationField::PartQuantity(2),
                ConfirmationField::PartUnitCost(2)
            ]
        );
    }

    #[test]
    fn completion_lies_between_the_complaint_and_now() {
        assert_eq!(
            filled().parse(at(22, 17), at(23, 9)).unwrap_err()[0].message,
            "error-completion-before-complaint"
        );
        assert_eq!(
            filled().parse(at(20, 9), at(22, 15)).unwrap_err()[0].message,
            "error-date-in-future"
        );
    }

    #[test]
    fn the_three_guarantees_need_a_price_and_a_sale_date() {
        let mut draft = filled();
        draft.three_guarantees = true;
        draft.sale_date = "2026-02-30".into();
        let fields: Vec<_> = draft
            .parse(at(20, 9), at(23, 9))
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [ConfirmationField::Price, ConfirmationField::SaleDate]
        );
    }

    #[test]
    fn an_exchange_or_refund_without_a_sale_date_says_it_is_required() {
        let mut draft = filled();
        draft.three_guarantees = true;
        draft.price = "2000".into();
        draft.sale_date = "  ".into();
        assert_eq!(
            draft.parse(at(20, 9), at(23, 9)).unwrap_err(),
            [ConfirmationError {
                field: ConfirmationField::SaleDate,
                message: "error-required"
            }]
        );
    }
}

//! The settings: what is printed on forms (the letterhead), the numbers behind the rules (the
//! clocks, the depreciation, retention, warranty months by category), and this copy's unit.
//! One typed value; the draft the settings screen edits, and its parse, live here too.

use super::MessageKey;
use super::case_life::{Limits, Region};
use super::company::{MAX_ADDRESS_CHARS, parse_company_phone};
use super::numbering::parse_prefix;
use super::three_guarantees::{DepreciationRates, format_rate_percent, parse_rate_percent};
use super::unit::{DueDays, Unit, UnitDraft, UnitField, UnitLevel};
use super::warranty_card::{MAX_LINE_CHARS, MAX_WARRANTY_MONTHS};

/// The settings the program keeps in the database, with their defaults.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Printed at the top of every form, with the address, phone and fax below it (the logo
    /// is kept apart: [`Store::company_logo`]).
    pub company_name: String,
    pub company_address: String,
    /// Canonical form ([`super::company::parse_company_phone`]); empty when not given.
    pub company_phone: String,
    pub company_fax: String,
    /// Prefix of warranty card registration numbers (WC-2026-000042).
    pub card_prefix: String,
    /// Prefix of complaint numbers (CC-2026-11-0042).
    pub complaint_prefix: String,
    /// This office: its code (empty until set; every record made here carries it), its name,
    /// its level (dealer, region or headquarters) and, for a dealer, its region's code.
    pub unit_code: String,
    pub unit_name: String,
    #[serde(with = "level_code")]
    pub unit_level: UnitLevel,
    pub unit_region: String,
    /// Three-guarantees depreciation per day of use (kept as its two rates).
    #[serde(flatten)]
    pub depreciation: DepreciationRates,
    /// The warranty length a new card starts with.
    pub default_warranty_months: u32,
    /// Warranty months per product category (DOMAIN.md: "warranty period (by product
    /// category)"); a new card of a listed category starts with its months.
    pub category_warranty_months: Vec<(String, u32)>,
    /// Days the feedback form may take to come back before the warranty is waived.
    pub feedback_grace_days: u32,
    /// Years the report photos (of acceptance and installation certificates) are kept; 0 keeps
    /// them permanently. DOMAIN.md: two years.
    pub retention_photo_years: u32,
    /// Years a warranty card is kept after its warranty ends; 0 keeps cards permanently.
    pub retention_card_years: u32,
    /// The clocks of a case's life (DOMAIN.md defaults: 24 h, 48 h, 24/48/72 h, 3 days).
    pub respond_hours: u32,
    pub escalate_hours: u32,
    pub on_site_home_hours: u32,
    pub on_site_other_hours: u32,
    pub on_site_remote_hours: u32,
    pub return_visit_days: u32,
    /// Resolve within this many working days of receipt (a seed: 3).
    pub resolve_working_days: u32,
    /// The monthly report lists for the quality department the product models and causes
    /// seen this many times or more in its period (3).
    pub repeated_problem_threshold: u32,
    /// Bulk repairs: units repaired a day (10 within 1 day, 20 within 2, …).
    pub repairs_per_day: u32,
    /// The day of the following month by which a dealer's monthly file is due (DOMAIN.md: 5),
    /// and a region's (8).
    pub dealer_due_day: u32,
    pub region_due_day: u32,
    /// The company's province (on-site within 24 h there).
    pub home_province: String,
    /// Remote regions, comma-separated (on-site within 72 h there).
    pub remote_provinces: String,
    /// The dealer or unit this copy of the program belongs to; new cards start with it.
    pub own_dealer: String,
    /// Where the automatic backups go: a folder on another disk, a USB drive or a network
    /// share, as a whole path; empty keeps them in `backups` beside the database.
    pub backup_folder: String,
    /// The interface language code ("zh-CN" or "en").
    pub language: String,
    /// How the window looks.
    pub appearance: Appearance,
    /// How large the window draws everything, text and boxes alike.
    pub text_size: TextSize,
}

/// How large the window draws everything, in percent of the normal size: one of
/// [`TextSize::ALL`], stepped through with Ctrl+= and Ctrl+- and remembered (the settings row
/// "text_size"). A stored value not among them reads as the normal size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "u16", into = "u16")]
pub struct TextSize(u16);

impl TextSize {
    pub const ALL: [TextSize; 8] = [
        TextSize(80),
        TextSize(90),
        TextSize(100),
        TextSize(110),
        TextSize(125),
        TextSize(150),
        TextSize(175),
        TextSize(200),
    ];
    pub const NORMAL: TextSize = TextSize(100);

    pub fn percent(self) -> u16 {
        self.0
    }

    /// The window's zoom factor.
    pub fn factor(self) -> f32 {
        f32::from(self.0) / 100.0
    }

    /// The next size up, or this one at the largest.
    pub fn larger(self) -> TextSize {
        TextSize::ALL
            .into_iter()
            .find(|size| size.0 > self.0)
            .unwrap_or(self)
    }

    /// The next size down, or this one at the smallest.
    pub fn smaller(self) -> TextSize {
        TextSize::ALL
            .into_iter()
            .rev()
            .find(|size| size.0 < self.0)
            .unwrap_or(self)
    }
}

impl Default for TextSize {
    fn default() -> Self {
        TextSize::NORMAL
    }
}

impl TryFrom<u16> for TextSize {
    type Error = String;

    fn try_from(percent: u16) -> Result<Self, Self::Error> {
        TextSize::ALL
            .into_iter()
            .find(|size| size.0 == percent)
            .ok_or_else(|| format!("{percent} % is not a text size"))
    }
}

impl From<TextSize> for u16 {
    fn from(size: TextSize) -> u16 {
        size.0
    }
}

/// How the window looks: as the system says (light where it says nothing, like the paper the
/// forms fill), or always light, or always dark.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Appearance {
    #[default]
    System,
    Light,
    Dark,
}

impl Appearance {
    pub const ALL: [Appearance; 3] = [Appearance::System, Appearance::Light, Appearance::Dark];

    /// How it is stored (the settings row "appearance").
    pub fn code(self) -> &'static str {
        match self {
            Appearance::System => "system",
            Appearance::Light => "light",
            Appearance::Dark => "dark",
        }
    }

    pub fn message_key(self) -> MessageKey {
        match self {
            Appearance::System => "appearance-system",
            Appearance::Light => "appearance-light",
            Appearance::Dark => "appearance-dark",
        }
    }
}

impl Settings {
    /// The clocks' limits these settings set.
    pub fn limits(&self) -> Limits {
        let wide = i64::from;
        Limits {
            respond_hours: wide(self.respond_hours),
            escalate_hours: wide(self.escalate_hours),
            on_site_home_hours: wide(self.on_site_home_hours),
            on_site_other_hours: wide(self.on_site_other_hours),
            on_site_remote_hours: wide(self.on_site_remote_hours),
            return_visit_days: wide(self.return_visit_days),
            resolve_working_days: wide(self.resolve_working_days),
            repairs_per_day: self.repairs_per_day,
        }
    }

    /// This office, once its code is set.
    pub fn unit(&self) -> Option<Unit> {
        (!self.unit_code.is_empty()).then(|| Unit {
            code: self.unit_code.clone(),
            name: self.unit_name.clone(),
            level: self.unit_level,
            region: self.unit_region.clone(),
        })
    }

    /// When monthly files are due.
    pub fn due_days(&self) -> DueDays {
        DueDays {
            dealer: self.dealer_due_day,
            region: self.region_due_day,
        }
    }

    /// The warranty months a new card starts with, by product category.
    pub fn warranty_periods(&self) -> super::warranty_card::WarrantyPeriods {
        super::warranty_card::WarrantyPeriods {
            default_months: self.default_warranty_months,
            by_category: self.category_warranty_months.clone(),
        }
    }

    /// The letterhead these settings describe, with the stored logo (if any).
    pub fn company_profile(&self, logo: Option<Vec<u8>>) -> super::company::CompanyProfile {
        super::company::CompanyProfile {
            name: self.company_name.clone(),
            address: self.company_address.clone(),
            phone: self.company_phone.clone(),
            fax: self.company_fax.clone(),
            logo,
            office: self.unit_code.trim().to_owned(),
        }
    }

    /// The home province and remote regions these settings name.
    pub fn region(&self) -> Region {
        Region {
            home_province: self.home_province.trim().to_owned(),
            remote_provinces: self
                .remote_provinces
                .split([',', '，', '、', ';'])
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect(),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        // The clocks' defaults are the rulebook's, kept in one place.
        let super::case_life::Limits {
            respond_hours,
            escalate_hours,
            on_site_home_hours,
            on_site_other_hours,
            on_site_remote_hours,
            return_visit_days,
            resolve_working_days,
            repairs_per_day,
        } = super::case_life::Limits::default();
        // The rulebook's numbers are small and positive.
        let narrow = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
        Settings {
            company_name: String::new(),
            company_address: String::new(),
            company_phone: String::new(),
            company_fax: String::new(),
            card_prefix: "WC".to_owned(),
            complaint_prefix: "CC".to_owned(),
            unit_code: String::new(),
            unit_name: String::new(),
            unit_level: UnitLevel::Dealer,
            unit_region: String::new(),
            depreciation: Default::default(),
            default_warranty_months: 12,
            category_warranty_months: Vec::new(),
            feedback_grace_days: 30,
            retention_photo_years: 2,
            retention_card_years: 0,
            respond_hours: narrow(respond_hours),
            escalate_hours: narrow(escalate_hours),
            on_site_home_hours: narrow(on_site_home_hours),
            on_site_other_hours: narrow(on_site_other_hours),
            on_site_remote_hours: narrow(on_site_remote_hours),
            return_visit_days: narrow(return_visit_days),
            resolve_working_days: narrow(resolve_working_days),
            repeated_problem_threshold: 3,
            repairs_per_day,
            dealer_due_day: DueDays::default().dealer,
            region_due_day: DueDays::default().region,
            home_province: String::new(),
            remote_provinces: "西藏自治区,新疆维吾尔自治区,青海省".to_owned(),
            own_dealer: String::new(),
            backup_folder: String::new(),
            language: "zh-CN".to_owned(),
            appearance: Appearance::System,
            text_size: TextSize::NORMAL,
        }
    }
}

/// The settings as typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsDraft {
    pub company_name: String,
    pub company_address: String,
    pub company_phone: String,
    pub company_fax: String,
    pub own_dealer: String,
    pub card_prefix: String,
    pub complaint_prefix: String,
    pub unit_code: String,
    pub unit_name: String,
    pub unit_level: UnitLevel,
    pub unit_region: String,
    /// Depreciation per day, in percent as typed ("0.3").
    pub exchange_rate: String,
    pub refund_rate: String,
    pub default_warranty_months: String,
    /// Product category and warranty months, one row each, as typed.
    pub category_months: Vec<(String, String)>,
    pub feedback_grace_days: String,
    pub retention_photo_years: String,
    pub retention_card_years: String,
    pub respond_hours: String,
    pub escalate_hours: String,
    pub on_site_home_hours: String,
    pub on_site_other_hours: String,
    pub on_site_remote_hours: String,
    pub return_visit_days: String,
    pub resolve_working_days: String,
    pub repeated_problem_threshold: String,
    pub repairs_per_day: String,
    pub dealer_due_day: String,
    pub region_due_day: String,
    pub home_province: String,
    pub remote_provinces: String,
    pub backup_folder: String,
}

/// A settings field that was refused, with its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingsField {
    CompanyName,
    CompanyAddress,
    CompanyPhone,
    CompanyFax,
    OwnDealer,
    CardPrefix,
    ComplaintPrefix,
    ExchangeRate,
    RefundRate,
    DefaultWarrantyMonths,
    FeedbackGraceDays,
    RetentionPhotoYears,
    RetentionCardYears,
    RespondHours,
    EscalateHours,
    OnSiteHomeHours,
    OnSiteOtherHours,
    OnSiteRemoteHours,
    ReturnVisitDays,
    ResolveWorkingDays,
    RepeatedProblemThreshold,
    RepairsPerDay,
    DealerDueDay,
    RegionDueDay,
    UnitCode,
    UnitName,
    UnitRegion,
    HomeProvince,
    RemoteProvinces,
    BackupFolder,
    /// The category, or the months, of row `n` of the warranty-by-category table.
    Category(usize),
    CategoryMonths(usize),
}

/// The folder the automatic backups go to, as typed: empty (beside the database), or the whole
/// path of a folder (`D:\备份`, `/media/usb/backups`, `\\server\share\backups`), which need
/// not be there now (a USB drive plugged in later): a backup that cannot be written says so,
/// and the dashboard warns after seven days without one.
pub fn parse_backup_folder(text: &str) -> Result<String, MessageKey> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    if text.chars().count() > 500 {
        return Err("error-too-long");
    }
    let whole = std::path::Path::new(text).is_absolute() || text.starts_with("\\\\");
    if !whole || text.chars().any(char::is_control) {
        return Err("error-backup-folder");
    }
    Ok(text.to_owned())
}

/// Backups stop being recent after this many days without one: the dashboard says so.
pub const BACKUP_OVERDUE_DAYS: i64 = 7;

/// The automatic backups' record: when the last one was written and where, and since when
/// they have failed, if they have since.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BackupStanding {
    pub last: Option<(chrono::NaiveDateTime, String)>,
    pub failing_since: Option<chrono::NaiveDateTime>,
}

impl BackupStanding {
    /// How many whole days have passed without a backup, once more than
    /// [`BACKUP_OVERDUE_DAYS`] have: since the last one, or since they began failing when
    /// none was ever written. `None` while backups are recent, or before any was tried.
    pub fn overdue(&self, now: chrono::NaiveDateTime) -> Option<i64> {
        let since = self
            .last
            .as_ref()
            .map(|(at, _)| *at)
            .or(self.failing_since)?;
        let days = (now - since).num_days();
        (days >= BACKUP_OVERDUE_DAYS).then_some(days)
    }
}

impl SettingsDraft {
    pub fn from_settings(settings: &Settings) -> SettingsDraft {
        let Settings {
            company_name,
            company_address,
            company_phone,
            company_fax,
            card_prefix,
            complaint_prefix,
            unit_code,
            unit_name,
            unit_level,
            unit_region,
            depreciation,
            default_warranty_months,
            category_warranty_months,
            feedback_grace_days,
            retention_photo_years,
            retention_card_years,
            respond_hours,
            escalate_hours,
            on_site_home_hours,
            on_site_other_hours,
            on_site_remote_hours,
            return_visit_days,
            resolve_working_days,
            repeated_problem_threshold,
            repairs_per_day,
            dealer_due_day,
            region_due_day,
            home_province,
            remote_provinces,
            own_dealer,
            backup_folder,
            language: _,   // switched in the top bar
            appearance: _, // switched at once, above the settings
            text_size: _,  // likewise
        } = settings;
        SettingsDraft {
            company_name: company_name.clone(),
            company_address: company_address.clone(),
            company_phone: company_phone.clone(),
            company_fax: company_fax.clone(),
            own_dealer: own_dealer.clone(),
            card_prefix: card_prefix.clone(),
            complaint_prefix: complaint_prefix.clone(),
            unit_code: unit_code.clone(),
            unit_name: unit_name.clone(),
            unit_level: *unit_level,
            unit_region: unit_region.clone(),
            exchange_rate: format_rate_percent(depreciation.exchange_bp_per_day),
            refund_rate: format_rate_percent(depreciation.refund_bp_per_day),
            default_warranty_months: default_warranty_months.to_string(),
            category_months: category_warranty_months
                .iter()
                .map(|(category, months)| (category.clone(), months.to_string()))
                .collect(),
            feedback_grace_days: feedback_grace_days.to_string(),
            retention_photo_years: retention_photo_years.to_string(),
            retention_card_years: retention_card_years.to_string(),
            respond_hours: respond_hours.to_string(),
            escalate_hours: escalate_hours.to_string(),
            on_site_home_hours: on_site_home_hours.to_string(),
            on_site_other_hours: on_site_other_hours.to_string(),
            on_site_remote_hours: on_site_remote_hours.to_string(),
            return_visit_days: return_visit_days.to_string(),
            resolve_working_days: resolve_working_days.to_string(),
            repeated_problem_threshold: repeated_problem_threshold.to_string(),
            repairs_per_day: repairs_per_day.to_string(),
            dealer_due_day: dealer_due_day.to_string(),
            region_due_day: region_due_day.to_string(),
            home_province: home_province.clone(),
            remote_provinces: remote_provinces.clone(),
            backup_folder: backup_folder.clone(),
        }
    }

    /// The settings this draft describes, keeping `current`'s language.
    pub fn parse(&self, current: &Settings) -> Result<Settings, Vec<(SettingsField, MessageKey)>> {
        let mut errors = Vec::new();
        let card_prefix = parse_prefix(&self.card_prefix).unwrap_or_else(|_| {
            errors.push((SettingsField::CardPrefix, "error-prefix"));
            String::new()
        });
        let complaint_prefix = parse_prefix(&self.complaint_prefix).unwrap_or_else(|_| {
            errors.push((SettingsField::ComplaintPrefix, "error-prefix"));
            String::new()
        });
        let exchange = parse_rate_percent(&self.exchange_rate);
        if exchange.is_none() {
            errors.push((SettingsField::ExchangeRate, "error-rate"));
        }
        let refund = parse_rate_percent(&self.refund_rate);
        if refund.is_none() {
            errors.push((SettingsField::RefundRate, "error-rate"));
        }
        let months = self
            .default_warranty_months
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=MAX_WARRANTY_MONTHS).contains(m));
        if months.is_none() {
            errors.push((
                SettingsField::DefaultWarrantyMonths,
                "error-warranty-months",
            ));
        }
        let grace = self
            .feedback_grace_days
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| *d <= 3650);
        if grace.is_none() {
            errors.push((SettingsField::FeedbackGraceDays, "error-grace-days"));
        }
        let mut years = |field, text: &str| {
            let years = text.trim().parse::<u32>().ok().filter(|y| *y <= 100);
            if years.is_none() {
                errors.push((field, "error-years"));
            }
            years.unwrap_or_default()
        };
        let retention_photo_years = years(
            SettingsField::RetentionPhotoYears,
            &self.retention_photo_years,
        );
        let retention_card_years = years(
            SettingsField::RetentionCardYears,
            &self.retention_card_years,
        );
        let mut whole = |field, text: &str, range: std::ops::RangeInclusive<u32>, message| {
            let value = text
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|v| range.contains(v));
            if value.is_none() {
                errors.push((field, message));
            }
            value.unwrap_or_default()
        };
        let respond_hours = whole(
            SettingsField::RespondHours,
            &self.respond_hours,
            1..=720,
            "error-hours",
        );
        let escalate_hours = whole(
            SettingsField::EscalateHours,
            &self.escalate_hours,
            1..=720,
            "error-hours",
        );
        let on_site_home_hours = whole(
            SettingsField::OnSiteHomeHours,
            &self.on_site_home_hours,
            1..=720,
            "error-hours",
        );
        let on_site_other_hours = whole(
            SettingsField::OnSiteOtherHours,
            &self.on_site_other_hours,
            1..=720,
            "error-hours",
        );
        let on_site_remote_hours = whole(
            SettingsField::OnSiteRemoteHours,
            &self.on_site_remote_hours,
            1..=720,
            "error-hours",
        );
        let return_visit_days = whole(
            SettingsField::ReturnVisitDays,
            &self.return_visit_days,
            1..=60,
            "error-days",
        );
        let resolve_working_days = whole(
            SettingsField::ResolveWorkingDays,
            &self.resolve_working_days,
            1..=60,
            "error-days",
        );
        let repeated_problem_threshold = whole(
            SettingsField::RepeatedProblemThreshold,
            &self.repeated_problem_threshold,
            2..=1000,
            "error-repeated-threshold",
        );
        let repairs_per_day = whole(
            SettingsField::RepairsPerDay,
            &self.repairs_per_day,
            1..=1000,
            "error-repairs-per-day",
        );
        let mut due_day = |field, text: &str| {
            let day = text
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|d| (1..=28).contains(d));
            if day.is_none() {
                errors.push((field, "error-due-day"));
            }
            day.unwrap_or_default()
        };
        let dealer_due_day = due_day(SettingsField::DealerDueDay, &self.dealer_due_day);
        let region_due_day = due_day(SettingsField::RegionDueDay, &self.region_due_day);
        let unit = self.parse_unit(&mut errors);
        let mut phone = |field, text: &str| {
            if text.trim().is_empty() {
                return String::new();
            }
            parse_company_phone(text).unwrap_or_else(|| {
                errors.push((field, "error-company-phone"));
                String::new()
            })
        };
        let company_phone = phone(SettingsField::CompanyPhone, &self.company_phone);
        let company_fax = phone(SettingsField::CompanyFax, &self.company_fax);
        if self.company_address.trim().chars().count() > MAX_ADDRESS_CHARS {
            errors.push((SettingsField::CompanyAddress, "error-too-long"));
        }
        let category_warranty_months = self.parse_category_months(&mut errors);
        let backup_folder = parse_backup_folder(&self.backup_folder).unwrap_or_else(|key| {
            errors.push((SettingsField::BackupFolder, key));
            String::new()
        });
        for (field, text) in [
            (SettingsField::CompanyName, &self.company_name),
            (SettingsField::OwnDealer, &self.own_dealer),
            (SettingsField::HomeProvince, &self.home_province),
            (SettingsField::RemoteProvinces, &self.remote_provinces),
        ] {
            if text.chars().count() > 200 {
                errors.push((field, "error-too-long"));
            }
        }
        match (months, grace) {
            (Some(default_warranty_months), Some(feedback_grace_days)) if errors.is_empty() => {
                Ok(Settings {
                    company_name: self.company_name.trim().to_owned(),
                    company_address: self.company_address.trim().to_owned(),
                    company_phone,
                    company_fax,
                    card_prefix,
                    complaint_prefix,
                    unit_code: unit.code,
                    unit_name: unit.name,
                    unit_level: unit.level,
                    unit_region: unit.region,
                    depreciation: DepreciationRates {
                        exchange_bp_per_day: exchange.unwrap_or_default(),
                        refund_bp_per_day: refund.unwrap_or_default(),
                    },
                    default_warranty_months,
                    category_warranty_months,
                    feedback_grace_days,
                    retention_photo_years,
                    retention_card_years,
                    respond_hours,
                    escalate_hours,
                    on_site_home_hours,
                    on_site_other_hours,
                    on_site_remote_hours,
                    return_visit_days,
                    resolve_working_days,
                    repeated_problem_threshold,
                    repairs_per_day,
                    dealer_due_day,
                    region_due_day,
                    home_province: self.home_province.trim().to_owned(),
                    remote_provinces: self.remote_provinces.trim().to_owned(),
                    own_dealer: self.own_dealer.trim().to_owned(),
                    backup_folder,
                    language: current.language.clone(),
                    appearance: current.appearance,
                    text_size: current.text_size,
                })
            }
            _ => Err(errors),
        }
    }

    /// This office as typed: all of it blank leaves the unit unset (only its level counts);
    /// otherwise a unit's rules ([`UnitDraft::parse`]).
    fn parse_unit(&self, errors: &mut Vec<(SettingsField, MessageKey)>) -> Unit {
        let draft = UnitDraft {
            code: self.unit_code.clone(),
            name: self.unit_name.clone(),
            level: self.unit_level,
            region: self.unit_region.clone(),
        };
        let blank = [&draft.code, &draft.name, &draft.region]
            .iter()
            .all(|text| text.trim().is_empty());
        if blank {
            return Unit {
                code: String::new(),
                name: String::new(),
                level: self.unit_level,
                region: String::new(),
            };
        }
        draft.parse().unwrap_or_else(|refused| {
            errors.extend(refused.into_iter().map(|e| {
                let field = match e.field {
                    UnitField::Code => SettingsField::UnitCode,
                    UnitField::Name => SettingsField::UnitName,
                    UnitField::Region => SettingsField::UnitRegion,
                };
                (field, e.message)
            }));
            Unit {
                code: String::new(),
                name: String::new(),
                level: self.unit_level,
                region: String::new(),
            }
        })
    }

    /// The warranty-by-category rows: blank rows are dropped; a category must be named once
    /// only, with 1–120 months.
    fn parse_category_months(
        &self,
        errors: &mut Vec<(SettingsField, MessageKey)>,
    ) -> Vec<(String, u32)> {
        let mut parsed: Vec<(String, u32)> = Vec::new();
        for (row, (category, months)) in self.category_months.iter().enumerate() {
            let (category, months) = (category.trim(), months.trim());
            if category.is_empty() && months.is_empty() {
                continue;
            }
            let same =
                |(listed, _): &(String, u32)| listed.to_lowercase() == category.to_lowercase();
            if category.is_empty() {
                errors.push((SettingsField::Category(row), "error-required"));
            } else if category.chars().count() > MAX_LINE_CHARS {
                errors.push((SettingsField::Category(row), "error-too-long"));
            } else if parsed.iter().any(same) {
                errors.push((SettingsField::Category(row), "error-category-duplicate"));
            }
            match months
                .parse::<u32>()
                .ok()
                .filter(|m| (1..=MAX_WARRANTY_MONTHS).contains(m))
            {
                Some(months) => parsed.push((category.to_owned(), months)),
                None => errors.push((SettingsField::CategoryMonths(row), "error-warranty-months")),
            }
        }
        parsed
    }
}

/// The unit's level is kept as its code ("dealer", "region", "hq"); the first two are what
/// earlier versions kept for a dealer or headquarters.
mod level_code {
    use super::UnitLevel;

    pub fn serialize<S: serde::Serializer>(level: &UnitLevel, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(level.code())
    }

    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<UnitLevel, D::Error> {
        let code: String = serde::Deserialize::deserialize(d)?;
        UnitLevel::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown unit level {code:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_folder_is_a_whole_path_or_empty() {
        assert_eq!(parse_backup_folder("  "), Ok(String::new()));
        let whole = std::env::temp_dir().join("售后备份");
        let typed = format!(" {} ", whole.display());
        assert_eq!(parse_backup_folder(&typed), Ok(whole.display().to_string()));
        assert_eq!(parse_backup_folder("backups"), Err("error-backup-folder"));
        assert_eq!(parse_backup_folder("./backups"), Err("error-backup-folder"));
        let with_newline = format!("{}\nx", whole.display());
        assert_eq!(
            parse_backup_folder(&with_newline),
            Err("error-backup-folder")
        );
        let long = format!("{}/{}", whole.display(), "长".repeat(600));
        assert_eq!(parse_backup_folder(&long), Err("error-too-long"));
        // A Windows share is a whole path on any system.
        assert!(parse_backup_folder("\\\\server\\share\\备份").is_ok());
    }

    #[test]
    fn backups_are_overdue_after_seven_days_without_one() {
        let at = |day: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 11, day)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap()
        };
        let never = BackupStanding::default();
        assert_eq!(never.overdue(at(30)), None, "none tried yet");
        let recent = BackupStanding {
            last: Some((at(1), "a.db".into())),
            failing_since: None,
        };
        assert_eq!(recent.overdue(at(7)), None, "six days");
        assert_eq!(recent.overdue(at(8)), Some(7), "seven days");
        // Failing since after the last backup: the last backup counts.
        let failing = BackupStanding {
            last: Some((at(1), "a.db".into())),
            failing_since: Some(at(5)),
        };
        assert_eq!(failing.overdue(at(9)), Some(8));
        // Never written, failing since: from the first failure.
        let never_written = BackupStanding {
            last: None,
            failing_since: Some(at(5)),
        };
        assert_eq!(never_written.overdue(at(11)), None);
        assert_eq!(never_written.overdue(at(12)), Some(7));
    }

    #[test]
    fn the_text_size_steps_up_and_down_through_its_sizes_and_stops_at_either_end() {
        assert_eq!(TextSize::NORMAL.larger(), TextSize(110));
        assert_eq!(TextSize::NORMAL.smaller(), TextSize(90));
        assert_eq!(TextSize(200).larger(), TextSize(200));
        assert_eq!(TextSize(80).smaller(), TextSize(80));
        let mut size = TextSize(80);
        for _ in 0..TextSize::ALL.len() {
            size = size.larger();
        }
        assert_eq!(size, TextSize(200));
    }

    #[test]
    fn a_stored_text_size_not_among_the_sizes_is_refused_so_the_setting_reads_normal() {
        assert_eq!(TextSize::try_from(125), Ok(TextSize(125)));
        assert!(TextSize::try_from(137).is_err());
        assert!(TextSize::try_from(0).is_err());
        let read: Result<Settings, _> = serde_json::from_str(r#"{"text_size": 5000}"#);
        assert!(read.is_err(), "the store then keeps the default");
    }
}

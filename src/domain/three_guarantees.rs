//! The "three guarantees" (三包: repair, replace, refund): what an exchange or a refund charges
//! the customer for the days the product was used.

use chrono::NaiveDate;

use super::money::Fen;

/// An exchange or a refund under the three guarantees (a repair charges no depreciation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remedy {
    Exchange,
    Refund,
}

/// Depreciation per day of use, in hundredths of a percent (basis points): 30 = 0.3 %.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct DepreciationRates {
    pub exchange_bp_per_day: u32,
    pub refund_bp_per_day: u32,
}

impl Default for DepreciationRates {
    /// The seeds' numbers: 0.3 % a day for an exchange, 0.5 % for a refund.
    fn default() -> Self {
        DepreciationRates {
            exchange_bp_per_day: 30,
            refund_bp_per_day: 50,
        }
    }
}

/// Reads a daily rate typed in percent (`0.3` or `0.3%`) as basis points (30); at most two
/// decimals and at most 100 %.
pub fn parse_rate_percent(text: &str) -> Option<u32> {
    let text = text.trim().trim_end_matches('%').trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty()
        || fraction.len() > 2
        || !whole
            .chars()
            .chain(fraction.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let fraction: u32 = format!("{fraction:0<2}").parse().ok()?;
    let bp = whole.checked_mul(100)?.checked_add(fraction)?;
    (bp <= 10_000).then_some(bp)
}

/// A rate in basis points written as a percentage: 30 → "0.30".
pub fn format_rate_percent(bp: u32) -> String {
    format!("{}.{:02}", bp / 100, bp % 100)
}

/// What the three guarantees work out to for one product.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settlement {
    /// Whole days from the sale to the day of the exchange or refund.
    pub days_in_use: u32,
    /// The depreciation the customer pays; never more than the price.
    pub charge: Fen,
    /// What the customer gets back (refund) or is credited (exchange): price − charge.
    pub credited: Fen,
}

/// Days in use counted from the sale date; a date before the sale counts as zero days.
pub fn days_in_use(sale_date: NaiveDate, on: NaiveDate) -> u32 {
    u32::try_from((on - sale_date).num_days()).unwrap_or(0)
}

/// The depreciation for `remedy` on a product sold for `price` on `sale_date`, settled `on`.
/// Counterfeit or unmarked goods are taken back without charge.
pub fn settle(
    remedy: Remedy,
    price: Fen,
    sale_date: NaiveDate,
    on: NaiveDate,
    rates: DepreciationRates,
    counterfeit_or_unmarked: bool,
) -> Settlement {
    let days = days_in_use(sale_date, on);
    let rate = match remedy {
        Remedy::Exchange => rates.exchange_bp_per_day,
        Remedy::Refund => rates.refund_bp_per_day,
    };
    let charge = if counterfeit_or_unmarked {
        Fen(0)
    } else {
        price
            .scaled(i64::from(days) * i64::from(rate), 10_000)
            .min(price)
    };
    Settlement {
        days_in_use: days,
        charge,
        credited: price - charge,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn exchange_charges_three_tenths_of_a_percent_per_day_of_use() {
        let s = settle(
            Remedy::Exchange,
            Fen(200_000),
            ymd(2026, 11, 1),
            ymd(2026, 11, 11),
            DepreciationRates::default(),
            false,
        );
        assert_eq!(s.days_in_use, 10);
        assert_eq!(s.charge, Fen(6_000)); // 2000 yuan × 0.3 % × 10 = 60 yuan
        assert_eq!(s.credited, Fen(194_000));
    }

    #[test]
    fn refund_charges_half_a_percent_per_day_of_use() {
        let s = settle(
            Remedy::Refund,
            Fen(200_000),
            ymd(2026, 11, 1),
            ymd(2026, 11, 11),
            DepreciationRates::default(),
            false,
        );
        assert_eq!(s.charge, Fen(10_000)); // 2000 yuan × 0.5 % × 10 = 100 yuan
    }

    #[test]
    fn days_in_use_count_from_the_sale_date_across_month_and_year_ends() {
        assert_eq!(days_in_use(ymd(2025, 12, 31), ymd(2026, 1, 1)), 1);
        assert_eq!(days_in_use(ymd(2024, 2, 28), ymd(2024, 3, 1)), 2);
        assert_eq!(days_in_use(ymd(2026, 11, 11), ymd(2026, 11, 11)), 0);
        assert_eq!(
            days_in_use(ymd(2026, 11, 12), ymd(2026, 11, 11)),
            0,
            "before the sale"
        );
    }

    #[test]
    fn depreciation_never_exceeds_the_price() {
        let s = settle(
            Remedy::Refund,
            Fen(100_000),
            ymd(2020, 1, 1),
            ymd(2026, 1, 1),
            DepreciationRates::default(),
            false,
        );
        assert_eq!(s.charge, Fen(100_000));
        assert_eq!(s.credited, Fen(0));
    }

    #[test]
    fn counterfeit_or_unmarked_goods_are_taken_back_without_charge() {
        let s = settle(
            Remedy::Refund,
            Fen(100_000),
            ymd(2026, 1, 1),
            ymd(2026, 3, 1),
            DepreciationRates::default(),
            true,
        );
        assert_eq!(s.charge, Fen(0));
        assert_eq!(s.credited, Fen(100_000));
    }

    #[test]
    fn rates_are_typed_in_percent_per_day() {
        assert_eq!(parse_rate_percent("0.3"), Some(30));
        assert_eq!(parse_rate_percent("0.5%"), Some(50));
        assert_eq!(parse_rate_percent("1"), Some(100));
        assert_eq!(parse_rate_percent("0.05"), Some(5));
        for bad in ["", "-1", "0.333", "abc", "101"] {
            assert_eq!(parse_rate_percent(bad), None, "{bad:?}");
        }
        assert_eq!(format_rate_percent(30), "0.30");
    }

    #[test]
    fn depreciation_rates_are_settings() {
        let rates = DepreciationRates {
            exchange_bp_per_day: 10,
            refund_bp_per_day: 20,
        };
        let s = settle(
            Remedy::Exchange,
            Fen(100_000),
            ymd(2026, 1, 1),
            ymd(2026, 1, 11),
            rates,
            false,
        );
        assert_eq!(s.charge, Fen(1_000));
    }
}

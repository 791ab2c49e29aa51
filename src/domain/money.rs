//! Money in yuan, kept as whole fen (分) so sums never drift.

use std::fmt;

/// An amount of money in fen (1 yuan = 100 fen). Negative amounts are not used on forms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fen(pub i64);

/// Why a typed amount was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidAmount;

/// The largest amount a form accepts: 100 million yuan.
pub const MAX_FEN: i64 = 100_000_000 * 100;

impl Fen {
    /// Reads `1234`, `1234.5`, `1,234.56`, `¥1234.56` or `1234.56元`; at most two decimals.
    pub fn parse(text: &str) -> Result<Fen, InvalidAmount> {
        let text = text
            .trim()
            .trim_start_matches(['¥', '￥'])
            .trim_end_matches('元')
            .trim()
            .replace(',', "");
        if text.is_empty() {
            return Err(InvalidAmount);
        }
        let (yuan, fen) = match text.split_once('.') {
            Some((yuan, fen)) => (yuan, fen),
            None => (text.as_str(), ""),
        };
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if yuan.is_empty() || !digits(yuan) || !digits(fen) || fen.len() > 2 || yuan.len() > 12 {
            return Err(InvalidAmount);
        }
        let yuan: i64 = yuan.parse().map_err(|_| InvalidAmount)?;
        let fen: i64 = match fen.len() {
            0 => 0,
            1 => fen.parse::<i64>().map_err(|_| InvalidAmount)? * 10,
            _ => fen.parse().map_err(|_| InvalidAmount)?,
        };
        let total = yuan
            .checked_mul(100)
            .and_then(|y| y.checked_add(fen))
            .ok_or(InvalidAmount)?;
        if total > MAX_FEN {
            return Err(InvalidAmount);
        }
        Ok(Fen(total))
    }

    /// `fen × numerator / denominator`, rounded half away from zero.
    pub fn scaled(self, numerator: i64, denominator: i64) -> Fen {
        let product = i128::from(self.0) * i128::from(numerator);
        let denominator = i128::from(denominator.max(1));
        let rounded = (2 * product + denominator) / (2 * denominator);
        Fen(rounded as i64)
    }
}

impl fmt::Display for Fen {
    /// `1234.50`: yuan with two decimals, as printed on forms.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl std::ops::Add for Fen {
    type Output = Fen;
    fn add(self, other: Fen) -> Fen {
        Fen(self.0.saturating_add(other.0))
    }
}

impl std::ops::Sub for Fen {
    type Output = Fen;
    fn sub(self, other: Fen) -> Fen {
        Fen(self.0.saturating_sub(other.0))
    }
}

impl std::iter::Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        iter.fold(Fen(0), |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_in_yuan_with_up_to_two_decimals() {
        assert_eq!(Fen::parse("1234"), Ok(Fen(123_400)));
        assert_eq!(Fen::parse("1234.5"), Ok(Fen(123_450)));
        assert_eq!(Fen::parse(" ¥1,234.56 "), Ok(Fen(123_456)));
        assert_eq!(Fen::parse("88元"), Ok(Fen(8_800)));
        for bad in ["", "-5", "1.234", "abc", "1e3", ".5", "999999999999999"] {
            assert_eq!(Fen::parse(bad), Err(InvalidAmount), "{bad:?}");
        }
    }

    #[test]
    fn amounts_print_with_two_decimals() {
        assert_eq!(Fen(123_450).to_string(), "1234.50");
        assert_eq!(Fen(5).to_string(), "0.05");
    }

    #[test]
    fn scaling_rounds_half_away_from_zero() {
        assert_eq!(Fen(1).scaled(1, 2), Fen(1));
        assert_eq!(Fen(100).scaled(3, 1000), Fen(0));
        assert_eq!(Fen(1000).scaled(3, 1000), Fen(3));
        assert_eq!(Fen(1500).scaled(3, 1000), Fen(5)); // 4.5 → 5
    }
}

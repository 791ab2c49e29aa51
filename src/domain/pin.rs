//! An operator's PIN: a short number a clerk may set so that nobody else at a shared desk
//! switches in under their name. Only a salted Argon2id hash of it is kept (its PHC string:
//! algorithm, parameters, salt and hash in one text).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use super::MessageKey;

/// A PIN is 4 to 8 digits: typed quickly at a counter, hard to guess in a few tries.
pub const PIN_DIGITS: std::ops::RangeInclusive<usize> = 4..=8;

/// Whether `pin` may be set: 4 to 8 digits, nothing else.
pub fn checked_pin(pin: &str) -> Result<(), MessageKey> {
    if PIN_DIGITS.contains(&pin.chars().count()) && pin.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err("error-pin")
    }
}

/// The hash kept for `pin`, salted afresh: the same PIN set twice is kept as two different
/// texts. `None` only when the system gives no random salt.
pub fn hash_pin(pin: &str) -> Option<String> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).ok()?;
    let salt = SaltString::encode_b64(&salt).ok()?;
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .ok()
        .map(|hash| hash.to_string())
}

/// Whether `pin` is the one `kept` was made from. A kept text that is not a hash (damaged,
/// or typed into the file by hand) matches nothing.
pub fn pin_matches(pin: &str, kept: &str) -> bool {
    PasswordHash::new(kept).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &hash)
            .is_ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_four_to_eight_digits() {
        for good in ["1234", "00000000", "9876543"] {
            assert_eq!(checked_pin(good), Ok(()), "{good}");
        }
        for bad in ["", "123", "123456789", "12a4", "１２３４", "12 34"] {
            assert_eq!(checked_pin(bad), Err("error-pin"), "{bad:?}");
        }
    }

    #[test]
    fn a_pin_is_kept_only_as_a_salted_hash_that_it_alone_matches() {
        let kept = hash_pin("2468").unwrap();
        assert!(kept.starts_with("$argon2id$"), "{kept}");
        assert!(!kept.contains("2468"));
        assert!(pin_matches("2468", &kept));
        assert!(!pin_matches("2469", &kept));
        assert!(!pin_matches("", &kept));
        // Salted: the same PIN set again is kept differently, and matches too.
        let again = hash_pin("2468").unwrap();
        assert_ne!(kept, again);
        assert!(pin_matches("2468", &again));
    }

    #[test]
    fn a_damaged_kept_hash_matches_no_pin() {
        for damaged in [
            "",
            "2468",
            "$argon2id$v=19$m=19456,t=2,p=1$broken",
            "$md5$x",
        ] {
            assert!(!pin_matches("2468", damaged), "{damaged:?}");
        }
    }
}

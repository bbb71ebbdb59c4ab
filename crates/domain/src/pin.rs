//! PINs (issue 14): the rules on a PIN's form and the argon2 hashing. Pure: the salt comes from the
//! caller (the store has the random source), so the same input always gives the same hash.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Shortest and longest PIN accepted.
pub const PIN_LEN: (usize, usize) = (4, 32);

/// Wrong PINs within [`LOCK_WINDOW_MINUTES`] that lock the PIN.
pub const LOCK_AFTER: usize = 5;
/// The window in which wrong PINs are counted.
pub const LOCK_WINDOW_MINUTES: i64 = 10;
/// How long a locked PIN stays locked.
pub const LOCK_MINUTES: i64 = 10;

/// Why a PIN is not acceptable as a new PIN: `None` when it is.
pub fn pin_problem(pin: &str) -> Option<&'static str> {
    let n = pin.chars().count();
    if n < PIN_LEN.0 || n > PIN_LEN.1 {
        return Some("a PIN has 4 to 32 characters");
    }
    if pin.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("a PIN has no spaces or control characters");
    }
    None
}

/// Why a PIN could not be hashed (argon2's own error, worded as argon2 words it).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HashError(argon2::password_hash::Error);

/// The argon2id hash (PHC string) of `pin` with `salt` (16 random bytes).
pub fn hash_pin(pin: &str, salt: &[u8; 16]) -> Result<String, HashError> {
    let salt = SaltString::encode_b64(salt).map_err(HashError)?;
    Argon2::default().hash_password(pin.as_bytes(), &salt).map(|h| h.to_string()).map_err(HashError)
}

/// Whether `pin` matches the stored hash (an unreadable hash matches nothing).
pub fn verify_pin(pin: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(h) => Argon2::default().verify_password(pin.as_bytes(), &h).is_ok(),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_verifies_the_right_pin_only() {
        let h = hash_pin("2468", &[7; 16]).expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_pin("2468", &h));
        assert!(!verify_pin("2469", &h));
        assert!(!verify_pin("2468", "not a hash"));
        assert!(pin_problem("12").is_some() && pin_problem("12 34").is_some() && pin_problem("1234").is_none());
    }
}

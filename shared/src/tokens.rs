//! Action tokens for e-mail links (a manager's decision, an unsubscribe): 256 random bits,
//! only their SHA-256 stored (`store::tokens`), bound to one purpose and one subject,
//! expiring, and consumed once by a conditional write.

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ApiResult};

/// A token as it travels in a link: 256 random bits, base64url.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainToken(pub String);

/// What is stored: the hash and the expiry; never the token itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRecord {
    pub hash: String,
    pub expires_at: DateTime<Utc>,
}

pub fn issue(now: DateTime<Utc>, ttl: Duration) -> ApiResult<(PlainToken, TokenRecord)> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::unexpected("random token", std::io::Error::other(e.to_string())))?;
    let plain = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash(&plain);
    Ok((PlainToken(plain), TokenRecord { hash, expires_at: now + ttl }))
}

/// SHA-256 of a token, hex: the key it is stored under.
pub fn hash(plain: &str) -> String {
    Sha256::digest(plain.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a string can be one of our tokens (43 base64url characters), before any lookup.
pub fn well_formed(plain: &str) -> bool {
    plain.len() == 43 && plain.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let now = Utc::now();
        let (a, ra) = issue(now, Duration::days(14)).unwrap();
        let (b, _) = issue(now, Duration::days(14)).unwrap();
        assert_ne!(a, b);
        assert!(well_formed(&a.0), "{}", a.0);
        assert_eq!(ra.hash, hash(&a.0));
        assert_eq!(ra.hash.len(), 64);
        assert!(!ra.hash.contains(&a.0));
        assert_eq!(ra.expires_at, now + Duration::days(14));
        assert!(!well_formed("abc"));
        assert!(!well_formed(&format!("{}!", &a.0[..42])));
    }
}

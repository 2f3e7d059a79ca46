//! Action tokens for e-mail links (a manager's decision, an unsubscribe): at least 128 random
//! bits, only their SHA-256 stored, bound to one purpose and one subject, expiring, and
//! consumed once by a conditional write.

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

/// The item that stores a token: only its hash (the key), its purpose, what it is bound to,
/// and its expiry (also the item's TTL).
pub fn item(record: &TokenRecord, purpose: &str, bound_to: &[(&str, &str)]) -> crate::store::Item {
    use crate::store::s;
    let mut item = crate::store::key(&crate::keys::token(&record.hash), crate::keys::TOKEN_SK);
    item.insert(crate::keys::ENTITY_TYPE.into(), s("ActionToken"));
    item.insert("purpose".into(), s(purpose));
    for (k, v) in bound_to {
        item.insert((*k).into(), s(*v));
    }
    item.insert(crate::keys::TTL.into(), aws_sdk_dynamodb::types::AttributeValue::N(record.expires_at.timestamp().to_string()));
    item
}

/// The transaction item that uses a token once: it fails if the token is gone or used.
pub fn consume(table: &str, hash: &str, now: DateTime<Utc>) -> ApiResult<aws_sdk_dynamodb::types::Update> {
    aws_sdk_dynamodb::types::Update::builder()
        .table_name(table)
        .set_key(Some(crate::store::key(&crate::keys::token(hash), crate::keys::TOKEN_SK)))
        .update_expression("SET used_at = :now")
        .condition_expression("attribute_exists(PK) AND attribute_not_exists(used_at)")
        .expression_attribute_values(":now", crate::store::s(crate::keys::timestamp(now)))
        .build()
        .map_err(|e| ApiError::unexpected("build update", e))
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

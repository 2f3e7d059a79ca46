//! Addresses SES reported as undeliverable (a permanent bounce) or complaining: the outbox
//! never sends to them again.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ApiResult;
use crate::keys;
use crate::store::{self, Store};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suppressed {
    pub email: String,
    /// `bounce` or `complaint`.
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// Records an address as undeliverable (again: the latest reason wins).
pub async fn suppress(store: &Store, s: &Suppressed) -> ApiResult<()> {
    let item = store::item("SuppressedAddress", &keys::suppressed(&s.email), keys::SUPPRESSED_SK, s)?;
    store.put("PutItem suppressed address", item).await
}

/// Which of these addresses (lowercase) are suppressed: strongly consistent BatchGetItems of
/// 100 keys, what DynamoDB leaves unprocessed asked again.
pub async fn among(store: &Store, addresses: &[String]) -> ApiResult<BTreeSet<String>> {
    use aws_sdk_dynamodb::types::KeysAndAttributes;
    let unique: Vec<String> = addresses.iter().map(|a| a.to_lowercase()).collect::<BTreeSet<_>>().into_iter().collect();
    let mut out = BTreeSet::new();
    for chunk in unique.chunks(100) {
        let mut keys: Vec<store::Item> = chunk.iter().map(|a| store::key(&keys::suppressed(a), keys::SUPPRESSED_SK)).collect();
        for _ in 0..5 {
            if keys.is_empty() {
                break;
            }
            let request = KeysAndAttributes::builder()
                .set_keys(Some(std::mem::take(&mut keys)))
                .consistent_read(true)
                .build()
                .map_err(|e| crate::error::ApiError::unexpected("build batch get", e))?;
            let r = store
                .client
                .batch_get_item()
                .request_items(&store.table, request)
                .send()
                .await
                .map_err(|e| store::sdk_error("BatchGetItem suppressed addresses", e))?;
            for item in r.responses.and_then(|mut t| t.remove(&store.table)).unwrap_or_default() {
                out.insert(store::from_item::<Suppressed>(item)?.email);
            }
            keys = r.unprocessed_keys.and_then(|mut u| u.remove(&store.table)).map(|k| k.keys).unwrap_or_default();
        }
        if !keys.is_empty() {
            return Err(crate::error::ApiError::Unavailable("BatchGetItem suppressed addresses: unprocessed keys".into()));
        }
    }
    Ok(out)
}

pub async fn is_suppressed(store: &Store, address: &str) -> ApiResult<bool> {
    Ok(store.get(&keys::suppressed(address), keys::SUPPRESSED_SK).await?.is_some())
}

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

/// Which of these addresses (lowercase) are suppressed: one strongly consistent read each
/// (an envelope has a handful of recipients).
pub async fn among(store: &Store, addresses: &[String]) -> ApiResult<BTreeSet<String>> {
    let unique: BTreeSet<&String> = addresses.iter().collect();
    let mut out = BTreeSet::new();
    for a in unique {
        if store.get(&keys::suppressed(a), keys::SUPPRESSED_SK).await?.is_some() {
            out.insert(a.to_lowercase());
        }
    }
    Ok(out)
}

pub async fn is_suppressed(store: &Store, address: &str) -> ApiResult<bool> {
    Ok(store.get(&keys::suppressed(address), keys::SUPPRESSED_SK).await?.is_some())
}

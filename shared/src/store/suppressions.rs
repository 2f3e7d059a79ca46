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

/// Which of these addresses (lowercase) are suppressed (strongly consistent BatchGetItems).
pub async fn among(store: &Store, addresses: &[String]) -> ApiResult<BTreeSet<String>> {
    let unique: BTreeSet<String> = addresses.iter().map(|a| a.to_lowercase()).collect();
    let keys = unique.iter().map(|a| store::key(&keys::suppressed(a), keys::SUPPRESSED_SK)).collect();
    let items = store.batch_get("BatchGetItem suppressed addresses", keys).await?;
    items.into_iter().map(|item| Ok(store::from_item::<Suppressed>(item)?.email)).collect()
}

pub async fn is_suppressed(store: &Store, address: &str) -> ApiResult<bool> {
    Ok(store.get(&keys::suppressed(address), keys::SUPPRESSED_SK).await?.is_some())
}

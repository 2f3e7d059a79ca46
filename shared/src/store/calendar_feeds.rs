//! A person's private calendar feed: its token (hashed, purpose `calendar_feed`, a year) and,
//! beside their profile, the hash of the current one — a new feed or a revocation makes every
//! earlier URL answer 404 at once.

use crate::error::ApiResult;
use crate::keys;
use crate::store::tokens::{self, Purpose};
use crate::store::{self, s, Expect, Store, TxWrite};
use crate::tokens::TokenRecord;

/// The writes of a new feed for `sub`: its token and the record that makes it the current one.
pub fn create(store: &Store, sub: &str, record: &TokenRecord) -> ApiResult<Vec<TxWrite>> {
    let mut current = store::key(&keys::user(sub), keys::CALENDAR_FEED_SK);
    current.insert(keys::ENTITY_TYPE.into(), s("CalendarFeed"));
    current.insert("token_hash".into(), s(&record.hash));
    Ok(vec![
        tokens::put_in_tx(store, record, Purpose::CalendarFeed, &[("sub", sub)])?,
        TxWrite::put(store, "calendar feed", current, Expect::Anything)?,
    ])
}

/// Whether `hash` is the token of `sub`'s current feed.
pub async fn is_current(store: &Store, sub: &str, hash: &str) -> ApiResult<bool> {
    #[derive(serde::Deserialize)]
    struct Current {
        token_hash: String,
    }
    let current: Option<Current> = store.get_as(&keys::user(sub), keys::CALENDAR_FEED_SK).await?;
    Ok(current.is_some_and(|c| c.token_hash == hash))
}

/// Revokes `sub`'s feed (`false` when there was none).
pub async fn revoke(store: &Store, sub: &str) -> ApiResult<bool> {
    store.delete_existing("DeleteItem calendar feed", &keys::user(sub), keys::CALENDAR_FEED_SK).await
}

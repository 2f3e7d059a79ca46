//! Preferences and the alert subscription (`USER#<sub>` / `PREFERENCES`), on GSI1 while
//! subscribed (`ALERTS#IMMEDIATELY` or `ALERTS#SCHEDULED`).

use std::collections::HashMap;

use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem, Update};
use chrono::{DateTime, Utc};

use crate::alerts::Subscription;
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::query::{On, Query, Sort};
use crate::store::{self, s, Cancelled, Store, TxWrite};

/// Uses an unsubscribe token and turns the alerts off (out of the digest function's index;
/// the version tells concurrent writers), in one transaction.
pub async fn unsubscribe(store: &Store, token_hash: &str, sub: &str, now: DateTime<Utc>) -> ApiResult<Result<(), Cancelled>> {
    let stop = Update::builder()
        .table_name(&store.table)
        .set_key(Some(store::key(&keys::user(sub), keys::PREFERENCES_SK)))
        .update_expression(
            "SET alert_frequency = :off, updated_at = :now, version = version + :one REMOVE GSI1PK, GSI1SK, alert_cursor, alert_due",
        )
        .condition_expression("attribute_exists(PK)")
        .expression_attribute_values(":off", s("off"))
        .expression_attribute_values(":now", s(keys::timestamp(now)))
        .expression_attribute_values(":one", AttributeValue::N("1".into()))
        .build()
        .map_err(|e| ApiError::unexpected("build update", e))?;
    let writes = vec![
        store::tokens::consume(store, token_hash, now)?,
        TxWrite::new("preferences", TransactWriteItem::builder().update(stop).build()),
    ];
    store.transact("TransactWriteItems unsubscribe", writes).await
}

/// The write that moves a subscriber from `sub` (as read) to `next`, if nobody else wrote
/// since: the condition is on the version read.
struct CursorWrite {
    key: store::Item,
    values: HashMap<String, AttributeValue>,
}

const CURSOR_UPDATE: &str = "SET alert_cursor = :cursor, alert_due = :due, GSI1SK = :sort, version = :next, last_digest_at = :last";
const CURSOR_CONDITION: &str = "version = :v AND alert_frequency = :f";

fn cursor_write(sub: &Subscription, next: &Subscription) -> ApiResult<CursorWrite> {
    let (_, sort) = next.index_key().ok_or_else(|| ApiError::unexpected("digest", std::io::Error::other("not subscribed")))?;
    let opt = |t: Option<DateTime<Utc>>| t.map_or(AttributeValue::Null(true), |t| s(keys::timestamp(t)));
    let values = HashMap::from([
        (":cursor".to_string(), opt(next.alert_cursor)),
        (":due".to_string(), opt(next.alert_due)),
        (":last".to_string(), opt(next.last_digest_at)),
        (":sort".to_string(), s(sort)),
        (":next".to_string(), AttributeValue::N(next.version.to_string())),
        (":v".to_string(), AttributeValue::N(sub.version.to_string())),
        (":f".to_string(), serde_dynamo::to_attribute_value(sub.alert_frequency).map_err(|e| ApiError::unexpected("frequency", e))?),
    ]);
    Ok(CursorWrite { key: store::key(&keys::user(&sub.sub), keys::PREFERENCES_SK), values })
}

/// Moves the cursor if nobody else (another run, the user) wrote since the subscription was
/// read; `false` otherwise.
async fn write_cursor(store: &Store, w: CursorWrite, operation: &'static str) -> ApiResult<bool> {
    let r = store
        .client
        .update_item()
        .table_name(&store.table)
        .set_key(Some(w.key))
        .update_expression(CURSOR_UPDATE)
        .condition_expression(CURSOR_CONDITION)
        .set_expression_attribute_values(Some(w.values))
        .send()
        .await;
    match r {
        Ok(_) => Ok(true),
        Err(e) if store::is_conditional_failure(&e) => Ok(false),
        Err(e) => Err(store::sdk_error(operation, e)),
    }
}

/// Moves a subscriber from `read` to `next` (cursor, due time, version) if nobody else (another
/// run, the user) wrote since `read`; `false` otherwise. One conditional UpdateItem.
pub async fn move_cursor(store: &Store, read: &Subscription, next: &Subscription, operation: &'static str) -> ApiResult<bool> {
    write_cursor(store, cursor_write(read, next)?, operation).await
}

/// `move_cursor` as a write of a transaction, named "cursor".
pub fn move_cursor_in_tx(store: &Store, read: &Subscription, next: &Subscription) -> ApiResult<TxWrite> {
    let w = cursor_write(read, next)?;
    let update = Update::builder()
        .table_name(&store.table)
        .set_key(Some(w.key))
        .update_expression(CURSOR_UPDATE)
        .condition_expression(CURSOR_CONDITION)
        .set_expression_attribute_values(Some(w.values))
        .build()
        .map_err(|e| ApiError::unexpected("build update", e))?;
    Ok(TxWrite::new("cursor", TransactWriteItem::builder().update(update).build()))
}

/// Immediate subscribers whose cursor is before `newest` (something newer was published).
pub async fn immediate_subscribers(store: &Store, newest: DateTime<Utc>) -> ApiResult<Vec<Subscription>> {
    store
        .fetch("Query immediate subscribers", &Query::on(On::Gsi1, keys::ALERTS_IMMEDIATE).sort(Sort::Below(keys::timestamp(newest))))
        .await
}

/// Daily and weekly subscribers whose digest is due at `now`.
pub async fn scheduled_subscribers(store: &Store, now: DateTime<Utc>) -> ApiResult<Vec<Subscription>> {
    store
        .fetch("Query scheduled subscribers", &Query::on(On::Gsi1, keys::ALERTS_SCHEDULED).sort(Sort::UpTo(keys::alert_sort_until(now))))
        .await
}

/// A person's preferences and subscription.
pub async fn subscription_of(store: &Store, sub: &str) -> ApiResult<Option<Subscription>> {
    store.get_as(&keys::user(sub), keys::PREFERENCES_SK).await
}

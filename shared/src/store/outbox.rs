//! Outbox envelopes: written in the transaction of the change that causes them, listed on
//! GSI1 (`OUTBOX#PENDING`, oldest first) until delivered, claimed by one deliverer at a time.

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::error::ApiResult;
use crate::keys;
use crate::outbox::Envelope;
use crate::store::query::{On, Query, Sort};
use crate::store::{self, s, Expect, Store, TxWrite};

/// The transaction write of a new envelope, named "outbox", pending until delivered.
pub fn queue(store: &Store, envelope: &Envelope) -> ApiResult<TxWrite> {
    let mut item = store::item("OutboxEnvelope", &keys::outbox(&envelope.id), keys::OUTBOX_SK, envelope)?;
    item.insert(keys::GSI1PK.into(), s(keys::OUTBOX_PENDING));
    item.insert(keys::GSI1SK.into(), s(keys::outbox_sort(envelope.created_at, &envelope.id)));
    TxWrite::put(store, "outbox", item, Expect::New)
}

/// Claims an envelope not done and not held by another deliverer (or whose claim lapsed):
/// the envelope, or `None`.
pub async fn claim(store: &Store, id: &str, now: DateTime<Utc>, until: DateTime<Utc>) -> ApiResult<Option<Envelope>> {
    let r = store
        .client
        .update_item()
        .table_name(&store.table)
        .set_key(Some(store::key(&keys::outbox(id), keys::OUTBOX_SK)))
        .update_expression("SET claimed_until = :until, attempts = if_not_exists(attempts, :zero) + :one")
        .condition_expression(
            "attribute_exists(PK) AND (attribute_not_exists(done_at) OR done_at = :null) AND (attribute_not_exists(claimed_until) OR claimed_until < :now)",
        )
        .expression_attribute_values(":until", s(keys::timestamp(until)))
        .expression_attribute_values(":now", s(keys::timestamp(now)))
        .expression_attribute_values(":zero", AttributeValue::N("0".into()))
        .expression_attribute_values(":one", AttributeValue::N("1".into()))
        .expression_attribute_values(":null", AttributeValue::Null(true))
        .return_values(ReturnValue::AllNew)
        .send()
        .await;
    match r {
        Ok(out) => Ok(Some(store::from_item(out.attributes.unwrap_or_default())?)),
        Err(e) if store::is_conditional_failure(&e) => Ok(None),
        Err(e) => Err(store::sdk_error("UpdateItem outbox claim", e)),
    }
}

/// Records what became of one letter (SES's message id, `suppressed`, `rejected: …`).
pub async fn mark_letter(store: &Store, id: &str, index: usize, outcome: &str) -> ApiResult<()> {
    let values = vec![(":o", s(outcome))];
    let expression = format!("SET sent.#i{index} = :o");
    let key = keys::outbox(id);
    store
        .update_named(
            "UpdateItem outbox letter",
            (&key, keys::OUTBOX_SK),
            &expression,
            &[(&format!("#i{index}"), &index.to_string())],
            values,
        )
        .await
}

/// Marks an envelope delivered, with what became of its last letter when given: it leaves
/// the pending index.
pub async fn finish(store: &Store, id: &str, last: Option<(usize, &str)>, now: DateTime<Utc>) -> ApiResult<()> {
    let key = keys::outbox(id);
    let mut values = vec![(":now", s(keys::timestamp(now)))];
    let Some((index, outcome)) = last else {
        let expression = "SET done_at = :now REMOVE claimed_until, GSI1PK, GSI1SK";
        return store.update("UpdateItem outbox done", (&key, keys::OUTBOX_SK), expression, None, values).await.map(|_| ());
    };
    values.push((":o", s(outcome)));
    let expression = format!("SET done_at = :now, sent.#i{index} = :o REMOVE claimed_until, GSI1PK, GSI1SK");
    let name = format!("#i{index}");
    store.update_named("UpdateItem outbox done", (&key, keys::OUTBOX_SK), &expression, &[(&name, &index.to_string())], values).await
}

/// Gives a claim back after a failure, with the reason, for the next try.
pub async fn release(store: &Store, id: &str, error: &str) -> ApiResult<()> {
    let values = vec![(":e", s(error.chars().take(1000).collect::<String>()))];
    store
        .update("UpdateItem outbox release", (&keys::outbox(id), keys::OUTBOX_SK), "SET last_error = :e REMOVE claimed_until", None, values)
        .await
        .map(|_| ())
}

/// An envelope still waiting, as the pending index lists it.
#[derive(Debug, Clone, Deserialize)]
pub struct Pending {
    pub id: String,
    pub created_at: DateTime<Utc>,
}

/// Up to `limit` envelopes not delivered, oldest first, created before `before` (all when
/// `None`).
pub async fn pending(store: &Store, before: Option<DateTime<Utc>>, limit: i32) -> ApiResult<Vec<Pending>> {
    let q = Query::on(On::Gsi1, keys::OUTBOX_PENDING).limit(limit);
    let q = match before {
        Some(at) => q.sort(Sort::Below(keys::outbox_sort(at, ""))),
        None => q,
    };
    store.fetch("Query outbox pending", &q).await
}

/// One envelope as stored (tests, the operator).
pub async fn get(store: &Store, id: &str) -> ApiResult<Option<Envelope>> {
    store.get_as(&keys::outbox(id), keys::OUTBOX_SK).await
}

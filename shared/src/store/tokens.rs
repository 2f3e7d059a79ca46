//! Action tokens of e-mail links, stored (`TOKEN#<sha-256>` / `TOKEN`): only the hash is
//! kept, with the purpose, what the token is bound to, its expiry (also the item's TTL) and,
//! once used, when. One lookup serves every purpose.

use std::collections::HashMap;

use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem, Update};
use chrono::{DateTime, Utc};

use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::{self, s, Expect, Item, Store, TxWrite};
use crate::tokens::{self, TokenRecord};

/// What a token lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A manager's decision on a date request (single use).
    DateDecision,
    /// One-click unsubscribe from alert digests (single use).
    Unsubscribe,
    /// A session's invitation for facilitators (shared, until the session ends).
    FacilitatorInvitation,
    /// A participant's satisfaction survey (single use).
    Survey,
    /// An international provider's invoice upload for a month (until it expires: a corrected
    /// invoice replaces the first).
    InvoiceUpload,
    /// A role given by the operator (an association's referent), taken once by the person
    /// who signs in with the invited address.
    RoleInvitation,
    /// A person's private calendar feed (reusable, until revoked or replaced, or a year).
    CalendarFeed,
}

impl Purpose {
    /// As stored in the item's `purpose` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::DateDecision => "date_decision",
            Purpose::Unsubscribe => "unsubscribe",
            Purpose::FacilitatorInvitation => "facilitator_invitation",
            Purpose::Survey => "survey",
            Purpose::InvoiceUpload => "invoice_upload",
            Purpose::RoleInvitation => "role_invitation",
            Purpose::CalendarFeed => "calendar_feed",
        }
    }
}

/// A stored token, as found by its plain value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredToken {
    pub hash: String,
    /// What the token is bound to (`engagement_id`, `sub`, `session_id`…).
    pub bound: HashMap<String, String>,
    pub used_at: Option<String>,
    /// The decision taken with a date-decision token.
    pub decision: Option<String>,
    /// Until when the link works.
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

impl StoredToken {
    /// A value the token is bound to.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.bound.get(name).map(String::as_str)
    }
}

/// What a link's token turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Malformed, unknown, or for another purpose.
    Invalid,
    /// Used already (single-use purposes).
    Used(StoredToken),
    Expired(StoredToken),
    Live(StoredToken),
}

/// Finds the token of a link for `purpose` (one strongly consistent read; none when the
/// plain value cannot be one of ours). "Used" is told before "expired".
pub async fn find(store: &Store, plain: &str, purpose: Purpose, now: DateTime<Utc>) -> ApiResult<Found> {
    if !tokens::well_formed(plain) {
        return Ok(Found::Invalid);
    }
    let hash = tokens::hash(plain);
    let Some(item) = store.get(&keys::token(&hash), keys::TOKEN_SK).await? else { return Ok(Found::Invalid) };
    if store::string(&item, "purpose") != Some(purpose.as_str()) {
        return Ok(Found::Invalid);
    }
    let expires = item.get(keys::TTL).and_then(|v| v.as_n().ok()).and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
    let text = |name: &str| store::string(&item, name).map(str::to_string);
    let (used_at, decision) = (text("used_at"), text("decision"));
    let bound = item
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "PK" | "SK" | "entity_type" | "purpose" | "used_at" | "decision" | "expires_at"))
        .filter_map(|(k, v)| Some((k.clone(), v.as_s().ok()?.clone())))
        .collect();
    let expires_at = chrono::DateTime::from_timestamp(expires, 0).unwrap_or_default();
    let token = StoredToken { hash, bound, used_at, decision, expires_at };
    Ok(if token.used_at.is_some() {
        Found::Used(token)
    } else if expires <= now.timestamp() {
        Found::Expired(token)
    } else {
        Found::Live(token)
    })
}

fn item(record: &TokenRecord, purpose: Purpose, bound_to: &[(&str, &str)]) -> Item {
    let mut item = store::key(&keys::token(&record.hash), keys::TOKEN_SK);
    item.insert(keys::ENTITY_TYPE.into(), s("ActionToken"));
    item.insert("purpose".into(), s(purpose.as_str()));
    for (k, v) in bound_to {
        item.insert((*k).into(), s(*v));
    }
    item.insert(keys::TTL.into(), AttributeValue::N(record.expires_at.timestamp().to_string()));
    item
}

/// Stores a new token (one PutItem).
pub async fn put(store: &Store, record: &TokenRecord, purpose: Purpose, bound_to: &[(&str, &str)]) -> ApiResult<()> {
    if store.put_new("PutItem token", item(record, purpose, bound_to)).await? {
        Ok(())
    } else {
        Err(ApiError::unexpected("PutItem token", std::io::Error::other("a token with this hash exists")))
    }
}

/// The transaction write storing a new token, named "token".
pub fn put_in_tx(store: &Store, record: &TokenRecord, purpose: Purpose, bound_to: &[(&str, &str)]) -> ApiResult<TxWrite> {
    TxWrite::put(store, "token", item(record, purpose, bound_to), Expect::New)
}

/// The transaction write that uses a token once, named "token": it fails if the token is
/// gone or used.
pub fn consume(store: &Store, hash: &str, now: DateTime<Utc>) -> ApiResult<TxWrite> {
    let update = Update::builder()
        .table_name(&store.table)
        .set_key(Some(store::key(&keys::token(hash), keys::TOKEN_SK)))
        .update_expression("SET used_at = :now")
        .condition_expression("attribute_exists(PK) AND attribute_not_exists(used_at)")
        .expression_attribute_values(":now", s(keys::timestamp(now)))
        .build()
        .map_err(|e| ApiError::unexpected("build update", e))?;
    Ok(TxWrite::new("token", TransactWriteItem::builder().update(update).build()))
}

/// The transaction write that uses a date-decision token once and records the decision
/// (`accept` or `refuse`). From the e-mail link the token must also still be live; from the
/// team view it is consumed if present, whatever its expiry.
pub fn consume_decision(store: &Store, hash: &str, decision: &str, require_live: bool, now: DateTime<Utc>) -> ApiResult<TxWrite> {
    let consume = Update::builder()
        .table_name(&store.table)
        .set_key(Some(store::key(&keys::token(hash), keys::TOKEN_SK)))
        .update_expression("SET used_at = :now, decision = :d")
        .expression_attribute_values(":now", s(keys::timestamp(now)))
        .expression_attribute_values(":d", s(decision));
    let consume = if require_live {
        consume
            .condition_expression("attribute_exists(PK) AND attribute_not_exists(used_at) AND #exp > :epoch")
            .expression_attribute_names("#exp", keys::TTL)
            .expression_attribute_values(":epoch", AttributeValue::N(now.timestamp().to_string()))
    } else {
        consume.condition_expression("attribute_not_exists(used_at)")
    };
    let update = consume.build().map_err(|e| ApiError::unexpected("build update", e))?;
    Ok(TxWrite::new("token", TransactWriteItem::builder().update(update).build()))
}

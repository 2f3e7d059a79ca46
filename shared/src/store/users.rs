//! Users: the profile item (`USER#<sub>` / `PROFILE`).

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use chrono::{DateTime, Utc};

use crate::domain::user::User;
use crate::error::ApiResult;
use crate::keys;
use crate::store::{self, s, Store};

/// What `PATCH /me` changes; `phone: Some(None)` removes the phone number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileChanges {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub entity_id: Option<String>,
    pub phone: Option<Option<String>>,
}

impl ProfileChanges {
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Applies the changes to a registered user's profile in one request; `None` if the user is
/// not registered.
pub async fn update_profile(store: &Store, sub: &str, changes: &ProfileChanges, now: DateTime<Utc>) -> ApiResult<Option<User>> {
    let mut sets = vec!["updated_at = :now".to_string()];
    let mut values = vec![(":now".to_string(), s(keys::timestamp(now)))];
    let mut set = |attribute: &str, placeholder: &str, value: AttributeValue| {
        sets.push(format!("{attribute} = {placeholder}"));
        values.push((placeholder.to_string(), value));
    };
    if let Some(v) = &changes.first_name {
        set("first_name", ":fn", s(v));
    }
    if let Some(v) = &changes.last_name {
        set("last_name", ":ln", s(v));
    }
    if let Some(v) = &changes.entity_id {
        set("entity_id", ":en", s(v));
    }
    match &changes.phone {
        Some(Some(p)) => set("phone", ":ph", s(p)),
        Some(None) => set("phone", ":null", AttributeValue::Null(true)),
        None => {}
    }
    let mut update = store
        .client
        .update_item()
        .table_name(&store.table)
        .set_key(Some(store::key(&keys::user(sub), keys::PROFILE)))
        .update_expression(format!("SET {}", sets.join(", ")))
        .condition_expression("attribute_exists(PK)")
        .return_values(ReturnValue::AllNew);
    for (k, v) in values {
        update = update.expression_attribute_values(k, v);
    }
    match update.send().await {
        Ok(out) => Ok(Some(store::from_item(out.attributes.unwrap_or_default())?)),
        Err(e) if store::is_conditional_failure(&e) => Ok(None),
        Err(e) => Err(store::sdk_error("UpdateItem user", e)),
    }
}

/// The profile item, findable by e-mail (GSI1).
fn user_item(user: &User) -> ApiResult<store::Item> {
    let mut item = store::item("User", &keys::user(&user.sub), keys::PROFILE, user)?;
    item.insert(keys::GSI1PK.into(), s(keys::email(user.email.as_str())));
    item.insert(keys::GSI1SK.into(), s(keys::USER_SK));
    Ok(item)
}

/// An instant as serde writes the profile's (the value a condition compares with).
fn as_written(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

/// Registers a user: the profile, findable by e-mail (GSI1). `false` if already registered.
pub async fn register(store: &Store, user: &User) -> ApiResult<bool> {
    let item = user_item(user)?;
    store.put_new("PutItem user", item).await
}

/// The write that replaces a profile read at `read_at` (its `updated_at`), failing if it
/// changed meanwhile (named "user").
pub fn replace_in_tx(store: &Store, user: &User, read_at: DateTime<Utc>) -> ApiResult<store::TxWrite> {
    let item = user_item(user)?;
    store::TxWrite::put_if(store, "user", item, "updated_at = :read", vec![(":read", s(as_written(read_at)))])
}

/// Marks the person seen on `now`'s day (their inactivity warnings cleared), unless they
/// were already seen that day: one write a day at most.
pub async fn mark_seen(store: &Store, user: &User, now: DateTime<Utc>) -> ApiResult<()> {
    if user.last_seen_at.is_some_and(|at| at.date_naive() == now.date_naive()) {
        return Ok(());
    }
    store
        .update(
            "UpdateItem last seen",
            (&keys::user(&user.sub), keys::PROFILE),
            "SET last_seen_at = :now, inactivity_warnings = :zero",
            Some("attribute_exists(PK)"),
            vec![(":now", s(as_written(now))), (":zero", AttributeValue::N("0".into()))],
        )
        .await
        .map(|_| ())
}

/// Records an inactivity warning sent (the `number`-th), if no other run did.
pub fn warned_in_tx(store: &Store, user: &User, number: u8) -> ApiResult<store::TxWrite> {
    store::TxWrite::update(
        store,
        "user",
        (&keys::user(&user.sub), keys::PROFILE),
        "SET inactivity_warnings = :n",
        "attribute_exists(PK) AND (attribute_not_exists(inactivity_warnings) OR inactivity_warnings < :n)",
        vec![(":n", AttributeValue::N(number.to_string()))],
    )
}

/// The users registered with this address (one, or none).
pub async fn by_email(store: &Store, email: &str) -> ApiResult<Vec<User>> {
    let q = store::query::Query::on(store::query::On::Gsi1, keys::email(email)).sort(store::query::Sort::Prefix(keys::USER_SK.into()));
    store.fetch("Query user by e-mail", &q).await
}

/// Completes the profile of someone who took a company admin's role before registering
/// (entity, consent): `false` if the profile changed since it was read (its `updated_at`,
/// as serde wrote it).
pub async fn complete_registration(store: &Store, user: &User, read_at: DateTime<Utc>) -> ApiResult<bool> {
    let item = user_item(user)?;
    let put = store
        .client
        .put_item()
        .table_name(&store.table)
        .set_item(Some(item))
        .condition_expression("updated_at = :read")
        .expression_attribute_values(":read", s(as_written(read_at)));
    match put.send().await {
        Ok(_) => Ok(true),
        Err(e) if store::is_conditional_failure(&e) => Ok(false),
        Err(e) => Err(store::sdk_error("PutItem user registration", e)),
    }
}

/// Replaces a company's HR attributes of the given people (one item per person).
pub async fn put_hr_attributes<T: serde::Serialize>(store: &Store, company_id: &str, rows: &[(&str, T)]) -> ApiResult<()> {
    let mut items = Vec::with_capacity(rows.len());
    for (email, attributes) in rows {
        items.push(store::item("HrAttributes", &keys::company(company_id), &keys::hr(email), attributes)?);
    }
    store.put_all("BatchWriteItem HR", items).await
}

/// The write that gives `user` a role (a new profile, or the existing one expected at its
/// stored state: `Expect::New` or `Expect::Existing`), findable by e-mail (GSI1).
pub fn put_in_tx(store: &Store, user: &User, expect: store::Expect) -> ApiResult<store::TxWrite> {
    let item = user_item(user)?;
    store::TxWrite::put(store, "user", item, expect)
}

/// Every item of a person's own partition (`USER#<sub>`: profile, preferences, missions seen
/// and favourites, quiz answers, skill proposals, allowance ledger, daily counters), as JSON.
pub async fn partition_of(store: &Store, sub: &str) -> ApiResult<Vec<serde_json::Value>> {
    store.fetch("Query personal data", &store::query::Query::on(store::query::On::Table, keys::user(sub))).await
}

//! Engagements (`ENG#<id>` / `ENG`): one item per employee, mission and year, listed by
//! employee (GSI1, beside their skill proposals), association (GSI2) and manager (GSI3).

use aws_sdk_dynamodb::types::{AttributeValue, KeysAndAttributes, TransactWriteItem, Update};

use crate::domain::allowance::HrAttributes;
use crate::domain::engagement::Engagement;
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::query::{On, Query};
use crate::store::{self, s, Expect, Item, Store, TxWrite};

pub fn engagement_item(e: &Engagement) -> ApiResult<Item> {
    let mut item = store::item("Engagement", &keys::engagement(&e.id), keys::ENGAGEMENT_SK, e)?;
    item.insert(keys::GSI1PK.into(), s(keys::engagements_of(&e.employee.sub)));
    item.insert(keys::GSI1SK.into(), s(keys::engagement_sort(e.created_at, &e.id)));
    item.insert(keys::GSI2PK.into(), s(keys::engagements_of_association(&e.association_id)));
    item.insert(keys::GSI2SK.into(), s(keys::engagement_sort(e.created_at, &e.id)));
    item.insert(keys::GSI4PK.into(), s(keys::engagements_of_company(&e.company_id, e.year)));
    item.insert(keys::GSI4SK.into(), s(keys::engagement_sort(e.created_at, &e.id)));
    if let Some(last) = e.requests.last() {
        item.insert(keys::GSI3PK.into(), s(keys::managed_by(&last.manager_email)));
        item.insert(keys::GSI3SK.into(), s(keys::engagement_sort(e.created_at, &e.id)));
    }
    Ok(item)
}

/// Every item of one partition of an index, newest first (one Query).
async fn partition(store: &Store, on: On, pk: String) -> ApiResult<Vec<Item>> {
    store.items("Query engagements", &Query::on(on, pk).newest_first()).await
}

fn engagements(items: Vec<store::Item>) -> ApiResult<(Vec<Engagement>, Vec<store::Item>)> {
    let (mine, others): (Vec<_>, Vec<_>) = items.into_iter().partition(|i| store::string(i, keys::ENTITY_TYPE) == Some("Engagement"));
    Ok((mine.into_iter().map(store::from_item).collect::<ApiResult<_>>()?, others))
}

async fn engagements_in(store: &Store, on: On, pk: String) -> ApiResult<Vec<Engagement>> {
    Ok(engagements(partition(store, on, pk).await?)?.0)
}

/// The caller's engagements, newest first.
pub async fn engagements_of(store: &Store, sub: &str) -> ApiResult<Vec<Engagement>> {
    engagements_in(store, On::Gsi1, keys::engagements_of(sub)).await
}

/// The caller's engagements and the other items of the same partition (their skill
/// proposals), in one Query: what "one association at a time" looks at.
pub async fn activity_of(store: &Store, sub: &str) -> ApiResult<(Vec<Engagement>, Vec<store::Item>)> {
    engagements(partition(store, On::Gsi1, keys::engagements_of(sub)).await?)
}

/// The engagements of one mission of an association, newest first (one Query of the
/// association's partition).
pub async fn engagements_of_mission(store: &Store, association_id: &str, mission_id: &str) -> ApiResult<Vec<Engagement>> {
    let all = engagements_in(store, On::Gsi2, keys::engagements_of_association(association_id)).await?;
    Ok(all.into_iter().filter(|e| e.mission_id == mission_id).collect())
}

/// The engagements whose latest date request went to this manager, newest first.
pub async fn engagements_managed_by(store: &Store, manager_email: &str) -> ApiResult<Vec<Engagement>> {
    engagements_in(store, On::Gsi3, keys::managed_by(manager_email)).await
}

/// Transaction write of an engagement if its stored version is still `expected_version`.
pub fn put_if_version(store: &Store, engagement: &Engagement, expected_version: u64) -> ApiResult<TxWrite> {
    TxWrite::put(store, "engagement", engagement_item(engagement)?, Expect::Version(Some(expected_version)))
}

/// Transaction write of a new engagement.
pub fn put_new(store: &Store, engagement: &Engagement) -> ApiResult<TxWrite> {
    TxWrite::put(store, "engagement", engagement_item(engagement)?, Expect::New)
}

/// Writes an engagement if its stored version is still `expected_version` (one request);
/// `false` when another write came first.
pub async fn save_if_version(store: &Store, engagement: &Engagement, expected_version: u64) -> ApiResult<bool> {
    store.put_versioned("PutItem engagement", engagement_item(engagement)?, Some(expected_version)).await
}

/// One engagement (a strongly consistent read).
pub async fn get(store: &Store, id: &str) -> ApiResult<Option<Engagement>> {
    store.get_as(&keys::engagement(id), keys::ENGAGEMENT_SK).await
}

/// An engagement and its employee's HR attributes, in one strongly consistent BatchGetItem.
pub async fn with_hr_attributes(
    store: &Store,
    id: &str,
    company_id: &str,
    email: &str,
) -> ApiResult<(Option<Engagement>, Option<HrAttributes>)> {
    let keys_and = KeysAndAttributes::builder()
        .keys(store::key(&keys::engagement(id), keys::ENGAGEMENT_SK))
        .keys(store::key(&keys::company(company_id), &keys::hr(email)))
        .consistent_read(true)
        .build()
        .map_err(|e| ApiError::unexpected("build batch get", e))?;
    let out = store
        .client
        .batch_get_item()
        .request_items(&store.table, keys_and)
        .send()
        .await
        .map_err(|e| store::sdk_error("BatchGetItem engagement", e))?;
    let items: Vec<Item> = out.responses.and_then(|mut r| r.remove(&store.table)).unwrap_or_default();
    let mut engagement = None;
    let mut hr = None;
    for item in items {
        match store::string(&item, keys::ENTITY_TYPE) {
            Some("Engagement") => engagement = Some(store::from_item(item)?),
            Some("HrAttributes") => hr = Some(store::from_item(item)?),
            _ => {}
        }
    }
    Ok((engagement, hr))
}

/// Writes a new application: the engagement, the guard that allows one per employee, mission
/// and year (named "guard"), and step 1 done on the user × mission item, with `also` (the
/// e-mails' envelope). One transaction.
pub async fn apply(store: &Store, engagement: &Engagement, also: Vec<TxWrite>) -> ApiResult<Result<(), store::Cancelled>> {
    let sub = &engagement.employee.sub;
    let mut guard = store::key(&keys::engagement_guard(sub, &engagement.mission_id, engagement.year), keys::GUARD_SK);
    guard.insert(keys::ENTITY_TYPE.into(), s("EngagementGuard"));
    guard.insert("engagement_id".into(), s(&engagement.id));
    let progress = Update::builder()
        .table_name(&store.table)
        .set_key(Some(store::key(&keys::user(sub), &keys::user_mission(&engagement.mission_id))))
        .update_expression("SET entity_type = :t, mission_id = :m, steps_done = :one, engagement_id = :e")
        .expression_attribute_values(":t", s("UserMission"))
        .expression_attribute_values(":m", s(&engagement.mission_id))
        .expression_attribute_values(":one", AttributeValue::N("1".into()))
        .expression_attribute_values(":e", s(&engagement.id))
        .build()
        .map_err(|e| ApiError::unexpected("build update", e))?;
    let mut writes = vec![
        put_new(store, engagement)?,
        TxWrite::put(store, "guard", guard, Expect::New)?,
        TxWrite::new("progress", TransactWriteItem::builder().update(progress).build()),
    ];
    writes.extend(also);
    store.transact("TransactWriteItems application", writes).await
}

//! Missions (`MISSION#<id>` / `MISSION`), listed per association on GSI1.

use aws_sdk_dynamodb::types::{ConditionCheck, TransactWriteItem};

use crate::domain::mission::Mission;
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::query::{On, Query, Sort};
use crate::store::{self, s, Expect, Item, Store, TxWrite};

/// The mission as stored now (a consistent read), if it exists.
pub async fn get(store: &Store, id: &str) -> ApiResult<Option<Mission>> {
    store.get_as(&keys::mission(id), keys::MISSION_SK).await
}

/// The missions of these ids that exist, as stored now (strongly consistent BatchGetItems).
pub async fn get_many(store: &Store, ids: &[String]) -> ApiResult<Vec<Mission>> {
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    let keys = unique.into_iter().map(|id| store::key(&keys::mission(id), keys::MISSION_SK)).collect();
    store.batch_get("BatchGetItem missions", keys).await?.into_iter().map(store::from_item).collect()
}

/// Every mission of an association, newest first, whatever its status.
pub async fn of_association(store: &Store, association_id: &str) -> ApiResult<Vec<Mission>> {
    let q = Query::on(On::Gsi1, keys::association(association_id)).sort(Sort::Prefix(keys::MISSION_BY_ASSOCIATION_PREFIX.into()));
    store.fetch("Query association missions", &q.newest_first()).await
}

/// The transaction write checking that `sub` is a referent of `association_id`, named "referent".
pub fn referent_check(store: &Store, sub: &str, association_id: &str) -> ApiResult<TxWrite> {
    let check = ConditionCheck::builder()
        .table_name(&store.table)
        .set_key(Some(store::key(&keys::user(sub), keys::PROFILE)))
        .condition_expression("#role = :referent AND association_id = :aid")
        .expression_attribute_names("#role", "role")
        .expression_attribute_values(":referent", s("referent"))
        .expression_attribute_values(":aid", s(association_id))
        .build()
        .map_err(|e| ApiError::unexpected("build condition check", e))?;
    Ok(TxWrite::new("referent", TransactWriteItem::builder().condition_check(check).build()))
}

/// The mission as an item of the table and of the catalogue feed.
pub fn mission_item(m: &Mission) -> ApiResult<Item> {
    let mut item = store::item("Mission", &keys::mission(&m.id), keys::MISSION_SK, m)?;
    item.insert(keys::GSI1PK.into(), s(keys::association(&m.association_id)));
    item.insert(keys::GSI1SK.into(), s(keys::mission_by_association(m.created_at, &m.id)));
    Ok(store::in_catalogue(item, m.updated_at))
}

/// What became of a referent's write of a mission.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteOutcome {
    /// Written; the item as stored, for the instance's own index.
    Written(Item),
    NotReferent,
    VersionChanged,
}

/// Writes a mission if `sub` is its association's referent and the stored version is still
/// `expected_version` (`None`: the mission must not exist yet). One transaction.
pub async fn write_as_referent(store: &Store, sub: &str, m: &Mission, expected_version: Option<u64>) -> ApiResult<WriteOutcome> {
    let item = mission_item(m)?;
    let writes = vec![
        referent_check(store, sub, &m.association_id)?,
        TxWrite::put(store, "mission", item.clone(), Expect::Version(expected_version))?,
    ];
    Ok(match store.transact("TransactWriteItems mission", writes).await? {
        Ok(()) => WriteOutcome::Written(item),
        Err(c) if c.failed("referent") => WriteOutcome::NotReferent,
        Err(c) if c.failed("mission") => WriteOutcome::VersionChanged,
        Err(c) => return Err(c.unexpected("TransactWriteItems mission")),
    })
}

//! The user × mission item (`USER#<sub>` / `UM#<mission>`): favourite, visits (the history,
//! on GSI1 `HIST#<sub>`), progress on the four steps.

use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::error::ApiResult;
use crate::keys;
use crate::store::query::{On, Query, Sort};
use crate::store::{self, s, Store};

/// What the platform knows of one person and one mission.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct UserMission {
    pub mission_id: String,
    pub favourite: bool,
    pub favourited_at: Option<String>,
    pub last_viewed_at: Option<String>,
    pub views: u32,
    pub steps_done: u8,
}

/// Records a visit of a mission page and returns the relation (one request).
pub async fn record_visit(store: &Store, sub: &str, mission_id: &str, now: DateTime<Utc>) -> ApiResult<UserMission> {
    let out = store
        .client
        .update_item()
        .table_name(&store.table)
        .set_key(Some(store::key(&keys::user(sub), &keys::user_mission(mission_id))))
        .update_expression("SET entity_type = :t, mission_id = :m, last_viewed_at = :now, GSI1PK = :h, GSI1SK = :hs ADD #views :one")
        .expression_attribute_names("#views", "views")
        .expression_attribute_values(":t", s("UserMission"))
        .expression_attribute_values(":m", s(mission_id))
        .expression_attribute_values(":now", s(keys::timestamp(now)))
        .expression_attribute_values(":h", s(keys::history(sub)))
        .expression_attribute_values(":hs", s(keys::history_sort(now, mission_id)))
        .expression_attribute_values(":one", AttributeValue::N("1".into()))
        .return_values(ReturnValue::AllNew)
        .send()
        .await
        .map_err(|e| store::sdk_error("UpdateItem visit", e))?;
    store::from_item(out.attributes.unwrap_or_default())
}

/// Marks a mission as a favourite (the first time is kept).
pub async fn add_favourite(store: &Store, sub: &str, mission_id: &str, now: DateTime<Utc>) -> ApiResult<()> {
    let expression = "SET entity_type = :t, mission_id = :m, favourite = :yes, favourited_at = if_not_exists(favourited_at, :now)";
    let values =
        vec![(":t", s("UserMission")), (":m", s(mission_id)), (":yes", AttributeValue::Bool(true)), (":now", s(keys::timestamp(now)))];
    store.update("UpdateItem favourite", (&keys::user(sub), &keys::user_mission(mission_id)), expression, None, values).await.map(|_| ())
}

/// Removes a favourite; nothing to do if the mission was never favourited (or visited).
pub async fn remove_favourite(store: &Store, sub: &str, mission_id: &str) -> ApiResult<()> {
    let key = (keys::user(sub), keys::user_mission(mission_id));
    let expression = "REMOVE favourite, favourited_at";
    store.update("UpdateItem favourite", (&key.0, &key.1), expression, Some("attribute_exists(PK)"), vec![]).await.map(|_| ())
}

/// The caller's favourites, in no particular order.
pub async fn favourites(store: &Store, sub: &str) -> ApiResult<Vec<UserMission>> {
    let q = Query::on(On::Table, keys::user(sub)).sort(Sort::Prefix(keys::USER_MISSION_PREFIX.into()));
    store.fetch("Query favourites", &q.filter("favourite = :f", AttributeValue::Bool(true))).await
}

/// The missions the caller visited, most recent visit first, at most `limit` (one request).
pub async fn history(store: &Store, sub: &str, limit: i32) -> ApiResult<Vec<UserMission>> {
    store.fetch("Query history", &Query::on(On::Gsi1, keys::history(sub)).newest_first().limit(limit)).await
}

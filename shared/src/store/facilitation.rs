//! Facilitation missions (`FMISSION#<id>` / `FMISSION`, on GSI1 by coordinator), their
//! sessions (with facilitators and participants) and survey answers under the mission's
//! partition, each facilitator's sessions (`FACIL#<sub>`), remuneration months and batch steps.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::domain::facilitation::{FacilitationMission, Session};
use crate::error::ApiResult;
use crate::keys;
use crate::store::query::{On, Query};
use crate::store::{self, s, Cancelled, Expect, Item, Store, TxWrite};

pub fn mission_item(m: &FacilitationMission) -> ApiResult<Item> {
    let mut item = store::item("FacilitationMission", &keys::facilitation_mission(&m.id), keys::FACILITATION_MISSION_SK, m)?;
    item.insert(keys::GSI1PK.into(), s(keys::coordinated_by(&m.coordinator.email)));
    item.insert(keys::GSI1SK.into(), s(keys::dated(&keys::timestamp(m.created_at), &m.id)));
    Ok(item)
}

pub fn session_item(x: &Session) -> ApiResult<Item> {
    store::item("FacilitationSession", &keys::facilitation_mission(&x.mission_id), &keys::session(&x.id), x)
}

/// The mission and its sessions (one Query), by date.
pub async fn mission_and_sessions(store: &Store, mission_id: &str) -> ApiResult<Option<(FacilitationMission, Vec<Session>)>> {
    let q = store
        .client
        .query()
        .table_name(&store.table)
        .key_condition_expression("PK = :pk")
        .expression_attribute_values(":pk", s(keys::facilitation_mission(mission_id)));
    let items = store.query_all("Query facilitation mission", q).await?;
    let mut mission = None;
    let mut sessions = Vec::new();
    for item in items {
        match store::string(&item, keys::ENTITY_TYPE) {
            Some("FacilitationMission") => mission = Some(store::from_item::<FacilitationMission>(item)?),
            Some("FacilitationSession") => sessions.push(store::from_item::<Session>(item)?),
            _ => {}
        }
    }
    sessions.sort_by(|a, b| (a.date, a.start, &a.id).cmp(&(b.date, b.start, &b.id)));
    Ok(mission.map(|m| (m, sessions)))
}

/// Writes a session if its stored version is still `expected` (`None`: a new session).
pub async fn save_session(store: &Store, x: &Session, expected: Option<u64>) -> ApiResult<bool> {
    store.put_versioned("PutItem session", session_item(x)?, expected).await
}

/// `save_session` as a write of a transaction, named "session".
pub fn save_session_in_tx(store: &Store, x: &Session, expected: Option<u64>) -> ApiResult<TxWrite> {
    TxWrite::put(store, "session", session_item(x)?, Expect::Version(expected))
}

/// The missions a coordinator (by e-mail) coordinates, newest first.
pub async fn coordinated_by(store: &Store, email: &str) -> ApiResult<Vec<FacilitationMission>> {
    store.fetch("Query coordinated missions", &Query::on(On::Gsi1, keys::coordinated_by(email)).newest_first()).await
}

/// The survey answers of a mission.
pub async fn survey_answers<T: DeserializeOwned>(store: &Store, mission_id: &str) -> ApiResult<Vec<T>> {
    store.query_prefix("Query survey answers", &keys::facilitation_mission(mission_id), keys::SURVEY_PREFIX).await
}

/// Where a facilitator's session is: what `FACIL#<sub>` lists.
#[derive(Debug, Clone, Deserialize)]
pub struct SessionRef {
    pub mission_id: String,
    pub session_id: String,
}

/// The sessions a facilitator registered to, by date (one Query).
pub async fn sessions_of_facilitator(store: &Store, sub: &str) -> ApiResult<Vec<SessionRef>> {
    store.query_prefix("Query my sessions", &keys::facilitator(sub), keys::SESSION_PREFIX).await
}

/// One session.
pub async fn session(store: &Store, mission_id: &str, session_id: &str) -> ApiResult<Option<Session>> {
    store.get_as(&keys::facilitation_mission(mission_id), &keys::session(session_id)).await
}

/// Lists a session among the facilitator's sessions.
pub async fn list_for_facilitator(store: &Store, sub: &str, session: &Session) -> ApiResult<()> {
    let mut link = store::key(&keys::facilitator(sub), &keys::facilitator_session(session.date, &session.id));
    link.insert(keys::ENTITY_TYPE.into(), s("FacilitatorSession"));
    link.insert("mission_id".into(), s(&session.mission_id));
    link.insert("session_id".into(), s(&session.id));
    store.put("PutItem facilitator session", link).await
}

/// Records a month's remuneration requests: the mission (its months) and the changed
/// sessions, each if its version is still the expected one, and the mission listed under the
/// month for the batch. One transaction; cancelled if another request of the month won.
pub async fn request_remunerations(
    store: &Store,
    month: &str,
    mission: (&FacilitationMission, u64),
    sessions: &[(&Session, u64)],
) -> ApiResult<Result<(), Cancelled>> {
    let mut writes = vec![TxWrite::put(store, "mission", mission_item(mission.0)?, Expect::Version(Some(mission.1)))?];
    for (session, expected) in sessions {
        writes.push(TxWrite::put(store, "session", session_item(session)?, Expect::Version(Some(*expected)))?);
    }
    let mut listed = store::key(&keys::remuneration_month(month), &keys::facilitation_mission(&mission.0.id));
    listed.insert(keys::ENTITY_TYPE.into(), s("RemunerationMonth"));
    listed.insert("mission_id".into(), s(&mission.0.id));
    writes.push(TxWrite::put(store, "month", listed, Expect::Anything)?);
    store.transact("TransactWriteItems remunerations", writes).await
}

/// A step of the monthly batch left unfinished this long ago is taken over by the next run.
pub const STEP_LEASE_MINUTES: i64 = 10;

/// Records that `month` holds statements waiting for billing details (or that it no longer
/// does): the scheduled batch runs such months again.
pub async fn set_month_held(store: &Store, month: &str, held: bool, now: DateTime<Utc>) -> ApiResult<()> {
    if held {
        let mut item = store::key(keys::HELD_BATCHES, month);
        item.insert(keys::ENTITY_TYPE.into(), s("HeldBatch"));
        item.insert("since".into(), s(keys::timestamp(now)));
        store.put("PutItem held batch", item).await
    } else {
        store.delete_existing("DeleteItem held batch", keys::HELD_BATCHES, month).await.map(|_| ())
    }
}

/// The months whose batch holds statements waiting for billing details (one Query).
pub async fn held_months(store: &Store) -> ApiResult<Vec<String>> {
    #[derive(serde::Deserialize)]
    struct Held {
        #[serde(rename = "SK")]
        month: String,
    }
    let held: Vec<Held> =
        store.fetch("Query held batches", &crate::store::query::Query::on(crate::store::query::On::Table, keys::HELD_BATCHES)).await?;
    Ok(held.into_iter().map(|h| h.month).collect())
}

/// Claims a step of a month's batch (`PROVIDER#<sub>`, `EXPORT`) before doing it: `false`
/// when it is done, or being done by another run.
pub async fn claim_batch_step(store: &Store, month: &str, step: &str, now: DateTime<Utc>) -> ApiResult<bool> {
    let r = store
        .client
        .put_item()
        .table_name(&store.table)
        .item(keys::PK, s(keys::batch(month)))
        .item(keys::SK, s(step))
        .item(keys::ENTITY_TYPE, s("BatchStep"))
        .item("started_at", s(keys::timestamp(now)))
        .condition_expression("attribute_not_exists(PK) OR (attribute_not_exists(done_at) AND started_at < :stale)")
        .expression_attribute_values(":stale", s(keys::timestamp(now - chrono::Duration::minutes(STEP_LEASE_MINUTES))))
        .send()
        .await;
    match r {
        Ok(_) => Ok(true),
        Err(e) if store::is_conditional_failure(&e) => Ok(false),
        Err(e) => Err(store::sdk_error("PutItem batch step", e)),
    }
}

/// `finish_batch_step` as a write of a transaction (with the step's e-mails), named "step".
pub fn finish_batch_step_in_tx(store: &Store, month: &str, step: &str, now: DateTime<Utc>) -> ApiResult<TxWrite> {
    let values = vec![(":now", s(keys::timestamp(now)))];
    TxWrite::update(store, "step", (&keys::batch(month), step), "SET done_at = :now", "attribute_exists(PK)", values)
}

/// Marks a claimed step done.
pub async fn finish_batch_step(store: &Store, month: &str, step: &str, now: DateTime<Utc>) -> ApiResult<()> {
    let values = vec![(":now", s(keys::timestamp(now)))];
    store.update("UpdateItem batch step", (&keys::batch(month), step), "SET done_at = :now", None, values).await.map(|_| ())
}

#[derive(Deserialize)]
struct MonthEntry {
    mission_id: String,
}

/// The missions that had remuneration requests in a month (one Query).
pub async fn missions_of_month(store: &Store, month: &str) -> ApiResult<Vec<String>> {
    let entries: Vec<MonthEntry> = store.query_partition("Query remuneration month", &keys::remuneration_month(month)).await?;
    Ok(entries.into_iter().map(|e| e.mission_id).collect())
}

/// Writes a mission if its stored version is still `expected`; `false` on a conflict.
pub async fn save_mission(store: &Store, m: &FacilitationMission, expected: u64) -> ApiResult<bool> {
    store.put_versioned("PutItem mission closing", mission_item(m)?, Some(expected)).await
}

/// The transaction write of a participant's survey answer, once (named "answer").
pub fn survey_answer_in_tx<T: serde::Serialize>(
    store: &Store,
    mission_id: &str,
    session_id: &str,
    participant_id: &str,
    answer: &T,
) -> ApiResult<TxWrite> {
    let item =
        store::item("SurveyAnswer", &keys::facilitation_mission(mission_id), &keys::survey_answer(session_id, participant_id), answer)?;
    TxWrite::put(store, "answer", item, Expect::New)
}

//! Reminder items: what the scheduled reminders will send, written with the change that makes
//! them due.

use crate::domain::engagement::Engagement;
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::query::{On, Query, Sort};
use crate::store::{self, s, Expect, Store, TxWrite};

/// The reminder items (1, 3 and 10 days after the last day), written with the attestation
/// of the last date.
pub fn schedule_assessment(store: &Store, e: &Engagement) -> ApiResult<Vec<TxWrite>> {
    let due = crate::domain::engagement::assessment_reminders_due(e);
    if due.is_empty() {
        return Err(ApiError::unexpected("reminder", std::io::Error::other("no attested date")));
    }
    let mut writes = Vec::new();
    for (n, at) in due.into_iter().enumerate() {
        let mut item = store::key(keys::ASSESSMENT_REMINDERS, &keys::assessment_reminder(at, &format!("{}#{n}", e.id)));
        item.insert(keys::ENTITY_TYPE.into(), s("AssessmentReminder"));
        item.insert("engagement_id".into(), s(&e.id));
        writes.push(TxWrite::put(store, "reminder", item, Expect::Anything)?);
    }
    Ok(writes)
}

/// The reminders of a date request to its manager (`domain::reminders`), written with the
/// request or with a new link (`generation`: the reminders of an earlier link are dropped).
pub fn schedule_manager(
    store: &Store,
    engagement_id: &str,
    request_id: &str,
    generation: u32,
    due: &[chrono::DateTime<chrono::Utc>],
) -> ApiResult<Vec<TxWrite>> {
    let mut writes = Vec::new();
    for (n, at) in due.iter().enumerate() {
        let id = if generation == 0 {
            format!("{engagement_id}#{request_id}#{n}")
        } else {
            format!("{engagement_id}#{request_id}#g{generation}-{n}")
        };
        let mut item = store::key(keys::MANAGER_REMINDERS, &keys::assessment_reminder(*at, &id));
        item.insert(keys::ENTITY_TYPE.into(), s("ManagerReminder"));
        item.insert("engagement_id".into(), s(engagement_id));
        item.insert("request_id".into(), s(request_id));
        item.insert("link_generation".into(), s(generation.to_string()));
        writes.push(TxWrite::put(store, "manager reminder", item, Expect::New)?);
    }
    Ok(writes)
}

/// A manager reminder that is due and not sent yet.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct DueManagerReminder {
    #[serde(rename = "SK")]
    pub sk: String,
    pub engagement_id: String,
    pub request_id: String,
    /// The link generation it reminds of (`domain::engagement::DateRequest::link_generation`).
    #[serde(default)]
    pub link_generation: Option<String>,
}

impl DueManagerReminder {
    /// Whether it reminds of the request's current link (not one sent again since).
    pub fn is_for(&self, request: &crate::domain::engagement::DateRequest) -> bool {
        self.link_generation.as_deref().unwrap_or("0") == request.link_generation.to_string()
    }
}

/// The manager reminders due at `now` and not sent (one Query).
pub async fn due_manager_reminders(store: &Store, now: chrono::DateTime<chrono::Utc>) -> ApiResult<Vec<DueManagerReminder>> {
    let q = Query::on(On::Table, keys::MANAGER_REMINDERS).sort(Sort::UpTo(format!("{}~", keys::timestamp(now))));
    store.fetch("Query manager reminders", &q.unsent()).await
}

/// Deletes a manager reminder with nothing left to remind (decided, cancelled, expired).
pub async fn drop_manager_reminder(store: &Store, r: &DueManagerReminder) -> ApiResult<()> {
    store.delete_existing("DeleteItem manager reminder", keys::MANAGER_REMINDERS, &r.sk).await.map(|_| ())
}

/// The write that claims a manager reminder, in the transaction that queues its e-mail.
pub fn claim_manager_reminder(store: &Store, r: &DueManagerReminder, now: chrono::DateTime<chrono::Utc>) -> ApiResult<TxWrite> {
    let condition = "attribute_exists(PK) AND attribute_not_exists(sent_at)";
    TxWrite::update(
        store,
        "reminder",
        (keys::MANAGER_REMINDERS, &r.sk),
        "SET sent_at = :now",
        condition,
        vec![(":now", s(keys::timestamp(now)))],
    )
}

/// The reminders not sent yet that fall due before `until` (both kinds, at most 100 each):
/// what the next runs will send.
pub async fn upcoming(store: &Store, until: chrono::DateTime<chrono::Utc>) -> ApiResult<(Vec<DueReminder>, Vec<DueManagerReminder>)> {
    let bound = Sort::UpTo(format!("{}~", keys::timestamp(until)));
    let assessments = store
        .fetch("Query upcoming reminders", &Query::on(On::Table, keys::ASSESSMENT_REMINDERS).sort(bound.clone()).unsent().limit(100))
        .await?;
    let managers =
        store.fetch("Query upcoming reminders", &Query::on(On::Table, keys::MANAGER_REMINDERS).sort(bound).unsent().limit(100)).await?;
    Ok((assessments, managers))
}

/// When a reminder is due, from its sort key (`<due>#…`).
pub fn due_of(sk: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    sk.split('#').next().and_then(|t| t.parse().ok())
}

/// An assessment reminder that is due and not sent yet.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct DueReminder {
    #[serde(rename = "SK")]
    pub sk: String,
    pub engagement_id: String,
}

/// The assessment reminders due at `now` and not sent (one Query).
pub async fn due_assessments(store: &Store, now: chrono::DateTime<chrono::Utc>) -> ApiResult<Vec<DueReminder>> {
    let q = Query::on(On::Table, keys::ASSESSMENT_REMINDERS).sort(Sort::UpTo(format!("{}~", keys::timestamp(now))));
    store.fetch("Query reminders", &q.unsent()).await
}

/// Deletes a reminder that has nothing left to remind.
pub async fn drop_assessment(store: &Store, r: &DueReminder) -> ApiResult<()> {
    store
        .client
        .delete_item()
        .table_name(&store.table)
        .set_key(Some(store::key(keys::ASSESSMENT_REMINDERS, &r.sk)))
        .send()
        .await
        .map_err(|e| store::sdk_error("DeleteItem reminder", e))?;
    Ok(())
}

/// The write that claims a reminder, in the transaction that queues its e-mail (named
/// "reminder"): only one run gets past its condition.
pub fn claim_assessment(store: &Store, r: &DueReminder, now: chrono::DateTime<chrono::Utc>) -> ApiResult<store::TxWrite> {
    let condition = "attribute_exists(PK) AND attribute_not_exists(sent_at)";
    let values = vec![(":now", s(keys::timestamp(now)))];
    store::TxWrite::update(store, "reminder", (keys::ASSESSMENT_REMINDERS, &r.sk), "SET sent_at = :now", condition, values)
}

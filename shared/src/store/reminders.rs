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
    claim_in(store, keys::MANAGER_REMINDERS, &r.sk, now)
}

/// Marks a reminder of the partition `pk` sent, if it is there and not sent yet.
fn claim_in(store: &Store, pk: &str, sk: &str, now: chrono::DateTime<chrono::Utc>) -> ApiResult<TxWrite> {
    let condition = "attribute_exists(PK) AND attribute_not_exists(sent_at)";
    TxWrite::update(store, "reminder", (pk, sk), "SET sent_at = :now", condition, vec![(":now", s(keys::timestamp(now)))])
}

/// The reminders to sign `version` (`domain::reminders::signature_reminders`), written with
/// the acceptance that makes it ready.
pub fn schedule_signatures(
    store: &Store,
    engagement_id: &str,
    version: usize,
    due: &[chrono::DateTime<chrono::Utc>],
) -> ApiResult<Vec<TxWrite>> {
    let mut writes = Vec::new();
    for (n, at) in due.iter().enumerate() {
        let mut item = store::key(keys::SIGNATURE_REMINDERS, &keys::assessment_reminder(*at, &format!("{engagement_id}#v{version}#{n}")));
        item.insert(keys::ENTITY_TYPE.into(), s("SignatureReminder"));
        item.insert("engagement_id".into(), s(engagement_id));
        item.insert("version".into(), s(version.to_string()));
        writes.push(TxWrite::put(store, "signature reminder", item, Expect::New)?);
    }
    Ok(writes)
}

/// A reminder to sign that is due and not sent yet.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct DueSignatureReminder {
    #[serde(rename = "SK")]
    pub sk: String,
    pub engagement_id: String,
    /// The convention version to sign.
    pub version: String,
}

/// The reminders to sign due at `now` and not sent (one Query).
pub async fn due_signature_reminders(store: &Store, now: chrono::DateTime<chrono::Utc>) -> ApiResult<Vec<DueSignatureReminder>> {
    let q = Query::on(On::Table, keys::SIGNATURE_REMINDERS).sort(Sort::UpTo(format!("{}~", keys::timestamp(now))));
    store.fetch("Query signature reminders", &q.unsent()).await
}

/// Deletes a reminder to sign with nothing left to remind (signed, replaced, cancelled).
pub async fn drop_signature_reminder(store: &Store, r: &DueSignatureReminder) -> ApiResult<()> {
    store.delete_existing("DeleteItem signature reminder", keys::SIGNATURE_REMINDERS, &r.sk).await.map(|_| ())
}

/// The write that claims a reminder to sign, in the transaction that queues its e-mails.
pub fn claim_signature_reminder(store: &Store, r: &DueSignatureReminder, now: chrono::DateTime<chrono::Utc>) -> ApiResult<TxWrite> {
    claim_in(store, keys::SIGNATURE_REMINDERS, &r.sk, now)
}

/// When `party` was last reminded on demand to sign `version` of the engagement.
pub async fn last_nudge(
    store: &Store,
    engagement_id: &str,
    version: usize,
    party: &str,
) -> ApiResult<Option<chrono::DateTime<chrono::Utc>>> {
    #[derive(serde::Deserialize)]
    struct Nudge {
        sent_at: chrono::DateTime<chrono::Utc>,
    }
    let nudge: Option<Nudge> = store.get_as(&keys::nudges(engagement_id), &keys::nudge(version, party)).await?;
    Ok(nudge.map(|n| n.sent_at))
}

/// The write that records a reminder on demand, in the transaction that queues its e-mail:
/// it fails when another went out within the cooldown (a concurrent click).
pub fn record_nudge(
    store: &Store,
    engagement_id: &str,
    version: usize,
    party: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<TxWrite> {
    let cutoff = now - crate::domain::reminders::RESEND_COOLDOWN;
    TxWrite::update(
        store,
        "nudge",
        (&keys::nudges(engagement_id), &keys::nudge(version, party)),
        &format!("SET sent_at = :now, {} = :type, {} = :ttl", keys::ENTITY_TYPE, keys::TTL),
        "attribute_not_exists(sent_at) OR sent_at <= :cutoff",
        vec![
            (":now", s(keys::timestamp(now))),
            (":cutoff", s(keys::timestamp(cutoff))),
            (":type", s("Nudge")),
            (":ttl", aws_sdk_dynamodb::types::AttributeValue::N((now + chrono::Duration::days(2)).timestamp().to_string())),
        ],
    )
}

/// The reminders not sent yet that fall due before `until` (every kind, at most 100 each):
/// what the next runs will send.
pub async fn upcoming(store: &Store, until: chrono::DateTime<chrono::Utc>) -> ApiResult<Upcoming> {
    let bound = Sort::UpTo(format!("{}~", keys::timestamp(until)));
    let of = |pk: &str| Query::on(On::Table, pk).sort(bound.clone()).unsent().limit(100);
    Ok(Upcoming {
        assessments: store.fetch("Query upcoming reminders", &of(keys::ASSESSMENT_REMINDERS)).await?,
        managers: store.fetch("Query upcoming reminders", &of(keys::MANAGER_REMINDERS)).await?,
        signatures: store.fetch("Query upcoming reminders", &of(keys::SIGNATURE_REMINDERS)).await?,
    })
}

/// The reminders the next runs will send, by kind.
pub struct Upcoming {
    pub assessments: Vec<DueReminder>,
    pub managers: Vec<DueManagerReminder>,
    pub signatures: Vec<DueSignatureReminder>,
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

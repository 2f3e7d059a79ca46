//! CSR report exports too large for one request (`REPORTEXPORT#<id>` / `EXPORT`): asked by a
//! company admin, findable while pending (GSI1 `REPORT_EXPORTS#PENDING`), built by the
//! scheduled `build-report-exports` job under a claim that expires (a failed run releases it
//! for the next), marked ready with the e-mail that says so, in one transaction.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::report::Filters;
use crate::error::ApiResult;
use crate::keys;
use crate::store::query::{On, Query};
use crate::store::{self, s, Expect, Store, TxWrite};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportExport {
    pub id: String,
    pub company_id: String,
    pub year: i32,
    pub filters: Filters,
    pub requested_by_sub: String,
    pub requested_by_email: String,
    pub lines: usize,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub ready_at: Option<DateTime<Utc>>,
}

const SK: &str = keys::REPORT_EXPORT_SK;
const PENDING: &str = keys::REPORT_EXPORTS_PENDING;

fn pk(id: &str) -> String {
    keys::report_export(id)
}

/// Records the request, pending.
pub async fn request(store: &Store, x: &ReportExport) -> ApiResult<()> {
    let mut item = store::item("ReportExport", &pk(&x.id), SK, x)?;
    item.insert(keys::GSI1PK.into(), s(PENDING));
    item.insert(keys::GSI1SK.into(), s(keys::dated(&keys::timestamp(x.created_at), &x.id)));
    store.put_expecting("PutItem report export", item, Expect::New).await.map(|_| ())
}

pub async fn get(store: &Store, id: &str) -> ApiResult<Option<ReportExport>> {
    store.get_as(&pk(id), SK).await
}

/// The exports waiting to be built, oldest first.
pub async fn pending(store: &Store) -> ApiResult<Vec<ReportExport>> {
    store.fetch("Query pending report exports", &Query::on(On::Gsi1, PENDING)).await
}

/// Claims a pending export until `until` (`false`: another run holds it, or it is built).
pub async fn claim(store: &Store, id: &str, now: DateTime<Utc>, until: DateTime<Utc>) -> ApiResult<bool> {
    store
        .update(
            "UpdateItem claim report export",
            (&pk(id), SK),
            "SET claimed_until = :until",
            Some("attribute_exists(GSI1PK) AND (attribute_not_exists(claimed_until) OR claimed_until < :now)"),
            vec![(":until", s(keys::timestamp(until))), (":now", s(keys::timestamp(now)))],
        )
        .await
}

/// The write that marks the export built (off the pending index), if this run still holds
/// its claim: in the transaction that queues its e-mail.
pub fn mark_ready(store: &Store, id: &str, claimed_until: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<TxWrite> {
    TxWrite::update(
        store,
        "export",
        (&pk(id), SK),
        "SET ready_at = :now REMOVE GSI1PK, GSI1SK, claimed_until",
        "claimed_until = :until",
        // `ready_at` as serde writes the other instants of the item.
        vec![(":now", s(now.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))), (":until", s(keys::timestamp(claimed_until)))],
    )
}

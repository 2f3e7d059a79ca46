//! Job leases: a run's exclusive hold on a scheduled job, so that runs of one job never
//! overlap (an EventBridge retry or a late invocation finds the lease and stops) without
//! reserving Lambda concurrency, which new AWS accounts cannot spare. A crashed run's lease
//! lapses after its time to live.

use crate::app::App;
use crate::error::ApiResult;
use crate::keys;
use crate::store::{self, s};

/// A run's exclusive lease on a job, so that runs of one job never overlap (an EventBridge
/// retry or a late invocation finds the lease and stops) without reserving Lambda
/// concurrency, which new AWS accounts cannot spare. A crashed run's lease lapses after `ttl`.
pub struct Lease {
    job: &'static str,
    id: String,
}

pub async fn take(app: &App, job: &'static str, ttl: chrono::Duration) -> ApiResult<Option<Lease>> {
    let now = app.now();
    let id = uuid::Uuid::new_v4().to_string();
    let r = app
        .store
        .client
        .put_item()
        .table_name(&app.store.table)
        .item(keys::PK, s(keys::job(job)))
        .item(keys::SK, s(keys::LEASE_SK))
        .item(keys::ENTITY_TYPE, s("JobLease"))
        .item("lease_id", s(&id))
        .item("until", s(keys::timestamp(now + ttl)))
        .item(keys::TTL, aws_sdk_dynamodb::types::AttributeValue::N((now + ttl + chrono::Duration::days(1)).timestamp().to_string()))
        .condition_expression("attribute_not_exists(PK) OR #until < :now")
        .expression_attribute_names("#until", "until")
        .expression_attribute_values(":now", s(keys::timestamp(now)))
        .send()
        .await;
    match r {
        Ok(_) => Ok(Some(Lease { job, id })),
        Err(e) if store::is_conditional_failure(&e) => Ok(None),
        Err(e) => Err(store::sdk_error("PutItem job lease", e)),
    }
}

impl Lease {
    /// Runs `work` holding the lease, then gives it back whatever happened: a result, an
    /// error, or a panic (reported as an error), so that a failed run never blocks the next.
    pub async fn around<T>(self, app: &App, work: impl std::future::Future<Output = ApiResult<T>>) -> ApiResult<T> {
        use futures_util::FutureExt;
        let outcome = std::panic::AssertUnwindSafe(work).catch_unwind().await.unwrap_or_else(|panic| {
            let what = panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned());
            Err(crate::error::ApiError::unexpected("job", std::io::Error::other(format!("panicked: {}", what.unwrap_or_default()))))
        });
        self.release(app).await?;
        outcome
    }

    /// Gives the lease back (only if it is still ours).
    pub async fn release(self, app: &App) -> ApiResult<()> {
        let r = app
            .store
            .client
            .delete_item()
            .table_name(&app.store.table)
            .set_key(Some(store::key(&keys::job(self.job), keys::LEASE_SK)))
            .condition_expression("lease_id = :id")
            .expression_attribute_values(":id", s(&self.id))
            .send()
            .await;
        match r {
            Ok(_) => Ok(()),
            Err(e) if store::is_conditional_failure(&e) => Ok(()),
            Err(e) => Err(store::sdk_error("DeleteItem job lease", e)),
        }
    }
}

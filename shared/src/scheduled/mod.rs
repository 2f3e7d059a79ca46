//! Scheduled functions (EventBridge): one module per function, named like its crate.

pub mod remind_assessments;
pub mod run_remuneration_batch;
pub mod send_alert_digests;
pub mod snapshot_catalogue;

use serde_json::Value;

use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::{self, s};

macro_rules! scheduled {
    ($($variant:ident => $module:ident $schedule:literal [$($dynamo:literal),*] [$($s3:literal),*],)*) => {
        /// The scheduled functions: crate, schedule, and what their policy grants.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Job { $($variant,)* }

        pub const JOBS: &[Job] = &[$(Job::$variant,)*];

        impl Job {
            pub fn function(self) -> &'static str { match self { $(Job::$variant => stringify!($module),)* } }
            /// EventBridge schedule expression.
            pub fn schedule(self) -> &'static str { match self { $(Job::$variant => $schedule,)* } }
            pub fn dynamodb_actions(self) -> &'static [&'static str] { match self { $(Job::$variant => &[$($dynamo),*],)* } }
            /// Other grants, as in `Endpoint::grants`.
            pub fn grants(self) -> &'static [&'static str] { match self { $(Job::$variant => &[$($s3),*],)* } }
            pub fn crate_name(self) -> String { self.function().replace('_', "-") }
        }

        /// Runs a job for one EventBridge event; the result is logged and returned.
        pub async fn run(job: Job, app: &App, event: Value) -> Result<Value, ApiError> {
            match job { $(Job::$variant => $module::run(app, event).await,)* }
        }
    };
}

scheduled! {
    SnapshotCatalogue => snapshot_catalogue "rate(5 minutes)" ["Query"] ["s3:GetObject:catalogue/*", "s3:PutObject:catalogue/*"],
    RemindAssessments => remind_assessments "rate(1 hour)" ["DeleteItem", "GetItem", "Query", "UpdateItem"] ["ses:SendEmail"],
    RunRemunerationBatch => run_remuneration_batch "cron(0 6 1 * ? *)" ["DeleteItem", "PutItem", "Query", "UpdateItem"] ["s3:GetObject:exports/*", "s3:PutObject:exports/*", "s3:PutObject:invoices/*", "s3:PutObject:statements/*", "ses:SendEmail", "ses:SendRawEmail"],
    SendAlertDigests => send_alert_digests "rate(2 minutes)" ["DeleteItem", "PutItem", "Query", "UpdateItem"] ["s3:GetObject:catalogue/*", "ses:SendRawEmail"],
}

/// A run's exclusive lease on a job, so that runs of one job never overlap (an EventBridge
/// retry or a late invocation finds the lease and stops) without reserving Lambda
/// concurrency, which new AWS accounts cannot spare. A crashed run's lease lapses after `ttl`.
pub struct Lease {
    job: &'static str,
    id: String,
}

pub async fn take_lease(app: &App, job: &'static str, ttl: chrono::Duration) -> ApiResult<Option<Lease>> {
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

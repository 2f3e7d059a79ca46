//! Scheduled functions (EventBridge): one module per function, named like its crate.

pub mod remind_assessments;
pub mod run_remuneration_batch;
pub mod send_alert_digests;
pub mod snapshot_catalogue;

use serde_json::Value;

use crate::app::App;
use crate::error::ApiError;

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
    RunRemunerationBatch => run_remuneration_batch "cron(0 6 1 * ? *)" ["PutItem", "Query", "UpdateItem"] ["s3:GetObject:exports/*", "s3:PutObject:exports/*", "s3:PutObject:invoices/*", "s3:PutObject:statements/*", "ses:SendEmail", "ses:SendRawEmail"],
    SendAlertDigests => send_alert_digests "rate(2 minutes)" ["PutItem", "Query", "UpdateItem"] ["s3:GetObject:catalogue/*", "ses:SendRawEmail"],
}

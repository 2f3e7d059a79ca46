//! Scheduled every 2 minutes — the job is `shared::scheduled::send_alert_digests`.

use shared::scheduled::Job;

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    shared::runtime::run_scheduled(Job::SendAlertDigests).await
}

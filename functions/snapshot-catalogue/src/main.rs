//! Scheduled every 5 minutes — the job is `shared::scheduled::snapshot_catalogue`.

use shared::scheduled::Job;

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    shared::runtime::run_scheduled(Job::SnapshotCatalogue).await
}

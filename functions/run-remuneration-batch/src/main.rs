//! Scheduled on the 1st of every month — the job is `shared::scheduled::run_remuneration_batch`.

use shared::scheduled::Job;

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    shared::runtime::run_scheduled(Job::RunRemunerationBatch).await
}

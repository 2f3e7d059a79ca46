//! Scheduled every hour — the job is `shared::scheduled::remind_assessments`.

use shared::scheduled::Job;

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    shared::runtime::run_scheduled(Job::RemindAssessments).await
}

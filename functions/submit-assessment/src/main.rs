//! `POST /engagements/{engagementId}/assessment` — the handler is `shared::handlers::submit_assessment`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::SubmitAssessment, shared::routes::handler::submit_assessment).await
}

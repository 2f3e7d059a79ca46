//! `POST /engagements/{engagementId}/cancellation` — the handler is `shared::handlers::cancel_engagement`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::CancelEngagement, shared::routes::handler::cancel_engagement).await
}

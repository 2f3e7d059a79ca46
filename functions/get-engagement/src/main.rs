//! `GET /engagements/{engagementId}` — the handler is `shared::handlers::get_engagement`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::GetEngagement, shared::routes::handler::get_engagement).await
}

//! `POST /engagements/{engagementId}/date-requests` — the handler is `shared::handlers::request_dates`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::RequestDates, shared::routes::handler::request_dates).await
}

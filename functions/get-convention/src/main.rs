//! `GET /engagements/{engagementId}/convention` — the handler is `shared::handlers::get_convention`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::GetConvention, shared::routes::handler::get_convention).await
}

//! `POST /engagements/{engagementId}/convention/signatures` — the handler is `shared::handlers::sign_convention`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::SignConvention, shared::routes::handler::sign_convention).await
}

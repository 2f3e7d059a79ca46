//! `GET /me/facilitation-sessions` — the handler is `shared::handlers::list_my_facilitation_sessions`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListMyFacilitationSessions, shared::routes::handler::list_my_facilitation_sessions).await
}

//! `POST /facilitation-missions/{missionId}/sessions` — the handler is `shared::handlers::create_session`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::CreateSession, shared::routes::handler::create_session).await
}

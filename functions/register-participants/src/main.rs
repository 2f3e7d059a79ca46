//! `POST /facilitation-missions/{missionId}/sessions/{sessionId}/participants` — the handler is `shared::handlers::register_participants`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::RegisterParticipants, shared::routes::handler::register_participants).await
}

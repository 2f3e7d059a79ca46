//! `PATCH /facilitation-missions/{missionId}/sessions/{sessionId}/facilitators/{facilitatorId}` — the handler is `shared::handlers::update_facilitator_status`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::UpdateFacilitatorStatus, shared::routes::handler::update_facilitator_status).await
}

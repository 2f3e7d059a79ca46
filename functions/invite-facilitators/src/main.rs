//! `POST /facilitation-missions/{missionId}/sessions/{sessionId}/invitations` — the handler is `shared::handlers::invite_facilitators`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::InviteFacilitators, shared::routes::handler::invite_facilitators).await
}

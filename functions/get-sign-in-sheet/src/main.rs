//! `GET /facilitation-missions/{missionId}/sessions/{sessionId}/sign-in-sheet` — the handler is `shared::handlers::get_sign_in_sheet`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::GetSignInSheet, shared::routes::handler::get_sign_in_sheet).await
}

//! `POST /engagements/{engagementId}/date-requests/{requestId}/decision` — the handler is `shared::handlers::decide_team_request`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::DecideTeamRequest, shared::routes::handler::decide_team_request).await
}

//! `GET /me/team` — the handler is `shared::handlers::list_team_requests`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListTeamRequests, shared::routes::handler::list_team_requests).await
}

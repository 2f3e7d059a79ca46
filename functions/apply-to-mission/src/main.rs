//! `POST /missions/{missionId}/applications` — the handler is `shared::handlers::apply_to_mission`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ApplyToMission, shared::routes::handler::apply_to_mission).await
}

//! `GET /facilitation-missions/{missionId}` — the handler is `shared::handlers::get_facilitation_mission`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::GetFacilitationMission, shared::routes::handler::get_facilitation_mission).await
}

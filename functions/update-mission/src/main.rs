//! `PATCH /missions/{missionId}` — the handler is `shared::handlers::update_mission`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::UpdateMission, shared::routes::handler::update_mission).await
}

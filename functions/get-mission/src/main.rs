//! `GET /missions/{missionId}` — the handler is `shared::handlers::get_mission`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::GetMission, shared::routes::handler::get_mission).await
}

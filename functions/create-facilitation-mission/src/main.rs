//! `POST /facilitation-missions` — the handler is `shared::handlers::create_facilitation_mission`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::CreateFacilitationMission, shared::routes::handler::create_facilitation_mission).await
}

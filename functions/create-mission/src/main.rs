//! `POST /associations/{associationId}/missions` — the handler is `shared::handlers::create_mission`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::CreateMission, shared::routes::handler::create_mission).await
}

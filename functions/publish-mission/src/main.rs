//! `POST /missions/{missionId}/publish` — the handler is `shared::handlers::publish_mission`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::PublishMission, shared::routes::handler::publish_mission).await
}

//! `POST /missions/{missionId}/shares` — the handler is `shared::handlers::share_mission`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ShareMission, shared::routes::handler::share_mission).await
}

//! `POST /missions/{missionId}/archive` — the handler is `shared::handlers::archive_mission`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ArchiveMission, shared::routes::handler::archive_mission).await
}

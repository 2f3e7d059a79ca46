//! `POST /facilitation-missions/{missionId}/sessions/{sessionId}/attendance` — the handler is `shared::handlers::record_attendance`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::RecordAttendance, shared::routes::handler::record_attendance).await
}

//! `POST /engagements/{engagementId}/attendance` — the handler is `shared::handlers::attest_attendance`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::AttestAttendance, shared::routes::handler::attest_attendance).await
}

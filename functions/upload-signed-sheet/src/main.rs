//! `POST /facilitation-missions/{missionId}/sessions/{sessionId}/signed-sheets` — the handler is `shared::handlers::upload_signed_sheet`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::UploadSignedSheet, shared::routes::handler::upload_signed_sheet).await
}

//! `POST /facilitation-invitations/{token}` — the handler is `shared::handlers::register_facilitator`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::RegisterFacilitator, shared::routes::handler::register_facilitator).await
}

//! `POST /facilitation-missions/{missionId}/remuneration-requests` — the handler is `shared::handlers::request_remunerations`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::RequestRemunerations, shared::routes::handler::request_remunerations).await
}

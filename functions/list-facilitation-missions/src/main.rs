//! `GET /facilitation-missions` — the handler is `shared::handlers::list_facilitation_missions`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListFacilitationMissions, shared::routes::handler::list_facilitation_missions).await
}

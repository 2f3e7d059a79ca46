//! `GET /missions` — the handler is `shared::handlers::search_missions`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::SearchMissions, shared::routes::handler::search_missions).await
}

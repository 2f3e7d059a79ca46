//! `GET /me/history` — the handler is `shared::handlers::list_history`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListHistory, shared::routes::handler::list_history).await
}

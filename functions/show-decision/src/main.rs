//! `GET /decisions/{token}` — the handler is `shared::handlers::show_decision`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ShowDecision, shared::routes::handler::show_decision).await
}

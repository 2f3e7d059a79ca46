//! `POST /alerts/unsubscribe/{token}` — the handler is `shared::handlers::unsubscribe`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::Unsubscribe, shared::routes::handler::unsubscribe).await
}

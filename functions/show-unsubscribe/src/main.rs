//! `GET /alerts/unsubscribe/{token}` — the handler is `shared::handlers::show_unsubscribe`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ShowUnsubscribe, shared::routes::handler::show_unsubscribe).await
}

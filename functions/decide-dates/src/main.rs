//! `POST /decisions/{token}` — the handler is `shared::handlers::decide_dates`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::DecideDates, shared::routes::handler::decide_dates).await
}

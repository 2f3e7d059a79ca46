//! `POST /news` — the handler is `shared::handlers::create_news`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::CreateNews, shared::routes::handler::create_news).await
}

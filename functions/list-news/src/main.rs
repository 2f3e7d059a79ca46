//! `GET /news` — the handler is `shared::handlers::list_news`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListNews, shared::routes::handler::list_news).await
}

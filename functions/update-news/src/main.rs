//! `PUT /news/{newsId}` — the handler is `shared::handlers::update_news`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::UpdateNews, shared::routes::handler::update_news).await
}

//! `DELETE /news/{newsId}` — the handler is `shared::handlers::delete_news`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::DeleteNews, shared::routes::handler::delete_news).await
}

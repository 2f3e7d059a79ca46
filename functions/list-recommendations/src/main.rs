//! `GET /me/recommendations` — the handler is `shared::handlers::list_recommendations`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListRecommendations, shared::routes::handler::list_recommendations).await
}

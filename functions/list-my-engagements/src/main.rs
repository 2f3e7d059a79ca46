//! `GET /me/engagements` — the handler is `shared::handlers::list_my_engagements`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListMyEngagements, shared::routes::handler::list_my_engagements).await
}

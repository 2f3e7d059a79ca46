//! `GET /taxonomies` — the handler is `shared::handlers::get_taxonomies`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::GetTaxonomies, shared::routes::handler::get_taxonomies).await
}

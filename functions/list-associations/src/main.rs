//! `GET /associations` — the handler is `shared::handlers::list_associations`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListAssociations, shared::routes::handler::list_associations).await
}

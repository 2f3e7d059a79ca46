//! `GET /association-suggestions` — the handler is `shared::handlers::list_association_suggestions`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListAssociationSuggestions, shared::routes::handler::list_association_suggestions).await
}

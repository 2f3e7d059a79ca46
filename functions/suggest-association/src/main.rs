//! `POST /association-suggestions` — the handler is `shared::handlers::suggest_association`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::SuggestAssociation, shared::routes::handler::suggest_association).await
}

//! `POST /association-suggestions/{suggestionId}/decision` — the handler is `shared::handlers::decide_association_suggestion`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::DecideAssociationSuggestion, shared::routes::handler::decide_association_suggestion).await
}

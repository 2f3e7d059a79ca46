//! `GET /associations/{associationId}` — the handler is `shared::handlers::get_association`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::GetAssociation, shared::routes::handler::get_association).await
}

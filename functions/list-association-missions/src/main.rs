//! `GET /associations/{associationId}/missions` — the handler is `shared::handlers::list_association_missions`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListAssociationMissions, shared::routes::handler::list_association_missions).await
}

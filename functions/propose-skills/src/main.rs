//! `POST /associations/{associationId}/skill-proposals` — the handler is `shared::handlers::propose_skills`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ProposeSkills, shared::routes::handler::propose_skills).await
}

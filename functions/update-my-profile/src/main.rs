//! `PATCH /me` — the handler is `shared::handlers::update_my_profile`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::UpdateMyProfile, shared::routes::handler::update_my_profile).await
}

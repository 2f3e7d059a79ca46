//! `GET /me` — the handler is `shared::handlers::get_my_profile`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::GetMyProfile, shared::routes::handler::get_my_profile).await
}

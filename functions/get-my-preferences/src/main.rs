//! `GET /me/preferences` — the handler is `shared::handlers::get_my_preferences`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::GetMyPreferences, shared::routes::handler::get_my_preferences).await
}

//! `PUT /me/preferences` — the handler is `shared::handlers::update_my_preferences`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::UpdateMyPreferences, shared::routes::handler::update_my_preferences).await
}

//! `DELETE /me/favourites/{missionId}` — the handler is `shared::handlers::remove_favourite`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::RemoveFavourite, shared::routes::handler::remove_favourite).await
}

//! `PUT /me/favourites/{missionId}` — the handler is `shared::handlers::add_favourite`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::AddFavourite, shared::routes::handler::add_favourite).await
}

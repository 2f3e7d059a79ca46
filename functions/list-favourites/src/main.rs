//! `GET /me/favourites` — the handler is `shared::handlers::list_favourites`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListFavourites, shared::routes::handler::list_favourites).await
}

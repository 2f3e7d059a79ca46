//! `GET /me/dashboard` — the handler is `shared::handlers::get_my_dashboard`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::GetMyDashboard, shared::routes::handler::get_my_dashboard).await
}

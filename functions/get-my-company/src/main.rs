//! `GET /me/company` — the handler is `shared::handlers::get_my_company`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::GetMyCompany, shared::routes::handler::get_my_company).await
}

//! `POST /me/registration` — the handler is `shared::handlers::register_employee`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::RegisterEmployee, shared::routes::handler::register_employee).await
}

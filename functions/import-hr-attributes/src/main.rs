//! `PUT /companies/{companyId}/hr-attributes` — the handler is `shared::handlers::import_hr_attributes`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ImportHrAttributes, shared::routes::handler::import_hr_attributes).await
}

//! `GET /surveys/{token}` — the handler is `shared::handlers::show_survey`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ShowSurvey, shared::routes::handler::show_survey).await
}

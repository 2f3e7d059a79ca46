//! `POST /surveys/{token}` — the handler is `shared::handlers::submit_survey`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::SubmitSurvey, shared::routes::handler::submit_survey).await
}

//! `GET /facilitation-missions/{missionId}/survey-results` — the handler is `shared::handlers::get_survey_results`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::GetSurveyResults, shared::routes::handler::get_survey_results).await
}

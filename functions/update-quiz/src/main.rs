//! `PUT /quizzes/{quizId}` — the handler is `shared::handlers::update_quiz`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::UpdateQuiz, shared::routes::handler::update_quiz).await
}

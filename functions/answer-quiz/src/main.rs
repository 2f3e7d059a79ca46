//! `POST /quizzes/{quizId}/answers` — the handler is `shared::handlers::answer_quiz`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::AnswerQuiz, shared::routes::handler::answer_quiz).await
}

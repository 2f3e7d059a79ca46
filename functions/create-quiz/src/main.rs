//! `POST /quizzes` — the handler is `shared::handlers::create_quiz`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::CreateQuiz, shared::routes::handler::create_quiz).await
}

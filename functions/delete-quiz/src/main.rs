//! `DELETE /quizzes/{quizId}` — the handler is `shared::handlers::delete_quiz`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::DeleteQuiz, shared::routes::handler::delete_quiz).await
}

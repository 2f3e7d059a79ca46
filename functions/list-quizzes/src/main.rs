//! `GET /quizzes` — the handler is `shared::handlers::list_quizzes`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListQuizzes, shared::routes::handler::list_quizzes).await
}

//! `GET /me/quizzes` — the handler is `shared::handlers::list_my_quizzes`.

use shared::routes::Endpoint;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    shared::runtime::run_http(Endpoint::ListMyQuizzes, shared::routes::handler::list_my_quizzes).await
}

//! DELETE /quizzes/{quizId} — the operator removes a quiz.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::publications;
use shared::areas::quizzes::Quiz;
use shared::error::ApiResult;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    publications::delete::<Quiz>(app, &req).await
}

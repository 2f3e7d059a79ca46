//! PUT /quizzes/{quizId} — the operator replaces a quiz (answers already given keep the
//! version they answered).

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::publications;
use shared::areas::quizzes::Quiz;
use shared::error::ApiResult;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    publications::replace::<Quiz>(app, &req).await
}

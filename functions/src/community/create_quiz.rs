//! POST /quizzes — the operator schedules a quiz.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::areas::directory::Viewer;
use shared::areas::quizzes::*;
use shared::domain::user::Role;
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, input): (_, QuizInput) = http::caller_and_body(&req)?;
    access::require_role(app, &caller, Role::Operator).await?;
    let now = app.now();
    let state = app.catalogue.cached(&app.store).await?;
    let quiz = input.validate(&state, uuid::Uuid::now_v7().to_string(), now, now)?;
    app.store.put_new("PutItem quiz", item(&quiz)?).await?;
    http::json(201, &quiz_view(&state, &Viewer::Operator, quiz, false, None))
}

//! PUT /quizzes/{quizId} — the operator replaces a quiz (answers already given keep the
//! version they answered).

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::areas::directory::Viewer;
use shared::areas::quizzes::*;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::keys;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, id, input): (_, _, QuizInput) = http::caller_id_body(&req, "quizId")?;
    access::require_role(app, &caller, Role::Operator).await?;
    let current: Quiz =
        app.store.get_as(&keys::quiz(&id), keys::QUIZ_SK).await?.ok_or_else(|| ApiError::NotFound(err::QUIZ_NOT_FOUND.into()))?;
    let state = app.catalogue.cached(&app.store).await?;
    let quiz = input.validate(&state, id, current.created_at, app.now())?;
    if !app.store.replace_existing("PutItem quiz", item(&quiz)?).await? {
        return Err(ApiError::NotFound(err::QUIZ_NOT_FOUND.into()));
    }
    http::ok(&quiz_view(&state, &Viewer::Operator, quiz, false, None))
}

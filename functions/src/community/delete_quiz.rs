//! DELETE /quizzes/{quizId} — the operator removes a quiz.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::keys;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "quizId")?;
    access::require_role(app, &caller, Role::Operator).await?;
    if !app.store.delete_existing("DeleteItem quiz", &keys::quiz(&id), keys::QUIZ_SK).await? {
        return Err(ApiError::NotFound(err::QUIZ_NOT_FOUND.into()));
    }
    http::no_content()
}

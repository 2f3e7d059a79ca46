//! DELETE /quizzes/{quizId} — the operator removes a quiz.

use chrono::{DateTime, NaiveDate, Utc};
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};
use shared::app::App;
use shared::catalogue::State;
use shared::domain::user::Role;
use shared::domain::validate;
use shared::error::{ApiError, ApiResult, Errors};
use shared::areas::access;
use shared::areas::directory::{viewer, Viewer};
use shared::areas::news::{date, linked_missions, mission_cards};
use shared::areas::views::MissionCard;
use shared::http;
use shared::keys;
use shared::store::{self, s};
use shared::texts::err;
use shared::areas::quizzes::*;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "quizId")?;
    access::require_role(app, &caller, Role::Operator).await?;
    if !app.store.delete_existing("DeleteItem quiz", &keys::quiz(&id), keys::QUIZ_SK).await? {
        return Err(ApiError::NotFound(err::QUIZ_NOT_FOUND.into()));
    }
    http::no_content()
}

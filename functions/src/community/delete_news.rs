//! DELETE /news/{newsId} — the operator removes an event.

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
use shared::areas::views::MissionCard;
use shared::http;
use shared::keys;
use shared::store::{self, s};
use shared::texts::err;
use shared::areas::news::*;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "newsId")?;
    access::require_role(app, &caller, Role::Operator).await?;
    if !app.store.delete_existing("DeleteItem news", &keys::news(&id), keys::NEWS_SK).await? {
        return Err(ApiError::NotFound(err::NEWS_NOT_FOUND.into()));
    }
    http::no_content()
}

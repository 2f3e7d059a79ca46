//! POST /news — the operator adds an event.

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
    let input: NewsInput = http::json_body(&req)?;
    access::require_role(app, &caller, Role::Operator).await?;
    let now = app.now();
    let state = app.catalogue.cached(&app.store).await?;
    let news = input.validate(&state, uuid::Uuid::now_v7().to_string(), now, now)?;
    app.store.put_new("PutItem news", item(&news)?).await?;
    http::json(201, &news_view(&state, &Viewer::Operator, news))
}

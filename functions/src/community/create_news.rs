//! POST /news — the operator adds an event.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::areas::directory::Viewer;
use shared::areas::news::*;
use shared::domain::user::Role;
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, input): (_, NewsInput) = http::caller_and_body(&req)?;
    access::require_role(app, &caller, Role::Operator).await?;
    let now = app.now();
    let state = app.catalogue.cached(&app.store).await?;
    let news = input.validate(&state, uuid::Uuid::now_v7().to_string(), now, now)?;
    app.store.put_new("PutItem news", item(&news)?).await?;
    http::json(201, &news_view(&state, &Viewer::Operator, news))
}

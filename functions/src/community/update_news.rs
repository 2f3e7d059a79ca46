//! PUT /news/{newsId} — the operator replaces an event.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::areas::directory::Viewer;
use shared::areas::news::*;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::keys;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, id, input): (_, _, NewsInput) = http::caller_id_body(&req, "newsId")?;
    access::require_role(app, &caller, Role::Operator).await?;
    let current: NewsItem =
        app.store.get_as(&keys::news(&id), keys::NEWS_SK).await?.ok_or_else(|| ApiError::NotFound(err::NEWS_NOT_FOUND.into()))?;
    let state = app.catalogue.cached(&app.store).await?;
    let news = input.validate(&state, id, current.created_at, app.now())?;
    if !app.store.replace_existing("PutItem news", item(&news)?).await? {
        return Err(ApiError::NotFound(err::NEWS_NOT_FOUND.into()));
    }
    http::ok(&news_view(&state, &Viewer::Operator, news))
}

//! DELETE /news/{newsId} — the operator removes an event.

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
    let id = http::path_id(&req, "newsId")?;
    access::require_role(app, &caller, Role::Operator).await?;
    if !app.store.delete_existing("DeleteItem news", &keys::news(&id), keys::NEWS_SK).await? {
        return Err(ApiError::NotFound(err::NEWS_NOT_FOUND.into()));
    }
    http::no_content()
}

//! GET /alerts/unsubscribe/{token} — shows the confirmation page; changes nothing.

use chrono::{DateTime, Duration, Utc};
use lambda_http::{Body, Request, RequestExt, Response};
use shared::app::App;
use shared::error::{ApiError, ApiResult};
use shared::keys;
use shared::store::{self, s};
use shared::texts::pages;
use shared::tokens::{self, PlainToken};
use shared::areas::unsubscribe::*;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    match lookup(app, &req).await? {
        Link::Live { email, .. } => shared::http::html(200, pages::unsubscribe(&email)),
        other => dead_end(&other),
    }
}

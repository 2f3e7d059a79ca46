//! GET /alerts/unsubscribe/{token} — shows the confirmation page; changes nothing.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::unsubscribe::*;
use shared::error::ApiResult;
use shared::texts::pages;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    match lookup(app, &req).await? {
        Link::Live { email, .. } => shared::http::html(200, pages::unsubscribe(&email)),
        other => dead_end(&other),
    }
}

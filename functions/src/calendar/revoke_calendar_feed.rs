//! DELETE /me/calendar-feed — revokes the caller's calendar feed: its URL answers 404 at
//! once. 204 whether there was one or not.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    shared::store::calendar_feeds::revoke(&app.store, &caller.sub).await?;
    http::no_content()
}

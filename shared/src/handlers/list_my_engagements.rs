//! GET /me/engagements — "Mes missions": my engagements, newest first, with their step.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use crate::app::App;
use crate::error::ApiResult;
use crate::handlers::engagement_views::{engagements_of, EngagementView};
use crate::http;

#[derive(Serialize)]
struct Engagements {
    items: Vec<EngagementView>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let items = engagements_of(app, &caller.sub).await?.into_iter().map(EngagementView::of).collect();
    http::ok(&Engagements { items })
}

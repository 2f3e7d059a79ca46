//! GET /me/engagements — "Mes missions": my engagements, newest first, with their step.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::engagements::{engagements_of, EngagementView};
use shared::error::ApiResult;
use shared::http;

#[derive(Serialize)]
struct Engagements {
    items: Vec<EngagementView>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let items = engagements_of(&app.store, &caller.sub).await?.into_iter().map(EngagementView::of).collect();
    http::ok(&Engagements { items })
}

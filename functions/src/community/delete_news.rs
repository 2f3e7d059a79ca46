//! DELETE /news/{newsId} — the operator removes an event.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::news::NewsItem;
use shared::areas::publications;
use shared::error::ApiResult;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    publications::delete::<NewsItem>(app, &req).await
}

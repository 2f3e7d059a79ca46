//! DELETE /me/favourites/{missionId} — remove a mission from my favourites. Idempotent.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let mission_id = http::path_id(&req, "missionId")?;
    shared::store::user_missions::remove_favourite(&app.store, &caller.sub, &mission_id).await?;
    http::no_content()
}

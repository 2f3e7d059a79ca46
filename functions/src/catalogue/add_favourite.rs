//! PUT /me/favourites/{missionId} — keep a mission in my favourites (B4). Idempotent.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::error::ApiResult;
use shared::http;
use shared::store::user_missions;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let mission_id = http::path_id(&req, "missionId")?;
    let stored = shared::store::missions::get(&app.store, &mission_id).await?;
    {
        let company = access::employee_company(&*app.directory.cached(&app.store).await?, &caller)?;
        let directory = access::directory_showing(app, &company.id, stored.as_ref()).await?;
        access::visible(&directory, &company.id, stored)?;
    }
    user_missions::add_favourite(&app.store, &caller.sub, &mission_id, app.now()).await?;
    http::no_content()
}

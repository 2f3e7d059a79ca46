//! PUT /me/favourites/{missionId} — keep a mission in my favourites (B4). Idempotent.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::store::user_missions;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let mission_id = http::path_id(&req, "missionId")?;
    {
        let mut state = app.catalogue.cached(&app.store).await?;
        let company = access::employee_company(&state, &caller)?;
        if state.visible_mission(&company.id, &mission_id).is_none() {
            state.refresh(&app.store).await?;
            if state.visible_mission(&company.id, &mission_id).is_none() {
                return Err(ApiError::NotFound(err::MISSION_NOT_FOUND.into()));
            }
        }
    }
    user_missions::add_favourite(&app.store, &caller.sub, &mission_id, app.now()).await?;
    http::no_content()
}

//! GET /missions/{missionId} — the mission page (B3): the mission, its association, and the
//! caller's favourite flag and progress on the four steps. Each visit is recorded in the
//! caller's history (B6). A mission the caller's company may not see answers 404.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::areas::views::{MissionPage, MyMission};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let mission_id = http::path_id(&req, "missionId")?;
    let (mission, association) = {
        let (state, company) = access::catalogue_of_employee(app, &caller).await?;
        let m = state.visible_mission(&company.id, &mission_id).ok_or_else(|| ApiError::NotFound(err::MISSION_NOT_FOUND.into()))?;
        (m.mission.clone(), state.association(&m.mission.association_id).cloned())
    };
    let relation = shared::store::user_missions::record_visit(&app.store, &caller.sub, &mission_id, app.now()).await?;
    http::ok(&MissionPage::of(&mission, association.as_deref(), MyMission::new(relation.favourite, relation.steps_done)))
}

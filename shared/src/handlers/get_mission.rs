//! GET /missions/{missionId} — the mission page (B3): the mission, its association, and the
//! caller's favourite flag and progress on the four steps. Each visit is recorded in the
//! caller's history (B6). A mission the caller's company may not see answers 404.

use lambda_http::{Body, Request, Response};

use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::handlers::access;
use crate::handlers::views::{MissionPage, MyMission};
use crate::http;
use crate::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let mission_id = http::path_id(&req, "missionId")?;
    let (mission, association) = {
        let state = app.catalogue.fresh(&app.store).await?;
        let company = access::employee_company(&state, &caller)?;
        let m = state.visible_mission(&company.id, &mission_id).ok_or_else(|| ApiError::NotFound(err::MISSION_NOT_FOUND.into()))?;
        (m.mission.clone(), state.association(&m.mission.association_id).cloned())
    };
    let relation = access::record_visit(app, &caller, &mission_id).await?;
    let favourite = relation.get("favourite").and_then(|v| v.as_bool().ok()).copied().unwrap_or(false);
    let steps_done = relation
        .get("steps_done")
        .and_then(|v| v.as_n().ok())
        .and_then(|n| n.parse::<u8>().ok())
        .unwrap_or(0);
    http::ok(&MissionPage::of(&mission, association.as_deref(), MyMission::new(favourite, steps_done)))
}

//! PATCH /missions/{missionId} — a referent changes fields of a draft or published mission;
//! the whole mission is validated again. Archived missions cannot change (409). A new place
//! makes a new version of the conventions that cover days to come, signed again by their
//! three parties (`convention::follow_mission_place`).

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::views::ManagedMission;
use shared::areas::{access, convention};
use shared::domain::mission::{transition, MissionAction, MissionFields};
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let fields: MissionFields = http::json_body(&req)?;
    let (before, mission) = access::change_mission(app, &req, |current, now| {
        transition(current.status, MissionAction::Update)?;
        fields.clone().update(current, now)
    })
    .await?;
    if fields.touches_place() {
        convention::follow_mission_place(app, &before, &mission).await?;
    }
    http::ok(&ManagedMission::of(mission))
}

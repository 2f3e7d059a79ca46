//! PATCH /missions/{missionId} — a referent changes fields of a draft or published mission;
//! the whole mission is validated again. Archived missions cannot change (409).

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::areas::views::ManagedMission;
use shared::domain::mission::{transition, MissionAction, MissionFields};
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let fields: MissionFields = http::json_body(&req)?;
    let mission = access::change_mission(app, &req, |current, now| {
        transition(current.status, MissionAction::Update)?;
        fields.clone().update(current, now)
    })
    .await?;
    http::ok(&ManagedMission::of(mission))
}

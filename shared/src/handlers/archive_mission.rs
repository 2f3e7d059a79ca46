//! POST /missions/{missionId}/archive — a referent archives a draft or published mission:
//! it leaves search and mission pages at once.

use lambda_http::{Body, Request, Response};

use crate::app::App;
use crate::domain::mission::MissionAction;
use crate::error::ApiResult;
use crate::handlers::access;
use crate::handlers::views::ManagedMission;
use crate::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let mission = access::change_mission(app, &req, |m, now| m.apply(MissionAction::Archive, now)).await?;
    http::ok(&ManagedMission::of(mission))
}

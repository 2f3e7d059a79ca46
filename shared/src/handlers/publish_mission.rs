//! POST /missions/{missionId}/publish — a referent publishes a draft: from now on employees
//! of partner companies find it.

use lambda_http::{Body, Request, Response};

use crate::app::App;
use crate::domain::mission::MissionAction;
use crate::error::ApiResult;
use crate::handlers::access;
use crate::handlers::views::ManagedMission;
use crate::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let mission = access::change_mission(app, &req, |m, now| m.apply(MissionAction::Publish, now)).await?;
    http::ok(&ManagedMission::of(mission))
}

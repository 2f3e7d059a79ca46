//! POST /missions/{missionId}/publish — a referent publishes a draft: from now on employees
//! of partner companies find it.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::areas::views::ManagedMission;
use shared::domain::mission::MissionAction;
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (_, mission) = access::change_mission(app, &req, |m, now| m.apply(MissionAction::Publish, now)).await?;
    http::ok(&ManagedMission::of(mission))
}

//! GET /missions/{missionId} — the mission page (B3): the mission, its association, and the
//! caller's favourite flag and progress on the four steps. Each visit is recorded in the
//! caller's history (B6). A mission the caller's company may not see answers 404.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::areas::views::{MissionPage, MyMission};
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let mission_id = http::path_id(&req, "missionId")?;
    let stored = shared::store::missions::get(&app.store, &mission_id).await?;
    let (mission, association) = {
        let (directory, company) = access::directory_of_employee(app, &caller).await?;
        let m = access::visible(&directory, &company.id, stored)?;
        let association = directory.association(&m.association_id).cloned();
        (m, association)
    };
    let relation = shared::store::user_missions::record_visit(&app.store, &caller.sub, &mission_id, app.now()).await?;
    http::ok(&MissionPage::of(&mission, association.as_deref(), MyMission::new(relation.favourite, relation.steps_done)))
}

//! GET /me/favourites — my favourite missions (B4), most recently added first. Missions that
//! were archived or that my company no longer sees are left out.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::areas::views::{Items, MissionCard};
use shared::catalogue::Named;
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let relations = shared::store::user_missions::favourites(&app.store, &caller.sub).await?;
    let mut favourites: Vec<(String, String)> =
        relations.into_iter().filter_map(|r| Some((r.favourited_at?, r.mission_id))).filter(|(_, id)| !id.is_empty()).collect();
    favourites.sort_by(|a, b| b.cmp(a));
    let ids: Vec<String> = favourites.into_iter().map(|(_, id)| id).collect();
    let missions = Named::read(&app.store, &ids).await?;
    let (directory, company) = access::directory_of_employee(app, &caller).await?;
    let state = Named::new(&directory, missions);
    let items = ids.iter().filter_map(|id| state.visible_mission(&company.id, id)).map(|m| MissionCard::in_catalogue(&state, m)).collect();
    http::ok(&Items::<MissionCard> { items })
}

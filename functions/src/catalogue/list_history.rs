//! GET /me/history — the missions I consulted (B6), most recent visit first, at most 50.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::access;
use shared::areas::views::{Items, MissionCard};
use shared::catalogue::Named;
use shared::error::ApiResult;
use shared::http;

pub const HISTORY_LENGTH: i32 = 50;

#[derive(Serialize)]
struct HistoryEntry {
    viewed_at: String,
    views: u32,
    mission: MissionCard,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let visits = shared::store::user_missions::history(&app.store, &caller.sub, HISTORY_LENGTH).await?;
    let ids: Vec<String> = visits.iter().map(|r| r.mission_id.clone()).collect();
    let missions = Named::read(&app.store, &ids).await?;
    let (directory, company) = access::directory_of_employee(app, &caller).await?;
    let state = Named::new(&directory, missions);
    let items = visits
        .into_iter()
        .filter_map(|r| {
            let m = state.visible_mission(&company.id, &r.mission_id)?;
            Some(HistoryEntry {
                viewed_at: r.last_viewed_at.unwrap_or_default(),
                views: if r.views == 0 { 1 } else { r.views },
                mission: MissionCard::in_catalogue(&state, m),
            })
        })
        .collect();
    http::ok(&Items::<HistoryEntry> { items })
}

//! GET /me/history — the missions I consulted (B6), most recent visit first, at most 50.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use crate::app::App;
use crate::error::ApiResult;
use crate::handlers::{access, views::MissionCard};
use crate::http;
use crate::keys;
use crate::store::{self, s};

pub const HISTORY_LENGTH: i32 = 50;

#[derive(Serialize)]
struct HistoryEntry {
    viewed_at: String,
    views: u32,
    mission: MissionCard,
}

#[derive(Serialize)]
struct History {
    items: Vec<HistoryEntry>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let state = app.catalogue.fresh(&app.store).await?;
    let company = access::employee_company(&state, &caller)?;
    let out = app
        .store
        .client
        .query()
        .table_name(&app.store.table)
        .index_name(keys::GSI1)
        .key_condition_expression("GSI1PK = :pk")
        .expression_attribute_values(":pk", s(keys::history(&caller.sub)))
        .scan_index_forward(false)
        .limit(HISTORY_LENGTH)
        .send()
        .await
        .map_err(|e| store::sdk_error("Query history", e))?;
    let items = out
        .items
        .unwrap_or_default()
        .iter()
        .filter_map(|r| {
            let m = state.visible_mission(&company.id, store::string(r, "mission_id")?)?;
            Some(HistoryEntry {
                viewed_at: store::string(r, "last_viewed_at").unwrap_or_default().to_string(),
                views: r.get("views").and_then(|v| v.as_n().ok()).and_then(|n| n.parse().ok()).unwrap_or(1),
                mission: MissionCard::of_indexed(m, state.association(&m.mission.association_id).map(|a| a.as_ref())),
            })
        })
        .collect();
    http::ok(&History { items })
}

//! GET /me/favourites — my favourite missions (B4), most recently added first. Missions that
//! were archived or that my company no longer sees are left out.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use crate::app::App;
use crate::error::ApiResult;
use crate::handlers::{access, views::MissionCard};
use crate::http;
use crate::keys;
use crate::store::{self, s};

#[derive(Serialize)]
struct Favourites {
    items: Vec<MissionCard>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let state = app.catalogue.fresh(&app.store).await?;
    let company = access::employee_company(&state, &caller)?;
    let query = app
        .store
        .client
        .query()
        .table_name(&app.store.table)
        .key_condition_expression("PK = :pk AND begins_with(SK, :prefix)")
        .filter_expression("favourite = :yes")
        .expression_attribute_values(":pk", s(keys::user(&caller.sub)))
        .expression_attribute_values(":prefix", s(keys::USER_MISSION_PREFIX))
        .expression_attribute_values(":yes", aws_sdk_dynamodb::types::AttributeValue::Bool(true));
    let relations = app.store.query_all("Query favourites", query).await?;
    let mut favourites: Vec<(String, String)> = relations
        .iter()
        .filter_map(|r| Some((store::string(r, "favourited_at")?.to_string(), store::string(r, "mission_id")?.to_string())))
        .collect();
    favourites.sort_by(|a, b| b.cmp(a));
    let items = favourites
        .iter()
        .filter_map(|(_, id)| state.visible_mission(&company.id, id))
        .map(|m| MissionCard::of_indexed(m, state.association(&m.mission.association_id).map(|a| a.as_ref())))
        .collect();
    http::ok(&Favourites { items })
}

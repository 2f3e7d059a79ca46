//! PUT /me/favourites/{missionId} — keep a mission in my favourites (B4). Idempotent.

use lambda_http::{Body, Request, Response};

use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::handlers::access;
use crate::http;
use crate::keys;
use crate::store::{self, s};
use crate::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let mission_id = http::path_id(&req, "missionId")?;
    {
        let mut state = app.catalogue.cached(&app.store).await?;
        let company = access::employee_company(&state, &caller)?;
        if state.visible_mission(&company.id, &mission_id).is_none() {
            state.refresh(&app.store).await?;
            if state.visible_mission(&company.id, &mission_id).is_none() {
                return Err(ApiError::NotFound(err::MISSION_NOT_FOUND.into()));
            }
        }
    }
    app.store
        .client
        .update_item()
        .table_name(&app.store.table)
        .set_key(Some(store::key(&keys::user(&caller.sub), &keys::user_mission(&mission_id))))
        .update_expression("SET entity_type = :t, mission_id = :m, favourite = :yes, favourited_at = if_not_exists(favourited_at, :now)")
        .expression_attribute_values(":t", s("UserMission"))
        .expression_attribute_values(":m", s(&mission_id))
        .expression_attribute_values(":yes", aws_sdk_dynamodb::types::AttributeValue::Bool(true))
        .expression_attribute_values(":now", s(keys::timestamp(app.now())))
        .send()
        .await
        .map_err(|e| store::sdk_error("UpdateItem favourite", e))?;
    http::no_content()
}

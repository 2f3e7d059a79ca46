//! DELETE /me/favourites/{missionId} — remove a mission from my favourites. Idempotent.

use lambda_http::{Body, Request, Response};

use crate::app::App;
use crate::error::ApiResult;
use crate::http;
use crate::keys;
use crate::store;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let mission_id = http::path_id(&req, "missionId")?;
    let result = app
        .store
        .client
        .update_item()
        .table_name(&app.store.table)
        .set_key(Some(store::key(&keys::user(&caller.sub), &keys::user_mission(&mission_id))))
        .update_expression("REMOVE favourite, favourited_at")
        .condition_expression("attribute_exists(PK)")
        .send()
        .await;
    match result {
        Ok(_) => http::no_content(),
        // Never favourited (or visited): nothing to remove.
        Err(e) if store::is_conditional_failure(&e) => http::no_content(),
        Err(e) => Err(store::sdk_error("UpdateItem favourite", e)),
    }
}

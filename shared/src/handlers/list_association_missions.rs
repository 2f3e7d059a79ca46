//! GET /associations/{associationId}/missions — the association's missions in every status,
//! newest first, for its referents.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use crate::app::App;
use crate::domain::mission::Mission;
use crate::domain::user::Role;
use crate::error::{ApiError, ApiResult};
use crate::handlers::access;
use crate::handlers::views::ManagedMission;
use crate::http;
use crate::keys;
use crate::store::{self, s};
use crate::texts::err;

#[derive(Serialize)]
struct Missions {
    items: Vec<ManagedMission>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let association_id = http::path_id(&req, "associationId")?;
    let user = access::require_role(app, &caller, Role::Referent).await?;
    if user.association_id.as_deref() != Some(association_id.as_str()) {
        return Err(ApiError::Forbidden(err::NOT_YOUR_ASSOCIATION.into()));
    }
    let mut items = Vec::new();
    let mut start = None;
    loop {
        let out = app
            .store
            .client
            .query()
            .table_name(&app.store.table)
            .index_name(keys::GSI1)
            .key_condition_expression("GSI1PK = :pk AND begins_with(GSI1SK, :prefix)")
            .expression_attribute_values(":pk", s(keys::association(&association_id)))
            .expression_attribute_values(":prefix", s(keys::MISSION_BY_ASSOCIATION_PREFIX))
            .scan_index_forward(false)
            .set_exclusive_start_key(start)
            .send()
            .await
            .map_err(|e| store::sdk_error("Query association missions", e))?;
        for item in out.items.unwrap_or_default() {
            let m: Mission = store::from_item(item)?;
            items.push(ManagedMission::of(m));
        }
        match out.last_evaluated_key {
            Some(k) if !k.is_empty() => start = Some(k),
            _ => break,
        }
    }
    http::ok(&Missions { items })
}

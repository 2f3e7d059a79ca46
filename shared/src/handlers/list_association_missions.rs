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
    let query = app
        .store
        .client
        .query()
        .table_name(&app.store.table)
        .index_name(keys::GSI1)
        .key_condition_expression("GSI1PK = :pk AND begins_with(GSI1SK, :prefix)")
        .expression_attribute_values(":pk", s(keys::association(&association_id)))
        .expression_attribute_values(":prefix", s(keys::MISSION_BY_ASSOCIATION_PREFIX))
        .scan_index_forward(false);
    let items = app
        .store
        .query_all("Query association missions", query)
        .await?
        .into_iter()
        .map(|item| store::from_item::<Mission>(item).map(ManagedMission::of))
        .collect::<ApiResult<Vec<_>>>()?;
    http::ok(&Missions { items })
}

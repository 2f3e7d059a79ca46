//! GET /associations/{associationId}/missions — the association's missions in every status,
//! newest first, for its referents.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::access;
use shared::areas::views::ManagedMission;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::err;

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
    let missions = shared::store::missions::of_association(&app.store, &association_id).await?;
    let items = missions.into_iter().map(ManagedMission::of).collect();
    http::ok(&Missions { items })
}

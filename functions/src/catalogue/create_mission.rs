//! POST /associations/{associationId}/missions — a referent of the association creates a
//! mission, as a draft (B1). The referent check and the write are one transaction.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access::{self, WriteOutcome};
use shared::areas::views::ManagedMission;
use shared::domain::mission::MissionFields;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let association_id = http::path_id(&req, "associationId")?;
    let fields: MissionFields = http::json_body(&req)?;
    let mission = fields.create(uuid::Uuid::now_v7().to_string(), association_id, app.now())?;
    match access::write_mission(app, &caller, &mission, None).await? {
        WriteOutcome::Written(_) => http::json(201, &ManagedMission::of(mission)),
        WriteOutcome::NotReferent => Err(ApiError::Forbidden(err::NOT_YOUR_ASSOCIATION.into())),
        WriteOutcome::VersionChanged => Err(ApiError::Conflict(err::CONCURRENT_UPDATE.into())),
    }
}

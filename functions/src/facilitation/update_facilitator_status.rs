//! PATCH /facilitation-missions/{missionId}/sessions/{sessionId}/facilitators/{facilitatorId}
//! — the coordinator changes a facilitator's status.

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::facilitation::*;
use shared::domain::facilitation::{FacilitatorStatus, MissionStatus};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    status: String,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let [mission_id, session_id] = http::path_ids(&req, ["missionId", "sessionId"])?;
    let facilitator = http::path_id(&req, "facilitatorId")?;
    let input: Input = http::json_body(&req)?;
    let status = FacilitatorStatus::parse("status", &input.status).map_err(|e| ApiError::Validation(vec![e.into()]))?;
    let (caller, mission_id, session_id, facilitator) = (&caller, &mission_id, &session_id, &facilitator);
    shared::store::retrying(err::CONCURRENT_UPDATE, move || async move {
        let (m, mut session) = coordinated_session(app, caller, mission_id, session_id).await?;
        if m.status == MissionStatus::Closed {
            return Err(ApiError::Conflict(err::MISSION_CLOSED.into()));
        }
        let f = session
            .facilitators
            .iter_mut()
            .find(|f| &f.sub == facilitator)
            .ok_or_else(|| ApiError::NotFound(err::FACILITATOR_NOT_FOUND.into()))?;
        if f.remuneration_requested.is_some() && !status.facilitates() {
            return Err(ApiError::Conflict(err::REMUNERATION_ALREADY_REQUESTED.into()));
        }
        f.status = status;
        let expected = session.version;
        session.version += 1;
        if !save_session(&app.store, &session, Some(expected)).await? {
            return Ok(None);
        }
        http::ok(&session_view(&session)).map(Some)
    })
    .await
}

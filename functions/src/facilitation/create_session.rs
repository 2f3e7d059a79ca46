//! POST /facilitation-missions/{missionId}/sessions — the coordinator plans a session,
//! before it happens.

use chrono::{DateTime, Duration, Utc};
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};
use shared::app::App;
use shared::domain::facilitation::{
    planned, FacilitationMission, FacilitatorStatus, MissionStatus, Participant, Planned, Quantities, Session, SessionKind,
};
use shared::error::{ApiError, ApiResult};
use shared::http::{self, Caller};
use shared::keys;
use shared::store::{self, s, Item};
use shared::texts::{err, facilitation as labels};
use shared::areas::facilitation::*;
use shared::domain::facilitation::SessionInput;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "missionId")?;
    let input: SessionInput = http::json_body(&req)?;
    let (m, _) = coordinated(app, &caller, &id).await?;
    let session = input.validate(&m, uuid::Uuid::now_v7().to_string(), app.now())?;
    save_session(&app.store, &session, None).await?;
    http::json(201, &session_view(&session))
}

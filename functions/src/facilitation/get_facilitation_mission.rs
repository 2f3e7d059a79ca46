//! GET /facilitation-missions/{missionId} — the coordinator's dashboard: ordered against
//! planned, by kind, and every session with its facilitators and participants.

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

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "missionId")?;
    let (m, sessions) = coordinated(app, &caller, &id).await?;
    http::ok(&dashboard(m, &sessions))
}

//! GET /me/facilitation-sessions — a facilitator's own sessions, by date.

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
use shared::store::facilitation;
use shared::store::{self, s, Item};
use shared::texts::{err, facilitation as labels};
use shared::areas::facilitation::*;

#[derive(Serialize)]
struct Mine {
    #[serde(flatten)]
    session: SessionSummary,
    status: FacilitatorStatus,
    status_label: &'static str,
    remuneration_requested: bool,
}

#[derive(Serialize)]
struct Page {
    items: Vec<Mine>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let links = facilitation::sessions_of_facilitator(&app.store, &caller.sub).await?;
    let mut items = Vec::new();
    for link in links {
        let Some(session) = facilitation::session(&app.store, &link.mission_id, &link.session_id).await? else { continue };
        if let Some(f) = session.facilitators.iter().find(|f| f.sub == caller.sub) {
            items.push(Mine { status: f.status, status_label: f.status.label(), remuneration_requested: f.remuneration_requested.is_some(), session: summary(&session) });
        }
    }
    http::ok(&Page { items })
}

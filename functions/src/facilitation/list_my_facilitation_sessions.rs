//! GET /me/facilitation-sessions — a facilitator's own sessions, by date.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::facilitation::*;
use shared::domain::facilitation::FacilitatorStatus;
use shared::error::ApiResult;
use shared::http;
use shared::store::facilitation;

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
            items.push(Mine {
                status: f.status,
                status_label: f.status.label(),
                remuneration_requested: f.remuneration_requested.is_some(),
                session: summary(&session),
            });
        }
    }
    http::ok(&Page { items })
}

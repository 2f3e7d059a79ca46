//! GET /facilitation-missions/{missionId} — the coordinator's dashboard: ordered against
//! planned, by kind, and every session with its facilitators and participants.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::facilitation::*;
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "missionId")?;
    let (m, sessions) = coordinated(app, &caller, &id).await?;
    http::ok(&dashboard(m, &sessions))
}

//! POST /facilitation-missions/{missionId}/sessions — the coordinator plans a session,
//! before it happens.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::facilitation::*;
use shared::domain::facilitation::SessionInput;
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, id, input): (_, _, SessionInput) = http::caller_id_body(&req, "missionId")?;
    let (m, _) = coordinated(app, &caller, &id).await?;
    let session = input.validate(&m, uuid::Uuid::now_v7().to_string(), app.now())?;
    save_session(&app.store, &session, None).await?;
    http::json(201, &session_view(&session))
}

//! GET /facilitation-missions/{missionId}/sessions/{sessionId}/sign-in-sheet — the
//! sign-in sheet of one facilitator (`?facilitator=` for the coordinator), as a PDF in S3
//! and a download link.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::facilitation::*;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::http::Query;
use shared::texts::err;

#[derive(Serialize)]
struct Sheet {
    url: String,
    key: String,
    sha256: String,
    participants: usize,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let [mission_id, session_id] = http::path_ids(&req, ["missionId", "sessionId"])?;
    let query = Query::of(&req, &["facilitator"])?;
    let (m, session, role) = session_for(app, &caller, &mission_id, &session_id).await?;
    // Registering participants in advance is mandatory except in education (the sheet
    // then has blank rows).
    if session.participants.is_empty() && m.client.kind.participants_required() {
        return Err(ApiError::Conflict(err::PARTICIPANTS_REQUIRED.into()));
    }
    let f = sheet_facilitator(&session, &role, query.text("facilitator").as_deref())?;
    let key = sheet_key(&session, &f.sub);
    let blocks = shared::texts::facilitation_documents::sign_in_sheet(&m, &session, &f.name, &app.config.network_name);
    let sha = app.documents.store_pdf(&key, &blocks, shared::texts::facilitation_documents::SHEET_FOOTER).await?.sha256;
    let url = app
        .documents
        .presigned_get(&key, &format!("emargement-{}-{}.pdf", session.date, session.id), std::time::Duration::from_secs(900))
        .await?;
    http::ok(&Sheet { url, key, sha256: sha, participants: session.participants.len() })
}

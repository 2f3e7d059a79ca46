//! GET /facilitation-missions/{missionId}/sessions/{sessionId}/audit-pack — for the mission's
//! coordinator, what a training audit (Qualiopi) asks of a session, in one zip: the sign-in
//! sheets edited for its facilitators and their signed scans, the participants' certificates
//! of completion and the satisfaction survey's answers (CSV), with a note of what is inside.
//! Rebuilt from what is stored each time, kept 7 days, handed through a 5-minute URL.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::facilitation::coordinated_session;
use shared::documents::keys;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::facilitation_documents::audit_pack as names;

/// The most a pack may hold (Lambda's memory holds it twice while it is built).
const MAX_BYTES: i64 = 200 * 1024 * 1024;

#[derive(Serialize)]
struct Pack {
    url: String,
    expires_in: u64,
    files: usize,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let [mission_id, session_id] = http::path_ids(&req, ["missionId", "sessionId"])?;
    let (mission, session) = coordinated_session(app, &caller, &mission_id, &session_id).await?;
    let sheets = app.documents.list(&keys::session_sheets(&mission_id, &session_id)).await?;
    let certificates = app.documents.list(&keys::session_certificates(&mission_id, &session_id)).await?;
    if sheets.iter().chain(&certificates).map(|(_, size)| *size).sum::<i64>() > MAX_BYTES {
        return Err(ApiError::Conflict(shared::texts::err::AUDIT_PACK_TOO_LARGE.into()));
    }
    let mut files = Vec::new();
    let (mut edited, mut scans) = (0, 0);
    for (key, _) in &sheets {
        let signed = key.rsplit_once("-signee.").map(|(_, ext)| ext);
        let count = if signed.is_some() { &mut scans } else { &mut edited };
        *count += 1;
        files.push((names::sheet(*count, signed), app.documents.get(key).await?));
    }
    // The participants' certificates, by name: only those the listing found are read.
    let issued: std::collections::HashSet<&str> = certificates.iter().map(|(key, _)| key.as_str()).collect();
    for p in &session.participants {
        let key = keys::certificate(&mission_id, &session_id, &p.id);
        if issued.contains(key.as_str()) {
            files.push((names::certificate(&p.last_name, &p.first_name, &p.id), app.documents.get(&key).await?));
        }
    }
    let answers: Vec<shared::domain::facilitation::SurveyAnswer> =
        shared::store::facilitation::survey_answers(&app.store, &mission_id).await?;
    let answers: Vec<_> = answers.iter().filter(|a| a.session_id == session_id).collect();
    files.push((names::SURVEY.to_string(), names::survey_csv(&answers).into_bytes()));
    let certified = files.len() - edited - scans - 1;
    let date = shared::texts::date_fr(session.date);
    let readme =
        names::readme(&session.title, &date, &mission.client.name, &app.config.network_name, [edited, scans, certified, answers.len()]);
    files.insert(0, (names::README.to_string(), readme.into_bytes()));
    let zip = shared::zip::stored(&files).ok_or_else(|| ApiError::Conflict(shared::texts::err::AUDIT_PACK_TOO_LARGE.into()))?;
    let key = keys::audit_pack(&mission_id, &session_id);
    app.documents.put(&key, zip, "application/zip").await?;
    let ttl = shared::areas::convention::URL_TTL;
    let url = app.documents.presigned_get(&key, &names::file_name(session.date, &session.title), ttl).await?;
    http::ok(&Pack { url, expires_in: ttl.as_secs(), files: files.len() })
}

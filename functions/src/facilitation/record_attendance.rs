//! POST /facilitation-missions/{missionId}/sessions/{sessionId}/attendance — the
//! coordinator or a facilitator of the session records who was present (once it started).
//! Each present participant gets, once, an attendance certificate (PDF) and a link to the
//! satisfaction survey.

use chrono::Duration;
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use shared::app::App;
use shared::areas::facilitation::{save_session, session_for, session_view};
use shared::domain::facilitation::{FacilitationMission, MissionStatus, Session};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::{emails, err, facilitation_documents as docs};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    present: Vec<String>,
}

#[derive(Serialize)]
struct Recorded {
    #[serde(flatten)]
    session: shared::areas::facilitation::SessionView,
    certificates_sent: usize,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let [mission_id, session_id] = http::path_ids(&req, ["missionId", "sessionId"])?;
    let input: Input = http::json_body(&req)?;
    let now = app.now();
    let (caller, mission_id, session_id, input) = (&caller, &mission_id, &session_id, &input);
    shared::store::retrying(err::CONCURRENT_UPDATE, move || async move {
        let (m, mut session, _) = session_for(app, caller, mission_id, session_id).await?;
        if m.status == MissionStatus::Closed {
            return Err(ApiError::Conflict(err::MISSION_CLOSED.into()));
        }
        // Certificates go out once: claimed in the same write as the attendance.
        let expected = session.version;
        let newly = session.record_attendance(&input.present, now)?;
        if !save_session(&app.store, &session, Some(expected)).await? {
            return Ok(None);
        }
        let facilitators: Vec<String> = session.active_facilitators().map(|f| f.name.clone()).collect();
        let mut sent = 0;
        for p in &newly {
            match certify(app, &m, &session, p, &facilitators).await {
                Ok(()) => sent += 1,
                Err(e) => tracing::error!(error = %e, participant = %p.id, "attendance certificate not sent"),
            }
        }
        http::ok(&Recorded { session: session_view(&session), certificates_sent: sent }).map(Some)
    })
    .await
}

async fn certify(
    app: &App,
    m: &FacilitationMission,
    session: &Session,
    p: &shared::domain::facilitation::Participant,
    facilitators: &[String],
) -> ApiResult<()> {
    let now = app.now();
    let blocks = docs::attendance_certificate(m, session, &p.full_name(), facilitators);
    let key = shared::documents::keys::certificate(&m.id, &session.id, &p.id);
    let pdf = app.documents.store_pdf(&key, &blocks, docs::CERTIFICATE_FOOTER).await?.bytes;
    let (token, record) = shared::tokens::issue(now, Duration::days(60))?;
    let bound = [("mission_id", m.id.as_str()), ("session_id", session.id.as_str()), ("participant_id", p.id.as_str())];
    shared::store::tokens::put(&app.store, &record, shared::store::tokens::Purpose::Survey, &bound).await?;
    let url = format!("{}/surveys/{}", app.config.public_base_url, token.0);
    let letter = emails::attendance_certificate(&p.email, &p.first_name, &session.title, &shared::texts::date_fr(session.date), &url);
    let mime = shared::mail::mime(
        &app.config.mail_from,
        &letter,
        &[],
        &[(format!("attestation-presence-{}.pdf", session.date), "application/pdf", pdf)],
        now,
    )?;
    app.mailer.send_raw(&letter.to, mime).await?;
    Ok(())
}

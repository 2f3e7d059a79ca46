//! POST /facilitation-missions/{missionId}/sessions/{sessionId}/attendance — the
//! coordinator or a facilitator of the session records who was present (once it started).
//! Each present participant gets, once, an attendance certificate (PDF) and a link to the
//! satisfaction survey: the e-mails are queued with the attendance, in one transaction.

use chrono::Duration;
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use shared::app::App;
use shared::areas::facilitation::{save_session_in_tx, session_for, session_view};
use shared::domain::facilitation::{FacilitationMission, MissionStatus, Session};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::outbox::Letter;
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
        // Certificates go out once: queued in the same transaction as the attendance.
        let expected = session.version;
        let newly = session.record_attendance(&input.present, now)?;
        let facilitators: Vec<String> = session.active_facilitators().map(|f| f.name.clone()).collect();
        let mut letters = Vec::with_capacity(newly.len());
        for p in &newly {
            letters.push(certificate(app, &m, &session, p, &facilitators).await?);
        }
        let certificates_sent = letters.len();
        let mut writes = vec![save_session_in_tx(&app.store, &session, Some(expected))?];
        writes.extend(shared::outbox::queue(app, "attendance certificates", letters).await?);
        if app.store.transact("TransactWriteItems attendance", writes).await?.is_err() {
            return Ok(None);
        }
        http::ok(&Recorded { session: session_view(&session), certificates_sent }).map(Some)
    })
    .await
}

/// A participant's certificate, stored, and the e-mail that carries it with the survey link.
async fn certificate(
    app: &App,
    m: &FacilitationMission,
    session: &Session,
    p: &shared::domain::facilitation::Participant,
    facilitators: &[String],
) -> ApiResult<Letter> {
    let now = app.now();
    let today = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();
    let blocks = docs::attendance_certificate(m, session, &p.full_name(), facilitators, &app.config.network_name, today);
    let key = shared::documents::keys::certificate(&m.id, &session.id, &p.id);
    app.documents.store_pdf(&key, &blocks, docs::CERTIFICATE_FOOTER).await?;
    let (token, record) = shared::tokens::issue(now, Duration::days(60))?;
    let bound = [("mission_id", m.id.as_str()), ("session_id", session.id.as_str()), ("participant_id", p.id.as_str())];
    shared::store::tokens::put(&app.store, &record, shared::store::tokens::Purpose::Survey, &bound).await?;
    let url = shared::links::survey(&app.config, &token.0);
    let letter = emails::attendance_certificate(&p.email, &p.first_name, &session.title, &shared::texts::date_fr(session.date), &url);
    Ok(Letter::from(letter).with_attachment(format!("attestation-presence-{}.pdf", session.date), "application/pdf", key))
}

//! POST /facilitation-missions/{missionId}/sessions/{sessionId}/participants — the
//! coordinator registers participants in advance, as JSON (`{"participants": [...]}`) or a
//! pasted list (`text/plain`, one `e-mail;prénom;nom` per line). Each gets a convocation with
//! the pre-training test.

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::facilitation::*;
use shared::domain::facilitation::MissionStatus;
use shared::domain::facilitation::{parse_pasted, validate_participants, ParticipantInput};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::{emails, err, facilitation as labels};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    participants: Vec<ParticipantInput>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let [mission_id, session_id] = http::path_ids(&req, ["missionId", "sessionId"])?;
    let is_text = req
        .headers()
        .get(::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("text/plain"));
    let inputs = if is_text {
        parse_pasted(http::text_body(&req, &["text/plain"])?).map_err(shared::domain::error::DomainError::Invalid)?
    } else {
        http::json_body::<Input>(&req)?.participants
    };
    let (caller, mission_id, session_id, inputs) = (&caller, &mission_id, &session_id, &inputs);
    shared::store::retrying(err::CONCURRENT_UPDATE, move || async move {
        let (m, mut session) = coordinated_session(app, caller, mission_id, session_id).await?;
        if m.status == MissionStatus::Closed {
            return Err(ApiError::Conflict(err::MISSION_CLOSED.into()));
        }
        if session.starts_at().is_none_or(|t| t <= app.now()) {
            return Err(ApiError::Conflict(err::SESSION_STARTED.into()));
        }
        let added = validate_participants(inputs.clone(), &session.participants, &mut || uuid::Uuid::now_v7().to_string())?;
        session.participants.extend(added.iter().cloned());
        let expected = session.version;
        session.version += 1;
        let place = session.place.clone().unwrap_or_else(|| labels::REMOTE.to_string());
        let when = shared::texts::session_when(session.date, session.start, session.end);
        let (title, coordinator) = (&session.title, &m.coordinator);
        let ics = shared::texts::convocation_calendar(&session, &coordinator.name, &coordinator.email, app.now());
        let letters: Vec<_> = added
            .iter()
            .map(|p| {
                let pre_test = m.pre_test_url.as_deref();
                let email =
                    emails::convocation(&p.email, &p.first_name, title, &when, &place, &coordinator.name, &coordinator.email, pre_test);
                shared::outbox::Letter::from(email).with_text_attachment(shared::texts::SESSION_CALENDAR_FILE, "text/calendar", ics.clone())
            })
            .collect();
        let mut writes = vec![save_session_in_tx(&app.store, &session, Some(expected))?];
        writes.extend(shared::outbox::queue(app, "convocations", letters).await?);
        if app.store.transact("TransactWriteItems participants", writes).await?.is_err() {
            return Ok(None);
        }
        http::json(201, &session_view(&session)).map(Some)
    })
    .await
}

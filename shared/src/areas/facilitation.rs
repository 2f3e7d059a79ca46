//! Facilitation missions (SPEC E): the operator creates a coordinator's mission; the
//! coordinator (the mission's e-mail address, from the verified `email` claim) plans
//! sessions, invites facilitators, changes their statuses and registers participants;
//! facilitators register themselves from an invitation and see their own sessions.
//!
//! One item per mission, one per session (with its facilitators and participants) under the
//! mission's partition: the dashboard is one Query. Session writes are conditional on the
//! session's version.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::app::App;
use crate::domain::facilitation::{planned, FacilitationMission, FacilitatorStatus, Participant, Planned, Session, SessionKind};
use crate::error::{ApiError, ApiResult};
use crate::http::Caller;

pub use crate::store::facilitation::{mission_and_sessions, mission_item, save_session, save_session_in_tx, session_item};
use crate::store::tokens::Purpose;
use crate::texts::err;

/// The mission, if the caller coordinates it (404 otherwise: existence does not leak).
pub async fn coordinated(app: &App, caller: &Caller, mission_id: &str) -> ApiResult<(FacilitationMission, Vec<Session>)> {
    match mission_and_sessions(&app.store, mission_id).await? {
        Some((m, sessions)) if m.coordinator.email.eq_ignore_ascii_case(caller.email.as_str()) => Ok((m, sessions)),
        _ => Err(ApiError::NotFound(err::FACILITATION_MISSION_NOT_FOUND.into())),
    }
}

/// A session of a mission the caller coordinates.
pub async fn coordinated_session(
    app: &App,
    caller: &Caller,
    mission_id: &str,
    session_id: &str,
) -> ApiResult<(FacilitationMission, Session)> {
    let (m, sessions) = coordinated(app, caller, mission_id).await?;
    let session = sessions.into_iter().find(|x| x.id == session_id).ok_or_else(|| ApiError::NotFound(err::SESSION_NOT_FOUND.into()))?;
    Ok((m, session))
}

/// Writes a session if its stored version is still `expected` (`None`: a new session).

#[derive(Serialize)]
pub struct FacilitatorView {
    sub: String,
    name: String,
    email: String,
    status: FacilitatorStatus,
    status_label: &'static str,
    remuneration_requested: bool,
}

#[derive(Serialize)]
pub struct SessionView {
    #[serde(flatten)]
    session: SessionSummary,
    facilitators: Vec<FacilitatorView>,
    participants: Vec<Participant>,
}

#[derive(Serialize)]
pub struct SessionSummary {
    id: String,
    mission_id: String,
    kind: SessionKind,
    kind_label: &'static str,
    title: String,
    date: chrono::NaiveDate,
    date_label: String,
    start: String,
    end: String,
    place: Option<String>,
    remote: bool,
    language: String,
    seats: usize,
    half_days: Vec<&'static str>,
    attendance_recorded: bool,
}

pub fn summary(x: &Session) -> SessionSummary {
    SessionSummary {
        id: x.id.clone(),
        mission_id: x.mission_id.clone(),
        kind: x.kind,
        kind_label: x.kind.label(),
        title: x.title.clone(),
        date: x.date,
        date_label: crate::texts::date_fr(x.date),
        start: x.start.format("%H:%M").to_string(),
        end: x.end.format("%H:%M").to_string(),
        place: x.place.clone(),
        remote: x.remote,
        language: x.language.clone(),
        seats: x.seats(),
        half_days: x.half_days(),
        attendance_recorded: x.attendance_recorded_at.is_some(),
    }
}

pub fn session_view(x: &Session) -> SessionView {
    SessionView {
        session: summary(x),
        facilitators: x
            .facilitators
            .iter()
            .map(|f| FacilitatorView {
                sub: f.sub.clone(),
                name: f.name.clone(),
                email: f.email.clone(),
                status: f.status,
                status_label: f.status.label(),
                remuneration_requested: f.remuneration_requested.is_some(),
            })
            .collect(),
        participants: x.participants.clone(),
    }
}

#[derive(Serialize)]
pub struct Progress {
    ordered: u32,
    #[serde(flatten)]
    planned: Planned,
}

#[derive(Serialize)]
pub struct Dashboard {
    #[serde(flatten)]
    mission: FacilitationMission,
    status_label: &'static str,
    workshops: Progress,
    trainings: Progress,
    sessions: Vec<SessionView>,
}

pub fn dashboard(m: FacilitationMission, sessions: &[Session]) -> Dashboard {
    Dashboard {
        status_label: m.status.label(),
        workshops: Progress { ordered: m.ordered.workshops, planned: planned(sessions, SessionKind::Workshop) },
        trainings: Progress { ordered: m.ordered.trainings, planned: planned(sessions, SessionKind::Training) },
        sessions: sessions.iter().map(session_view).collect(),
        mission: m,
    }
}

/// The invitation link of a session: a token (hash stored) valid until the session ends.
pub async fn invitation_link(app: &App, session: &Session, now: DateTime<Utc>) -> ApiResult<String> {
    let until = session.ends_at().unwrap_or(now) + Duration::days(1);
    let (token, record) = crate::tokens::issue(now, until - now)?;
    let bound = [("mission_id", session.mission_id.as_str()), ("session_id", session.id.as_str())];
    crate::store::tokens::put(&app.store, &record, Purpose::FacilitatorInvitation, &bound).await?;
    // The frontend's page signs the facilitator in, then POSTs the token.
    Ok(crate::links::invitation(&app.config, &token.0))
}

/// Who may see a session's documents: its coordinator, or one of its facilitators.
pub enum SessionRole {
    Coordinator,
    Facilitator(String),
}

pub async fn session_for(
    app: &App,
    caller: &Caller,
    mission_id: &str,
    session_id: &str,
) -> ApiResult<(FacilitationMission, Session, SessionRole)> {
    let not_found = || ApiError::NotFound(err::SESSION_NOT_FOUND.into());
    let (m, sessions) = mission_and_sessions(&app.store, mission_id).await?.ok_or_else(not_found)?;
    let session = sessions.into_iter().find(|x| x.id == session_id).ok_or_else(not_found)?;
    if m.coordinator.email.eq_ignore_ascii_case(caller.email.as_str()) {
        return Ok((m, session, SessionRole::Coordinator));
    }
    if session.facilitators.iter().any(|f| f.sub == caller.sub && f.status.facilitates()) {
        let sub = caller.sub.clone();
        return Ok((m, session, SessionRole::Facilitator(sub)));
    }
    Err(not_found())
}

/// The facilitator a sheet is for: the caller if a facilitator, else the `facilitator` given.
pub fn sheet_facilitator<'a>(
    session: &'a Session,
    role: &SessionRole,
    asked: Option<&str>,
) -> ApiResult<&'a crate::domain::facilitation::SessionFacilitator> {
    let sub = match (role, asked) {
        (SessionRole::Facilitator(me), _) => me.as_str(),
        (SessionRole::Coordinator, Some(f)) => f,
        (SessionRole::Coordinator, None) => return Err(ApiError::field("facilitator", err::required("facilitator"))),
    };
    session
        .facilitators
        .iter()
        .find(|f| f.sub == sub && f.status.facilitates())
        .ok_or_else(|| ApiError::NotFound(err::FACILITATOR_NOT_FOUND.into()))
}

pub fn sheet_key(session: &Session, facilitator: &str) -> String {
    crate::documents::keys::sign_in_sheet(&session.mission_id, &session.id, facilitator)
}

//! Facilitation missions (SPEC E): the operator creates a coordinator's mission; the
//! coordinator (the mission's e-mail address, from the verified `email` claim) plans
//! sessions, invites facilitators, changes their statuses and registers participants;
//! facilitators register themselves from an invitation and see their own sessions.
//!
//! One item per mission, one per session (with its facilitators and participants) under the
//! mission's partition: the dashboard is one Query. Session writes are conditional on the
//! session's version.

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Duration, Utc};
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use crate::app::App;
use crate::domain::facilitation::{
    planned, FacilitationMission, FacilitatorStatus, MissionStatus, Participant, Planned, Quantities, Session, SessionKind,
};
use crate::error::{ApiError, ApiResult};
use crate::http::{self, Caller};
use crate::keys;
use crate::store::{self, s, Item};
use crate::texts::{err, facilitation as labels};

pub fn mission_item(m: &FacilitationMission) -> ApiResult<Item> {
    let mut item = store::item("FacilitationMission", &keys::facilitation_mission(&m.id), keys::FACILITATION_MISSION_SK, m)?;
    item.insert(keys::GSI1PK.into(), s(keys::coordinated_by(&m.coordinator.email)));
    item.insert(keys::GSI1SK.into(), s(keys::dated(&keys::timestamp(m.created_at), &m.id)));
    Ok(item)
}

pub fn session_item(x: &Session) -> ApiResult<Item> {
    store::item("FacilitationSession", &keys::facilitation_mission(&x.mission_id), &keys::session(&x.id), x)
}

/// The mission and its sessions (one Query), by date.
pub async fn mission_and_sessions(app: &App, mission_id: &str) -> ApiResult<Option<(FacilitationMission, Vec<Session>)>> {
    let q = app
        .store
        .client
        .query()
        .table_name(&app.store.table)
        .key_condition_expression("PK = :pk")
        .expression_attribute_values(":pk", s(keys::facilitation_mission(mission_id)));
    let items = app.store.query_all("Query facilitation mission", q).await?;
    let mut mission = None;
    let mut sessions = Vec::new();
    for item in items {
        match store::string(&item, keys::ENTITY_TYPE) {
            Some("FacilitationMission") => mission = Some(store::from_item::<FacilitationMission>(item)?),
            Some("FacilitationSession") => sessions.push(store::from_item::<Session>(item)?),
            _ => {}
        }
    }
    sessions.sort_by(|a, b| (a.date, a.start, &a.id).cmp(&(b.date, b.start, &b.id)));
    Ok(mission.map(|m| (m, sessions)))
}

/// The mission, if the caller coordinates it (404 otherwise: existence does not leak).
pub async fn coordinated(app: &App, caller: &Caller, mission_id: &str) -> ApiResult<(FacilitationMission, Vec<Session>)> {
    match mission_and_sessions(app, mission_id).await? {
        Some((m, sessions)) if m.coordinator.email.eq_ignore_ascii_case(caller.email.as_str()) => Ok((m, sessions)),
        _ => Err(ApiError::NotFound(err::FACILITATION_MISSION_NOT_FOUND.into())),
    }
}

/// A session of a mission the caller coordinates.
pub async fn coordinated_session(app: &App, caller: &Caller, mission_id: &str, session_id: &str) -> ApiResult<(FacilitationMission, Session)> {
    let (m, sessions) = coordinated(app, caller, mission_id).await?;
    let session = sessions.into_iter().find(|x| x.id == session_id).ok_or_else(|| ApiError::NotFound(err::SESSION_NOT_FOUND.into()))?;
    Ok((m, session))
}

/// Writes a session if its stored version is still `expected` (`None`: a new session).
pub async fn save_session(app: &App, x: &Session, expected: Option<u64>) -> ApiResult<bool> {
    let put = app.store.client.put_item().table_name(&app.store.table).set_item(Some(session_item(x)?));
    let put = match expected {
        None => put.condition_expression("attribute_not_exists(PK)"),
        Some(v) => put
            .condition_expression("#v = :v")
            .expression_attribute_names("#v", "version")
            .expression_attribute_values(":v", AttributeValue::N(v.to_string())),
    };
    match put.send().await {
        Ok(_) => Ok(true),
        Err(e) if store::is_conditional_failure(&e) => Ok(false),
        Err(e) => Err(store::sdk_error("PutItem session", e)),
    }
}

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
struct Progress {
    ordered: u32,
    #[serde(flatten)]
    planned: Planned,
}

#[derive(Serialize)]
struct Dashboard {
    #[serde(flatten)]
    mission: FacilitationMission,
    status_label: &'static str,
    workshops: Progress,
    trainings: Progress,
    sessions: Vec<SessionView>,
}

fn dashboard(m: FacilitationMission, sessions: &[Session]) -> Dashboard {
    Dashboard {
        status_label: m.status.label(),
        workshops: Progress { ordered: m.ordered.workshops, planned: planned(sessions, SessionKind::Workshop) },
        trainings: Progress { ordered: m.ordered.trainings, planned: planned(sessions, SessionKind::Training) },
        sessions: sessions.iter().map(session_view).collect(),
        mission: m,
    }
}

/// POST /facilitation-missions — the operator gives a won opportunity to its coordinator:
/// client, what was ordered, the fees.
pub mod create_facilitation_mission {
    use super::*;
    use crate::domain::email::Email;
    use crate::domain::facilitation::{Client, ClientKind, Coordinator};
    use crate::domain::user::Role;
    use crate::domain::validate;
    use crate::error::Errors;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        title: String,
        client_name: String,
        client_kind: String,
        coordinator_email: String,
        coordinator_name: String,
        ordered_workshops: u32,
        ordered_trainings: u32,
        workshop_fee_cents: u64,
        training_fee_cents: u64,
        coordination_fee_cents: u64,
        pre_test_url: String,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let input: Input = http::json_body(&req)?;
        crate::handlers::access::require_role(app, &caller, Role::Operator).await?;
        let mut e = Errors::new();
        let title = e.check(validate::line("title", Some(&input.title), 3, 150));
        let client_name = e.check(validate::line("client_name", Some(&input.client_name), 2, 150));
        let kind = match input.client_kind.as_str() {
            "business" => Some(ClientKind::Business),
            "association" => Some(ClientKind::Association),
            "public_sector" => Some(ClientKind::PublicSector),
            "education" => Some(ClientKind::Education),
            other => {
                e.add("client_kind", err::unknown_value("client_kind", other, "business, association, public_sector, education"));
                None
            }
        };
        let email = e.check(Email::parse("coordinator_email", &input.coordinator_email));
        let name = e.check(validate::line("coordinator_name", Some(&input.coordinator_name), 2, 120));
        // Every convocation carries the pre-training test.
        let pre_test_url = e.check(validate::url("pre_test_url", Some(input.pre_test_url.as_str()))).flatten();
        if input.pre_test_url.trim().is_empty() {
            e.add("pre_test_url", err::required("pre_test_url"));
        }
        if input.ordered_workshops + input.ordered_trainings == 0 || input.ordered_workshops > 1000 || input.ordered_trainings > 1000 {
            e.add("ordered_workshops", err::ORDER_EMPTY);
        }
        e.finish()?;
        let mission = FacilitationMission {
            id: uuid::Uuid::now_v7().to_string(),
            title: title.unwrap_or_default(),
            client: Client { name: client_name.unwrap_or_default(), kind: kind.unwrap_or(ClientKind::Business) },
            coordinator: Coordinator { email: email.map(|m| m.as_str().to_string()).unwrap_or_default(), name: name.unwrap_or_default() },
            ordered: Quantities { workshops: input.ordered_workshops, trainings: input.ordered_trainings },
            workshop_fee_cents: input.workshop_fee_cents,
            training_fee_cents: input.training_fee_cents,
            coordination_fee_cents: input.coordination_fee_cents,
            pre_test_url,
            status: MissionStatus::Open,
            remuneration_months: vec![],
            closed_at: None,
            coordination_billed_month: None,
            created_at: app.now(),
            version: 1,
        };
        app.store.put_new("PutItem facilitation mission", mission_item(&mission)?).await?;
        let letter = crate::texts::emails::facilitation_mission_assigned(
            &mission.coordinator.email,
            &mission.coordinator.name,
            &mission.title,
            &mission.client.name,
            &format!("{}/facilitation-missions/{}", app.config.public_base_url, mission.id),
        );
        if let Err(e) = app.mailer.send(&letter).await {
            tracing::error!(error = %e, "mission e-mail to the coordinator not sent");
        }
        http::json(201, &dashboard(mission, &[]))
    }
}

/// GET /facilitation-missions — my missions as coordinator, in progress and closed.
pub mod list_facilitation_missions {
    use super::*;

    #[derive(Serialize)]
    struct Page {
        items: Vec<Item2>,
    }

    #[derive(Serialize)]
    struct Item2 {
        id: String,
        title: String,
        client: String,
        status: MissionStatus,
        status_label: &'static str,
        ordered: Quantities,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let q = app
            .store
            .client
            .query()
            .table_name(&app.store.table)
            .index_name(keys::GSI1)
            .key_condition_expression("GSI1PK = :pk")
            .expression_attribute_values(":pk", s(keys::coordinated_by(caller.email.as_str())))
            .scan_index_forward(false);
        let missions: Vec<FacilitationMission> = app.store.query_all("Query coordinated missions", q).await?.into_iter().map(store::from_item).collect::<ApiResult<_>>()?;
        let items = missions
            .into_iter()
            .map(|m| Item2 {
                status_label: m.status.label(),
                id: m.id,
                title: m.title,
                client: m.client.name,
                status: m.status,
                ordered: m.ordered,
            })
            .collect();
        http::ok(&Page { items })
    }
}

/// GET /facilitation-missions/{missionId} — the coordinator's dashboard: ordered against
/// planned, by kind, and every session with its facilitators and participants.
pub mod get_facilitation_mission {
    use super::*;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let id = http::path_id(&req, "missionId")?;
        let (m, sessions) = coordinated(app, &caller, &id).await?;
        http::ok(&dashboard(m, &sessions))
    }
}

/// POST /facilitation-missions/{missionId}/sessions — the coordinator plans a session,
/// before it happens.
pub mod create_session {
    use super::*;
    use crate::domain::facilitation::SessionInput;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let id = http::path_id(&req, "missionId")?;
        let input: SessionInput = http::json_body(&req)?;
        let (m, _) = coordinated(app, &caller, &id).await?;
        let session = input.validate(&m, uuid::Uuid::now_v7().to_string(), app.now())?;
        save_session(app, &session, None).await?;
        http::json(201, &session_view(&session))
    }
}

/// The invitation link of a session: a token (hash stored) valid until the session ends.
pub async fn invitation_link(app: &App, session: &Session, now: DateTime<Utc>) -> ApiResult<String> {
    let until = session.ends_at().unwrap_or(now) + Duration::days(1);
    let (token, record) = crate::tokens::issue(now, until - now)?;
    let item = crate::tokens::item(&record, "facilitator_invitation", &[("mission_id", &session.mission_id), ("session_id", &session.id)]);
    app.store.put_new("PutItem invitation", item).await?;
    // The frontend's page signs the facilitator in, then POSTs the token.
    Ok(format!("{}/invitations/{}", app.config.frontend_url, token.0))
}

/// POST /facilitation-missions/{missionId}/sessions/{sessionId}/invitations — a share link
/// for the session, e-mailed to the addresses given (none: the link only).
pub mod invite_facilitators {
    use super::*;
    use crate::domain::email::Email;
    use crate::error::Errors;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        #[serde(default)]
        emails: Vec<String>,
    }

    #[derive(Serialize)]
    struct Invited {
        share_url: String,
        sent_to: Vec<String>,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let mission_id = http::path_id(&req, "missionId")?;
        let session_id = http::path_id(&req, "sessionId")?;
        let input: Input = http::json_body(&req)?;
        let mut e = Errors::new();
        if input.emails.len() > 50 {
            e.add("emails", err::count("emails", 0, 50));
        }
        let emails: Vec<String> = input
            .emails
            .iter()
            .enumerate()
            .filter_map(|(i, v)| e.check(Email::parse(&format!("emails[{i}]"), v)).map(|m| m.as_str().to_string()))
            .collect();
        e.finish()?;
        let (m, session) = coordinated_session(app, &caller, &mission_id, &session_id).await?;
        let now = app.now();
        if session.starts_at().is_none_or(|t| t <= now) {
            return Err(ApiError::Conflict(err::SESSION_STARTED.into()));
        }
        let url = invitation_link(app, &session, now).await?;
        let mut sent_to = Vec::new();
        for to in &emails {
            let letter = crate::texts::emails::facilitator_invitation(to, &m.coordinator.name, &session.title, &crate::texts::date_fr(session.date), &url);
            match app.mailer.send(&letter).await {
                Ok(_) => sent_to.push(to.clone()),
                Err(e) => tracing::error!(error = %e, "invitation not sent"),
            }
        }
        http::json(201, &Invited { share_url: url, sent_to })
    }
}

/// POST /facilitation-invitations/{token} — a facilitator (signed in) registers on the
/// session of an invitation; once the seats are taken, on the waiting list.
pub mod register_facilitator {
    use super::*;
    use crate::domain::facilitation::{ProviderCountry, SessionFacilitator};
    use crate::domain::validate;
    use crate::error::Errors;
    use lambda_http::RequestExt;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        name: String,
        country: String,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let plain = req.path_parameters().first("token").unwrap_or_default().to_string();
        let input: Input = http::json_body(&req)?;
        let mut e = Errors::new();
        let name = e.check(validate::line("name", Some(&input.name), 2, 120));
        let country = match input.country.as_str() {
            "france" => Some(ProviderCountry::France),
            "international" => Some(ProviderCountry::International),
            other => {
                e.add("country", err::unknown_value("country", other, "france, international"));
                None
            }
        };
        e.finish()?;
        let invalid = || ApiError::NotFound(err::INVITATION_INVALID.into());
        if !crate::tokens::well_formed(&plain) {
            return Err(invalid());
        }
        let token = app.store.get(&keys::token(&crate::tokens::hash(&plain)), keys::TOKEN_SK).await?.ok_or_else(invalid)?;
        let expires = token.get(keys::TTL).and_then(|v| v.as_n().ok()).and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
        let (Some("facilitator_invitation"), Some(mission_id), Some(session_id)) =
            (store::string(&token, "purpose"), store::string(&token, "mission_id"), store::string(&token, "session_id"))
        else {
            return Err(invalid());
        };
        let now = app.now();
        if expires <= now.timestamp() {
            return Err(invalid());
        }
        for _ in 0..3 {
            let (m, sessions) = mission_and_sessions(app, mission_id).await?.ok_or_else(invalid)?;
            let mut session = sessions.into_iter().find(|x| x.id == session_id).ok_or_else(invalid)?;
            if m.status == MissionStatus::Closed {
                return Err(ApiError::Conflict(err::MISSION_CLOSED.into()));
            }
            if session.facilitators.iter().any(|f| f.sub == caller.sub) {
                return http::ok(&session_view(&session));
            }
            let full = session.active_facilitators().count() >= session.seats();
            session.facilitators.push(SessionFacilitator {
                sub: caller.sub.clone(),
                email: caller.email.as_str().to_string(),
                name: name.clone().unwrap_or_default(),
                country: country.unwrap_or(ProviderCountry::France),
                status: if full { FacilitatorStatus::Standby } else { FacilitatorStatus::Registered },
                registered_at: now,
                remuneration_requested: None,
            });
            let expected = session.version;
            session.version += 1;
            if save_session(app, &session, Some(expected)).await? {
                let mut link = store::key(&keys::facilitator(&caller.sub), &keys::facilitator_session(session.date, &session.id));
                link.insert(keys::ENTITY_TYPE.into(), s("FacilitatorSession"));
                link.insert("mission_id".into(), s(&session.mission_id));
                link.insert("session_id".into(), s(&session.id));
                app.store
                    .client
                    .put_item()
                    .table_name(&app.store.table)
                    .set_item(Some(link))
                    .send()
                    .await
                    .map_err(|e| store::sdk_error("PutItem facilitator session", e))?;
                let status = if full { 200 } else { 201 };
                return http::json(status, &session_view(&session));
            }
        }
        Err(ApiError::Conflict(err::CONCURRENT_UPDATE.into()))
    }
}

/// PATCH /facilitation-missions/{missionId}/sessions/{sessionId}/facilitators/{facilitatorId}
/// — the coordinator changes a facilitator's status.
pub mod update_facilitator_status {
    use super::*;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        status: String,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let mission_id = http::path_id(&req, "missionId")?;
        let session_id = http::path_id(&req, "sessionId")?;
        let facilitator = http::path_id(&req, "facilitatorId")?;
        let input: Input = http::json_body(&req)?;
        let status = FacilitatorStatus::parse("status", &input.status).map_err(|e| ApiError::Validation(vec![e]))?;
        for _ in 0..3 {
            let (m, mut session) = coordinated_session(app, &caller, &mission_id, &session_id).await?;
            if m.status == MissionStatus::Closed {
                return Err(ApiError::Conflict(err::MISSION_CLOSED.into()));
            }
            let f = session.facilitators.iter_mut().find(|f| f.sub == facilitator).ok_or_else(|| ApiError::NotFound(err::FACILITATOR_NOT_FOUND.into()))?;
            if f.remuneration_requested.is_some() && !status.facilitates() {
                return Err(ApiError::Conflict(err::REMUNERATION_ALREADY_REQUESTED.into()));
            }
            f.status = status;
            let expected = session.version;
            session.version += 1;
            if save_session(app, &session, Some(expected)).await? {
                return http::ok(&session_view(&session));
            }
        }
        Err(ApiError::Conflict(err::CONCURRENT_UPDATE.into()))
    }
}

/// POST /facilitation-missions/{missionId}/sessions/{sessionId}/participants — the
/// coordinator registers participants in advance, as JSON (`{"participants": [...]}`) or a
/// pasted list (`text/plain`, one `e-mail;prénom;nom` per line). Each gets a convocation with
/// the pre-training test.
pub mod register_participants {
    use super::*;
    use crate::domain::facilitation::{parse_pasted, validate_participants, ParticipantInput};

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        participants: Vec<ParticipantInput>,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let mission_id = http::path_id(&req, "missionId")?;
        let session_id = http::path_id(&req, "sessionId")?;
        let is_text = req
            .headers()
            .get(::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().starts_with("text/plain"));
        let inputs = if is_text {
            parse_pasted(http::text_body(&req, &["text/plain"])?).map_err(ApiError::Validation)?
        } else {
            http::json_body::<Input>(&req)?.participants
        };
        for _ in 0..3 {
            let (m, mut session) = coordinated_session(app, &caller, &mission_id, &session_id).await?;
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
            if !save_session(app, &session, Some(expected)).await? {
                continue;
            }
            let place = session.place.clone().unwrap_or_else(|| labels::REMOTE.to_string());
            let when = format!("{}, de {} à {}", crate::texts::date_fr(session.date), session.start.format("%H:%M"), session.end.format("%H:%M"));
            for p in &added {
                let letter = crate::texts::emails::convocation(&p.email, &p.first_name, &session.title, &when, &place, &m.coordinator.name, &m.coordinator.email, m.pre_test_url.as_deref());
                if let Err(e) = app.mailer.send(&letter).await {
                    tracing::error!(error = %e, "convocation not sent");
                }
            }
            return http::json(201, &session_view(&session));
        }
        Err(ApiError::Conflict(err::CONCURRENT_UPDATE.into()))
    }
}

/// GET /me/facilitation-sessions — a facilitator's own sessions, by date.
pub mod list_my_facilitation_sessions {
    use super::*;

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
        let q = app
            .store
            .client
            .query()
            .table_name(&app.store.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :prefix)")
            .expression_attribute_values(":pk", s(keys::facilitator(&caller.sub)))
            .expression_attribute_values(":prefix", s(keys::SESSION_PREFIX));
        let links = app.store.query_all("Query my sessions", q).await?;
        let mut items = Vec::new();
        for link in links {
            let (Some(mid), Some(sid)) = (store::string(&link, "mission_id"), store::string(&link, "session_id")) else { continue };
            let Some(session) = app.store.get_as::<Session>(&keys::facilitation_mission(mid), &keys::session(sid)).await? else { continue };
            if let Some(f) = session.facilitators.iter().find(|f| f.sub == caller.sub) {
                items.push(Mine { status: f.status, status_label: f.status.label(), remuneration_requested: f.remuneration_requested.is_some(), session: summary(&session) });
            }
        }
        http::ok(&Page { items })
    }
}

/// Who may see a session's documents: its coordinator, or one of its facilitators.
pub enum SessionRole {
    Coordinator,
    Facilitator(String),
}

pub async fn session_for(app: &App, caller: &Caller, mission_id: &str, session_id: &str) -> ApiResult<(FacilitationMission, Session, SessionRole)> {
    let not_found = || ApiError::NotFound(err::SESSION_NOT_FOUND.into());
    let (m, sessions) = mission_and_sessions(app, mission_id).await?.ok_or_else(not_found)?;
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
fn sheet_facilitator<'a>(session: &'a Session, role: &SessionRole, asked: Option<&str>) -> ApiResult<&'a crate::domain::facilitation::SessionFacilitator> {
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
    format!("sheets/{}/{}/{}.pdf", session.mission_id, session.id, crate::tokens::hash(facilitator))
}

/// GET /facilitation-missions/{missionId}/sessions/{sessionId}/sign-in-sheet — the
/// sign-in sheet of one facilitator (`?facilitator=` for the coordinator), as a PDF in S3
/// and a download link.
pub mod get_sign_in_sheet {
    use super::*;
    use crate::http::Query;

    #[derive(Serialize)]
    struct Sheet {
        url: String,
        key: String,
        sha256: String,
        participants: usize,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let mission_id = http::path_id(&req, "missionId")?;
        let session_id = http::path_id(&req, "sessionId")?;
        let query = Query::of(&req, &["facilitator"])?;
        let (m, session, role) = session_for(app, &caller, &mission_id, &session_id).await?;
        // Registering participants in advance is mandatory except in education (the sheet
        // then has blank rows).
        if session.participants.is_empty() && m.client.kind.participants_required() {
            return Err(ApiError::Conflict(err::PARTICIPANTS_REQUIRED.into()));
        }
        let f = sheet_facilitator(&session, &role, query.text("facilitator").as_deref())?;
        let pdf = crate::pdf::render(&crate::texts::facilitation_documents::sign_in_sheet(&m, &session, &f.name), crate::texts::facilitation_documents::SHEET_FOOTER)?;
        let sha = crate::documents::sha256_hex(&pdf);
        let key = sheet_key(&session, &f.sub);
        app.documents.put_pdf(&key, pdf, &sha).await?;
        let url = app.documents.presigned_get(&key, &format!("emargement-{}-{}.pdf", session.date, session.id), std::time::Duration::from_secs(900)).await?;
        http::ok(&Sheet { url, key, sha256: sha, participants: session.participants.len() })
    }
}

/// POST /facilitation-missions/{missionId}/sessions/{sessionId}/signed-sheets — a presigned
/// PUT for the signed scan: PDF, JPEG or PNG, at most 10 MB, its type and size signed.
pub mod upload_signed_sheet {
    use super::*;
    use crate::error::Errors;

    pub const MAX_BYTES: i64 = 10 * 1024 * 1024;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        facilitator: Option<String>,
        content_type: String,
        size: i64,
    }

    #[derive(Serialize)]
    struct Upload {
        method: &'static str,
        url: String,
        key: String,
        headers: std::collections::BTreeMap<&'static str, String>,
        expires_in_seconds: u64,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let mission_id = http::path_id(&req, "missionId")?;
        let session_id = http::path_id(&req, "sessionId")?;
        let input: Input = http::json_body(&req)?;
        let mut e = Errors::new();
        let ext = match input.content_type.as_str() {
            "application/pdf" => Some("pdf"),
            "image/jpeg" => Some("jpg"),
            "image/png" => Some("png"),
            other => {
                e.add("content_type", err::unknown_value("content_type", other, "application/pdf, image/jpeg, image/png"));
                None
            }
        };
        if !(1..=MAX_BYTES).contains(&input.size) {
            e.add("size", err::SCAN_TOO_LARGE);
        }
        e.finish()?;
        let (_, session, role) = session_for(app, &caller, &mission_id, &session_id).await?;
        let f = sheet_facilitator(&session, &role, input.facilitator.as_deref())?;
        let key = format!("sheets/{}/{}/{}-signee.{}", session.mission_id, session.id, crate::tokens::hash(&f.sub), ext.unwrap_or("pdf"));
        let ttl = 900;
        let url = app.documents.presigned_put(&key, &input.content_type, Some(input.size), std::time::Duration::from_secs(ttl)).await?;
        let headers = std::collections::BTreeMap::from([("content-type", input.content_type.clone()), ("content-length", input.size.to_string())]);
        http::json(201, &Upload { method: "PUT", url, key, headers, expires_in_seconds: ttl })
    }
}

//! POST /facilitation-invitations/{token} — a facilitator (signed in) registers on the
//! session of an invitation; once the seats are taken, on the waiting list.

use lambda_http::RequestExt;
use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::facilitation::*;
use shared::domain::facilitation::{FacilitatorStatus, MissionStatus};
use shared::domain::facilitation::{ProviderCountry, Registration, SessionFacilitator};
use shared::domain::validate;
use shared::error::Errors;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::store::tokens::{self, Found, Purpose};
use shared::texts::err;

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
    let countries = [("france", ProviderCountry::France), ("international", ProviderCountry::International)];
    let country = e.check(validate::one_of("country", &input.country, &countries));
    e.finish()?;
    let invalid = || ApiError::NotFound(err::INVITATION_INVALID.into());
    let now = app.now();
    // The invitation is shared by the session's facilitators: used or not, it works until it expires.
    let token = match tokens::find(&app.store, &plain, Purpose::FacilitatorInvitation, now).await? {
        Found::Live(t) | Found::Used(t) => t,
        Found::Expired(_) | Found::Invalid => return Err(invalid()),
    };
    let (Some(mission_id), Some(session_id)) = (token.get("mission_id"), token.get("session_id")) else {
        return Err(invalid());
    };
    let (caller, name) = (&caller, &name);
    shared::store::retrying(err::CONCURRENT_UPDATE, move || async move {
        let (m, sessions) = mission_and_sessions(&app.store, mission_id).await?.ok_or_else(invalid)?;
        let mut session = sessions.into_iter().find(|x| x.id == session_id).ok_or_else(invalid)?;
        if m.status == MissionStatus::Closed {
            return Err(ApiError::Conflict(err::MISSION_CLOSED.into()));
        }
        let expected = session.version;
        let registration = session.register(SessionFacilitator {
            sub: caller.sub.clone(),
            email: caller.email.as_str().to_string(),
            name: name.clone().unwrap_or_default(),
            country: country.unwrap_or(ProviderCountry::France),
            status: FacilitatorStatus::Registered,
            registered_at: now,
            remuneration_requested: None,
        });
        if registration == Registration::Already {
            return http::ok(&session_view(&session)).map(Some);
        }
        if !save_session(&app.store, &session, Some(expected)).await? {
            return Ok(None);
        }
        shared::store::facilitation::list_for_facilitator(&app.store, &caller.sub, &session).await?;
        let status = if registration == Registration::WaitingList { 200 } else { 201 };
        http::json(status, &session_view(&session)).map(Some)
    })
    .await
}

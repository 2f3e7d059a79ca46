//! POST /facilitation-missions/{missionId}/sessions/{sessionId}/invitations — a share link
//! for the session, e-mailed to the addresses given (none: the link only).

use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use shared::app::App;
use shared::areas::facilitation::*;
use shared::domain::email::Email;
use shared::error::Errors;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::err;

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
    let [mission_id, session_id] = http::path_ids(&req, ["missionId", "sessionId"])?;
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
    let date = shared::texts::date_fr(session.date);
    let letters: Vec<_> = emails
        .iter()
        .map(|to| shared::texts::emails::facilitator_invitation(to, &m.coordinator.name, &session.title, &date, &url))
        .collect();
    shared::outbox::queue_alone(app, "facilitator invitations", letters).await?;
    http::json(201, &Invited { share_url: url, sent_to: emails })
}

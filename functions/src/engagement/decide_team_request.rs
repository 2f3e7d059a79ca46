//! POST /engagements/{engagementId}/date-requests/{requestId}/decision — the same decision as
//! the e-mail link, from the logged-in team view, by the manager the request was sent to.
//! Deciding here also consumes the link, which then says the request was handled.

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::decision;
use shared::areas::engagements::NOT_FOUND;
use shared::domain::engagement::{decide, Decision, RequestState};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::store::engagements;
use shared::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionInput {
    decision: Option<String>,
    comment: Option<String>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let [id, request_id] = http::path_ids(&req, ["engagementId", "requestId"])?;
    let input: DecisionInput = http::json_body(&req)?;
    let outcome = match input.decision.as_deref() {
        Some("accept") => RequestState::Accepted,
        Some("refuse") => RequestState::Refused,
        _ => return Err(ApiError::field("decision", err::BAD_DECISION)),
    };
    let comment = input.comment.map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    if comment.as_ref().is_some_and(|c| c.chars().count() > 1000) {
        return Err(ApiError::field("comment", shared::texts::err::length("comment", 0, 1000)));
    }
    let engagement = engagements::get(&app.store, &id).await?.ok_or_else(|| ApiError::NotFound(NOT_FOUND.into()))?;
    let request = engagement
        .requests
        .iter()
        .find(|r| r.id == request_id && r.manager_email == caller.email.as_str())
        .cloned()
        .ok_or_else(|| ApiError::NotFound(NOT_FOUND.into()))?;
    // Only a pending request, once (the domain's refusal says what it became).
    decide(request.state, if outcome == RequestState::Accepted { Decision::Accept } else { Decision::Refuse })?;
    if request.expires_at <= app.now() {
        return Err(ApiError::Conflict(err::REQUEST_EXPIRED.into()));
    }
    match decision::apply(app, engagement, &request, outcome, comment, false).await? {
        decision::Outcome::Decided(e) => http::ok(&serde_json::json!({
            "engagement_id": e.id,
            "state": e.state,
            "state_label": e.state.label(),
            "request_state": outcome,
            "request_state_label": outcome.label(),
        })),
        decision::Outcome::AlreadyHandled => Err(ApiError::Conflict(err::REQUEST_JUST_HANDLED.into())),
    }
}

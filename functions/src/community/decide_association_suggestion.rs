//! POST /association-suggestions/{suggestionId}/decision — the operator accepts or rejects
//! a pending suggestion, once; the employee is told.

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::access;
use shared::areas::suggestions::*;
use shared::domain::user::Role;
use shared::domain::validate;
use shared::error::{ApiError, ApiResult, Errors};
use shared::http;
use shared::keys;
use shared::store::community;
use shared::texts::{emails, err};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    decision: String,
    comment: Option<String>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, id, input): (_, _, Input) = http::caller_id_body(&req, "suggestionId")?;
    access::require_role(app, &caller, Role::Operator).await?;
    let mut e = Errors::new();
    let status = e.check(validate::one_of("decision", &input.decision, &[("accepted", Status::Accepted), ("rejected", Status::Rejected)]));
    let comment = e.check(validate::optional_text("comment", input.comment.as_deref(), 1000)).flatten();
    e.finish()?;
    let status = status.unwrap_or(Status::Rejected);
    let now = app.now();
    let current: Option<Suggestion> = app.store.get_as(&keys::suggestion(&id), keys::SUGGESTION_SK).await?;
    let mut decided = match current {
        Some(c) if c.status == Status::Pending => c,
        Some(c) => return Err(ApiError::Conflict(err::suggestion_decided(c.status.label()))),
        None => return Err(ApiError::NotFound(err::SUGGESTION_NOT_FOUND.into())),
    };
    decided.status = status;
    decided.decided_at = Some(now);
    decided.comment = comment;
    let letter = emails::suggestion_decided(
        &decided.suggested_by.email,
        &decided.suggested_by.first_name,
        &decided.name,
        decided.status == Status::Accepted,
        decided.comment.as_deref(),
    );
    let mut writes = vec![community::decide_suggestion(&app.store, &id, status, decided.comment.as_deref(), now)?];
    writes.extend(shared::outbox::queue(app, "suggestion decision", vec![letter]).await?);
    if app.store.transact("TransactWriteItems suggestion decision", writes).await?.is_err() {
        // Decided by someone else meanwhile.
        let label = app.store.get_as::<Suggestion>(&keys::suggestion(&id), keys::SUGGESTION_SK).await?.map(|c| c.status.label());
        return Err(ApiError::Conflict(err::suggestion_decided(label.unwrap_or_default())));
    }
    http::ok(&view(&decided))
}

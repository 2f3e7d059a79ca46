//! POST /association-suggestions — a registered employee suggests an association.

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::access;
use shared::areas::suggestions::*;
use shared::domain::email::Email;
use shared::domain::validate;
use shared::error::{ApiError, ApiResult, Errors};
use shared::http;
use shared::store::{Expect, TxWrite};
use shared::texts::{emails, err};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    name: String,
    city: Option<String>,
    website: Option<String>,
    contact_email: Option<String>,
    reason: String,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, input): (_, Input) = http::caller_and_body(&req)?;
    let user = access::registered_employee(app, &caller).await?;
    let mut e = Errors::new();
    let name = e.check(validate::line("name", Some(&input.name), 2, 150));
    let city = e.check(validate::optional_text("city", input.city.as_deref(), 100)).flatten();
    let website = e.check(validate::url("website", input.website.as_deref())).flatten();
    let contact_email = match input.contact_email.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => e.check(Email::parse("contact_email", v)).map(|m| m.as_str().to_string()),
        None => None,
    };
    let reason = e.check(validate::text("reason", Some(&input.reason), 10, 2000));
    e.finish()?;
    shared::store::counters::count_today(app, &caller.sub, "suggestion", 1, PER_DAY, err::proposal_limit(PER_DAY)).await?;
    let company_id = user.company_id.clone().unwrap_or_default();
    let company_name = app.directory.cached(&app.store).await?.company(&company_id).map(|c| c.name.clone()).unwrap_or_default();
    let suggestion = Suggestion {
        id: uuid::Uuid::now_v7().to_string(),
        name: name.unwrap_or_default(),
        city,
        website,
        contact_email,
        reason: reason.unwrap_or_default(),
        suggested_by: SuggestedBy {
            sub: caller.sub.clone(),
            name: user.full_name(),
            first_name: user.first_name.clone(),
            email: user.email.as_str().to_string(),
            company_id,
            company_name,
        },
        status: Status::Pending,
        created_at: app.now(),
        decided_at: None,
        comment: None,
    };
    let s = &suggestion;
    let facts = emails::suggestion_facts(&s.name, &s.reason, s.city.as_deref(), s.website.as_deref(), s.contact_email.as_deref());
    let letter = emails::suggestion_to_operator(&app.config.support_email, &s.suggested_by.name, &s.suggested_by.company_name, facts);
    let mut writes = vec![TxWrite::put(&app.store, "suggestion", item(&suggestion)?, Expect::New)?];
    writes.extend(shared::outbox::queue(app, "suggestion to the operator", vec![letter]).await?);
    if app.store.transact("TransactWriteItems suggestion", writes).await?.is_err() {
        return Err(ApiError::Conflict(err::CONCURRENT_UPDATE.into()));
    }
    http::json(201, &view(&suggestion))
}

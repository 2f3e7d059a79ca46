//! POST /engagements/{engagementId}/cancellation — the employee cancels the engagement, or
//! one date of it (`{"date": "2026-01-22"}`), with an optional reason. The association's
//! referent and support are told; the days return to the allowance.

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::engagements::{put_if_version, EngagementView, NOT_FOUND};
use shared::domain::engagement::Engagement;
use shared::domain::validate;
use shared::error::{ApiError, ApiResult, Errors};
use shared::http;
use shared::keys;
use shared::texts::err;
use shared::texts::{self, emails};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CancelInput {
    date: Option<String>,
    reason: Option<String>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, id, input): (_, _, CancelInput) = http::caller_id_body(&req, "engagementId")?;
    let mut e = Errors::new();
    let reason = e.check(validate::optional_text("reason", input.reason.as_deref(), 1000)).flatten();
    let date = match input.date.as_deref() {
        None => None,
        Some(d) => match chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                e.add("date", err::bad_day(d));
                None
            }
        },
    };
    e.finish()?;
    let mut engagement: Engagement = app
        .store
        .get_as(&keys::engagement(&id), keys::ENGAGEMENT_SK)
        .await?
        .filter(|g: &Engagement| g.employee.sub == caller.sub)
        .ok_or_else(|| ApiError::NotFound(NOT_FOUND.into()))?;
    let expected_version = engagement.version;
    let now = app.now();
    let today = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();
    let released = match date {
        Some(d) => engagement.cancel_date(d, today, now)?,
        None => engagement.cancel(now)?,
    };
    let what = texts::cancelled_what(date);
    let mut items = vec![put_if_version(&app.store, &engagement, expected_version)?];
    let released = shared::areas::dates::released_entries(&engagement.requests, &released);
    items.extend(shared::store::ledger::release(&app.store, &caller.sub, &released)?);
    let letter = emails::cancellation(
        vec![engagement.referent.email.as_str().to_string(), app.config.support_email.clone()],
        &engagement.employee.full_name(),
        &engagement.employee.email,
        &engagement.mission_title,
        &what,
        reason.as_deref(),
    );
    items.extend(shared::outbox::queue(app, "cancellation", vec![letter]).await?);
    if app.store.transact("TransactWriteItems cancellation", items).await?.is_err() {
        return Err(ApiError::Conflict(err::ENGAGEMENT_CHANGED.into()));
    }
    http::ok(&EngagementView::of(engagement))
}

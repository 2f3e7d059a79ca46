//! POST /engagements/{engagementId}/date-requests — step 2 "Je valide mes dates": the
//! employee sends dates (full or half days) and a message to their manager's e-mail. The
//! allowance is checked with the company's policy and the employee's HR attributes; the
//! manager gets one link to a confirmation page. A pending request whose link expired is
//! closed first, so that the employee can send a new one.

use chrono::NaiveDate;
use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::dates;
use shared::areas::engagements::{engagements_of, put_if_version, EngagementView, NOT_FOUND};
use shared::domain::allowance::{self, BookedDay};
use shared::domain::email::Email;
use shared::domain::engagement::{parse_days, DayAsked, NewRequest};
use shared::domain::error::{DomainError, Errors, Problem};
use shared::domain::validate;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::store::engagements;
use shared::store::tokens::Purpose;
use shared::texts::{emails, err};
use shared::tokens;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesInput {
    manager_email: Option<String>,
    dates: Option<Vec<DayInput>>,
    message: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DayInput {
    date: String,
    part: Option<String>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, id, input): (_, _, DatesInput) = http::caller_id_body(&req, "engagementId")?;
    let now = app.now();
    let today = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();

    // One round trip for the engagement and the HR attributes.
    let company = {
        let state = app.directory.cached(&app.store).await?;
        shared::areas::access::employee_company(&state, &caller)?
    };
    let (engagement, hr) = engagements::with_hr_attributes(&app.store, &id, &company.id, caller.email.as_str()).await?;
    let mut engagement = engagement.filter(|e| e.employee.sub == caller.sub).ok_or_else(|| ApiError::NotFound(NOT_FOUND.into()))?;
    let expected_version = engagement.version;
    let (manager, message, days) = parse(input, &caller.email, today, engagement.year)?;
    if shared::store::suppressions::is_suppressed(&app.store, manager.as_str()).await? {
        return Err(ApiError::field("manager_email", err::MANAGER_EMAIL_UNDELIVERABLE));
    }
    let released = engagement.begin_request(now)?;

    // The allowance, over every engagement of the employee.
    let others = engagements_of(&app.store, &caller.sub).await?;
    let booked: Vec<BookedDay> =
        others.iter().filter(|o| o.id != engagement.id).flat_map(|o| o.booked()).chain(engagement.booked()).collect();
    allowance::check(&company.policy, hr.as_ref(), today, &booked, &days)
        .map_err(|r| DomainError::field("dates", Problem::Allowance(r)))?;
    let regime = allowance::regime(&company.policy, hr.as_ref(), today);
    let (token, record) = tokens::issue(now, app.config.manager_link_ttl)?;
    let new = NewRequest {
        id: uuid::Uuid::now_v7().to_string(),
        manager_email: manager.as_str().to_string(),
        message,
        ledger: dates::ledger_entries(regime, &days),
        days,
        token_hash: record.hash.clone(),
        expires_at: record.expires_at,
    };
    let request = engagement.request_dates(new, now)?;

    let bound = [("engagement_id", engagement.id.as_str()), ("request_id", request.id.as_str())];
    let mut items = vec![
        put_if_version(&app.store, &engagement, expected_version)?,
        shared::store::tokens::put_in_tx(&app.store, &record, Purpose::DateDecision, &bound)?,
    ];
    items.extend(shared::store::ledger::rebook(&app.store, &caller.sub, &released, &request.ledger)?);
    let due = shared::domain::reminders::manager_reminders(now, request.expires_at);
    items.extend(shared::store::reminders::schedule_manager(&app.store, &engagement.id, &request.id, 0, &due)?);
    let link = shared::links::decision(&app.config, &token.0);
    items.extend(shared::outbox::queue(app, "date request", emails::date_request_letters(&engagement, &request, &link)).await?);
    if app.store.transact("TransactWriteItems date request", items).await?.is_err() {
        return Err(ApiError::Conflict(err::CROSSED_REQUEST.into()));
    }
    http::json(201, &EngagementView::of(engagement))
}

/// The manager's address (not the employee's own), the message, and the days.
fn parse(input: DatesInput, employee: &Email, today: NaiveDate, year: i32) -> ApiResult<(Email, String, Vec<BookedDay>)> {
    let mut e = Errors::new();
    let manager = match input.manager_email.as_deref() {
        Some(m) => e.check(Email::parse("manager_email", m)),
        None => {
            e.add("manager_email", Problem::Required);
            None
        }
    };
    if manager.as_ref().is_some_and(|m| m == employee) {
        e.add("manager_email", Problem::ManagerIsSelf);
    }
    let message = e.check(validate::text("message", input.message.as_deref(), 1, 2000));
    let asked: Vec<DayAsked> = input.dates.unwrap_or_default().into_iter().map(|d| DayAsked { date: d.date, part: d.part }).collect();
    let days = parse_days(&asked, today, year, &mut e);
    e.finish()?;
    Ok((manager.unwrap_or_else(|| employee.clone()), message.unwrap_or_default(), days))
}

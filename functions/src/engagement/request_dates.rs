//! POST /engagements/{engagementId}/date-requests — step 2 "Je valide mes dates": the
//! employee sends dates (full or half days) and a message to their manager's e-mail. The
//! allowance is checked with the company's policy and the employee's HR attributes; the
//! manager gets one link to a confirmation page. A pending request whose link expired is
//! closed first, so that the employee can send a new one.

use chrono::NaiveDate;
use lambda_http::{Body, Request, Response};
use serde::Deserialize;
use shared::store::tokens::Purpose;

use shared::app::App;
use shared::areas::dates;
use shared::areas::engagements::{engagements_of, put_if_version, EngagementView, NOT_FOUND};
use shared::domain::allowance::{self, BookedDay, DayPart};
use shared::domain::email::Email;
use shared::domain::engagement::{next, DateRequest, DateState, EngagementEvent, MissionDate, RequestState};
use shared::domain::validate;
use shared::error::{ApiError, ApiResult, Errors};
use shared::http;

use shared::texts::{self, emails, err};
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

pub const MAX_DATES: usize = 31;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "engagementId")?;
    let input: DatesInput = http::json_body(&req)?;
    let now = app.now();
    let today = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();

    // One round trip for the engagement and the HR attributes.
    let company = {
        let state = app.catalogue.cached(&app.store).await?;
        shared::areas::access::employee_company(&state, &caller)?
    };
    let (engagement, hr) = shared::store::engagements::with_hr_attributes(&app.store, &id, &company.id, caller.email.as_str()).await?;
    let mut engagement = engagement.filter(|e| e.employee.sub == caller.sub).ok_or_else(|| ApiError::NotFound(NOT_FOUND.into()))?;
    let expected_version = engagement.version;

    let mut e = Errors::new();
    let manager = match input.manager_email.as_deref() {
        Some(m) => e.check(Email::parse("manager_email", m)),
        None => {
            e.add("manager_email", texts::err::required("manager_email"));
            None
        }
    };
    if manager.as_ref().is_some_and(|m| *m == caller.email) {
        e.add("manager_email", "L'adresse de ton manager doit être différente de la tienne.");
    }
    let message = e.check(validate::text("message", input.message.as_deref(), 1, 2000));
    let mut days: Vec<BookedDay> = Vec::new();
    let inputs = input.dates.unwrap_or_default();
    if inputs.is_empty() || inputs.len() > MAX_DATES {
        e.add("dates", texts::err::count("dates", 1, MAX_DATES));
    }
    for (i, d) in inputs.iter().enumerate() {
        let field = format!("dates[{i}]");
        let Ok(date) = NaiveDate::parse_from_str(d.date.trim(), "%Y-%m-%d") else {
            e.add(format!("{field}.date"), format!("La date « {} » doit s'écrire AAAA-MM-JJ.", d.date));
            continue;
        };
        let part = match d.part.as_deref().unwrap_or("full_day") {
            "full_day" => DayPart::FullDay,
            "half_day" => DayPart::HalfDay,
            other => {
                e.add(format!("{field}.part"), texts::err::unknown_value(&format!("{field}.part"), other, "full_day, half_day"));
                continue;
            }
        };
        if date < today {
            e.add(format!("{field}.date"), format!("Le {} est déjà passé.", texts::date_fr(date)));
        } else if chrono::Datelike::year(&date) != engagement.year {
            e.add(
                format!("{field}.date"),
                format!(
                    "Une convention couvre une année civile : ta mission de {} ne peut pas avoir lieu le {}. Pour l'année suivante, complète ton bilan puis postule de nouveau.",
                    engagement.year,
                    texts::date_fr(date)
                ),
            );
        }
        days.push(BookedDay { date, part });
    }
    e.finish()?;

    // A pending request whose link expired is closed: its days come back.
    let mut released = Vec::new();
    if let Some(expired) = engagement.pending_request().filter(|r| r.expires_at <= now).cloned() {
        engagement.close_request(&expired.id, RequestState::Expired, now, None)?;
        released = expired.ledger;
    }
    let state_before = engagement.state;
    engagement.state = next(engagement.state, EngagementEvent::RequestDates)?;

    // The allowance, over every engagement of the employee.
    let others = engagements_of(&app.store, &caller.sub).await?;
    let booked: Vec<BookedDay> =
        others.iter().filter(|o| o.id != engagement.id).flat_map(|o| o.booked()).chain(engagement.booked()).collect();
    let regime = allowance::regime(&company.policy, hr.as_ref(), today);
    allowance::check(&company.policy, hr.as_ref(), today, &booked, &days)
        .map_err(|r| ApiError::field("dates", dates::refusal_message(&r)))?;

    let (token, record) = tokens::issue(now, app.config.manager_link_ttl)?;
    let request = DateRequest {
        id: uuid::Uuid::now_v7().to_string(),
        manager_email: manager.map(|m| m.as_str().to_string()).unwrap_or_default(),
        message: message.unwrap_or_default(),
        state: RequestState::Pending,
        state_before,
        created_at: now,
        expires_at: record.expires_at,
        decided_at: None,
        comment: None,
        ledger: dates::ledger_entries(regime, &days),
        token_hash: Some(record.hash.clone()),
    };
    for d in &days {
        engagement.dates.push(MissionDate { date: d.date, part: d.part, state: DateState::Requested, request_id: request.id.clone() });
    }
    engagement.requests.push(request.clone());
    engagement.updated_at = now;
    engagement.version += 1;

    let bound = [("engagement_id", engagement.id.as_str()), ("request_id", request.id.as_str())];
    let mut items = vec![
        put_if_version(&app.store, &engagement, expected_version)?,
        shared::store::tokens::put_in_tx(&app.store, &record, Purpose::DateDecision, &bound)?,
    ];
    items.extend(shared::store::ledger::rebook(&app.store, &caller.sub, &released, &request.ledger)?);
    if app.store.transact("TransactWriteItems date request", items).await?.is_err() {
        return Err(ApiError::Conflict(err::CROSSED_REQUEST.into()));
    }

    let labels: Vec<String> = days.iter().map(|d| texts::mission_day_fr(d.date, d.part)).collect();
    let link = format!("{}/decisions/{}", app.config.public_base_url, token.0);
    let expires_on = texts::date_fr(record.expires_at.with_timezone(&chrono_tz::Europe::Paris).date_naive());
    let letters = [
        emails::dates_to_manager(
            &request.manager_email,
            &engagement.employee.full_name(),
            &engagement.employee.email,
            &engagement.mission_title,
            &engagement.association_name,
            &labels,
            &request.message,
            &link,
            &expires_on,
        ),
        emails::dates_sent_to_employee(
            &engagement.employee.email,
            &engagement.employee.first_name,
            &engagement.mission_title,
            &request.manager_email,
            &labels,
        ),
    ];
    for letter in &letters {
        if let Err(e) = app.mailer.send(letter).await {
            tracing::error!(error = %e, subject = %letter.subject, "date request e-mail not sent");
        }
    }
    http::json(201, &EngagementView::of(engagement))
}

//! POST /engagements/{engagementId}/date-requests — step 2 "Je valide mes dates": the
//! employee sends dates (full or half days) and a message to their manager's e-mail. The
//! allowance is checked with the company's policy and the employee's HR attributes; the
//! manager gets one link to a confirmation page. A pending request whose link expired is
//! closed first, so that the employee can send a new one.

use aws_sdk_dynamodb::types::{KeysAndAttributes, Put, TransactWriteItem};
use chrono::NaiveDate;
use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use crate::app::App;
use crate::domain::allowance::{self, BookedDay, DayPart, HrAttributes};
use crate::domain::email::Email;
use crate::domain::engagement::{next, DateRequest, DateState, Engagement, EngagementEvent, MissionDate, RequestState};
use crate::domain::validate;
use crate::error::{ApiError, ApiResult, Errors};
use crate::handlers::dates;
use crate::handlers::engagement_views::{engagements_of, put_if_version, EngagementView, NOT_FOUND};
use crate::http;
use crate::keys;
use crate::store::{self, Item};
use crate::texts::{self, emails};
use crate::tokens;

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
        crate::handlers::access::employee_company(&state, &caller)?
    };
    let (engagement, hr) = read_engagement_and_hr(app, &id, &company.id, caller.email.as_str()).await?;
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
    let others = engagements_of(app, &caller.sub).await?;
    let booked: Vec<BookedDay> = others
        .iter()
        .filter(|o| o.id != engagement.id)
        .flat_map(|o| o.booked())
        .chain(engagement.booked())
        .collect();
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

    let token_item = tokens::item(&record, "date_decision", &[("engagement_id", &engagement.id), ("request_id", &request.id)]);
    let mut items = vec![
        put_if_version(app, &engagement, expected_version)?,
        TransactWriteItem::builder()
            .put(
                Put::builder()
                    .table_name(&app.store.table)
                    .set_item(Some(token_item))
                    .condition_expression("attribute_not_exists(PK)")
                    .build()
                    .map_err(|e| ApiError::unexpected("build put", e))?,
            )
            .build(),
    ];
    items.extend(dates::rebook(app, &caller.sub, &released, &request.ledger)?);
    let result = app.store.client.transact_write_items().set_transact_items(Some(items)).send().await;
    if let Err(err) = result {
        return match store::cancellation_codes(&err) {
            Some(_) => Err(ApiError::Conflict(
                "Ta demande croise une autre demande envoyée au même moment : recharge la page et réessaie.".into(),
            )),
            None => Err(store::sdk_error("TransactWriteItems date request", err)),
        };
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
        emails::dates_sent_to_employee(&engagement.employee.email, &engagement.employee.first_name, &engagement.mission_title, &request.manager_email, &labels),
    ];
    for letter in &letters {
        if let Err(e) = app.mailer.send(letter).await {
            tracing::error!(error = %e, subject = %letter.subject, "date request e-mail not sent");
        }
    }
    http::json(201, &EngagementView::of(engagement))
}

async fn read_engagement_and_hr(app: &App, id: &str, company_id: &str, email: &str) -> ApiResult<(Option<Engagement>, Option<HrAttributes>)> {
    let keys_and = KeysAndAttributes::builder()
        .keys(store::key(&keys::engagement(id), keys::ENGAGEMENT_SK))
        .keys(store::key(&keys::company(company_id), &keys::hr(email)))
        .consistent_read(true)
        .build()
        .map_err(|e| ApiError::unexpected("build batch get", e))?;
    let out = app
        .store
        .client
        .batch_get_item()
        .request_items(&app.store.table, keys_and)
        .send()
        .await
        .map_err(|e| store::sdk_error("BatchGetItem engagement", e))?;
    let items: Vec<Item> = out.responses.and_then(|mut r| r.remove(&app.store.table)).unwrap_or_default();
    let mut engagement = None;
    let mut hr = None;
    for item in items {
        match store::string(&item, keys::ENTITY_TYPE) {
            Some("Engagement") => engagement = Some(store::from_item(item)?),
            Some("HrAttributes") => hr = Some(store::from_item(item)?),
            _ => {}
        }
    }
    Ok((engagement, hr))
}

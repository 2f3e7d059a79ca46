//! A manager's decision on a date request, from the e-mail link or from the team view: one
//! transaction consumes the link's token, changes the engagement (conditional on its
//! version) and, on a refusal, gives the days back, and queues the employee's e-mail.

use crate::app::App;
use crate::areas::decision_link::request_dates_labels;
use crate::areas::engagements::{engagements_of, put_if_version};
use crate::domain::allowance;
use crate::domain::engagement::{DateRequest, Engagement, RequestState};
use crate::error::ApiResult;
use crate::texts::emails;

pub enum Outcome {
    Decided(Box<Engagement>),
    /// Someone decided first (another click, the other channel) or the engagement moved on.
    AlreadyHandled,
}

/// `require_live_token`: from the link, the token must still be valid; from the team view it
/// is consumed if present, whatever its expiry (the request's own expiry was checked).
pub async fn apply(
    app: &App,
    mut engagement: Engagement,
    request: &DateRequest,
    outcome: RequestState,
    comment: Option<String>,
    require_live_token: bool,
) -> ApiResult<Outcome> {
    let expected_version = engagement.version;
    let now = app.now();
    engagement.close_request(&request.id, outcome, now, comment.clone())?;
    let letter = letter(app, &engagement, request, outcome, comment.as_deref()).await?;
    let mut items = crate::outbox::queue(app, "date decision", [letter]).await?;
    if let Some(hash) = &request.token_hash {
        let decision = if outcome == RequestState::Accepted { "accept" } else { "refuse" };
        items.push(crate::store::tokens::consume_decision(&app.store, hash, decision, require_live_token, now)?);
    }
    items.push(put_if_version(&app.store, &engagement, expected_version)?);
    if outcome == RequestState::Accepted {
        // The convention's new version is ready to sign: its reminders go with the acceptance.
        let due = crate::domain::reminders::signature_reminders(now, engagement.first_date_to_sign());
        items.extend(crate::store::reminders::schedule_signatures(&app.store, &engagement.id, engagement.convention_version(), &due)?);
    }
    if outcome == RequestState::Refused {
        items.extend(crate::store::ledger::release(&app.store, &engagement.employee.sub, &request.ledger)?);
    }
    if app.store.transact("TransactWriteItems decision", items).await?.is_err() {
        return Ok(Outcome::AlreadyHandled);
    }
    Ok(Outcome::Decided(Box::new(engagement)))
}

/// The employee's e-mail: accepted, with the days as a calendar file (.ics), or refused with
/// the days they have left.
async fn letter(
    app: &App,
    engagement: &Engagement,
    request: &DateRequest,
    outcome: RequestState,
    comment: Option<&str>,
) -> ApiResult<crate::outbox::Letter> {
    let employee = &engagement.employee;
    let labels = request_dates_labels(engagement, &request.id);
    if outcome == RequestState::Accepted {
        let email = emails::dates_accepted_to_employee(&employee.email, &employee.first_name, &engagement.mission_title, &labels, comment);
        let place = crate::areas::convention::place_of(app, engagement).await?;
        let url = crate::links::engagement(&app.config, &engagement.id);
        let ics = crate::texts::mission_calendar(engagement, &request.id, &place, &url, app.now());
        return Ok(crate::outbox::Letter::from(email).with_text_attachment(crate::texts::MISSION_CALENDAR_FILE, "text/calendar", ics));
    }
    let policy = app.directory.cached(&app.store).await?.company(&engagement.company_id).map(|c| c.policy.clone()).unwrap_or_default();
    // Before the decision is stored: the other engagements as stored, this one as decided.
    let others = engagements_of(&app.store, &employee.sub).await?;
    let booked: Vec<_> = others.iter().filter(|e| e.id != engagement.id).flat_map(|e| e.booked()).chain(engagement.booked()).collect();
    let left = allowance::annual_left(&policy, &booked, engagement.year);
    Ok(emails::dates_refused_to_employee(
        &employee.email,
        &employee.first_name,
        &engagement.mission_title,
        &labels,
        comment,
        &crate::texts::days_label(left),
    )
    .into())
}

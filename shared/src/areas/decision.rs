//! A manager's decision on a date request, from the e-mail link or from the team view: one
//! transaction consumes the link's token, changes the engagement (conditional on its
//! version) and, on a refusal, gives the days back; then the employee is told.

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
    let mut items = Vec::new();
    if let Some(hash) = &request.token_hash {
        let decision = if outcome == RequestState::Accepted { "accept" } else { "refuse" };
        items.push(crate::store::tokens::consume_decision(&app.store, hash, decision, require_live_token, now)?);
    }
    items.push(put_if_version(&app.store, &engagement, expected_version)?);
    if outcome == RequestState::Refused {
        items.extend(crate::store::ledger::release(&app.store, &engagement.employee.sub, &request.ledger)?);
    }
    if app.store.transact("TransactWriteItems decision", items).await?.is_err() {
        return Ok(Outcome::AlreadyHandled);
    }
    notify(app, &engagement, request, outcome, comment.as_deref()).await?;
    Ok(Outcome::Decided(Box::new(engagement)))
}

async fn notify(app: &App, engagement: &Engagement, request: &DateRequest, outcome: RequestState, comment: Option<&str>) -> ApiResult<()> {
    let employee = &engagement.employee;
    let labels = request_dates_labels(engagement, &request.id);
    let letter = if outcome == RequestState::Accepted {
        emails::dates_accepted_to_employee(&employee.email, &employee.first_name, &engagement.mission_title, &labels, comment)
    } else {
        let policy = app.catalogue.cached(&app.store).await?.company(&engagement.company_id).map(|c| c.policy.clone()).unwrap_or_default();
        let booked: Vec<_> = engagements_of(&app.store, &employee.sub).await?.iter().flat_map(|e| e.booked()).collect();
        let left = allowance::annual_left(&policy, &booked, engagement.year);
        emails::dates_refused_to_employee(
            &employee.email,
            &employee.first_name,
            &engagement.mission_title,
            &labels,
            comment,
            &crate::texts::days_label(left),
        )
    };
    if let Err(e) = app.mailer.send(&letter).await {
        tracing::error!(error = %e, subject = %letter.subject, "decision e-mail not sent");
    }
    Ok(())
}

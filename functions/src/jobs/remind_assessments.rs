//! Every hour: reminds employees whose assessment is still not done 1, 3 and 10 days after
//! their last day of mission; managers who have not answered a date request after 3 and 7
//! working days (`domain::reminders`), never after the decision, the cancellation or the
//! link's expiry, nor for a link sent again since (its own are scheduled); and the parties
//! that have not signed a convention ready to sign. A reminder is claimed by a conditional
//! write in the transaction that queues its e-mail, so a retried or overlapping run never
//! sends it twice.

use serde_json::{json, Value};

use shared::app::App;
use shared::domain::engagement::EngagementState;
use shared::error::ApiError;
use shared::store::{engagements, reminders};
use shared::texts::emails;

pub async fn run(app: &App, _event: Value) -> Result<Value, ApiError> {
    let now = app.now();
    let due = reminders::due_assessments(&app.store, now).await?;
    let (mut sent, mut skipped) = (0, 0);
    for reminder in due {
        let engagement = engagements::get(&app.store, &reminder.engagement_id).await?;
        let Some(engagement) = engagement.filter(|e| e.state == EngagementState::AssessmentDue) else {
            // Done or cancelled meanwhile: nothing to remind.
            reminders::drop_assessment(&app.store, &reminder).await?;
            skipped += 1;
            continue;
        };
        let url = shared::links::engagement(&app.config, &engagement.id);
        let letter =
            emails::assessment_reminder(&engagement.employee.email, &engagement.employee.first_name, &engagement.mission_title, &url);
        // Claimed and queued at once: only one run gets past the claim's condition.
        let mut writes = vec![reminders::claim_assessment(&app.store, &reminder, now)?];
        writes.extend(shared::outbox::queue(app, "assessment reminder", [letter]).await?);
        if app.store.transact("TransactWriteItems reminder", writes).await?.is_err() {
            continue;
        }
        sent += 1;
    }
    let (managers_reminded, managers_skipped) = remind_managers(app).await?;
    let (signatories_reminded, signatures_skipped) = remind_signatories(app).await?;
    let report = json!({
        "sent": sent, "skipped": skipped,
        "managers_reminded": managers_reminded, "managers_skipped": managers_skipped,
        "signatories_reminded": signatories_reminded, "signatures_skipped": signatures_skipped,
    });
    tracing::info!(%report, "assessment reminders");
    Ok(report)
}

/// The managers due a reminder: each gets the request again with a link of its own (bound to
/// the same request, expiring with it: whichever link decides, the others then say so).
async fn remind_managers(app: &App) -> Result<(usize, usize), ApiError> {
    use shared::domain::engagement::RequestState;
    use shared::store::tokens::{self, Purpose};
    let now = app.now();
    let (mut sent, mut skipped) = (0, 0);
    for reminder in reminders::due_manager_reminders(&app.store, now).await? {
        let engagement = engagements::get(&app.store, &reminder.engagement_id).await?;
        let pending = engagement.as_ref().and_then(|e| {
            e.requests
                .iter()
                .find(|r| {
                    r.id == reminder.request_id
                        && r.state == RequestState::Pending
                        && r.expires_at > now
                        && !r.manager_unreachable
                        && reminder.is_for(r)
                })
                .map(|r| (e, r))
        });
        let Some((engagement, request)) = pending else {
            reminders::drop_manager_reminder(&app.store, &reminder).await?;
            skipped += 1;
            continue;
        };
        let (token, record) = shared::tokens::issue(now, request.expires_at - now)?;
        let generation = request.link_generation.to_string();
        let bound = [("engagement_id", engagement.id.as_str()), ("request_id", request.id.as_str()), ("link", generation.as_str())];
        let expires_on = shared::texts::date_fr(request.expires_at.with_timezone(&chrono_tz::Europe::Paris).date_naive());
        let letter = emails::manager_reminder(
            &request.manager_email,
            &engagement.employee.full_name(),
            &engagement.employee.email,
            &engagement.mission_title,
            &shared::texts::request_dates_labels(engagement, &request.id),
            &shared::links::decision(&app.config, &token.0),
            &expires_on,
        );
        let mut writes = vec![
            reminders::claim_manager_reminder(&app.store, &reminder, now)?,
            tokens::put_in_tx(&app.store, &record, Purpose::DateDecision, &bound)?,
        ];
        writes.extend(shared::outbox::queue(app, "manager reminder", [letter]).await?);
        if app.store.transact("TransactWriteItems manager reminder", writes).await?.is_err() {
            continue;
        }
        sent += 1;
    }
    Ok((sent, skipped))
}

/// The parties that have not signed a convention ready to sign: 2 working days after it was
/// ready, and 2 working days before its first date (`domain::reminders`); nobody who signed,
/// nothing once the version is signed, replaced or the engagement cancelled.
async fn remind_signatories(app: &App) -> Result<(usize, usize), ApiError> {
    use shared::texts::emails::SignatureReminder;
    let now = app.now();
    let (mut sent, mut skipped) = (0, 0);
    for reminder in reminders::due_signature_reminders(&app.store, now).await? {
        let engagement = engagements::get(&app.store, &reminder.engagement_id).await?;
        let current =
            engagement.filter(|e| e.state == EngagementState::AwaitingSignatures && e.convention_version().to_string() == reminder.version);
        let letters = match &current {
            Some(e) => {
                let due_at = reminders::due_of(&reminder.sk).unwrap_or(now);
                let last = shared::domain::reminders::is_last_signature_reminder(due_at, e.first_date_to_sign());
                let why = if last { SignatureReminder::Last } else { SignatureReminder::Scheduled };
                shared::areas::convention::signature_reminders(app, e, None, why).await?
            }
            None => vec![],
        };
        if letters.is_empty() {
            reminders::drop_signature_reminder(&app.store, &reminder).await?;
            skipped += 1;
            continue;
        }
        let mut writes = vec![reminders::claim_signature_reminder(&app.store, &reminder, now)?];
        writes.extend(shared::outbox::queue(app, "signature reminder", letters).await?);
        if app.store.transact("TransactWriteItems signature reminder", writes).await?.is_err() {
            continue;
        }
        sent += 1;
    }
    Ok((sent, skipped))
}

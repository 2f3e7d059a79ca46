//! Every hour: reminds employees whose assessment is still not done 24 hours after their last
//! day of mission — once per engagement. A reminder is claimed by a conditional write before
//! its e-mail goes out, so a retried or overlapping run never sends it twice (and a failed
//! e-mail is released for the next run).

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
    let report = json!({ "sent": sent, "skipped": skipped });
    tracing::info!(%report, "assessment reminders");
    Ok(report)
}

//! Every hour: reminds employees whose assessment is still not done 24 hours after their last
//! day of mission — once per engagement. A reminder is claimed by a conditional write before
//! its e-mail goes out, so a retried or overlapping run never sends it twice (and a failed
//! e-mail is released for the next run).

use aws_sdk_dynamodb::types::{Put, TransactWriteItem};
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde_json::{json, Value};

use crate::app::App;
use crate::domain::engagement::{DateState, Engagement, EngagementState};
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::{self, s};
use crate::texts::emails;

/// 24 hours after the end (midnight, Paris) of the engagement's last day.
pub fn due_at(e: &Engagement) -> Option<DateTime<Utc>> {
    let last = e.dates.iter().filter(|d| matches!(d.state, DateState::Present | DateState::Absent)).map(|d| d.date).max()?;
    let end = last.succ_opt()?.and_hms_opt(0, 0, 0)?;
    let end = chrono_tz::Europe::Paris.from_local_datetime(&end).earliest()?.with_timezone(&Utc);
    Some(end + Duration::hours(24))
}

/// The reminder item, written with the attestation of the last date.
pub fn schedule(app: &App, e: &Engagement) -> ApiResult<TransactWriteItem> {
    let due = due_at(e).ok_or_else(|| ApiError::unexpected("reminder", std::io::Error::other("no attested date")))?;
    let mut item = store::key(keys::ASSESSMENT_REMINDERS, &keys::assessment_reminder(due, &e.id));
    item.insert(keys::ENTITY_TYPE.into(), s("AssessmentReminder"));
    item.insert("engagement_id".into(), s(&e.id));
    let put = Put::builder().table_name(&app.store.table).set_item(Some(item)).build().map_err(|e| ApiError::unexpected("build put", e))?;
    Ok(TransactWriteItem::builder().put(put).build())
}

pub async fn run(app: &App, _event: Value) -> Result<Value, ApiError> {
    let now = app.now();
    let q = app
        .store
        .client
        .query()
        .table_name(&app.store.table)
        .key_condition_expression("PK = :pk AND SK <= :now")
        .filter_expression("attribute_not_exists(sent_at)")
        .expression_attribute_values(":pk", s(keys::ASSESSMENT_REMINDERS))
        .expression_attribute_values(":now", s(format!("{}~", keys::timestamp(now))));
    let due = app.store.query_all("Query reminders", q).await?;
    let (mut sent, mut skipped) = (0, 0);
    for reminder in due {
        let (Some(sk), Some(engagement_id)) = (store::string(&reminder, keys::SK), store::string(&reminder, "engagement_id")) else { continue };
        let key = store::key(keys::ASSESSMENT_REMINDERS, sk);
        let engagement: Option<Engagement> = app.store.get_as(&keys::engagement(engagement_id), keys::ENGAGEMENT_SK).await?;
        let Some(engagement) = engagement.filter(|e| e.state == EngagementState::AssessmentDue) else {
            // Done or cancelled meanwhile: nothing to remind.
            app.store.client.delete_item().table_name(&app.store.table).set_key(Some(key)).send().await.map_err(|e| store::sdk_error("DeleteItem reminder", e))?;
            skipped += 1;
            continue;
        };
        // Claim it: only one run gets past this condition.
        let claim = app
            .store
            .client
            .update_item()
            .table_name(&app.store.table)
            .set_key(Some(key.clone()))
            .update_expression("SET sent_at = :now")
            .condition_expression("attribute_exists(PK) AND attribute_not_exists(sent_at)")
            .expression_attribute_values(":now", s(keys::timestamp(now)))
            .send()
            .await;
        match claim {
            Ok(_) => {}
            Err(e) if store::is_conditional_failure(&e) => continue,
            Err(e) => return Err(store::sdk_error("UpdateItem reminder", e)),
        }
        let url = format!("{}/missions/{}", app.config.public_base_url, engagement.mission_id);
        let letter = emails::assessment_reminder(&engagement.employee.email, &engagement.employee.first_name, &engagement.mission_title, &url);
        if let Err(e) = app.mailer.send(&letter).await {
            tracing::error!(error = %e, engagement = %engagement.id, "assessment reminder not sent; released for the next run");
            app.store
                .client
                .update_item()
                .table_name(&app.store.table)
                .set_key(Some(key))
                .update_expression("REMOVE sent_at")
                .send()
                .await
                .map_err(|e| store::sdk_error("UpdateItem reminder", e))?;
            continue;
        }
        sent += 1;
    }
    let report = json!({ "sent": sent, "skipped": skipped });
    tracing::info!(%report, "assessment reminders");
    Ok(report)
}

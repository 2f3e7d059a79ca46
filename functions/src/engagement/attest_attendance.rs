//! POST /engagements/{engagementId}/attendance — a referent of the association attests a
//! date (present or absent), once it has passed and only under a convention signed by the
//! three parties. When every date is attested, the employee's assessment is due (step 4).

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::engagements::{engagement_for, put_if_version, EngagementView, Party, NOT_FOUND};
use shared::domain::engagement::EngagementState;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Attendance {
    date: Option<String>,
    present: Option<bool>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, id, input): (_, _, Attendance) = http::caller_id_body(&req, "engagementId")?;
    let date = input
        .date
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .ok_or_else(|| ApiError::field("date", err::BAD_ATTESTED_DATE))?;
    let present = input.present.ok_or_else(|| ApiError::field("present", err::PRESENT_REQUIRED))?;
    let (mut engagement, party) = engagement_for(app, &caller, &id).await?;
    if party != Party::Referent {
        return Err(ApiError::NotFound(NOT_FOUND.into()));
    }
    let expected_version = engagement.version;
    let now = app.now();
    engagement.attest(date, present, now.with_timezone(&chrono_tz::Europe::Paris).date_naive(), now)?;
    let mut items = vec![put_if_version(&app.store, &engagement, expected_version)?];
    if engagement.state == EngagementState::AssessmentDue {
        // The assessment is due within 24 h of the last day: a reminder after that.
        items.extend(shared::store::reminders::schedule_assessment(&app.store, &engagement)?);
    }
    if app.store.transact("TransactWriteItems attendance", items).await?.is_err() {
        return Err(ApiError::Conflict(err::ENGAGEMENT_CHANGED.into()));
    }
    engagement.requests.clear();
    http::ok(&EngagementView::of(engagement))
}

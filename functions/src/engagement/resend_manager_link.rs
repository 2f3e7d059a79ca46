//! POST /engagements/{engagementId}/manager-link — the employee sends the pending request
//! to their manager again: a new link to the address on record, every earlier link (and its
//! reminders) dead at once, at most once per 24 hours (a second try is a 409 saying how long
//! is left). The request then lives as long as its new link.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::decision_link;
use shared::areas::engagements::{EngagementView, NOT_FOUND};
use shared::domain::engagement::Engagement;
use shared::domain::error::DomainError;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::keys;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "engagementId")?;
    let engagement: Engagement = app
        .store
        .get_as(&keys::engagement(&id), keys::ENGAGEMENT_SK)
        .await?
        .filter(|e: &Engagement| e.employee.sub == caller.sub)
        .ok_or_else(|| ApiError::NotFound(NOT_FOUND.into()))?;
    match decision_link::renew(app, engagement).await? {
        Ok((engagement, _)) => http::ok(&EngagementView::of(engagement)),
        Err(refusal) => Err(DomainError::Conflict(refusal).into()),
    }
}

//! GET /engagements/{engagementId} — one engagement, for its employee, a referent of its
//! association or its company's signatory; 404 for anyone else. Only the employee sees what
//! passed between them and their manager (manager's address, comments).

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::engagements::{engagement_for, EngagementView, Party};
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "engagementId")?;
    let (mut engagement, party) = engagement_for(app, &caller, &id).await?;
    if party != Party::Employee {
        engagement.requests.clear();
    }
    http::ok(&EngagementView::of(engagement))
}

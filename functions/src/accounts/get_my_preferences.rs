//! GET /me/preferences — my preferences and alert frequency.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::preferences::*;
use shared::error::ApiResult;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = shared::http::caller(&req)?;
    shared::areas::access::registered_employee(app, &caller).await?;
    let s = subscription_of(app, &caller.sub).await?;
    shared::http::ok(&PreferencesView::of(s.as_ref()))
}

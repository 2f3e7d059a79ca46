//! GET /me/preferences — my preferences and alert frequency.

use lambda_http::{Body, Request, Response};
use serde::Serialize;
use shared::alerts::Subscription;
use shared::app::App;
use shared::domain::preferences::{Frequency, Preferences};
use shared::domain::user::User;
use shared::error::{ApiError, ApiResult};
use shared::areas::views::{labels, Label};
use shared::keys;
use shared::store;
use shared::taxonomy::{PERSONAL_EXPERTISES, PROFESSIONAL_EXPERTISES, THEMES};
use shared::texts::err;
use shared::areas::preferences::*;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = shared::http::caller(&req)?;
    shared::areas::access::registered_employee(app, &caller).await?;
    let s = subscription_of(app, &caller.sub).await?;
    shared::http::ok(&PreferencesView::of(s.as_ref()))
}

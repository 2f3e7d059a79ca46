//! GET /me — "Mon compte": my profile, company and entity, and my to-do list. Answers for
//! unregistered employees too (open browsing, A3): `registered: false` and the to-do
//! "Finalise ton inscription". Opening it marks the person seen today (one write a day at
//! most): accounts unused for years are erased, after warnings.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::views::Profile;
use shared::domain::user::User;
use shared::error::ApiResult;
use shared::http;
use shared::keys;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let user: Option<User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    if let Some(u) = &user {
        shared::store::users::mark_seen(&app.store, u, app.now()).await?;
    }
    let state = app.directory.cached(&app.store).await?;
    let company = match user.as_ref().and_then(|u| u.company_id.as_deref()) {
        Some(id) => state.company(id).cloned(),
        None if user.is_none() => state.company_of_domain(caller.email.domain()).cloned(),
        None => None,
    };
    let association = user.as_ref().and_then(|u| u.association_id.as_deref()).and_then(|id| state.association(id)).cloned();
    http::ok(&Profile::of(caller.email.as_str(), user.as_ref(), company.as_deref(), association.as_deref()))
}

//! PATCH /me — change my names, entity or phone (registered users only).

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::views::Profile;
use shared::domain::validate;
use shared::error::{ApiError, ApiResult, Errors};
use shared::http;
use shared::store::users::{self, ProfileChanges};
use shared::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfilePatch {
    first_name: Option<String>,
    last_name: Option<String>,
    entity_id: Option<String>,
    phone: Option<String>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, patch): (_, ProfilePatch) = http::caller_and_body(&req)?;
    let state = app.directory.cached(&app.store).await?;
    let company = state.company_of_domain(caller.email.domain()).cloned();
    drop(state);
    let mut e = Errors::new();
    let mut changes = ProfileChanges {
        first_name: patch.first_name.as_deref().and_then(|v| e.check(validate::line("first_name", Some(v), 1, 80))),
        last_name: patch.last_name.as_deref().and_then(|v| e.check(validate::line("last_name", Some(v), 1, 80))),
        ..ProfileChanges::default()
    };
    if let Some(entity) = patch.entity_id {
        if company.as_ref().and_then(|c| c.entity(&entity)).is_none() {
            e.add("entity_id", err::unknown_entity("entity_id"));
        } else {
            changes.entity_id = Some(entity);
        }
    }
    if let Some(phone) = patch.phone {
        changes.phone = e.check(validate::phone("phone", Some(&phone)));
    }
    e.finish()?;
    if changes.is_empty() {
        return Err(ApiError::BadRequest(err::empty_patch()));
    }
    let user = users::update_profile(&app.store, &caller.sub, &changes, app.now())
        .await?
        .ok_or_else(|| ApiError::Forbidden(err::NOT_REGISTERED.into()))?;
    let state = app.directory.cached(&app.store).await?;
    let company = user.company_id.as_deref().and_then(|id| state.company(id)).cloned();
    let association = user.association_id.as_deref().and_then(|id| state.association(id)).cloned();
    http::ok(&Profile::of(user.email.as_str(), Some(&user), company.as_deref(), association.as_deref()))
}

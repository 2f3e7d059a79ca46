//! PATCH /me — change my names, entity or phone (registered users only).

use aws_sdk_dynamodb::types::ReturnValue;
use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use crate::app::App;
use crate::domain::user::User;
use crate::domain::validate;
use crate::error::{ApiError, ApiResult, Errors};
use crate::handlers::views::Profile;
use crate::http;
use crate::keys;
use crate::store::{self, s};
use crate::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfilePatch {
    first_name: Option<String>,
    last_name: Option<String>,
    entity_id: Option<String>,
    phone: Option<String>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let patch: ProfilePatch = http::json_body(&req)?;
    let state = app.catalogue.cached(&app.store).await?;
    let company = state.company_of_domain(caller.email.domain()).cloned();
    drop(state);
    let mut e = Errors::new();
    let mut sets = vec!["updated_at = :now".to_string()];
    let mut values = vec![(":now".to_string(), s(keys::timestamp(app.now())))];
    if let Some(v) = patch.first_name.as_deref().and_then(|v| e.check(validate::line("first_name", Some(v), 1, 80))) {
        sets.push("first_name = :fn".into());
        values.push((":fn".into(), s(v)));
    }
    if let Some(v) = patch.last_name.as_deref().and_then(|v| e.check(validate::line("last_name", Some(v), 1, 80))) {
        sets.push("last_name = :ln".into());
        values.push((":ln".into(), s(v)));
    }
    if let Some(entity) = patch.entity_id {
        if company.as_ref().and_then(|c| c.entity(&entity)).is_none() {
            e.add("entity_id", err::unknown_entity("entity_id"));
        } else {
            sets.push("entity_id = :en".into());
            values.push((":en".into(), s(entity)));
        }
    }
    if let Some(phone) = patch.phone {
        match e.check(validate::phone("phone", Some(&phone))) {
            Some(Some(p)) => {
                sets.push("phone = :ph".into());
                values.push((":ph".into(), s(p)));
            }
            Some(None) => sets.push("phone = :null".into()),
            None => {}
        }
    }
    e.finish()?;
    if sets.len() == 1 {
        return Err(ApiError::BadRequest(err::empty_patch()));
    }
    let mut update = app
        .store
        .client
        .update_item()
        .table_name(&app.store.table)
        .set_key(Some(store::key(&keys::user(&caller.sub), keys::PROFILE)))
        .update_expression(format!("SET {}", sets.join(", ")))
        .condition_expression("attribute_exists(PK)")
        .return_values(ReturnValue::AllNew);
    if sets.iter().any(|x| x.contains(":null")) {
        update = update.expression_attribute_values(":null", aws_sdk_dynamodb::types::AttributeValue::Null(true));
    }
    for (k, v) in values {
        update = update.expression_attribute_values(k, v);
    }
    match update.send().await {
        Ok(out) => {
            let user: User = store::from_item(out.attributes.unwrap_or_default())?;
            let state = app.catalogue.cached(&app.store).await?;
            let company = user.company_id.as_deref().and_then(|id| state.company(id)).cloned();
            let association = user.association_id.as_deref().and_then(|id| state.association(id)).cloned();
            http::ok(&Profile::of(user.email.as_str(), Some(&user), company.as_deref(), association.as_deref()))
        }
        Err(e) if store::is_conditional_failure(&e) => Err(ApiError::Forbidden(err::NOT_REGISTERED.into())),
        Err(e) => Err(store::sdk_error("UpdateItem user", e)),
    }
}

//! GET /me/company — my company as employees see it: name, entities to choose from at
//! registration, and the volunteering policy.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::access;
use shared::domain::company::{Entity, Policy};
use shared::error::ApiResult;
use shared::http;

#[derive(Serialize)]
struct CompanyView<'a> {
    id: &'a str,
    name: &'a str,
    entities: &'a [Entity],
    policy: &'a Policy,
    programme_contact: Option<&'a str>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let state = app.directory.cached(&app.store).await?;
    let c = access::employee_company(&state, &caller)?;
    http::ok(&CompanyView {
        id: &c.id,
        name: &c.name,
        entities: &c.entities,
        policy: &c.policy,
        programme_contact: c.programme_contact.as_deref(),
    })
}

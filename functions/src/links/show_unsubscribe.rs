//! GET /alerts/unsubscribe/{token} — shows the confirmation page; changes nothing.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::unsubscribe::*;
use shared::domain::company::Company;
use shared::error::ApiResult;
use shared::keys;
use shared::texts::pages;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    match lookup(app, &req).await? {
        Link::Live { email, company_id, .. } => {
            // The employee's company signs the page (one GetItem).
            let company = match company_id.as_str() {
                "" => None,
                id => app.store.get_as::<Company>(&keys::company(id), keys::PROFILE).await?,
            };
            shared::http::html(200, pages::unsubscribe(&email, &pages::Brand::of(company.as_ref())))
        }
        other => dead_end(&other),
    }
}

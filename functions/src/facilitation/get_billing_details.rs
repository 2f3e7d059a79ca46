//! GET /me/billing-details — a facilitator's billing details as given (the IBAN masked) and
//! the self-billing mandate to accept: its text and version, and whether the one they
//! accepted is the current one.

use lambda_http::{Body, Request, Response};
use shared::app::App;
use shared::areas::billing::view;
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let details = shared::store::billing::details(&app.store, &caller.sub).await?;
    http::ok(&view(details.as_ref()))
}

//! PUT /me/billing-details — a facilitator gives the details their self-billing statements
//! need (legal name, address, SIRET, VAT regime — the franchise, or liable with a VAT number
//! and rate — and the IBAN they are paid on) and accepts the self-billing mandate under its
//! current version. Until they have, they are asked for them instead of getting a statement.
//! The IBAN is never sent back whole.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::domain::billing::BillingInput;
use shared::error::ApiResult;
use shared::http;
use shared::texts::billing::MANDATE_VERSION;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, input): (_, BillingInput) = http::caller_and_body(&req)?;
    let details = input.accept(&caller.sub, MANDATE_VERSION, app.now())?;
    shared::store::billing::save_details(&app.store, &caller.sub, &details).await?;
    http::ok(&shared::areas::billing::view(Some(&details)))
}

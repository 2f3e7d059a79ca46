//! PUT /companies/{companyId}/policy — the operator or the company's admin changes the
//! allowance policy (days a year, seniority, the end-of-career rule, half days). It applies to
//! the days requested from now on, never to days already booked; every version is kept and
//! the change audited.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::audit;
use shared::domain::company::PolicyInput;
use shared::domain::error::Errors;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::store::companies;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let company_id = http::path_id(&req, "companyId")?;
    let (caller, input): (_, PolicyInput) = http::caller_and_body(&req)?;
    let mut e = Errors::new();
    let policy = input.checked(&mut e, "");
    e.finish().map_err(ApiError::from)?;
    shared::areas::access::operator_or_admin_of(app, &caller, &company_id).await?;
    let policy = policy.unwrap_or_default();
    let now = app.now();
    let audit = audit::entry(&caller, &req, now, "policy.changed", company_id.clone(), &policy)?;
    let writes = companies::set_policy(&app.store, &company_id, &policy, &audit, now)?;
    match app.store.transact("TransactWriteItems company policy", writes).await? {
        Ok(()) => http::ok(&policy),
        Err(c) if c.failed("company") => Err(ApiError::NotFound(err::UNKNOWN_COMPANY.into())),
        Err(c) => Err(c.unexpected("TransactWriteItems company policy")),
    }
}

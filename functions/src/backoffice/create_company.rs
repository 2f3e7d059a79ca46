//! POST /companies — the operator creates a member company: legal details for the
//! convention, e-mail domains (each belongs to one company), entities and policy; audited.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::{access, audit};
use shared::domain::company::CompanyInput;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::store::companies;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, input): (_, CompanyInput) = http::caller_and_body(&req)?;
    access::require_role(app, &caller, Role::Operator).await?;
    let company = input.validate()?;
    let now = app.now();
    let audit = audit::entry(&caller, &req, now, "company.created", company.id.clone(), &company)?;
    let writes = companies::create(&app.store, &company, &audit, now)?;
    match app.store.transact("TransactWriteItems create company", writes).await? {
        Ok(()) => http::json(201, &company),
        Err(c) if c.failed("company") => Err(ApiError::Conflict(err::COMPANY_ID_TAKEN.into())),
        Err(c) => match companies::failed_domain(&c.failed).and_then(|i| company.email_domains.get(i)) {
            Some(domain) => Err(ApiError::Conflict(err::domain_taken(domain))),
            None => Err(c.unexpected("TransactWriteItems create company")),
        },
    }
}

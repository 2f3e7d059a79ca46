//! PATCH /companies/{companyId} — the operator changes a company's details (legal identity,
//! domains, entities, signatory, programme contact, display name and colour); the company's
//! admin changes all but its legal identity and domains. Every version is kept
//! (`VERSION#<at>#<id>`), the change audited; a domain added must belong to no other company.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::audit;
use shared::domain::company::CompanyChanges;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::store::companies;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let company_id = http::path_id(&req, "companyId")?;
    let (caller, changes): (_, CompanyChanges) = http::caller_and_body(&req)?;
    if changes.is_empty() {
        return Err(ApiError::BadRequest(err::empty_patch()));
    }
    let user = shared::areas::access::operator_or_admin_of(app, &caller, &company_id).await?;
    if let Some(field) = changes.operator_only_field().filter(|_| user.role != Role::Operator) {
        return Err(ApiError::Forbidden(err::operator_only_field(field)));
    }
    let (before, revision) =
        companies::get_with_revision(&app.store, &company_id).await?.ok_or_else(|| ApiError::NotFound(err::UNKNOWN_COMPANY.into()))?;
    let now = app.now();
    let audit = audit::entry(&caller, &req, now, "company.changed", company_id.clone(), &changes)?;
    let after = changes.apply(&before)?;
    let writes = companies::update(&app.store, &before, &after, &revision, &audit, now)?;
    match app.store.transact("TransactWriteItems update company", writes).await? {
        Ok(()) => http::ok(&after),
        Err(c) if c.failed("company") => Err(ApiError::Conflict(err::CONCURRENT_CHANGE.into())),
        Err(c) => match companies::failed_domain(&c.failed).and_then(|i| after.email_domains.get(i)) {
            Some(domain) => Err(ApiError::Conflict(err::domain_taken(domain))),
            None => Err(c.unexpected("TransactWriteItems update company")),
        },
    }
}

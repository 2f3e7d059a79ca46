//! POST /companies — the operator creates a member company: legal details for the
//! convention, e-mail domains (each belongs to one company), entities and policy; audited.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::domain::company::CompanyInput;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult, FieldError};
use shared::http;
use shared::store::companies::{self, AuditEntry};
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, input): (_, CompanyInput) = http::caller_and_body(&req)?;
    access::require_role(app, &caller, Role::Operator).await?;
    let company = input.validate().map_err(|errors| ApiError::Validation(errors.into_iter().map(FieldError::from).collect()))?;
    let changes = serde_json::to_value(&company).map_err(|e| ApiError::unexpected("audit entry", e))?;
    let now = app.now();
    let audit = AuditEntry {
        id: uuid::Uuid::now_v7().to_string(),
        at: now,
        actor_sub: caller.sub.clone(),
        actor_email: caller.email.as_str().to_string(),
        ip: http::client_of(&req).0,
        action: "company.created".into(),
        scope: company.id.clone(),
        changes,
    };
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

//! PUT /companies/{companyId}/policy — the operator or the company's admin changes the
//! allowance policy (days a year, seniority, the end-of-career rule, half days). It applies to
//! the days requested from now on, never to days already booked; every version is kept and
//! the change audited.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::domain::company::PolicyInput;
use shared::domain::error::Errors;
use shared::domain::user::{Role, User};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::keys;
use shared::store::companies::{self, AuditEntry};
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let company_id = http::path_id(&req, "companyId")?;
    let (caller, input): (_, PolicyInput) = http::caller_and_body(&req)?;
    let mut e = Errors::new();
    let policy = input.checked(&mut e, "");
    e.finish().map_err(ApiError::from)?;
    let user: Option<User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    match user {
        Some(u) if u.role == Role::Operator => {}
        Some(User { role: Role::CompanyAdmin, company_id: Some(own), .. }) if own == company_id => {}
        _ => return Err(ApiError::Forbidden(err::NOT_ADMIN.into())),
    }
    let policy = policy.unwrap_or_default();
    let now = app.now();
    let audit = AuditEntry {
        id: uuid::Uuid::now_v7().to_string(),
        at: now,
        actor_sub: caller.sub.clone(),
        actor_email: caller.email.as_str().to_string(),
        ip: http::client_of(&req).0,
        action: "policy.changed".into(),
        scope: company_id.clone(),
        changes: serde_json::to_value(&policy).map_err(|e| ApiError::unexpected("audit entry", e))?,
    };
    let writes = companies::set_policy(&app.store, &company_id, &policy, &audit, now)?;
    match app.store.transact("TransactWriteItems company policy", writes).await? {
        Ok(()) => http::ok(&policy),
        Err(c) if c.failed("company") => Err(ApiError::NotFound(err::UNKNOWN_COMPANY.into())),
        Err(c) => Err(c.unexpected("TransactWriteItems company policy")),
    }
}

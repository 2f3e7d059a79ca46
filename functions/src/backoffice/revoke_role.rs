//! POST /role-revocations — the operator takes back a role (a referent's, a company admin's);
//! a company admin takes back the admin role of another admin of their company. The person
//! keeps their account: an admin becomes an employee again, a referent is attached to no
//! association. Audited in the company's or the association's log.

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::audit;
use shared::domain::email::Email;
use shared::domain::user::{Role, User};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::keys;
use shared::store::{companies, users};
use shared::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    email: String,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, input): (_, Input) = http::caller_and_body(&req)?;
    let email = Email::parse("email", input.email.trim()).map_err(|e| ApiError::Validation(vec![e.into()]))?;
    let me: Option<User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    let my_company = match &me {
        Some(u) if u.role == Role::Operator => None,
        Some(User { role: Role::CompanyAdmin, company_id: Some(own), .. }) => Some(own.clone()),
        _ => return Err(ApiError::Forbidden(err::OPERATOR_OR_ADMIN_ONLY_ACTION.into())),
    };
    let target = users::by_email(&app.store, email.as_str()).await?.into_iter().next();
    let now = app.now();
    let read_at = target.as_ref().map(|u| u.updated_at).unwrap_or(now);
    let (revoked, scope) = match target {
        Some(u) if u.role == Role::CompanyAdmin && my_company.as_ref().is_none_or(|c| u.company_id.as_ref() == Some(c)) => {
            let scope = u.company_id.clone().unwrap_or_default();
            (User { role: Role::Employee, updated_at: now, ..u }, scope)
        }
        Some(u) if u.role == Role::Referent && my_company.is_none() => {
            let scope = audit::association_scope(u.association_id.as_deref().unwrap_or_default());
            (User { association_id: None, updated_at: now, ..u }, scope)
        }
        _ => return Err(ApiError::NotFound(err::NO_SUCH_ROLE.into())),
    };
    let changes = serde_json::json!({ "email": revoked.email.as_str(), "sub": revoked.sub, "revoked": if revoked.role == Role::Employee { "company_admin" } else { "referent" } });
    let audit = audit::entry(&caller, &req, now, "role.revoked", scope, &changes)?;
    let writes = vec![users::replace_in_tx(&app.store, &revoked, read_at)?, companies::audit_in_tx(&app.store, &audit)?];
    match app.store.transact("TransactWriteItems revoke role", writes).await? {
        Ok(()) => http::ok(
            &serde_json::json!({ "email": revoked.email.as_str(), "role": revoked.role, "company_id": revoked.company_id, "association_id": revoked.association_id }),
        ),
        Err(c) if c.failed("user") => Err(ApiError::Conflict(err::CONCURRENT_CHANGE.into())),
        Err(c) => Err(c.unexpected("TransactWriteItems revoke role")),
    }
}

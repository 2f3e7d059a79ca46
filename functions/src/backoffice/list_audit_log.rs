//! GET /audit-log — who changed what in the back office, when and from where, newest first.
//! The operator reads every entry (or one `scope`); a company admin reads their company's.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::domain::user::{Role, User};
use shared::error::{ApiError, ApiResult};
use shared::http::{self, Query};
use shared::keys;
use shared::store::companies::{self, AuditEntry};
use shared::texts::err;

#[derive(Serialize)]
struct Page {
    items: Vec<AuditEntry>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let query = Query::of(&req, &["scope", "limit"])?;
    let limit = query.integer("limit", 1, 100)?.unwrap_or(50);
    let scope = query.text("scope");
    if scope.as_ref().is_some_and(|s| s.chars().count() > 80) {
        return Err(ApiError::field("scope", err::length("scope", 1, 80)));
    }
    let user: Option<User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    let scope = match user {
        Some(u) if u.role == Role::Operator => scope,
        // A company admin: their own company's log only.
        Some(User { role: Role::CompanyAdmin, company_id: Some(own), .. }) if scope.as_deref().is_none_or(|s| s == own) => Some(own),
        Some(User { role: Role::CompanyAdmin, .. }) => return Err(ApiError::Forbidden(err::NOT_YOUR_COMPANY.into())),
        _ => return Err(ApiError::Forbidden(err::OPERATOR_OR_ADMIN_ONLY.into())),
    };
    let items = companies::audit_log(&app.store, scope.as_deref(), i32::try_from(limit).unwrap_or(50)).await?;
    http::ok(&Page { items })
}

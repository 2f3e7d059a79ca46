//! PATCH /associations/{associationId} — the operator changes an association's details (B7
//! fields, eligibility, registration number, checked as at creation); every version kept,
//! audited in the association's log; its missions are re-indexed by the catalogue feed.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::{access, audit};
use shared::domain::association::AssociationChanges;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::store::companies;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let association_id = http::path_id(&req, "associationId")?;
    let (caller, changes): (_, AssociationChanges) = http::caller_and_body(&req)?;
    if changes.is_empty() {
        return Err(ApiError::BadRequest(err::empty_patch()));
    }
    access::require_role(app, &caller, Role::Operator).await?;
    let (before, revision) = companies::association_with_revision(&app.store, &association_id)
        .await?
        .ok_or_else(|| ApiError::NotFound(err::UNKNOWN_ASSOCIATION.into()))?;
    let now = app.now();
    let audit = audit::entry(&caller, &req, now, "association.changed", audit::association_scope(&association_id), &changes)?;
    let after = changes.apply(&before)?;
    let writes = companies::update_association(&app.store, &after, &revision, &audit, now)?;
    match app.store.transact("TransactWriteItems update association", writes).await? {
        Ok(()) => http::ok(&after),
        Err(c) if c.failed("association") => Err(ApiError::Conflict(err::CONCURRENT_CHANGE.into())),
        Err(c) => Err(c.unexpected("TransactWriteItems update association")),
    }
}

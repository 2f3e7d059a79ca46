//! DELETE /me — the person deletes their account (GDPR right to erasure): their open
//! engagements are cancelled (the association told, the days released), their engagements
//! kept anonymised for the retention period (the signed conventions and assessments stay,
//! and the company and the association still reach them), everything else about them
//! deleted at once; the nightly purge then scrubs any other mention of them.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::{audit, erasure};
use shared::domain::user::{Role, User};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::keys;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let user: User =
        app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?.ok_or_else(|| ApiError::NotFound(err::NO_ACCOUNT.into()))?;
    if user.role == Role::Operator {
        return Err(ApiError::Conflict(err::OPERATOR_ACCOUNT_DELETION.into()));
    }
    let erased = erasure::erase(app, &user, "deleted").await?;
    if let Some(company) = &user.company_id {
        // The company's log says an account went (not whose: the purge scrubs the rest).
        let changes = serde_json::json!({ "erasure_id": erased.erasure_id, "engagements_kept": erased.engagements_kept });
        let entry = audit::entry(&caller, &req, app.now(), "account.deleted", company.clone(), &changes)?;
        app.store
            .transact("TransactWriteItems audit deletion", vec![shared::store::companies::audit_in_tx(&app.store, &entry)?])
            .await?
            .ok();
    }
    http::json(202, &erased)
}

//! POST /associations/{associationId}/referent-invitations — the operator invites someone to
//! become a referent of the association: a one-time link (7 days, stored hashed) e-mailed to
//! the address, which takes the role once signed in with it. Audited.

use serde::Deserialize;

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::access;
use shared::areas::roles::{self, Invitation};
use shared::domain::association::Association;
use shared::domain::email::Email;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::keys;
use shared::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    email: String,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let association_id = http::path_id(&req, "associationId")?;
    let (caller, input): (_, Input) = http::caller_and_body(&req)?;
    let email = Email::parse("email", input.email.trim()).map_err(|e| ApiError::Validation(vec![e.into()]))?;
    access::require_role(app, &caller, Role::Operator).await?;
    let association: Association = app
        .store
        .get_as(&keys::association(&association_id), keys::PROFILE)
        .await?
        .ok_or_else(|| ApiError::NotFound(err::UNKNOWN_ASSOCIATION.into()))?;
    let invitation = Invitation::Referent { association_id: &association.id, association_name: &association.name };
    http::json(201, &roles::invite(app, &caller, &req, &email, invitation).await?)
}

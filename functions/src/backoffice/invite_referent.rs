//! POST /associations/{associationId}/referent-invitations — the operator invites someone to
//! become a referent of the association: a one-time link (7 days, stored hashed) e-mailed to
//! the address, which takes the role once signed in with it. Audited.

use serde::{Deserialize, Serialize};

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::{access, audit};
use shared::domain::association::Association;
use shared::domain::email::Email;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::keys;
use shared::store::tokens::{self, Purpose};
use shared::texts::{emails, err};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    email: String,
}

#[derive(Serialize)]
struct Sent {
    email: String,
    association_id: String,
    role: Role,
    expires_at: chrono::DateTime<chrono::Utc>,
}

/// How long an invitation works.
const TTL_DAYS: i64 = 7;

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
    let now = app.now();
    let (token, record) = shared::tokens::issue(now, chrono::Duration::days(TTL_DAYS))?;
    let bound = [("email", email.as_str()), ("association_id", association.id.as_str()), ("role", "referent")];
    let until = shared::texts::date_fr(record.expires_at.with_timezone(&chrono_tz::Europe::Paris).date_naive());
    let letter =
        emails::referent_invitation(email.as_str(), &association.name, &until, &shared::links::role_invitation(&app.config, &token.0));
    let changes = serde_json::json!({ "email": email.as_str(), "role": "referent" });
    let audit = audit::entry(&caller, &req, now, "referent.invited", audit::association_scope(&association.id), &changes)?;
    let mut writes = vec![tokens::put_in_tx(&app.store, &record, Purpose::RoleInvitation, &bound)?];
    writes.push(shared::store::companies::audit_in_tx(&app.store, &audit)?);
    writes.extend(shared::outbox::queue(app, "referent invitation", [letter]).await?);
    if let Err(c) = app.store.transact("TransactWriteItems referent invitation", writes).await? {
        return Err(c.unexpected("TransactWriteItems referent invitation"));
    }
    http::json(
        201,
        &Sent { email: email.as_str().to_string(), association_id: association.id, role: Role::Referent, expires_at: record.expires_at },
    )
}

//! POST /role-invitations/{token} — the invited person, signed in with the invited address,
//! takes the role (an association's referent), once. Someone who already holds another role
//! keeps it: the invitation is refused (409).

use lambda_http::RequestExt;
use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::domain::user::{Role, User};
use shared::domain::validate;
use shared::error::{ApiError, ApiResult, Errors};
use shared::http;
use shared::keys;
use shared::store::tokens::{self, Found, Purpose};
use shared::store::{users, Expect};
use shared::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    first_name: String,
    last_name: String,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let plain = req.path_parameters().first("token").unwrap_or_default().to_string();
    let input: Input = http::json_body(&req)?;
    let mut e = Errors::new();
    let first_name = e.check(validate::line("first_name", Some(&input.first_name), 1, 80));
    let last_name = e.check(validate::line("last_name", Some(&input.last_name), 1, 80));
    e.finish()?;
    let now = app.now();
    let invalid = || ApiError::NotFound(err::ROLE_INVITATION_INVALID.into());
    let token = match tokens::find(&app.store, &plain, Purpose::RoleInvitation, now).await? {
        Found::Live(t) => t,
        _ => return Err(invalid()),
    };
    let (Some(email), Some(association_id)) = (token.get("email"), token.get("association_id")) else { return Err(invalid()) };
    if !email.eq_ignore_ascii_case(caller.email.as_str()) {
        return Err(ApiError::Forbidden(err::ROLE_INVITATION_OTHER_ADDRESS.into()));
    }
    let existing: Option<User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    let (user, expect) = match existing {
        Some(u) if u.role != Role::Referent => return Err(ApiError::Conflict(err::ROLE_ALREADY_HELD.into())),
        Some(u) => (User { association_id: Some(association_id.to_string()), updated_at: now, ..u }, Expect::Existing),
        None => (
            User {
                sub: caller.sub.clone(),
                email: caller.email.clone(),
                first_name: first_name.unwrap_or_default(),
                last_name: last_name.unwrap_or_default(),
                role: Role::Referent,
                company_id: None,
                entity_id: None,
                association_id: Some(association_id.to_string()),
                phone: None,
                consent: None,
                created_at: now,
                updated_at: now,
            },
            Expect::New,
        ),
    };
    let writes = vec![tokens::consume(&app.store, &token.hash, now)?, users::put_in_tx(&app.store, &user, expect)?];
    match app.store.transact("TransactWriteItems accept role", writes).await? {
        Ok(()) => http::ok(&serde_json::json!({ "role": user.role, "association_id": user.association_id })),
        // The link used meanwhile, or the profile written meanwhile: as if already used.
        Err(c) if !c.failed.is_empty() => Err(invalid()),
        Err(c) => Err(c.unexpected("TransactWriteItems accept role")),
    }
}

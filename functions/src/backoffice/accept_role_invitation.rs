//! POST /role-invitations/{token} — the invited person, signed in with the invited address,
//! takes the role (an association's referent, or a company's admin), once. Someone who
//! already holds another role keeps it: the invitation is refused (409). An employee of the
//! company becomes its admin and keeps their profile; a new admin then registers (entity and
//! consent) like any employee.

use lambda_http::RequestExt;
use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::audit;
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
    let Some(email) = token.get("email") else { return Err(invalid()) };
    if !email.eq_ignore_ascii_case(caller.email.as_str()) {
        return Err(ApiError::Forbidden(err::ROLE_INVITATION_OTHER_ADDRESS.into()));
    }
    let (role, place) = match (token.get("role"), token.get("association_id"), token.get("company_id")) {
        (Some("company_admin"), _, Some(company)) => (Role::CompanyAdmin, company.to_string()),
        (_, Some(association), _) => (Role::Referent, association.to_string()),
        _ => return Err(invalid()),
    };
    let existing: Option<User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    let read_at = existing.as_ref().map(|u| u.updated_at);
    let (user, expect) = match (existing, role) {
        (Some(u), Role::Referent) if u.role == Role::Referent => {
            (User { association_id: Some(place), updated_at: now, ..u }, Expect::Existing)
        }
        (Some(u), Role::CompanyAdmin)
            if matches!(u.role, Role::Employee | Role::CompanyAdmin) && u.company_id.as_deref().is_none_or(|c| c == place) =>
        {
            (User { role: Role::CompanyAdmin, company_id: Some(place), updated_at: now, ..u }, Expect::Existing)
        }
        (Some(_), Role::CompanyAdmin) => return Err(ApiError::Conflict(err::ADMIN_ROLE_ALREADY_HELD.into())),
        (Some(_), _) => return Err(ApiError::Conflict(err::ROLE_ALREADY_HELD.into())),
        (None, role) => (
            User {
                sub: caller.sub.clone(),
                email: caller.email.clone(),
                first_name: first_name.unwrap_or_default(),
                last_name: last_name.unwrap_or_default(),
                role,
                company_id: (role == Role::CompanyAdmin).then(|| place.clone()),
                entity_id: None,
                association_id: (role == Role::Referent).then_some(place),
                phone: None,
                consent: None,
                created_at: now,
                updated_at: now,
                last_seen_at: Some(now),
                inactivity_warnings: 0,
            },
            Expect::New,
        ),
    };
    let scope = match role {
        Role::CompanyAdmin => user.company_id.clone().unwrap_or_default(),
        _ => audit::association_scope(user.association_id.as_deref().unwrap_or_default()),
    };
    let changes = serde_json::json!({ "email": user.email.as_str(), "sub": user.sub, "role": user.role });
    let audit = audit::entry(&caller, &req, now, "role.accepted", scope, &changes)?;
    let writes = vec![
        tokens::consume(&app.store, &token.hash, now)?,
        match (read_at, expect) {
            // The profile as read, or the invitation is as if already used (below).
            (Some(at), Expect::Existing) => users::replace_in_tx(&app.store, &user, at)?,
            _ => users::put_in_tx(&app.store, &user, Expect::New)?,
        },
        shared::store::companies::audit_in_tx(&app.store, &audit)?,
    ];
    match app.store.transact("TransactWriteItems accept role", writes).await? {
        Ok(()) => http::ok(&serde_json::json!({ "role": user.role, "association_id": user.association_id, "company_id": user.company_id })),
        // The link used meanwhile, or the profile written meanwhile: as if already used.
        Err(c) if !c.failed.is_empty() => Err(invalid()),
        Err(c) => Err(c.unexpected("TransactWriteItems accept role")),
    }
}

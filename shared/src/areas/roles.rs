//! Roles given by invitation (an association's referent, a company's admin) and taken back:
//! the one-time link (stored hashed, expiring, single-use) e-mailed through the outbox with
//! the audit entry, in one transaction.

use chrono::{DateTime, Utc};
use lambda_http::Request;
use serde::Serialize;

use crate::app::App;
use crate::areas::audit;
use crate::domain::email::Email;
use crate::domain::user::Role;
use crate::error::ApiResult;
use crate::http::Caller;
use crate::store::tokens::{self, Purpose};
use crate::texts::emails;

/// How long an invitation works.
pub const TTL_DAYS: i64 = 7;

/// What an invitation gives: the role and where.
pub enum Invitation<'a> {
    Referent { association_id: &'a str, association_name: &'a str },
    CompanyAdmin { company_id: &'a str, company_name: &'a str },
}

/// The invitation as the API answers it.
#[derive(Debug, Serialize)]
pub struct Sent {
    pub email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub association_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_id: Option<String>,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
}

/// Issues the link bound to `email` and the role, queues its e-mail and audits it (in the
/// referent's association's log, or the company's).
pub async fn invite(app: &App, caller: &Caller, req: &Request, email: &Email, invitation: Invitation<'_>) -> ApiResult<Sent> {
    let now = app.now();
    let (token, record) = crate::tokens::issue(now, chrono::Duration::days(TTL_DAYS))?;
    let until = crate::texts::date_fr(record.expires_at.with_timezone(&chrono_tz::Europe::Paris).date_naive());
    let url = crate::links::role_invitation(&app.config, &token.0);
    let (bound, letter, scope, sent) = match invitation {
        Invitation::Referent { association_id, association_name } => (
            [("email", email.as_str()), ("association_id", association_id), ("role", "referent")],
            emails::referent_invitation(email.as_str(), association_name, &until, &url),
            audit::association_scope(association_id),
            Sent {
                email: email.as_str().to_string(),
                association_id: Some(association_id.to_string()),
                company_id: None,
                role: Role::Referent,
                expires_at: record.expires_at,
            },
        ),
        Invitation::CompanyAdmin { company_id, company_name } => (
            [("email", email.as_str()), ("company_id", company_id), ("role", "company_admin")],
            emails::company_admin_invitation(email.as_str(), company_name, &until, &url),
            company_id.to_string(),
            Sent {
                email: email.as_str().to_string(),
                association_id: None,
                company_id: Some(company_id.to_string()),
                role: Role::CompanyAdmin,
                expires_at: record.expires_at,
            },
        ),
    };
    let action = if sent.role == Role::Referent { "referent.invited" } else { "company_admin.invited" };
    let changes = serde_json::json!({ "email": email.as_str(), "role": sent.role });
    let audit = audit::entry(caller, req, now, action, scope, &changes)?;
    let mut writes = vec![tokens::put_in_tx(&app.store, &record, Purpose::RoleInvitation, &bound)?];
    writes.push(crate::store::companies::audit_in_tx(&app.store, &audit)?);
    writes.extend(crate::outbox::queue(app, "role invitation", [letter]).await?);
    if let Err(c) = app.store.transact("TransactWriteItems role invitation", writes).await? {
        return Err(c.unexpected("TransactWriteItems role invitation"));
    }
    Ok(sent)
}

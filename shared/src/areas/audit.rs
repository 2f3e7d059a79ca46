//! The audit entry every back-office change writes in its own transaction: who (the caller),
//! when, from which IP (as API Gateway saw it), what and in whose log.

use chrono::{DateTime, Utc};
use lambda_http::Request;
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::http::{self, Caller};
use crate::store::companies::AuditEntry;

/// The entry for `action` in `scope`'s log, `changes` as the API took them.
pub fn entry(
    caller: &Caller,
    req: &Request,
    at: DateTime<Utc>,
    action: &str,
    scope: String,
    changes: &impl Serialize,
) -> ApiResult<AuditEntry> {
    Ok(AuditEntry {
        id: uuid::Uuid::now_v7().to_string(),
        at,
        actor_sub: caller.sub.clone(),
        actor_email: caller.email.as_str().to_string(),
        ip: http::client_of(req).0,
        action: action.to_string(),
        scope,
        changes: serde_json::to_value(changes).map_err(|e| ApiError::unexpected("audit entry", e))?,
    })
}

/// An association's log (a company's is its id).
pub fn association_scope(association_id: &str) -> String {
    format!("association:{association_id}")
}

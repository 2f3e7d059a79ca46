//! Who may do what: the caller's company from the e-mail domain, referents' writes checked
//! inside the same transaction as the write, and the user × mission item.

use std::sync::Arc;

use lambda_http::Request;

use crate::app::App;
use crate::catalogue::Directory;
use crate::domain::company::Company;
use crate::domain::mission::Mission;
use crate::domain::user::Role;
use crate::error::{ApiError, ApiResult};
use crate::http::{self, Caller};
use crate::keys;
use crate::store::missions;

pub use crate::store::missions::{mission_item, WriteOutcome};
use crate::texts::err;

/// The company of an employee, known from the domain of the e-mail the identity provider vouches for.
pub fn employee_company(state: &Directory, caller: &Caller) -> ApiResult<Arc<Company>> {
    state.company_of_domain(caller.email.domain()).cloned().ok_or_else(|| ApiError::Forbidden(err::NOT_AN_EMPLOYEE.into()))
}

/// The mission, if the company's employees see it (published, by a partner association), else 404.
pub fn visible(directory: &Directory, company_id: &str, mission: Option<Mission>) -> ApiResult<Mission> {
    mission.filter(|m| directory.shows(company_id, m)).ok_or_else(|| ApiError::NotFound(err::MISSION_NOT_FOUND.into()))
}

/// The directory as this instance holds it, refreshed first if it does not show the mission to
/// the company (a partnership newer than the instance's copy): what the steps that act on one
/// mission read, like the index before them.
pub async fn directory_showing<'a>(
    app: &'a App,
    company_id: &str,
    mission: Option<&Mission>,
) -> ApiResult<tokio::sync::MutexGuard<'a, Directory>> {
    let mut directory = app.directory.cached(&app.store).await?;
    if mission.is_some_and(|m| !directory.shows(company_id, m)) {
        directory.refresh(&app.store).await?;
    }
    Ok(directory)
}

/// Writes a mission as the caller, its association's referent; on success an instance that
/// holds the search index sees the write at once (one that does not loads nothing).
pub async fn write_mission(app: &App, caller: &Caller, m: &Mission, expected_version: Option<u64>) -> ApiResult<WriteOutcome> {
    let outcome = missions::write_as_referent(&app.store, &caller.sub, m, expected_version).await?;
    if let WriteOutcome::Written(item) = &outcome {
        app.catalogue.apply_if_loaded(item.clone()).await?;
    }
    Ok(outcome)
}

/// Applies `change` to a mission as its referent, with optimistic concurrency: the mission is
/// read as stored (one GetItem), changed, and written if its version has not moved; if another
/// writer moved it, read and tried once more. Answers the mission as it was and as it is now.
pub async fn change_mission(
    app: &App,
    req: &Request,
    change: impl Fn(&Mission, chrono::DateTime<chrono::Utc>) -> crate::domain::error::DomainResult<Mission>,
) -> ApiResult<(Mission, Mission)> {
    let caller = http::caller(req)?;
    let mission_id = http::path_id(req, "missionId")?;
    for _ in 0..2 {
        let current = missions::get(&app.store, &mission_id).await?.ok_or_else(|| ApiError::NotFound(err::MISSION_NOT_FOUND.into()))?;
        let next = change(&current, app.now())?;
        match write_mission(app, &caller, &next, Some(current.version)).await? {
            WriteOutcome::Written(_) => return Ok((current, next)),
            WriteOutcome::NotReferent => return Err(ApiError::NotFound(err::MISSION_NOT_FOUND.into())),
            WriteOutcome::VersionChanged => continue,
        }
    }
    Err(ApiError::Conflict(err::CONCURRENT_UPDATE.into()))
}

/// The caller as the platform's operator or an admin of `company_id` (anyone else: 403).
pub async fn operator_or_admin_of(app: &App, caller: &Caller, company_id: &str) -> ApiResult<crate::domain::user::User> {
    let user: Option<crate::domain::user::User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    match user {
        Some(u) if u.role == Role::Operator => Ok(u),
        Some(u) if u.role == Role::CompanyAdmin && u.company_id.as_deref() == Some(company_id) => Ok(u),
        _ => Err(ApiError::Forbidden(err::NOT_ADMIN.into())),
    }
}

/// Whether the caller holds a role, by reading their user item.
pub async fn require_role(app: &App, caller: &Caller, role: Role) -> ApiResult<crate::domain::user::User> {
    let user: Option<crate::domain::user::User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    match user {
        Some(u) if u.role == role => Ok(u),
        Some(_) => Err(ApiError::Forbidden(
            match role {
                Role::Referent => err::NOT_REFERENT,
                Role::CompanyAdmin => err::NOT_ADMIN,
                Role::Operator => err::OPERATOR_ONLY,
                Role::Employee => err::NOT_REGISTERED,
            }
            .into(),
        )),
        None if role == Role::Operator => Err(ApiError::Forbidden(err::OPERATOR_ONLY.into())),
        None => Err(ApiError::Forbidden(err::NOT_REGISTERED.into())),
    }
}

/// The caller as a registered employee (or company admin) with a complete profile: what
/// every step after open browsing needs.
pub async fn registered_employee(app: &App, caller: &Caller) -> ApiResult<crate::domain::user::User> {
    app.store
        .get_as(&keys::user(&caller.sub), keys::PROFILE)
        .await?
        .filter(|u: &crate::domain::user::User| u.company_id.is_some() && u.is_complete())
        .ok_or_else(|| ApiError::Forbidden(err::NOT_REGISTERED.into()))
}

/// The directory, up to date, and the caller's company (403 for someone of no member company).
pub async fn directory_of_employee<'a>(app: &'a App, caller: &Caller) -> ApiResult<(tokio::sync::MutexGuard<'a, Directory>, Arc<Company>)> {
    let directory = app.directory.fresh(&app.store).await?;
    let company = employee_company(&directory, caller)?;
    Ok((directory, company))
}

/// A registered employee and their company's id.
pub async fn registered_employee_and_company(app: &App, caller: &Caller) -> ApiResult<(crate::domain::user::User, String)> {
    let user = registered_employee(app, caller).await?;
    let company_id = user.company_id.clone().unwrap_or_default();
    Ok((user, company_id))
}

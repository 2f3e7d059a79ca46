//! Views and access rules of engagements (SPEC D), shared by their endpoints.

use serde::Serialize;

use crate::app::App;
use crate::areas::views::MyMission;
use crate::domain::engagement::{DateRequest, Engagement, RequestState};
use crate::domain::user::{Role, User};
use crate::error::{ApiError, ApiResult};
use crate::http::Caller;
use crate::keys;

pub use crate::store::engagements::{
    activity_of, engagement_item, engagements_managed_by, engagements_of, put_if_version, save_if_version,
};

pub use crate::texts::err::ENGAGEMENT_NOT_FOUND as NOT_FOUND;

/// An engagement as its parties see it, with its step on the four.
#[derive(Debug, Serialize)]
pub struct EngagementView {
    #[serde(flatten)]
    pub engagement: Engagement,
    /// The manager requests as the employee sees them (the stored ones carry the link's token
    /// hash, the allowance ledger and the state to return to: not for any reader).
    requests: Vec<RequestView>,
    pub state_label: &'static str,
    pub progress: MyMission,
    /// What the employee must fix: the manager's address bounces.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<&'static str>,
}

impl EngagementView {
    pub fn of(engagement: Engagement) -> Self {
        let state_label = engagement.state.label();
        let progress = MyMission::new(false, engagement.state.steps_done());
        let warning = engagement.manager_unreachable().then_some(crate::texts::todo::MANAGER_UNREACHABLE);
        let mut engagement = engagement;
        let requests = std::mem::take(&mut engagement.requests).into_iter().map(RequestView::of).collect();
        EngagementView { engagement, requests, state_label, progress, warning }
    }
}

/// A date request as a response shows it.
#[derive(Debug, Serialize)]
pub struct RequestView {
    id: String,
    manager_email: String,
    message: String,
    state: RequestState,
    created_at: chrono::DateTime<chrono::Utc>,
    expires_at: chrono::DateTime<chrono::Utc>,
    decided_at: Option<chrono::DateTime<chrono::Utc>>,
    comment: Option<String>,
    manager_unreachable: bool,
}

impl RequestView {
    fn of(r: DateRequest) -> Self {
        RequestView {
            id: r.id,
            manager_email: r.manager_email,
            message: r.message,
            state: r.state,
            created_at: r.created_at,
            expires_at: r.expires_at,
            decided_at: r.decided_at,
            comment: r.comment,
            manager_unreachable: r.manager_unreachable,
        }
    }
}

/// Flags every date request pending with a manager whose address SES reported undeliverable
/// (versioned writes, retried on a concurrent change); how many were flagged.
pub async fn manager_unreachable(app: &App, address: &str) -> ApiResult<usize> {
    let mut flagged = 0;
    // The index lists them (eventually consistent); each is read again before it is written.
    for listed in engagements_managed_by(&app.store, address).await?.into_iter().filter(|e| e.awaits_manager_at(address)) {
        let id = &listed.id;
        let done = crate::store::retrying(crate::texts::err::CONCURRENT_UPDATE, move || async move {
            let Some(mut e) = crate::store::engagements::get(&app.store, id).await? else { return Ok(Some(false)) };
            let expected = e.version;
            if !e.manager_bounced(address, app.now()) {
                return Ok(Some(false));
            }
            Ok(save_if_version(&app.store, &e, expected).await?.then_some(true))
        })
        .await?;
        flagged += usize::from(done);
    }
    Ok(flagged)
}

/// Who is looking at an engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Employee,
    Referent,
    /// The company's admin, who signs conventions for it.
    CompanySignatory,
}

/// Reads an engagement the caller is a party to: the employee, a referent of its
/// association, or an admin (signatory) of the employee's company. Anyone else gets 404 (existence does not leak).
pub async fn engagement_for(app: &App, caller: &Caller, id: &str) -> ApiResult<(Engagement, Party)> {
    engagement_and_user_for(app, caller, id).await.map(|(e, p, _)| (e, p))
}

/// The same, with the caller's user item when it was read (the association's and the
/// company's signatories).
pub async fn engagement_and_user_for(app: &App, caller: &Caller, id: &str) -> ApiResult<(Engagement, Party, Option<User>)> {
    let engagement: Engagement =
        app.store.get_as(&keys::engagement(id), keys::ENGAGEMENT_SK).await?.ok_or_else(|| ApiError::NotFound(NOT_FOUND.into()))?;
    if engagement.employee.sub == caller.sub {
        return Ok((engagement, Party::Employee, None));
    }
    let user: Option<User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    match user {
        Some(u) if u.role == Role::Referent && u.association_id.as_deref() == Some(engagement.association_id.as_str()) => {
            Ok((engagement, Party::Referent, Some(u)))
        }
        Some(u) if u.role == Role::CompanyAdmin && u.company_id.as_deref() == Some(engagement.company_id.as_str()) => {
            Ok((engagement, Party::CompanySignatory, Some(u)))
        }
        _ => Err(ApiError::NotFound(NOT_FOUND.into())),
    }
}

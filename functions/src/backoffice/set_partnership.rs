//! PUT /companies/{companyId}/partnerships/{associationId} — the operator starts or ends a
//! company's partnership with an association (`{"active": true|false}`). Ending it hides the
//! association's missions from the company's employees from then on; engagements already
//! running go on. Audited in the company's log.

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::{access, audit};
use shared::domain::association::{Association, Partnership};
use shared::domain::company::Company;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::keys;
use shared::store::companies;
use shared::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    active: bool,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let [company_id, association_id] = http::path_ids(&req, ["companyId", "associationId"])?;
    let (caller, input): (_, Input) = http::caller_and_body(&req)?;
    access::require_role(app, &caller, Role::Operator).await?;
    let company: Option<Company> = app.store.get_as(&keys::company(&company_id), keys::PROFILE).await?;
    company.ok_or_else(|| ApiError::NotFound(err::UNKNOWN_COMPANY.into()))?;
    let association: Option<Association> = app.store.get_as(&keys::association(&association_id), keys::PROFILE).await?;
    association.ok_or_else(|| ApiError::NotFound(err::UNKNOWN_ASSOCIATION.into()))?;
    let before: Option<Partnership> = app.store.get_as(&keys::company(&company_id), &keys::partner(&association_id)).await?;
    let now = app.now();
    let partnership = match (before, input.active) {
        // Nothing changes: answered as it is, nothing written.
        (Some(p), active) if p.active == active => return http::ok(&p),
        (_, true) => Partnership { company_id, association_id, active: true, since: now, ended_at: None },
        (before, false) => Partnership {
            since: before.as_ref().map(|p| p.since).unwrap_or(now),
            company_id,
            association_id,
            active: false,
            ended_at: Some(now),
        },
    };
    let action = if partnership.active { "partnership.started" } else { "partnership.ended" };
    let audit = audit::entry(&caller, &req, now, action, partnership.company_id.clone(), &partnership)?;
    let writes = companies::put_partnership(&app.store, &partnership, &audit, now)?;
    if let Err(c) = app.store.transact("TransactWriteItems partnership", writes).await? {
        return Err(c.unexpected("TransactWriteItems partnership"));
    }
    http::ok(&partnership)
}

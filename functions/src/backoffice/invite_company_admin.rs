//! POST /companies/{companyId}/admin-invitations — the operator, or an admin of the company,
//! invites an employee (an address of the company's domains) to administer its programme: a
//! one-time link (7 days, stored hashed) e-mailed to the address, which takes the role once
//! signed in with it. Audited in the company's log.

use serde::Deserialize;

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::roles::{self, Invitation};
use shared::domain::company::Company;
use shared::domain::email::Email;
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
    let company_id = http::path_id(&req, "companyId")?;
    let (caller, input): (_, Input) = http::caller_and_body(&req)?;
    let email = Email::parse("email", input.email.trim()).map_err(|e| ApiError::Validation(vec![e.into()]))?;
    shared::areas::access::operator_or_admin_of(app, &caller, &company_id).await?;
    let company: Company = app
        .store
        .get_as(&keys::company(&company_id), keys::PROFILE)
        .await?
        .ok_or_else(|| ApiError::NotFound(err::UNKNOWN_COMPANY.into()))?;
    if !company.email_domains.iter().any(|d| d == email.domain()) {
        return Err(ApiError::field("email", err::not_a_company_address(&company.email_domains)));
    }
    let invitation = Invitation::CompanyAdmin { company_id: &company.id, company_name: &company.name };
    http::json(201, &roles::invite(app, &caller, &req, &email, invitation).await?)
}

//! PUT /companies/{companyId}/hr-attributes — a company admin imports the HR attributes the
//! allowance depends on, as CSV (`email;contrat;date_embauche;date_retraite`). Every line is
//! checked first; one bad line rejects the file, naming each bad line. Re-importing replaces.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::access;
use shared::domain::allowance::HrAttributes;
use shared::domain::hr;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;

#[derive(Serialize)]
struct HrItem<'a> {
    email: &'a str,
    company_id: &'a str,
    #[serde(flatten)]
    attributes: &'a HrAttributes,
}

#[derive(Serialize)]
struct Imported {
    imported: usize,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let company_id = http::path_id(&req, "companyId")?;
    let csv = http::text_body(&req, &["text/csv", "text/plain"])?;
    let admin = access::require_role(app, &caller, Role::CompanyAdmin).await?;
    if admin.company_id.as_deref() != Some(company_id.as_str()) {
        return Err(ApiError::Forbidden(shared::texts::err::NOT_THIS_COMPANY_ADMIN.into()));
    }
    let rows = hr::parse_csv(csv).map_err(shared::domain::error::DomainError::Invalid)?;
    let items: Vec<(&str, HrItem)> = rows
        .iter()
        .map(|(email, attributes)| (email.as_str(), HrItem { email: email.as_str(), company_id: &company_id, attributes }))
        .collect();
    shared::store::users::put_hr_attributes(&app.store, &company_id, &items).await?;
    http::ok(&Imported { imported: rows.len() })
}

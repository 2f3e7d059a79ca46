//! GET /companies/{companyId}/associations/{associationId}/statements/{year} — the annual
//! statement of the days the company made available to the association (PDF, French): the
//! employees, their attested days and the valuation at cost price (monthly caps applied),
//! which the association needs to issue its tax receipt (Cerfa 16216). For the operator, the
//! company's admins and the association's referents; a 5-minute presigned URL.

use std::collections::BTreeMap;

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::convention::URL_TTL;
use shared::areas::reporting;
use shared::domain::association::Association;
use shared::domain::report;
use shared::domain::user::{Role, User};
use shared::domain::valuation::{self, ValuationError};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::keys;
use shared::texts::{err, report as texts};

#[derive(Serialize)]
struct Statement {
    url: String,
    sha256: String,
    expires_in: u64,
    days: f64,
    valued_cents: u64,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let [company_id, association_id] = http::path_ids(&req, ["companyId", "associationId"])?;
    let year = http::path_integer(&req, "year", 2020, 2100)?;
    let user: Option<User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    let allowed = match &user {
        Some(u) if u.role == Role::Operator => true,
        Some(u) if u.role == Role::CompanyAdmin => u.company_id.as_deref() == Some(company_id.as_str()),
        Some(u) if u.role == Role::Referent => u.association_id.as_deref() == Some(association_id.as_str()),
        _ => false,
    };
    if !allowed {
        return Err(ApiError::Forbidden(err::STATEMENT_READERS.into()));
    }
    let association: Association = app
        .store
        .get_as(&keys::association(&association_id), keys::PROFILE)
        .await?
        .ok_or_else(|| ApiError::NotFound(err::UNKNOWN_ASSOCIATION.into()))?;
    let year = i32::try_from(year).map_err(|_| ApiError::field("year", err::bad_integer("year", 2020, 2100)))?;
    let data = reporting::load(app, &company_id, year).await?;
    let theirs: Vec<_> = data.engagements.iter().filter(|e| e.association_id == association_id).cloned().collect();
    let unknown = |e: ValuationError| match e {
        ValuationError::UnknownYear(y) => ApiError::Conflict(err::valuation_unknown_year(y)),
        ValuationError::Overflow => ApiError::BadRequest(err::VALUATION_OVERFLOW.into()),
    };
    let v = report::valuation(year, &theirs, |e| data.day_cost(e), None).map_err(unknown)?;
    let Some(line) = v.by_association.first() else {
        return Err(ApiError::NotFound(err::NO_ATTESTED_DAYS.into()));
    };
    // Per employee: their days and valuation (the monthly caps apply to each alone).
    let (given, _) = report::attested_days(year, &theirs, |e| data.day_cost(e));
    let mut by_employee: BTreeMap<String, (String, Vec<valuation::GivenDay>)> = BTreeMap::new();
    for (day, e) in given {
        by_employee.entry(e.employee.sub.clone()).or_insert_with(|| (e.employee.full_name(), Vec::new())).1.push(day);
    }
    let mut rows = Vec::new();
    for (name, days) in by_employee.into_values() {
        let valued = valuation::value_year(year, &days).map_err(unknown)?;
        let a = valued.get(&association_id).cloned().unwrap_or_default();
        rows.push((name, a.half_days as f64 / 2.0, a.valued_cents));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let today = app.now().with_timezone(&chrono_tz::Europe::Paris).date_naive();
    let blocks = texts::statement(&data.company, &association, year, line, &rows, today);
    let key = shared::documents::keys::donation_statement(&company_id, &association_id, year);
    let pdf = app.documents.store_pdf(&key, &blocks, texts::STATEMENT_FOOTER).await?;
    let url = app.documents.presigned_get(&key, &format!("releve-mecenat-{association_id}-{year}.pdf"), URL_TTL).await?;
    http::ok(&Statement { url, sha256: pdf.sha256, expires_in: URL_TTL.as_secs(), days: line.days, valued_cents: line.valued_cents })
}

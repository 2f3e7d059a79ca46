//! GET /companies/{companyId}/report — the company's CSR report for a year (the current one
//! by default) and filters (entity, theme, association): volunteers, engagements by step,
//! days given by month, theme, association and entity, satisfaction, cancellations; and the
//! tax valuation of the year's attested days (whole company), an estimate.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::reporting;
use shared::domain::report::{self, Report, Valuation};
use shared::domain::valuation::ValuationError;
use shared::error::{ApiError, ApiResult};
use shared::http::{self, Query};
use shared::texts::err;

#[derive(Serialize)]
struct View {
    #[serde(flatten)]
    report: Report,
    valuation: Option<Estimate>,
    /// Why there is no valuation (a year whose social-security ceiling is not known yet).
    #[serde(skip_serializing_if = "Option::is_none")]
    valuation_unavailable: Option<String>,
}

/// The valuation, labelled as the estimate it is.
#[derive(Serialize)]
struct Estimate {
    #[serde(flatten)]
    valuation: Valuation,
    notice: &'static str,
}

/// The highest turnover accepted (10 000 billion euros), in cents.
const MAX_TURNOVER_CENTS: i64 = 1_000_000_000_000_000;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let company_id = http::path_id(&req, "companyId")?;
    let caller = http::caller(&req)?;
    let query = Query::of(&req, &["year", "entity", "theme", "association", "turnover_cents"])?;
    let year = reporting::year(&query, app)?;
    let turnover = query.integer("turnover_cents", 0, MAX_TURNOVER_CENTS)?.map(|t| t.unsigned_abs());
    reporting::admin_of(app, &caller, &company_id).await?;
    let data = reporting::load(app, &company_id, year).await?;
    let filters = reporting::filters(&query, &data.company)?;
    let report = data.report(year, &filters);
    let (valuation, valuation_unavailable) = match report::valuation(year, &data.engagements, |e| data.day_cost(e), turnover) {
        Ok(valuation) => (Some(Estimate { valuation, notice: shared::texts::report::ESTIMATE_NOTICE }), None),
        Err(ValuationError::UnknownYear(y)) => (None, Some(err::valuation_unknown_year(y))),
        Err(ValuationError::Overflow) => return Err(ApiError::BadRequest(err::VALUATION_OVERFLOW.into())),
    };
    http::ok(&View { report, valuation, valuation_unavailable })
}

//! GET /companies/{companyId}/report/export — the report's detail as a CSV a French
//! spreadsheet opens as is (UTF-8 with BOM, `;`, decimal commas): one line per
//! engagement-date of the year and filters. Up to `REPORT_INLINE_LINES` lines (20 000 by
//! default, about 5 MB: under Lambda's 6 MB response limit) it is the answer; above, the
//! export is built in the background (`build-report-exports`) and the admin gets an e-mail
//! when it is ready (202).

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::reporting;
use shared::error::{ApiError, ApiResult};
use shared::http::{self, Query};
use shared::store::report_exports::{self, ReportExport};
use shared::texts::report as texts;

#[derive(Serialize)]
struct Queued {
    id: String,
    lines: usize,
    status: &'static str,
    email: String,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let company_id = http::path_id(&req, "companyId")?;
    let caller = http::caller(&req)?;
    let query = Query::of(&req, &["year", "entity", "theme", "association"])?;
    let year = reporting::year(&query, app)?;
    reporting::admin_of(app, &caller, &company_id).await?;
    let data = reporting::load(app, &company_id, year).await?;
    let filters = reporting::filters(&query, &data.company)?;
    let kept: Vec<_> = data.engagements.iter().filter(|e| e.year == year && filters.keeps(e)).collect();
    let lines = texts::csv_lines(&kept);
    if lines > app.config.report_inline_lines {
        let export = ReportExport {
            id: uuid::Uuid::now_v7().to_string(),
            company_id,
            year,
            filters,
            requested_by_sub: caller.sub.clone(),
            requested_by_email: caller.email.as_str().to_string(),
            lines,
            created_at: app.now(),
            ready_at: None,
        };
        report_exports::request(&app.store, &export).await?;
        return http::json(202, &Queued { id: export.id, lines, status: "pending", email: export.requested_by_email });
    }
    let csv = reporting::csv(&data, &kept);
    Response::builder()
        .status(200)
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", format!("attachment; filename=\"{}\"", texts::csv_filename(&company_id, year)))
        .header("cache-control", "no-store")
        .body(Body::Text(csv))
        .map_err(|e| ApiError::unexpected("build response", e))
}

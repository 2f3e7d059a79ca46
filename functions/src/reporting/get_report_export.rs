//! GET /companies/{companyId}/report-exports/{exportId} — an export built in the background:
//! pending, or ready with a 5-minute presigned URL (the e-mail's link opens the frontend's
//! screen, which calls this with the admin signed in: a URL in an e-mail would outlive the
//! function's credentials that sign it).

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::convention::URL_TTL;
use shared::areas::reporting;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::store::report_exports;
use shared::texts::{err, report as texts};

#[derive(Serialize)]
struct View {
    id: String,
    year: i32,
    lines: usize,
    status: &'static str,
    url: Option<String>,
    ready_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let [company_id, export_id] = http::path_ids(&req, ["companyId", "exportId"])?;
    reporting::admin_of(app, &caller, &company_id).await?;
    let export = report_exports::get(&app.store, &export_id)
        .await?
        .filter(|x| x.company_id == company_id)
        .ok_or_else(|| ApiError::NotFound(err::EXPORT_NOT_FOUND.into()))?;
    let url = match export.ready_at {
        Some(_) => {
            let key = shared::documents::keys::report_export(&company_id, &export.id);
            Some(app.documents.presigned_get(&key, &texts::csv_filename(&company_id, export.year), URL_TTL).await?)
        }
        None => None,
    };
    let status = if url.is_some() { "ready" } else { "pending" };
    http::ok(&View { id: export.id, year: export.year, lines: export.lines, status, url, ready_at: export.ready_at })
}

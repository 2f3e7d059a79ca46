//! Every 5 minutes: builds the CSR report exports too large for a request. Each is claimed
//! for 10 minutes (a run that fails releases it when the claim expires), its CSV written to S3
//! under its own key (a retry rewrites the same object), then marked ready with the e-mail to
//! the admin who asked, in one transaction that holds only if the claim is still this run's:
//! built twice at worst, announced once.

use serde_json::{json, Value};

use shared::app::App;
use shared::areas::reporting;
use shared::error::ApiError;
use shared::store::report_exports;
use shared::texts::{emails, report as texts};

pub async fn run(app: &App, _event: Value) -> Result<Value, ApiError> {
    let (mut built, mut skipped) = (0, 0);
    for export in report_exports::pending(&app.store).await? {
        let now = app.now();
        let until = now + chrono::Duration::minutes(10);
        if !report_exports::claim(&app.store, &export.id, now, until).await? {
            skipped += 1;
            continue;
        }
        let data = reporting::load(app, &export.company_id, export.year).await?;
        let kept: Vec<_> = data.engagements.iter().filter(|e| e.year == export.year && export.filters.keeps(e)).collect();
        let csv = reporting::csv(&data, &kept);
        let key = shared::documents::keys::report_export(&export.company_id, &export.id);
        app.documents.put(&key, csv.into_bytes(), "text/csv; charset=utf-8").await?;
        let url = shared::links::report_export(&app.config, &export.company_id, &export.id);
        let letter =
            emails::report_export_ready(&export.requested_by_email, &data.company.name, export.year, texts::csv_lines(&kept), &url);
        let mut writes = vec![report_exports::mark_ready(&app.store, &export.id, until, app.now())?];
        writes.extend(shared::outbox::queue(app, "report export", [letter]).await?);
        if app.store.transact("TransactWriteItems report export ready", writes).await?.is_err() {
            // The claim expired meanwhile and another run took it: that run announces it.
            skipped += 1;
            continue;
        }
        built += 1;
    }
    let report = json!({ "built": built, "skipped": skipped });
    tracing::info!(%report, "report exports");
    Ok(report)
}

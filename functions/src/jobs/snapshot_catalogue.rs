//! Every 5 minutes: writes the search index to S3 as it is held in memory (the term
//! dictionary and every mission in order with its term ids, binary, gzipped), so that a cold
//! search instance loads it in one request and rebuilds its bit sets without tokenising.
//! This instance's index is loaded the same way (the previous snapshot, then the feed since
//! its watermark minus the overlap), refreshed, and written: re-running or retrying it
//! rewrites the same content.

use serde_json::{json, Value};

use shared::app::App;
use shared::catalogue::SNAPSHOT_KEY;
use shared::error::ApiError;

pub async fn run(app: &App, _event: Value) -> Result<Value, ApiError> {
    let mut state = app.catalogue.cached(&app.store).await?;
    let read = state.refresh(&app.store).await?;
    let bytes = state.snapshot()?;
    let size = bytes.len();
    app.documents.put(SNAPSHOT_KEY, bytes, "application/octet-stream").await?;
    let report = json!({
        "items": state.item_count(),
        "missions": state.mission_count(),
        "read_from_feed": read,
        "watermark": state.watermark(),
        "bytes": size,
    });
    tracing::info!(%report, "catalogue snapshot written");
    Ok(report)
}

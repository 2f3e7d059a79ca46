//! Every 5 minutes: writes the search index to S3 as it is held in memory (the term
//! dictionary and every mission in order with its term ids, binary, gzipped), so that a cold
//! search instance loads it in one request and rebuilds its bit sets without tokenising.
//! This instance's index is loaded the same way (the previous snapshot, then the feed since
//! its watermark minus the overlap), refreshed, and written: re-running or retrying it
//! rewrites the same content.
//!
//! A stack upgraded from before the `DIRECTORY` feed partition has its companies,
//! associations and partnerships in `CATALOG`: the first run finds them in the feed and moves
//! each to `DIRECTORY` (a conditional UpdateItem, so a retried or concurrent run moves
//! nothing twice), where the functions that do not search read them.

use serde_json::{json, Value};

use shared::app::App;
use shared::catalogue::SNAPSHOT_KEY;
use shared::error::ApiError;

pub async fn run(app: &App, _event: Value) -> Result<Value, ApiError> {
    let (mut state, read) = app.catalogue.refreshed(&app.store).await?;
    let mut moved = 0;
    for key in state.legacy_directory_items() {
        if app.store.move_to_directory((&key.0, &key.1)).await? {
            moved += 1;
        }
    }
    state.legacy_moved();
    let bytes = state.snapshot()?;
    let size = bytes.len();
    app.documents.put(SNAPSHOT_KEY, bytes, "application/octet-stream").await?;
    let report = json!({
        "items": state.item_count(),
        "missions": state.mission_count(),
        "read_from_feed": read,
        "moved_to_directory": moved,
        "watermark": state.watermark(),
        "bytes": size,
    });
    tracing::info!(%report, "catalogue snapshot written");
    Ok(report)
}

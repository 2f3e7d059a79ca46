//! Every 5 minutes: writes the catalogue feed to S3 as one gzipped JSON snapshot, so that a
//! cold function instance loads the catalogue in one request instead of one Query page per
//! megabyte. Reads the previous snapshot, adds the feed since its watermark (minus the
//! overlap), writes the result: re-running or retrying it rewrites the same content.

use serde_json::{json, Value};

use shared::app::App;
use shared::catalogue::{Snapshot, OVERLAP, SNAPSHOT_KEY};
use shared::error::ApiError;
use shared::keys;

pub async fn run(app: &App, _event: Value) -> Result<Value, ApiError> {
    let mut snapshot = Snapshot::load(&app.documents).await?.unwrap_or_default();
    let after = snapshot.watermark.map(|w| keys::revision_floor(w - OVERLAP.as_millis() as i64));
    let items = app.store.catalogue_feed(after.as_deref()).await?;
    let new_items = items.len();
    snapshot.merge(items)?;
    let bytes = snapshot.encode()?;
    let size = bytes.len();
    app.documents.put(SNAPSHOT_KEY, bytes, "application/gzip").await?;
    let report = json!({
        "items": snapshot.items.len(),
        "read_from_feed": new_items,
        "watermark": snapshot.watermark,
        "bytes": size,
    });
    tracing::info!(%report, "catalogue snapshot written");
    Ok(report)
}

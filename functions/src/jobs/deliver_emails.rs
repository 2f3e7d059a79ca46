//! The table's stream (new outbox envelopes only, by the event source mapping's filter):
//! delivers each announced envelope once (`shared::outbox::deliver`). An envelope that cannot
//! be delivered yet (SES throttling or failing after the retries with backoff) is reported
//! as a batch item failure: Lambda retries from it (bisecting the batch), up to the mapping's
//! retry count and record age, then records the batch in the SQS on-failure queue. The sweep
//! delivers whatever is still pending after that, so nothing depends on the stream alone.

use serde_json::{json, Value};

use shared::app::App;
use shared::error::ApiError;

pub async fn run(app: &App, event: Value) -> Result<Value, ApiError> {
    let mut failures = Vec::new();
    let (mut sent, mut skipped) = (0, 0);
    for (sequence, id) in shared::outbox::announced(&event) {
        // After a failure, the rest of the batch is retried with it: leave it for then.
        if !failures.is_empty() {
            break;
        }
        match shared::outbox::deliver(app, &id).await {
            Ok(d) if d.skipped => skipped += 1,
            Ok(d) => sent += d.sent,
            Err(e) => {
                tracing::warn!(envelope = %id, error = %e, "envelope left for a retry");
                failures.push(json!({ "itemIdentifier": sequence }));
            }
        }
    }
    tracing::info!(sent, skipped, failed = failures.len(), "stream batch");
    Ok(json!({ "batchItemFailures": failures }))
}

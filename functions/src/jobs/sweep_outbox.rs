//! Every 5 minutes: delivers the outbox envelopes still pending a few minutes after they were
//! written (a stream batch lost or parked in the on-failure queue, SES back after an outage),
//! oldest first, and reports the age of the oldest pending one as a CloudWatch metric
//! (embedded metric format: `Mecenat/Outbox OldestPendingSeconds`), which an alarm watches.
//! `{"all": true}` delivers every pending envelope whatever its age (the operator's replay
//! after the on-failure queue filled up; see the README's runbook).

use chrono::Duration;
use serde_json::{json, Value};

use shared::app::App;
use shared::error::ApiError;
use shared::store::outbox;

/// Younger envelopes are the stream's.
pub const GRACE: Duration = Duration::minutes(2);
/// Envelopes delivered per run at most (the next run continues).
const PER_RUN: i32 = 200;

pub async fn run(app: &App, event: Value) -> Result<Value, ApiError> {
    let now = app.now();
    let all = event.get("all").and_then(Value::as_bool).unwrap_or(false);
    let due = outbox::pending(&app.store, (!all).then(|| now - GRACE), PER_RUN).await?;
    let (mut delivered, mut failed, mut sent) = (0, 0, 0);
    for p in &due {
        match shared::outbox::deliver(app, &p.id).await {
            Ok(d) if d.skipped => {}
            Ok(d) => {
                delivered += 1;
                sent += d.sent;
            }
            Err(e) => {
                failed += 1;
                tracing::warn!(envelope = %p.id, error = %e, "envelope still not delivered");
            }
        }
    }
    let oldest = outbox::pending(&app.store, None, 1).await?.first().map(|p| (app.now() - p.created_at).num_seconds().max(0)).unwrap_or(0);
    shared::telemetry::metric("Outbox", "OldestPendingSeconds", oldest as f64, "Seconds");
    let report =
        json!({ "due": due.len(), "delivered": delivered, "emails_sent": sent, "failed": failed, "oldest_pending_seconds": oldest });
    tracing::info!(%report, "outbox sweep");
    if failed > 0 && delivered == 0 {
        // Nothing went out: a failed run, visible in the function's errors.
        return Err(ApiError::Unavailable(format!("outbox sweep: {failed} envelopes not delivered")));
    }
    Ok(report)
}

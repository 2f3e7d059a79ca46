//! SES's bounce and complaint notifications (configuration set → SNS): a permanent bounce or
//! a complaint marks the address undeliverable, so that the outbox never sends to it again;
//! a date request waiting for that manager is flagged, so that the employee sees "l'adresse
//! de ton manager est introuvable" on the engagement and in the to-do list, and sends the
//! request again to the right address. Transient bounces change nothing.

use serde_json::{json, Value};

use shared::app::App;
use shared::error::ApiError;
use shared::store::suppressions::{self, Suppressed};

pub async fn run(app: &App, event: Value) -> Result<Value, ApiError> {
    let now = app.now();
    let feedback = shared::domain::email::undeliverable(&event);
    let mut flagged = 0;
    for (address, reason) in &feedback {
        suppressions::suppress(&app.store, &Suppressed { email: address.clone(), reason: reason.to_string(), at: now }).await?;
        flagged += shared::areas::engagements::manager_unreachable(app, address).await?;
    }
    let report = json!({ "suppressed": feedback.len(), "requests_flagged": flagged });
    tracing::info!(%report, "mail feedback");
    Ok(report)
}

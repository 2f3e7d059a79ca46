//! POST /engagements/{engagementId}/convention/reminders — "Relancer": a party to the
//! convention reminds one that has not signed the current version, now, with the link to it;
//! at most once per 24 hours per party (a second try is a 409 saying how long is left; the
//! conditional write of the reminder's record refuses a concurrent one). Nobody who signed
//! is reminded.

use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use shared::app::App;
use shared::areas::convention::signature_reminders;
use shared::areas::engagements::engagement_for;
use shared::domain::engagement::Signatory;
use shared::domain::error::{DomainError, Refusal};
use shared::domain::reminders::cooldown_over;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::store::reminders;
use shared::texts::{emails::SignatureReminder, err};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RemindInput {
    signatory: Option<String>,
}

#[derive(Serialize)]
struct Reminded {
    signatory: Signatory,
    sent_at: chrono::DateTime<chrono::Utc>,
    next_possible_at: chrono::DateTime<chrono::Utc>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, id, input): (_, _, RemindInput) = http::caller_id_body(&req, "engagementId")?;
    let Some(signatory) = input.signatory.as_deref().map(str::trim).and_then(Signatory::parse) else {
        return Err(ApiError::field("signatory", err::BAD_SIGNATORY));
    };
    let (engagement, _) = engagement_for(app, &caller, &id).await?;
    if !engagement.pending_signatories().contains(&signatory) {
        return Err(ApiError::Conflict(err::NOTHING_TO_REMIND.into()));
    }
    let (now, version, party) = (app.now(), engagement.convention_version(), signatory.as_str());
    let last = reminders::last_nudge(&app.store, &engagement.id, version, party).await?;
    cooldown_over(last, now).map_err(|next_at| DomainError::Conflict(Refusal::TooSoon { next_at, now }))?;
    let letters = signature_reminders(app, &engagement, Some(signatory), SignatureReminder::OnDemand).await?;
    if letters.is_empty() {
        return Err(ApiError::Conflict(err::NO_ADDRESS_TO_REMIND.into()));
    }
    let mut writes = vec![reminders::record_nudge(&app.store, &engagement.id, version, party, now)?];
    writes.extend(shared::outbox::queue(app, "signature reminder on demand", letters).await?);
    let next_possible_at = now + shared::domain::reminders::RESEND_COOLDOWN;
    if app.store.transact("TransactWriteItems signature reminder on demand", writes).await?.is_err() {
        return Err(DomainError::Conflict(Refusal::TooSoon { next_at: next_possible_at, now }).into());
    }
    http::ok(&Reminded { signatory, sent_at: now, next_possible_at })
}

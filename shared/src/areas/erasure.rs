//! Erasing a person (account deletion, or inactivity): at once, their open engagements are
//! cancelled (the association told, the days released with their ledger), their engagements
//! anonymised and kept for the retention period (`domain::erasure`), their suggestions
//! anonymised, their HR line and their own partition (profile, preferences and alert
//! subscription, favourites, history, quiz answers, proposals, ledger, counters) deleted.
//! What else names them (e-mails sent, audit entries, tokens, other people's records) is
//! scrubbed by the nightly purge, which reads the erasure record (`ERASURE#<id>`, kept until
//! then: it holds the address and name to look for, and expires in 30 days at the latest).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::app::App;
use crate::areas::engagements::engagements_of;
use crate::areas::suggestions::{self, Suggestion};
use crate::domain::engagement::Engagement;
use crate::domain::erasure;
use crate::domain::user::User;
use crate::error::ApiResult;
use crate::keys;
use crate::store::erasures;
pub use crate::store::erasures::{pending, scrub_item, Erasure, ItemScrub};
use crate::texts::emails;

/// What the erasure did at once.
#[derive(Debug, Clone, Serialize)]
pub struct Erased {
    pub erasure_id: String,
    pub engagements_cancelled: usize,
    pub engagements_kept: usize,
    pub retained_until: Option<chrono::NaiveDate>,
}

pub async fn erase(app: &App, user: &User, cause: &str) -> ApiResult<Erased> {
    let now = app.now();
    let id = uuid::Uuid::now_v7().simple().to_string();
    let (alias_email, _) = erasure::alias(&id);
    let record = Erasure {
        id: id.clone(),
        // The address, the full name, and the identity provider's identifier (in keys and
        // audit entries).
        needles: vec![user.email.as_str().to_string(), user.full_name(), user.sub.clone()],
        alias: alias_email,
        company_id: user.company_id.clone(),
        created_at: now,
        cause: cause.to_string(),
    };
    // The record first: whatever fails after, the purge still scrubs them.
    erasures::put_record(&app.store, &record).await?;

    let (mut cancelled, mut kept, mut retained_until) = (0, 0, None);
    for engagement in engagements_of(&app.store, &user.sub).await? {
        cancelled += usize::from(cancel_if_open(app, &engagement, now).await?);
        // Read again (the cancellation moved its version); a write between the read and
        // ours (the association attesting a day) is read again, three times at most.
        for _ in 0..3 {
            let Some(current) = crate::store::engagements::get(&app.store, &engagement.id).await? else { break };
            let expected = current.version;
            let anonymous = erasure::anonymise(current, &id, now);
            let write = crate::store::engagements::put_if_version(&app.store, &anonymous, expected)?;
            if app.store.transact("TransactWriteItems anonymise engagement", vec![write]).await?.is_ok() {
                retained_until = retained_until.max(anonymous.retain_until);
                break;
            }
        }
        kept += 1;
    }
    let theirs: Vec<Suggestion> = crate::store::community::suggestions_by(&app.store, &user.sub).await?;
    let mut puts = Vec::new();
    for mut x in theirs {
        x.suggested_by.sub = format!("erased-{id}");
        x.suggested_by.name = format!("{} {}", erasure::ALIAS_FIRST_NAME, erasure::ALIAS_LAST_NAME);
        x.suggested_by.first_name = erasure::ALIAS_FIRST_NAME.into();
        x.suggested_by.email = record.alias.clone();
        puts.push(suggestions::item(&x)?);
    }
    app.store.put_all("BatchWriteItem anonymise suggestions", puts).await?;
    let mut deletes: Vec<(String, String)> = Vec::new();
    if let Some(company) = &user.company_id {
        deletes.push((keys::company(company), keys::hr(user.email.as_str())));
    }
    deletes.push((keys::suppressed(user.email.as_str()), keys::SUPPRESSED_SK.to_string()));
    // The profile last: a retried erasure still finds the person.
    deletes.extend(erasures::own_partition(&app.store, &user.sub).await?);
    app.store.delete_all("BatchWriteItem erase", deletes).await?;
    Ok(Erased { erasure_id: id, engagements_cancelled: cancelled, engagements_kept: kept, retained_until })
}

/// Cancels an engagement still under way (the association and support told, the days
/// released); `false` when it is over or cannot be cancelled any more.
async fn cancel_if_open(app: &App, engagement: &Engagement, now: DateTime<Utc>) -> ApiResult<bool> {
    if !engagement.state.is_open() {
        return Ok(false);
    }
    let mut next = engagement.clone();
    let Ok(released) = next.cancel(now) else { return Ok(false) };
    let mut writes = vec![crate::store::engagements::put_if_version(&app.store, &next, engagement.version)?];
    let released = crate::areas::dates::released_entries(&next.requests, &released);
    writes.extend(crate::store::ledger::release(&app.store, &engagement.employee.sub, &released)?);
    let letter = emails::cancellation(
        vec![engagement.referent.email.as_str().to_string(), app.config.support_email.clone()],
        &engagement.employee.full_name(),
        &engagement.employee.email,
        &engagement.mission_title,
        &crate::texts::cancelled_what(None),
        Some(crate::texts::err::CANCELLED_BY_ERASURE),
    );
    writes.extend(crate::outbox::queue(app, "cancellation", vec![letter]).await?);
    Ok(app.store.transact("TransactWriteItems cancellation on erasure", writes).await?.is_ok())
}

//! Every 2 minutes: one alert e-mail per subscriber whose digest is due, listing the missions
//! published since that subscriber's cursor that match their preferences (C3).
//!
//! - Who is due: immediate subscribers whose cursor is behind the newest publication, and
//!   daily/weekly subscribers whose due time has come (two Queries of a sparse index).
//! - What is new: missions published after the cursor and up to `cutoff` (now minus a
//!   settling delay, so that a publication still propagating to the index is not skipped).
//! - Never twice: a subscriber's cursor is moved to `cutoff` by a write conditional on the
//!   version read, in the same transaction as the digest's outbox envelope (after the
//!   e-mail's unsubscribe token is stored); a retried or overlapping run fails that condition
//!   and skips them. The digest is queued at most once per period and delivered by the
//!   outbox at least once: a send that fails is retried, not lost.
//! - Scale: the outbox paces sending under the SES rate (`SES_MAX_SEND_RATE`); a run stops
//!   claiming subscribers when its budget (`DIGEST_RUN_SECONDS`) is spent, and the next run,
//!   two minutes later, continues with those still due; a lease keeps runs from overlapping.
//!   See the README ("Alert digests").

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use futures_util::StreamExt;
use serde_json::{json, Value};

use shared::alerts::{self, Masks, Subscription};
use shared::app::App;
use shared::areas::unsubscribe;
use shared::catalogue::IndexedMission;
use shared::domain::association::Association;
use shared::domain::preferences::{next_due, rank};
use shared::error::{ApiError, ApiResult};
use shared::store::preferences;
use shared::texts::emails;

/// Publications younger than this are left to the next run (index propagation).
pub const SETTLE: Duration = Duration::seconds(60);
/// At most this many missions are listed in one e-mail; the rest are counted and linked.
pub const MAX_LISTED: usize = 10;
/// Subscribers handled at the same time (each: one token, one transaction).
const CONCURRENCY: usize = 16;

/// A mission that may go into digests, with what matching needs.
pub struct Candidate {
    pub mission: Arc<IndexedMission>,
    pub association: Option<Arc<Association>>,
    pub masks: Masks,
    pub published: DateTime<Utc>,
}

impl Candidate {
    /// The mission (decoded at its first use; those the index could not decode are left out).
    pub fn mission(&self) -> ApiResult<&shared::domain::mission::Mission> {
        self.mission.mission()
    }
}

/// What one subscriber gets: matching candidates published in (cursor, cutoff], ranked.
pub fn select<'a>(
    s: &Subscription,
    candidates: &'a [&'a Candidate],
    cutoff: DateTime<Utc>,
) -> Vec<(shared::domain::preferences::Match, &'a Candidate)> {
    let since = s.alert_cursor.unwrap_or(cutoff);
    let mine = Masks::of_preferences(&s.preferences);
    let mut picked: Vec<_> = candidates
        .iter()
        .filter(|c| c.published > since && c.published <= cutoff && mine.score(c.masks) > 0)
        .filter_map(|c| Some((s.preferences.score(c.mission().ok()?), c.mission().ok()?, *c)))
        .collect();
    rank(&mut picked);
    picked.into_iter().map(|(m, _, c)| (m, c)).collect()
}

#[derive(Default)]
struct Tally {
    sent: AtomicUsize,
    nothing_new: AtomicUsize,
    taken_by_another_run: AtomicUsize,
    deferred: AtomicUsize,
    failed: AtomicUsize,
}

pub async fn run(app: &App, _event: Value) -> Result<Value, ApiError> {
    // One run at a time: two would only compete for the same subscribers.
    let lease_ttl = chrono::Duration::from_std(app.config.digest_run_budget).unwrap_or_default() + chrono::Duration::seconds(30);
    let Some(lease) = shared::store::leases::take(app, "send-alert-digests", lease_ttl).await? else {
        return Ok(json!({ "skipped": "another run is in progress", "sent": 0 }));
    };
    lease.around(app, digests(app)).await
}

async fn digests(app: &App) -> Result<Value, ApiError> {
    let started = Instant::now();
    let now = app.now();
    let cutoff = now - SETTLE;

    let published = published_until(app, cutoff).await?;
    // Who is due.
    let mut due: Vec<Subscription> = Vec::new();
    if let Some(newest) = published.first().map(|c| c.published) {
        due.extend(preferences::immediate_subscribers(&app.store, newest).await?);
    }
    due.extend(preferences::scheduled_subscribers(&app.store, now).await?);
    let read = due.len();

    // Which candidates each company sees.
    let by_company: HashMap<&str, Vec<&Candidate>> = {
        let state = app.catalogue.cached(&app.store).await?;
        let mut map: HashMap<&str, Vec<&Candidate>> = HashMap::new();
        for s in &due {
            map.entry(s.company_id.as_str())
                .or_insert_with(|| published.iter().filter(|c| state.partners(&s.company_id, &c.mission.association_id)).collect());
        }
        map
    };

    let tally = Tally::default();
    let budget = app.config.digest_run_budget;
    // Boxed futures: the combinator's closure must be `Send` for every lifetime (a spawned
    // runtime needs it), which the compiler cannot prove for an `async move` block here.
    let work: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + '_>>> = due
        .iter()
        .map(|sub| {
            let candidates: &[&Candidate] = by_company.get(sub.company_id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
            let tally = &tally;
            Box::pin(async move {
                if started.elapsed() >= budget {
                    tally.deferred.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                if let Err(e) = one(app, sub, candidates, now, cutoff, tally).await {
                    tracing::error!(error = %e, sub = %sub.sub, "digest not sent");
                    tally.failed.fetch_add(1, Ordering::Relaxed);
                }
            }) as std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send + '_>>
        })
        .collect();
    futures_util::stream::iter(work).buffer_unordered(CONCURRENCY).collect::<Vec<()>>().await;
    let report = tally.report(read, cutoff, started);
    tracing::info!(report = %report, "alert digests");
    Ok(report)
}

/// Every published mission up to the cutoff, newest first.
async fn published_until(app: &App, cutoff: DateTime<Utc>) -> ApiResult<Vec<Candidate>> {
    let mut state = app.catalogue.fresh(&app.store).await?;
    Ok(state
        .published()
        .into_iter()
        .filter_map(|m| {
            let published = DateTime::from_timestamp_millis(m.published_ms())?;
            (published <= cutoff).then(|| Candidate {
                association: state.association(&m.association_id).cloned(),
                masks: m.masks(),
                published,
                mission: m,
            })
        })
        .collect())
}

impl Tally {
    fn report(&self, read: usize, cutoff: DateTime<Utc>, started: Instant) -> Value {
        json!({
            "subscribers_due": read,
            "sent": self.sent.load(Ordering::Relaxed),
            "nothing_new": self.nothing_new.load(Ordering::Relaxed),
            "taken_by_another_run": self.taken_by_another_run.load(Ordering::Relaxed),
            "deferred_to_next_run": self.deferred.load(Ordering::Relaxed),
            "failed": self.failed.load(Ordering::Relaxed),
            "cutoff": shared::keys::timestamp(cutoff),
            "elapsed_ms": started.elapsed().as_millis() as u64,
        })
    }
}

/// One subscriber: move the cursor and queue the digest, in one conditional transaction.
async fn one(
    app: &App,
    sub: &Subscription,
    candidates: &[&Candidate],
    now: DateTime<Utc>,
    cutoff: DateTime<Utc>,
    tally: &Tally,
) -> ApiResult<()> {
    let picked = select(sub, candidates, cutoff);
    let mut next = sub.clone();
    next.alert_cursor = Some(cutoff);
    next.alert_due = Some(next_due(sub.alert_frequency, now));
    next.version = sub.version + 1;
    if picked.is_empty() {
        let moved = preferences::move_cursor(&app.store, sub, &next, "UpdateItem digest cursor").await?;
        let counter = if moved { &tally.nothing_new } else { &tally.taken_by_another_run };
        counter.fetch_add(1, Ordering::Relaxed);
        return Ok(());
    }
    next.last_digest_at = Some(now);
    let token = unsubscribe::issue(app, &sub.sub, now).await?;
    let lines: Vec<emails::MissionLine> = picked
        .iter()
        .take(MAX_LISTED)
        .map(|(m, c)| Ok(alerts::mission_line(&app.config, c.mission()?, c.association.as_deref(), m.reason_labels())))
        .collect::<ApiResult<_>>()?;
    let unsubscribe_url = unsubscribe::url(app, &token);
    let letter =
        emails::alert_digest(&sub.email, &sub.first_name, &lines, picked.len(), &shared::links::catalogue(&app.config), &unsubscribe_url);
    let mut writes = vec![preferences::move_cursor_in_tx(&app.store, sub, &next)?];
    writes.extend(shared::outbox::queue(app, "alert digest", vec![alerts::with_unsubscribe(letter, &unsubscribe_url)]).await?);
    if app.store.transact("TransactWriteItems digest", writes).await?.is_err() {
        tally.taken_by_another_run.fetch_add(1, Ordering::Relaxed);
        return Ok(());
    }
    tally.sent.fetch_add(1, Ordering::Relaxed);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequencies_serialise_as_stored() {
        use shared::domain::preferences::Frequency;
        assert_eq!(serde_json::to_value(Frequency::Immediately).unwrap(), json!("immediately"));
    }
}

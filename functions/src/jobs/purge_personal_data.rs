//! Every night at 02:00 UTC: one Scan of the table does the personal-data work that has no
//! index of its own.
//! - **Erasures**: any item that still mentions an erased person (their address or full
//!   name: e-mails sent, audit entries, tokens, other people's records) is rewritten with the
//!   alias; an item whose key holds them is deleted. The erasure records found at the start
//!   are finished after the whole table was read.
//! - **Retention**: an anonymised engagement past its retention date goes, with its
//!   documents (conventions and assessments).
//! - **Inactivity**: an account unused for `INACTIVE_ACCOUNT_YEARS` (3 by default) is warned
//!   a month and a week before, each warning claimed on the profile with its e-mail in one
//!   transaction (once, even when the run is retried), then erased like a deleted account.
//!
//! A run that fails is retried by the schedule's policy; each step is idempotent (a rewrite
//! writes the same alias, a deletion deletes nothing the second time). A scrubbed item is
//! rewritten only if it is still the one read (its version or `updated_at`); one that changed
//! meanwhile keeps the erasures pending, for the next night.

use serde_json::{json, Value};

use shared::app::App;
use shared::areas::erasure::{self, ItemScrub};
use shared::domain::engagement::Engagement;
use shared::domain::erasure::{inactivity, past_retention, Inactivity};
use shared::domain::user::{Role, User};
use shared::error::ApiError;
use shared::keys;
use shared::store::{self, Item};
use shared::texts::emails;

pub async fn run(app: &App, _event: Value) -> Result<Value, ApiError> {
    let erasures = erasure::pending(&app.store).await?;
    let today = app.now().date_naive();
    let (mut scanned, mut scrubbed, mut deleted, mut purged, mut warned, mut erased) = (0, 0, 0, 0, 0, 0);
    let mut changed_meanwhile = 0;
    let mut start: Option<Item> = None;
    loop {
        let (items, next) = app.store.scan_page(start).await?;
        let mut deletes = Vec::new();
        for item in items {
            scanned += 1;
            let key = || {
                (
                    store::string(&item, keys::PK).unwrap_or_default().to_string(),
                    store::string(&item, keys::SK).unwrap_or_default().to_string(),
                )
            };
            if !erasures.is_empty() {
                match erasure::scrub_item(&item, &erasures) {
                    ItemScrub::Unchanged => {}
                    ItemScrub::Delete => {
                        deletes.push(key());
                        deleted += 1;
                        continue;
                    }
                    ItemScrub::Changed(clean) => {
                        if shared::store::erasures::rewrite(&app.store, &item, clean).await? {
                            scrubbed += 1;
                        } else {
                            changed_meanwhile += 1;
                        }
                        continue;
                    }
                }
            }
            match store::string(&item, keys::ENTITY_TYPE) {
                Some("Engagement") => {
                    let e: Engagement = store::from_item(item.clone())?;
                    if past_retention(&e, today) {
                        for prefix in shared::documents::keys::engagement_documents(&e.id) {
                            app.documents.delete_prefix(&prefix).await?;
                        }
                        deletes.push(key());
                        purged += 1;
                    }
                }
                Some("User") => {
                    let user: User = store::from_item(item.clone())?;
                    match check_activity(app, &user, today).await? {
                        Some(true) => erased += 1,
                        Some(false) => warned += 1,
                        None => {}
                    }
                }
                _ => {}
            }
        }
        app.store.delete_all("BatchWriteItem purge", deletes).await?;
        match next {
            Some(key) => start = Some(key),
            None => break,
        }
    }
    if changed_meanwhile == 0 {
        for e in &erasures {
            shared::store::erasures::finish(&app.store, e).await?;
        }
    }
    let report = json!({
        "scanned": scanned, "erasures": erasures.len(), "scrubbed": scrubbed, "deleted": deleted,
        "changed_meanwhile": changed_meanwhile, "engagements_purged": purged, "inactivity_warnings": warned, "inactive_erased": erased,
    });
    tracing::info!(%report, "personal data purge");
    Ok(report)
}

/// Warns or erases an account unused too long: `Some(true)` erased, `Some(false)` warned.
async fn check_activity(app: &App, user: &User, today: chrono::NaiveDate) -> Result<Option<bool>, ApiError> {
    if user.role == Role::Operator {
        return Ok(None);
    }
    let last_seen = user.last_seen_at.unwrap_or(user.created_at).date_naive();
    match inactivity(last_seen, app.config.inactive_account_years, user.inactivity_warnings, today) {
        Inactivity::Nothing => Ok(None),
        Inactivity::Erase => {
            erasure::erase(app, user, "inactive").await?;
            Ok(Some(true))
        }
        Inactivity::Warn { number, erased_on } => {
            let letter = emails::inactivity_warning(
                user.email.as_str(),
                &user.first_name,
                &shared::texts::date_fr(erased_on),
                number == 2,
                &shared::links::catalogue(&app.config),
            );
            let mut writes = vec![shared::store::users::warned_in_tx(&app.store, user, number)?];
            writes.extend(shared::outbox::queue(app, "inactivity warning", [letter]).await?);
            Ok(app.store.transact("TransactWriteItems inactivity warning", writes).await?.is_ok().then_some(false))
        }
    }
}

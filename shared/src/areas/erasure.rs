//! Erasing a person (account deletion, or inactivity): at once, their open engagements are
//! cancelled (the association told, the days released with their ledger), their engagements
//! anonymised and kept for the retention period (`domain::erasure`), their suggestions
//! anonymised, their HR line and their own partition (profile, preferences and alert
//! subscription, favourites, history, quiz answers, proposals, ledger, counters) deleted.
//! What else names them (e-mails sent, audit entries, tokens, other people's records) is
//! scrubbed by the nightly purge, which reads the erasure record (`ERASURE#<id>`, kept until
//! then: it holds the address and name to look for, and expires in 30 days at the latest).

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::app::App;
use crate::areas::engagements::engagements_of;
use crate::areas::suggestions::{self, Suggestion};
use crate::domain::engagement::Engagement;
use crate::domain::erasure::{self, Scrubbed};
use crate::domain::user::User;
use crate::error::ApiResult;
use crate::keys;
use crate::store::query::{On, Query};
use crate::store::{self, s, Expect, Item};
use crate::texts::emails;

/// What the nightly purge must still scrub of an erased person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Erasure {
    pub id: String,
    /// The address, the full name and the identifier to look for.
    pub needles: Vec<String>,
    /// What replaces them.
    pub alias: String,
    pub company_id: Option<String>,
    pub created_at: DateTime<Utc>,
    /// `deleted` (the person asked) or `inactive`.
    pub cause: String,
}

/// How long an erasure record may live (the purge runs every night).
const RECORD_DAYS: i64 = 30;

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
    let mut item = store::item("Erasure", &keys::erasure(&id), keys::ERASURE_SK, &record)?;
    item.insert(keys::GSI1PK.into(), s(keys::ERASURES_PENDING));
    item.insert(keys::GSI1SK.into(), s(keys::dated(&keys::timestamp(now), &id)));
    item.insert(keys::TTL.into(), AttributeValue::N((now + chrono::Duration::days(RECORD_DAYS)).timestamp().to_string()));
    app.store.put_expecting("PutItem erasure", item, Expect::New).await?;

    let (mut cancelled, mut kept, mut retained_until) = (0, 0, None);
    for engagement in engagements_of(&app.store, &user.sub).await? {
        cancelled += usize::from(cancel_if_open(app, &engagement, now).await?);
        // Read again: the cancellation moved its version.
        let Some(current) = crate::store::engagements::get(&app.store, &engagement.id).await? else { continue };
        let expected = current.version;
        let anonymous = erasure::anonymise(current, &id, now);
        retained_until = retained_until.max(anonymous.retain_until);
        app.store
            .transact(
                "TransactWriteItems anonymise engagement",
                vec![crate::store::engagements::put_if_version(&app.store, &anonymous, expected)?],
            )
            .await?
            .ok();
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
    let own: Vec<Item> = app.store.items("Query own partition", &Query::on(On::Table, keys::user(&user.sub))).await?;
    // The profile last: a retried erasure still finds the person.
    let mut own_keys: Vec<(String, String)> =
        own.iter().filter_map(|i| Some((store::string(i, keys::PK)?.to_string(), store::string(i, keys::SK)?.to_string()))).collect();
    own_keys.sort_by_key(|(_, sk)| sk == keys::PROFILE);
    deletes.extend(own_keys);
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

/// The erasures the purge has not finished.
pub async fn pending(app: &App) -> ApiResult<Vec<Erasure>> {
    app.store.fetch("Query erasures", &Query::on(On::Gsi1, keys::ERASURES_PENDING)).await
}

/// What scrubbing an item found.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemScrub {
    Unchanged,
    /// The item with every mention replaced (and the index keys that held one removed).
    Changed(Item),
    /// Its own key names the person: the item goes.
    Delete,
}

const KEY_ATTRIBUTES: [&str; 2] = [keys::PK, keys::SK];
const INDEX_KEYS: [(&str, &str); 4] =
    [(keys::GSI1PK, keys::GSI1SK), (keys::GSI2PK, keys::GSI2SK), (keys::GSI3PK, keys::GSI3SK), (keys::GSI4PK, keys::GSI4SK)];

/// Scrubs every erased person of one stored item (the erasure records themselves excepted).
pub fn scrub_item(item: &Item, erasures: &[Erasure]) -> ItemScrub {
    if store::string(item, keys::ENTITY_TYPE) == Some("Erasure") {
        return ItemScrub::Unchanged;
    }
    let mentions = |text: &str, e: &Erasure| matches!(erasure::scrub(text, &e.needles, &e.alias), Scrubbed::Changed(_));
    for e in erasures {
        if KEY_ATTRIBUTES.iter().any(|k| store::string(item, k).is_some_and(|v| mentions(v, e))) {
            return ItemScrub::Delete;
        }
    }
    let mut out = item.clone();
    let mut changed = false;
    for (pk, sk) in INDEX_KEYS {
        if [pk, sk].iter().any(|k| store::string(item, k).is_some_and(|v| erasures.iter().any(|e| mentions(v, e)))) {
            out.remove(pk);
            out.remove(sk);
            changed = true;
        }
    }
    for (name, value) in out.iter_mut() {
        if KEY_ATTRIBUTES.contains(&name.as_str()) || INDEX_KEYS.iter().any(|(p, s)| p == name || s == name) {
            continue;
        }
        changed |= scrub_value(value, erasures);
    }
    if changed {
        ItemScrub::Changed(out)
    } else {
        ItemScrub::Unchanged
    }
}

fn scrub_value(value: &mut AttributeValue, erasures: &[Erasure]) -> bool {
    match value {
        AttributeValue::S(text) => {
            let mut changed = false;
            for e in erasures {
                if let Scrubbed::Changed(t) = erasure::scrub(text, &e.needles, &e.alias) {
                    *text = t;
                    changed = true;
                }
            }
            changed
        }
        AttributeValue::L(list) => list.iter_mut().fold(false, |c, v| scrub_value(v, erasures) | c),
        AttributeValue::M(map) => map.values_mut().fold(false, |c, v| scrub_value(v, erasures) | c),
        AttributeValue::Ss(set) => {
            let mut changed = false;
            for text in set.iter_mut() {
                let mut v = AttributeValue::S(std::mem::take(text));
                changed |= scrub_value(&mut v, erasures);
                if let AttributeValue::S(t) = v {
                    *text = t;
                }
            }
            changed
        }
        _ => false,
    }
}

/// Marks an erasure done (the purge scrubbed the whole table of it).
pub async fn finish(app: &App, e: &Erasure) -> ApiResult<()> {
    app.store.delete_all("DeleteItem erasure", vec![(keys::erasure(&e.id), keys::ERASURE_SK.to_string())]).await
}

/// The attribute map of a test item, from pairs.
#[cfg(test)]
fn item_of(pairs: &[(&str, &str)]) -> Item {
    pairs.iter().map(|(k, v)| (k.to_string(), s(*v))).collect::<std::collections::HashMap<_, _>>()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn erasure() -> Erasure {
        Erasure {
            id: "x".into(),
            needles: vec!["ana@acme.example".into(), "Ana Martin".into()],
            alias: "compte-supprime-x@anonyme.invalid".into(),
            company_id: None,
            created_at: "2026-11-20T09:00:00Z".parse().unwrap(),
            cause: "deleted".into(),
        }
    }

    #[test]
    fn mentions_are_replaced_in_nested_values_and_index_keys_naming_them_dropped() {
        let mut item = item_of(&[("PK", "OUTBOX#1"), ("SK", "OUTBOX"), ("GSI3PK", "MGR#ana@acme.example"), ("GSI3SK", "ENG#1")]);
        item.insert(
            "letters".into(),
            AttributeValue::L(vec![AttributeValue::M(
                [("to".to_string(), AttributeValue::Ss(vec!["ANA@acme.example".into()])), ("text".to_string(), s("Bonjour Ana Martin !"))]
                    .into_iter()
                    .collect(),
            )]),
        );
        let ItemScrub::Changed(out) = scrub_item(&item, &[erasure()]) else { panic!("changed") };
        assert!(!out.contains_key("GSI3PK") && !out.contains_key("GSI3SK"));
        let text = format!("{:?}", out["letters"]);
        assert!(!text.to_lowercase().contains("ana@acme") && !text.contains("Ana Martin"), "{text}");
        assert!(text.contains("Bonjour compte-supprime-x@anonyme.invalid !"), "{text}");
    }

    #[test]
    fn an_item_whose_key_names_the_person_goes_and_others_stay() {
        assert_eq!(scrub_item(&item_of(&[("PK", "COMPANY#acme"), ("SK", "HR#ana@acme.example")]), &[erasure()]), ItemScrub::Delete);
        assert_eq!(scrub_item(&item_of(&[("PK", "MISSION#1"), ("SK", "MISSION"), ("title", "Ana")]), &[erasure()]), ItemScrub::Unchanged);
        let record = item_of(&[("PK", "ERASURE#x"), ("SK", "ERASURE"), ("entity_type", "Erasure"), ("n", "ana@acme.example")]);
        assert_eq!(scrub_item(&record, &[erasure()]), ItemScrub::Unchanged, "the record keeps what to look for");
    }
}

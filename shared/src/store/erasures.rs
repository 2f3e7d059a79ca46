//! Erasure records (`ERASURE#<id>` / `ERASURE`, pending on GSI1 `ERASURES#PENDING`, 30-day
//! TTL): what the nightly purge must still look for, and how it scrubs one stored item.

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::erasure::{self, Scrubbed};
use crate::error::ApiResult;
use crate::keys;
use crate::store::query::{On, Query};
use crate::store::{self, s, Expect, Item, Store};

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

/// Writes the record (it must be new).
pub async fn put_record(store: &Store, record: &Erasure) -> ApiResult<()> {
    let mut item = store::item("Erasure", &keys::erasure(&record.id), keys::ERASURE_SK, record)?;
    item.insert(keys::GSI1PK.into(), s(keys::ERASURES_PENDING));
    item.insert(keys::GSI1SK.into(), s(keys::dated(&keys::timestamp(record.created_at), &record.id)));
    item.insert(keys::TTL.into(), AttributeValue::N((record.created_at + chrono::Duration::days(RECORD_DAYS)).timestamp().to_string()));
    store.put_expecting("PutItem erasure", item, Expect::New).await.map(|_| ())
}

/// The keys of every item of a person's own partition, the profile last.
pub async fn own_partition(store: &Store, sub: &str) -> ApiResult<Vec<(String, String)>> {
    let own: Vec<Item> = store.items("Query own partition", &Query::on(On::Table, keys::user(sub))).await?;
    let mut keys: Vec<(String, String)> =
        own.iter().filter_map(|i| Some((store::string(i, keys::PK)?.to_string(), store::string(i, keys::SK)?.to_string()))).collect();
    keys.sort_by_key(|(_, sk)| sk == keys::PROFILE);
    Ok(keys)
}

/// The erasures the purge has not finished.
pub async fn pending(store: &Store) -> ApiResult<Vec<Erasure>> {
    store.fetch("Query erasures", &Query::on(On::Gsi1, keys::ERASURES_PENDING)).await
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
    // A link bound to them (unsubscribe, invitation) goes rather than pointing at the alias.
    if store::string(item, keys::ENTITY_TYPE) == Some("ActionToken") {
        let mut probe = item.clone();
        if probe.values_mut().any(|v| scrub_value(v, erasures)) {
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

/// Writes the scrubbed item in place of `original`, if it is still the one read (same
/// `version`, else same `updated_at`, else still there); `false` when it changed meanwhile.
pub async fn rewrite(store: &Store, original: &Item, clean: Item) -> ApiResult<bool> {
    let (condition, value) = match (original.get("version"), original.get("updated_at")) {
        (Some(v), _) => ("#c = :c", Some(("version", v.clone()))),
        (None, Some(u)) => ("#c = :c", Some(("updated_at", u.clone()))),
        (None, None) => ("attribute_exists(PK)", None),
    };
    let mut put = store.client.put_item().table_name(&store.table).set_item(Some(clean)).condition_expression(condition);
    if let Some((name, v)) = value {
        put = put.expression_attribute_names("#c", name).expression_attribute_values(":c", v);
    }
    match put.send().await {
        Ok(_) => Ok(true),
        Err(e) if store::is_conditional_failure(&e) => Ok(false),
        Err(e) => Err(store::sdk_error("PutItem scrub", e)),
    }
}

/// Marks an erasure done (the purge scrubbed the whole table of it).
pub async fn finish(store: &Store, e: &Erasure) -> ApiResult<()> {
    store.delete_all("DeleteItem erasure", vec![(keys::erasure(&e.id), keys::ERASURE_SK.to_string())]).await
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
        let token = item_of(&[("PK", "TOKEN#ab"), ("SK", "TOKEN"), ("entity_type", "ActionToken"), ("email", "ana@acme.example")]);
        assert_eq!(scrub_item(&token, &[erasure()]), ItemScrub::Delete, "her links go");
        let record = item_of(&[("PK", "ERASURE#x"), ("SK", "ERASURE"), ("entity_type", "Erasure"), ("n", "ana@acme.example")]);
        assert_eq!(scrub_item(&record, &[erasure()]), ItemScrub::Unchanged, "the record keeps what to look for");
    }
}

//! The back office's writes: companies (the item in the catalogue feed and one guard per
//! e-mail domain, a domain belonging to one company only), associations, partnerships, each
//! with its audit entry in the same transaction.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::query::{On, Query};
use super::{in_catalogue, item, s, Expect, Store, TxWrite};
use crate::domain::association::{Association, Partnership};
use crate::domain::company::{Company, Policy};
use crate::error::ApiResult;
use crate::keys;

/// Who changed what, when and from where: one entry per back-office change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: String,
    pub at: DateTime<Utc>,
    pub actor_sub: String,
    pub actor_email: String,
    pub ip: String,
    /// `company.created`, `association.created`, `partnership.changed`…
    pub action: String,
    /// Whose log it is in: a company's id, or `association:<id>` for an association's.
    pub scope: String,
    /// The change, as the API took it.
    pub changes: serde_json::Value,
}

/// The writes that create `company`: it must be new, and so must every guard of its domains
/// (the transaction's write names say which condition failed: `company`, `domain:<d>`).
pub fn create(store: &Store, company: &Company, audit: &AuditEntry, at: DateTime<Utc>) -> ApiResult<Vec<TxWrite>> {
    let mut writes = vec![TxWrite::put(
        store,
        "company",
        in_catalogue(item("Company", &keys::company(&company.id), keys::PROFILE, company)?, at),
        Expect::New,
    )?];
    for d in &company.email_domains {
        writes.push(TxWrite::put(store, domain_write(company, d), domain_guard(d, &company.id), Expect::New)?);
    }
    writes.push(audit_write(store, audit)?);
    Ok(writes)
}

/// A company as stored, with the catalogue revision it was read at (the condition of an
/// optimistic update).
pub async fn get_with_revision(store: &Store, id: &str) -> ApiResult<Option<(Company, String)>> {
    profile_with_revision(store, &keys::company(id)).await
}

/// A catalogue item's profile (`<pk>` / `PROFILE`) and its catalogue revision.
async fn profile_with_revision<T: serde::de::DeserializeOwned>(store: &Store, pk: &str) -> ApiResult<Option<(T, String)>> {
    let Some(item) = store.get(pk, keys::PROFILE).await? else { return Ok(None) };
    let revision = super::string(&item, keys::GSI2SK).unwrap_or_default().to_string();
    Ok(Some((super::from_item(item)?, revision)))
}

/// The writes that replace `before` by `after` (read at `revision`): the company item, if it
/// is still the one read (write `company`); the version kept (`VERSION#<at>#<audit id>`, the company's
/// history); the guards of the domains added (new: `domain <i>` fails if another company has
/// it) and removed (this company's only); the audit entry.
pub fn update(
    store: &Store,
    before: &Company,
    after: &Company,
    revision: &str,
    audit: &AuditEntry,
    at: DateTime<Utc>,
) -> ApiResult<Vec<TxWrite>> {
    let company = in_catalogue(item("Company", &keys::company(&after.id), keys::PROFILE, after)?, at);
    let mut writes = vec![TxWrite::put_if(store, "company", company, "GSI2SK = :rev", vec![(":rev", s(revision))])?];
    let version_sk = format!("VERSION#{}#{}", at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true), audit.id);
    writes.push(TxWrite::put(
        store,
        "company version",
        item("CompanyVersion", &keys::company(&after.id), &version_sk, after)?,
        Expect::New,
    )?);
    for d in after.email_domains.iter().filter(|d| !before.email_domains.contains(d)) {
        writes.push(TxWrite::put(store, domain_write(after, d), domain_guard(d, &after.id), Expect::New)?);
    }
    for d in before.email_domains.iter().filter(|d| !after.email_domains.contains(d)) {
        writes.push(TxWrite::delete_if(
            store,
            "domain removed",
            (&keys::domain(d), keys::DOMAIN_SK),
            "company_id = :c",
            vec![(":c", s(&after.id))],
        )?);
    }
    writes.push(audit_write(store, audit)?);
    Ok(writes)
}

/// An association as stored, with the catalogue revision it was read at.
pub async fn association_with_revision(store: &Store, id: &str) -> ApiResult<Option<(Association, String)>> {
    profile_with_revision(store, &keys::association(id)).await
}

/// The writes that replace an association (read at `revision`; write `association` fails if
/// it changed meanwhile): the item in the catalogue feed (its missions are re-indexed), the
/// version kept (`VERSION#<at>#<audit id>`), the audit entry.
pub fn update_association(
    store: &Store,
    after: &Association,
    revision: &str,
    audit: &AuditEntry,
    at: DateTime<Utc>,
) -> ApiResult<Vec<TxWrite>> {
    let pk = keys::association(&after.id);
    let association = in_catalogue(item("Association", &pk, keys::PROFILE, after)?, at);
    let version_sk = format!("VERSION#{}#{}", at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true), audit.id);
    Ok(vec![
        TxWrite::put_if(store, "association", association, "GSI2SK = :rev", vec![(":rev", s(revision))])?,
        TxWrite::put(store, "association version", item("AssociationVersion", &pk, &version_sk, after)?, Expect::New)?,
        audit_write(store, audit)?,
    ])
}

/// The item that gives `domain` to one company (under the domain's own key).
pub fn domain_guard(domain: &str, company_id: &str) -> super::Item {
    let mut guard = super::key(&keys::domain(domain), keys::DOMAIN_SK);
    guard.insert(keys::ENTITY_TYPE.into(), s("DomainGuard"));
    guard.insert("company_id".into(), s(company_id));
    guard
}

/// A partnership's item: under the company, findable from the association (GSI1), in the
/// catalogue feed as of `at`.
pub fn partnership_item(p: &Partnership, at: DateTime<Utc>) -> ApiResult<super::Item> {
    let mut item = item("Partnership", &keys::company(&p.company_id), &keys::partner(&p.association_id), p)?;
    item.insert(keys::GSI1PK.into(), s(keys::association(&p.association_id)));
    item.insert(keys::GSI1SK.into(), s(keys::partner_of(&p.company_id)));
    Ok(in_catalogue(item, at))
}

/// The name of the guard write of the `i`-th domain (transaction writes are named with
/// static strings: one per domain a company may have).
fn domain_write(company: &Company, domain: &str) -> &'static str {
    const NAMES: [&str; crate::domain::company::MAX_DOMAINS] = [
        "domain 0",
        "domain 1",
        "domain 2",
        "domain 3",
        "domain 4",
        "domain 5",
        "domain 6",
        "domain 7",
        "domain 8",
        "domain 9",
        "domain 10",
        "domain 11",
        "domain 12",
        "domain 13",
        "domain 14",
        "domain 15",
        "domain 16",
        "domain 17",
        "domain 18",
        "domain 19",
    ];
    let i = company.email_domains.iter().position(|d| d == domain).unwrap_or(0);
    NAMES.get(i).copied().unwrap_or("domain")
}

/// The index of the domain whose guard write failed, from its write name.
pub fn failed_domain(failed: &[&'static str]) -> Option<usize> {
    failed.iter().find_map(|n| n.strip_prefix("domain ")).and_then(|i| i.parse().ok())
}

/// The writes that add `association`: it must be new.
pub fn create_association(store: &Store, association: &Association, audit: &AuditEntry, at: DateTime<Utc>) -> ApiResult<Vec<TxWrite>> {
    let item = in_catalogue(item("Association", &keys::association(&association.id), keys::PROFILE, association)?, at);
    Ok(vec![TxWrite::put(store, "association", item, Expect::New)?, audit_write(store, audit)?])
}

/// The writes that start or end a partnership (the item stays, `active` says which: warm
/// search indexes learn it from the catalogue feed).
pub fn put_partnership(store: &Store, p: &Partnership, audit: &AuditEntry, at: DateTime<Utc>) -> ApiResult<Vec<TxWrite>> {
    Ok(vec![TxWrite::put(store, "partnership", partnership_item(p, at)?, Expect::Anything)?, audit_write(store, audit)?])
}

/// The audit entry's write, for a transaction of the change it records.
pub fn audit_in_tx(store: &Store, audit: &AuditEntry) -> ApiResult<TxWrite> {
    audit_write(store, audit)
}

fn audit_write(store: &Store, audit: &AuditEntry) -> ApiResult<TxWrite> {
    let sk = format!("{}#{}", audit.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true), audit.id);
    let mut entry = item("AuditEntry", &keys::audit(&audit.scope), &sk, audit)?;
    entry.insert(keys::GSI1PK.into(), s("AUDIT"));
    entry.insert(keys::GSI1SK.into(), s(&sk));
    TxWrite::put(store, "audit", entry, Expect::New)
}

/// The audit log, newest first: one scope's (a company's, or `association:<id>`), or every
/// scope's (the operator's view); one page of at most `limit` entries.
pub async fn audit_log(store: &Store, scope: Option<&str>, limit: i32) -> ApiResult<Vec<AuditEntry>> {
    let query = match scope {
        Some(scope) => Query::on(On::Table, keys::audit(scope)),
        None => Query::on(On::Gsi1, "AUDIT"),
    };
    store.fetch("Query audit log", &query.newest_first().limit(limit)).await
}

/// The writes that change a company's policy from `at` on: the company item (its catalogue
/// revision moves, so warm instances learn it), the policy kept as the version in force from
/// `at` (`POLICY#<at>`, the company's policy history), and the audit entry. Requests made before keep the days they booked: the
/// policy is only read when days are requested.
pub fn set_policy(store: &Store, company_id: &str, policy: &Policy, audit: &AuditEntry, at: DateTime<Utc>) -> ApiResult<Vec<TxWrite>> {
    let pk = keys::company(company_id);
    let value = serde_dynamo::to_attribute_value(policy).map_err(|e| crate::error::ApiError::unexpected("policy", e))?;
    let update = TxWrite::update(
        store,
        "company",
        (&pk, keys::PROFILE),
        "SET policy = :p, GSI2SK = :rev",
        "attribute_exists(PK)",
        vec![(":p", value), (":rev", s(keys::revision(at, &pk, keys::PROFILE)))],
    )?;
    let history_sk = format!("POLICY#{}", at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true));
    let history = TxWrite::put(store, "policy history", item("PolicyVersion", &pk, &history_sk, policy)?, Expect::New)?;
    Ok(vec![update, history, audit_write(store, audit)?])
}

//! The store: the only code that talks to DynamoDB (a test enforces it). Items are
//! (de)serialised with `serde_dynamo`, keys come from `keys`, SDK failures are mapped to
//! `ApiError` (throttling → 503). What every repository uses is here: the versioned put
//! (`put_versioned`, `Expect`), transactions of named writes whose cancellation says which
//! condition failed (`TxWrite`, `transact`, `Cancelled`), the one read-modify-write loop
//! (`retrying`) and the one Query shape (`query`). The modules below are the repositories,
//! one per aggregate.

use std::collections::HashMap;

use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::types::{
    AttributeValue, CancellationReason, Delete, DeleteRequest, Put, PutRequest, TransactWriteItem, Update, WriteRequest,
};
use query::{On, Query, Sort};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::keys;

pub type Item = HashMap<String, AttributeValue>;

/// The DynamoDB client the store is built on.
pub type DynamoClient = aws_sdk_dynamodb::Client;

pub fn client(sdk: &aws_config::SdkConfig) -> DynamoClient {
    aws_sdk_dynamodb::Client::new(sdk)
}

#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) client: aws_sdk_dynamodb::Client,
    pub(crate) table: String,
}

pub fn s(v: impl Into<String>) -> AttributeValue {
    AttributeValue::S(v.into())
}

/// An item for `value` under its key, tagged with its entity type.
pub fn item<T: Serialize>(entity_type: &str, pk: &str, sk: &str, value: &T) -> ApiResult<Item> {
    let mut item: Item = serde_dynamo::to_item(value).map_err(|e| ApiError::unexpected("serialise item", e))?;
    item.insert(keys::PK.into(), s(pk));
    item.insert(keys::SK.into(), s(sk));
    item.insert(keys::ENTITY_TYPE.into(), s(entity_type));
    Ok(item)
}

/// Adds the catalogue feed attributes (GSI2) to an item, with its revision.
pub fn in_catalogue(mut item: Item, at: chrono::DateTime<chrono::Utc>) -> Item {
    let pk = string(&item, keys::PK).unwrap_or_default().to_string();
    let sk = string(&item, keys::SK).unwrap_or_default().to_string();
    let partition = if string(&item, keys::ENTITY_TYPE) == Some("Mission") { keys::CATALOG } else { keys::DIRECTORY };
    item.insert(keys::GSI2PK.into(), s(partition));
    item.insert(keys::GSI2SK.into(), s(keys::revision(at, &pk, &sk)));
    item
}

/// An item as JSON (the catalogue snapshot keeps items so).
pub fn item_to_json(item: Item) -> ApiResult<serde_json::Value> {
    serde_dynamo::from_item(item).map_err(|e| ApiError::unexpected("snapshot item", e))
}

/// A JSON value of the snapshot as an item.
pub fn json_to_item(value: serde_json::Value) -> ApiResult<Item> {
    serde_dynamo::to_item(value).map_err(|e| ApiError::unexpected("snapshot item", e))
}

pub fn from_item<T: DeserializeOwned>(item: Item) -> ApiResult<T> {
    serde_dynamo::from_item(item).map_err(|e| ApiError::unexpected("deserialise item", e))
}

pub fn string<'a>(item: &'a Item, name: &str) -> Option<&'a str> {
    item.get(name).and_then(|v| v.as_s().ok()).map(String::as_str)
}

pub fn key(pk: &str, sk: &str) -> Item {
    HashMap::from([(keys::PK.to_string(), s(pk)), (keys::SK.to_string(), s(sk))])
}

/// Maps an SDK failure: throttling after the SDK's own retries is a 503, the rest a 500.
pub fn sdk_error<E, R>(operation: &'static str, e: SdkError<E, R>) -> ApiError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    let code = e.code().unwrap_or_default().to_string();
    if matches!(
        code.as_str(),
        "ThrottlingException"
            | "Throttling"
            | "ProvisionedThroughputExceededException"
            | "RequestLimitExceeded"
            | "TooManyRequestsException"
    ) {
        return ApiError::Unavailable(format!("{operation}: {code}"));
    }
    ApiError::unexpected(operation, e)
}

/// Whether an SDK failure is a failed condition of a single-item write.
pub fn is_conditional_failure<E: ProvideErrorMetadata, R>(e: &SdkError<E, R>) -> bool {
    e.code() == Some("ConditionalCheckFailedException")
}

/// The per-item cancellation codes of a cancelled transaction (`None` where the item passed).
pub fn cancellation_codes<R>(
    e: &SdkError<aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError, R>,
) -> Option<Vec<Option<String>>> {
    let service = e.as_service_error()?;
    let aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError::TransactionCanceledException(t) = service else {
        return None;
    };
    Some(t.cancellation_reasons().iter().map(|r: &CancellationReason| r.code().filter(|c| *c != "None").map(str::to_string)).collect())
}

impl Store {
    pub fn new(client: aws_sdk_dynamodb::Client, table: impl Into<String>) -> Self {
        Self { client, table: table.into() }
    }

    /// One strongly consistent read of an item.
    pub async fn get(&self, pk: &str, sk: &str) -> ApiResult<Option<Item>> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(key(pk, sk)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| sdk_error("GetItem", e))?;
        Ok(out.item)
    }

    pub async fn get_as<T: DeserializeOwned>(&self, pk: &str, sk: &str) -> ApiResult<Option<T>> {
        self.get(pk, sk).await?.map(from_item).transpose()
    }

    /// Puts an item that must not exist yet; `false` if it does.
    pub async fn put_new(&self, operation: &'static str, item: Item) -> ApiResult<bool> {
        self.put_if(operation, item, "attribute_not_exists(PK)").await
    }

    /// Puts an item whatever is stored under its key.
    pub async fn put(&self, operation: &'static str, item: Item) -> ApiResult<()> {
        self.put_expecting(operation, item, Expect::Anything).await.map(|_| ())
    }

    /// Replaces an item that must exist; `false` if it does not.
    pub async fn replace_existing(&self, operation: &'static str, item: Item) -> ApiResult<bool> {
        self.put_if(operation, item, "attribute_exists(PK)").await
    }

    async fn put_if(&self, operation: &'static str, item: Item, condition: &str) -> ApiResult<bool> {
        match self.client.put_item().table_name(&self.table).set_item(Some(item)).condition_expression(condition).send().await {
            Ok(_) => Ok(true),
            Err(e) if is_conditional_failure(&e) => Ok(false),
            Err(e) => Err(sdk_error(operation, e)),
        }
    }

    /// Deletes an item that must exist; `false` if it does not.
    pub async fn delete_existing(&self, operation: &'static str, pk: &str, sk: &str) -> ApiResult<bool> {
        let r = self
            .client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(pk, sk)))
            .condition_expression("attribute_exists(PK)")
            .send()
            .await;
        match r {
            Ok(_) => Ok(true),
            Err(e) if is_conditional_failure(&e) => Ok(false),
            Err(e) => Err(sdk_error(operation, e)),
        }
    }

    /// Every item of a partition, all pages.
    pub async fn query_partition<T: DeserializeOwned>(&self, operation: &'static str, pk: &str) -> ApiResult<Vec<T>> {
        self.fetch(operation, &Query::on(On::Table, pk)).await
    }

    /// Every item of a partition whose sort key starts with `prefix`, all pages.
    pub async fn query_prefix<T: DeserializeOwned>(&self, operation: &'static str, pk: &str, prefix: &str) -> ApiResult<Vec<T>> {
        self.fetch(operation, &Query::on(On::Table, pk).sort(Sort::Prefix(prefix.into()))).await
    }

    /// One page of a Scan of the whole table (what the nightly purge reads), from `start`;
    /// the items and where the next page starts (`None`: the last page).
    pub async fn scan_page(&self, start: Option<Item>) -> ApiResult<(Vec<Item>, Option<Item>)> {
        let out =
            self.client.scan().table_name(&self.table).set_exclusive_start_key(start).send().await.map_err(|e| sdk_error("Scan", e))?;
        Ok((out.items.unwrap_or_default(), out.last_evaluated_key))
    }

    /// The items of these keys that exist: strongly consistent BatchGetItems of 100 keys,
    /// what DynamoDB leaves unprocessed asked again (still unprocessed after 5 rounds: 503).
    pub async fn batch_get(&self, operation: &'static str, keys: Vec<Item>) -> ApiResult<Vec<Item>> {
        use aws_sdk_dynamodb::types::KeysAndAttributes;
        let mut out = Vec::new();
        for chunk in keys.chunks(100) {
            let mut keys: Vec<Item> = chunk.to_vec();
            for _ in 0..5 {
                if keys.is_empty() {
                    break;
                }
                let request = KeysAndAttributes::builder()
                    .set_keys(Some(std::mem::take(&mut keys)))
                    .consistent_read(true)
                    .build()
                    .map_err(|e| ApiError::unexpected("build batch get", e))?;
                let r =
                    self.client.batch_get_item().request_items(&self.table, request).send().await.map_err(|e| sdk_error(operation, e))?;
                out.extend(r.responses.and_then(|mut t| t.remove(&self.table)).unwrap_or_default());
                keys = r.unprocessed_keys.and_then(|mut u| u.remove(&self.table)).map(|k| k.keys).unwrap_or_default();
            }
            if !keys.is_empty() {
                return Err(ApiError::Unavailable(format!("{operation}: unprocessed keys")));
            }
        }
        Ok(out)
    }

    /// Every item a Query returns, all pages followed.
    pub(crate) async fn query_all(&self, operation: &'static str, query: QueryFluentBuilder) -> ApiResult<Vec<Item>> {
        let items: Result<Vec<Item>, _> = query.into_paginator().items().send().collect().await;
        items.map_err(|e| sdk_error(operation, e))
    }

    /// Moves a company, association or partnership written before the `DIRECTORY` partition
    /// existed from `CATALOG` to it (a stack upgraded in place); `false` if it moved already.
    pub async fn move_to_directory(&self, (pk, sk): (&str, &str)) -> ApiResult<bool> {
        self.update(
            "UpdateItem feed partition",
            (pk, sk),
            "SET GSI2PK = :directory",
            Some("GSI2PK = :catalog"),
            vec![(":directory", s(keys::DIRECTORY)), (":catalog", s(keys::CATALOG))],
        )
        .await
    }

    /// Items of one partition of the feed (`keys::DIRECTORY` or `keys::CATALOG`) whose
    /// revision is above `after`, every page.
    pub async fn feed(&self, partition: &str, after: Option<&str>) -> ApiResult<Vec<Item>> {
        let q = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(keys::GSI2)
            .expression_attribute_names("#pk", keys::GSI2PK)
            .expression_attribute_values(":pk", s(partition));
        let q = match after {
            Some(a) => q
                .key_condition_expression("#pk = :pk AND #sk > :after")
                .expression_attribute_names("#sk", keys::GSI2SK)
                .expression_attribute_values(":after", s(a)),
            None => q.key_condition_expression("#pk = :pk"),
        };
        self.query_all("Query catalogue", q).await
    }
}
pub mod billing;
pub mod calendar_feeds;
pub mod community;
pub mod companies;
pub mod counters;
pub mod engagements;
pub mod erasures;
pub mod facilitation;
pub mod leases;
pub mod ledger;
pub mod mail_log;
pub mod missions;
pub mod outbox;
pub mod preferences;
pub mod query;
pub mod reminders;
pub mod report_exports;
pub mod suppressions;
pub mod tokens;
pub mod user_missions;
pub mod users;

/// How often a read-modify-write is tried before the caller is told to try again.
pub const WRITE_ATTEMPTS: usize = 3;

/// The one read-modify-write loop: `attempt` reads, decides and writes with a versioned put,
/// answering `Some(result)` once written and `None` when another writer moved the version
/// first; then it reads again, at most `WRITE_ATTEMPTS` times, before a 409 with `conflict`.
/// (A plain closure returning a future, not an async closure: the handlers' futures must be
/// `Send`.)
pub async fn retrying<T, F, Fut>(conflict: &str, mut attempt: F) -> ApiResult<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ApiResult<Option<T>>>,
{
    for _ in 0..WRITE_ATTEMPTS {
        if let Some(done) = attempt().await? {
            return Ok(done);
        }
    }
    Err(ApiError::Conflict(conflict.into()))
}

/// The condition of a put: what the stored item must be for the write to happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// Any item, or none.
    Anything,
    /// No item under the key yet.
    New,
    /// An item under the key.
    Existing,
    /// The stored item's `version` is this one (`None`: no item yet).
    Version(Option<u64>),
}

/// Adds `expect`'s condition to a put builder (the single-item one and the transaction one
/// have the same methods, not the same type).
macro_rules! expecting {
    ($put:expr, $expect:expr) => {
        match $expect {
            Expect::Anything => $put,
            Expect::New | Expect::Version(None) => $put.condition_expression("attribute_not_exists(PK)"),
            Expect::Existing => $put.condition_expression("attribute_exists(PK)"),
            Expect::Version(Some(v)) => $put
                .condition_expression("#v = :v")
                .expression_attribute_names("#v", "version")
                .expression_attribute_values(":v", AttributeValue::N(v.to_string())),
        }
    };
}

/// One write of a transaction, named, so that a cancelled transaction says which of its
/// conditions failed.
#[derive(Debug, Clone)]
pub struct TxWrite {
    pub name: &'static str,
    item: TransactWriteItem,
}

/// A transaction cancelled because conditions failed: the names of those writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cancelled {
    pub failed: Vec<&'static str>,
}

impl Cancelled {
    pub fn failed(&self, name: &str) -> bool {
        self.failed.contains(&name)
    }

    /// A cancellation nobody expected (a condition that should always hold): a 500.
    pub fn unexpected(&self, operation: &'static str) -> ApiError {
        ApiError::unexpected(operation, std::io::Error::other(format!("transaction cancelled, failed conditions: {:?}", self.failed)))
    }
}

impl TxWrite {
    pub(crate) fn new(name: &'static str, item: TransactWriteItem) -> Self {
        Self { name, item }
    }

    /// Updates one item with `expression` if `condition` holds (a claim in the same
    /// transaction as what it claims for).
    pub fn update(
        store: &Store,
        name: &'static str,
        (pk, sk): (&str, &str),
        expression: &str,
        condition: &str,
        values: Vec<(&str, AttributeValue)>,
    ) -> ApiResult<Self> {
        let mut update = Update::builder()
            .table_name(&store.table)
            .set_key(Some(key(pk, sk)))
            .update_expression(expression)
            .condition_expression(condition);
        for (n, v) in values {
            update = update.expression_attribute_values(n, v);
        }
        let update = update.build().map_err(|e| ApiError::unexpected("build update", e))?;
        Ok(Self::new(name, TransactWriteItem::builder().update(update).build()))
    }

    /// Puts `item` if `condition` holds on the stored one (an optimistic write: the stored
    /// item is still the one read).
    pub fn put_if(store: &Store, name: &'static str, item: Item, condition: &str, values: Vec<(&str, AttributeValue)>) -> ApiResult<Self> {
        let mut put = Put::builder().table_name(&store.table).set_item(Some(item)).condition_expression(condition);
        for (n, v) in values {
            put = put.expression_attribute_values(n, v);
        }
        let put = put.build().map_err(|e| ApiError::unexpected("build put", e))?;
        Ok(Self::new(name, TransactWriteItem::builder().put(put).build()))
    }

    /// Deletes one item if `condition` holds.
    pub fn delete_if(
        store: &Store,
        name: &'static str,
        (pk, sk): (&str, &str),
        condition: &str,
        values: Vec<(&str, AttributeValue)>,
    ) -> ApiResult<Self> {
        let mut delete = Delete::builder().table_name(&store.table).set_key(Some(key(pk, sk))).condition_expression(condition);
        for (n, v) in values {
            delete = delete.expression_attribute_values(n, v);
        }
        let delete = delete.build().map_err(|e| ApiError::unexpected("build delete", e))?;
        Ok(Self::new(name, TransactWriteItem::builder().delete(delete).build()))
    }

    /// Puts `item` if the stored one is as `expect` says.
    pub fn put(store: &Store, name: &'static str, item: Item, expect: Expect) -> ApiResult<Self> {
        let put = expecting!(Put::builder().table_name(&store.table).set_item(Some(item)), expect);
        let put = put.build().map_err(|e| ApiError::unexpected("build put", e))?;
        Ok(Self::new(name, TransactWriteItem::builder().put(put).build()))
    }
}

impl Store {
    /// Puts `item` if the stored one is as `expect` says; `false` when it is not (someone
    /// else wrote first, or the item is missing or present against the expectation).
    pub async fn put_expecting(&self, operation: &'static str, item: Item, expect: Expect) -> ApiResult<bool> {
        let put = expecting!(self.client.put_item().table_name(&self.table).set_item(Some(item)), expect);
        match put.send().await {
            Ok(_) => Ok(true),
            Err(e) if is_conditional_failure(&e) => Ok(false),
            Err(e) => Err(sdk_error(operation, e)),
        }
    }

    /// Updates one item with `expression` (SET/ADD/REMOVE), if `condition` holds; `false` when
    /// it does not.
    pub(crate) async fn update(
        &self,
        operation: &'static str,
        (pk, sk): (&str, &str),
        expression: &str,
        condition: Option<&str>,
        values: Vec<(&str, AttributeValue)>,
    ) -> ApiResult<bool> {
        let update = self.update_request((pk, sk), expression, &[], values).set_condition_expression(condition.map(str::to_string));
        match update.send().await {
            Ok(_) => Ok(true),
            Err(e) if is_conditional_failure(&e) => Ok(false),
            Err(e) => Err(sdk_error(operation, e)),
        }
    }

    /// `update` with attribute names too (map keys that are not identifiers).
    pub(crate) async fn update_named(
        &self,
        operation: &'static str,
        (pk, sk): (&str, &str),
        expression: &str,
        names: &[(&str, &str)],
        values: Vec<(&str, AttributeValue)>,
    ) -> ApiResult<()> {
        self.update_request((pk, sk), expression, names, values).send().await.map_err(|e| sdk_error(operation, e))?;
        Ok(())
    }

    /// The one UpdateItem request both single-item updates send.
    fn update_request(
        &self,
        (pk, sk): (&str, &str),
        expression: &str,
        names: &[(&str, &str)],
        values: Vec<(&str, AttributeValue)>,
    ) -> aws_sdk_dynamodb::operation::update_item::builders::UpdateItemFluentBuilder {
        let mut update = self.client.update_item().table_name(&self.table).set_key(Some(key(pk, sk))).update_expression(expression);
        for (name, value) in names {
            update = update.expression_attribute_names(*name, *value);
        }
        for (name, value) in values {
            update = update.expression_attribute_values(name, value);
        }
        update
    }

    /// The versioned put: written if the stored version is still `expected` (`None`: no item
    /// yet), `false` on a conflict.
    pub async fn put_versioned(&self, operation: &'static str, item: Item, expected: Option<u64>) -> ApiResult<bool> {
        self.put_expecting(operation, item, Expect::Version(expected)).await
    }

    /// Writes every item or none. `Ok(Err(cancelled))` names the writes whose condition failed.
    pub async fn transact(&self, operation: &'static str, writes: Vec<TxWrite>) -> ApiResult<Result<(), Cancelled>> {
        let names: Vec<&'static str> = writes.iter().map(|w| w.name).collect();
        let items: Vec<TransactWriteItem> = writes.into_iter().map(|w| w.item).collect();
        match self.client.transact_write_items().set_transact_items(Some(items)).send().await {
            Ok(_) => Ok(Ok(())),
            Err(e) => match cancellation_codes(&e) {
                Some(codes) => {
                    let failed = names
                        .iter()
                        .zip(codes.iter().chain(std::iter::repeat(&None)))
                        .filter(|(_, c)| c.as_deref() == Some("ConditionalCheckFailed"))
                        .map(|(n, _)| *n)
                        .collect();
                    Ok(Err(Cancelled { failed }))
                }
                None => Err(sdk_error(operation, e)),
            },
        }
    }
}

impl Store {
    /// Puts every item, unconditionally, 25 per request, retrying what DynamoDB leaves
    /// unprocessed; a 503 if some are still unprocessed after 8 tries.
    pub async fn put_all(&self, operation: &'static str, items: Vec<Item>) -> ApiResult<()> {
        self.write_all(operation, items, vec![]).await
    }

    /// Deletes every item of these keys (`(PK, SK)`), unconditionally, as `put_all` puts.
    pub async fn delete_all(&self, operation: &'static str, keys: Vec<(String, String)>) -> ApiResult<()> {
        self.write_all(operation, vec![], keys).await
    }

    async fn write_all(&self, operation: &'static str, puts: Vec<Item>, deletes: Vec<(String, String)>) -> ApiResult<()> {
        let mut requests = Vec::with_capacity(puts.len() + deletes.len());
        for item in puts {
            let put = PutRequest::builder().set_item(Some(item)).build().map_err(|e| ApiError::unexpected("build put", e))?;
            requests.push(WriteRequest::builder().put_request(put).build());
        }
        for (pk, sk) in deletes {
            let delete =
                DeleteRequest::builder().set_key(Some(key(&pk, &sk))).build().map_err(|e| ApiError::unexpected("build delete", e))?;
            requests.push(WriteRequest::builder().delete_request(delete).build());
        }
        for chunk in requests.chunks(25) {
            let mut pending = chunk.to_vec();
            for _ in 0..8 {
                if pending.is_empty() {
                    break;
                }
                let out =
                    self.client.batch_write_item().request_items(&self.table, pending).send().await.map_err(|e| sdk_error(operation, e))?;
                pending = out.unprocessed_items.and_then(|mut u| u.remove(&self.table)).unwrap_or_default();
            }
            if !pending.is_empty() {
                return Err(ApiError::Unavailable(format!("{operation}: unprocessed items")));
            }
        }
        Ok(())
    }
}

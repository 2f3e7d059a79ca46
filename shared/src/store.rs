//! The DynamoDB adapter: item (de)serialisation with `serde_dynamo`, error mapping, and the
//! few generic operations the handlers share. Keys come from `keys`.

use std::collections::HashMap;

use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::types::{AttributeValue, CancellationReason};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{ApiError, ApiResult};
use crate::keys;

pub type Item = HashMap<String, AttributeValue>;

#[derive(Debug, Clone)]
pub struct Store {
    pub client: aws_sdk_dynamodb::Client,
    pub table: String,
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
    item.insert(keys::GSI2PK.into(), s(keys::CATALOG));
    item.insert(keys::GSI2SK.into(), s(keys::revision(at, &pk, &sk)));
    item
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
        "ThrottlingException" | "Throttling" | "ProvisionedThroughputExceededException" | "RequestLimitExceeded" | "TooManyRequestsException"
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
pub fn cancellation_codes<R>(e: &SdkError<aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError, R>) -> Option<Vec<Option<String>>> {
    let service = e.as_service_error()?;
    let aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError::TransactionCanceledException(t) = service else {
        return None;
    };
    Some(
        t.cancellation_reasons()
            .iter()
            .map(|r: &CancellationReason| r.code().filter(|c| *c != "None").map(str::to_string))
            .collect(),
    )
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
        let r = self.client.delete_item().table_name(&self.table).set_key(Some(key(pk, sk))).condition_expression("attribute_exists(PK)").send().await;
        match r {
            Ok(_) => Ok(true),
            Err(e) if is_conditional_failure(&e) => Ok(false),
            Err(e) => Err(sdk_error(operation, e)),
        }
    }

    /// Every item a Query returns, all pages followed.
    pub async fn query_all(&self, operation: &'static str, query: QueryFluentBuilder) -> ApiResult<Vec<Item>> {
        let items: Result<Vec<Item>, _> = query.into_paginator().items().send().collect().await;
        items.map_err(|e| sdk_error(operation, e))
    }

    /// Items of the catalogue feed (GSI2) whose revision is above `after`, every page.
    pub async fn catalogue_feed(&self, after: Option<&str>) -> ApiResult<Vec<Item>> {
        let q = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(keys::GSI2)
            .expression_attribute_names("#pk", keys::GSI2PK)
            .expression_attribute_values(":pk", s(keys::CATALOG));
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

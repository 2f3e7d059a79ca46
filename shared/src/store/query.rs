//! One way to write a Query: a partition of the table or of an index, a bound on the sort
//! key, the order, an optional filter. Every repository's Query is one of these.

use aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder;
use aws_sdk_dynamodb::types::AttributeValue;
use serde::de::DeserializeOwned;

use crate::error::ApiResult;
use crate::keys;
use crate::store::{from_item, s, Store};

/// Where to read: the table or one of its indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    Table,
    Gsi1,
    Gsi2,
    Gsi3,
    Gsi4,
}

impl On {
    fn names(self) -> (Option<&'static str>, &'static str, &'static str) {
        match self {
            On::Table => (None, keys::PK, keys::SK),
            On::Gsi1 => (Some(keys::GSI1), keys::GSI1PK, keys::GSI1SK),
            On::Gsi2 => (Some(keys::GSI2), keys::GSI2PK, keys::GSI2SK),
            On::Gsi3 => (Some(keys::GSI3), keys::GSI3PK, keys::GSI3SK),
            On::Gsi4 => (Some(keys::GSI4), keys::GSI4PK, keys::GSI4SK),
        }
    }
}

/// A bound on the sort key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sort {
    Any,
    Prefix(String),
    Below(String),
    UpTo(String),
}

/// A Query on one partition.
#[derive(Debug, Clone)]
pub struct Query {
    on: On,
    pk: String,
    sort: Sort,
    newest_first: bool,
    /// A filter expression, and the value of its `:f` when it has one.
    filter: Option<(&'static str, Option<AttributeValue>)>,
    limit: Option<i32>,
}

impl Query {
    pub fn on(on: On, pk: impl Into<String>) -> Self {
        Query { on, pk: pk.into(), sort: Sort::Any, newest_first: false, filter: None, limit: None }
    }

    pub fn sort(mut self, sort: Sort) -> Self {
        self.sort = sort;
        self
    }

    pub fn newest_first(mut self) -> Self {
        self.newest_first = true;
        self
    }

    /// Keeps the items for which `expression` holds, with `:f` bound to `value`.
    pub fn filter(mut self, expression: &'static str, value: AttributeValue) -> Self {
        self.filter = Some((expression, Some(value)));
        self
    }

    /// Keeps the items not sent yet (reminders).
    pub fn unsent(mut self) -> Self {
        self.filter = Some(("attribute_not_exists(sent_at)", None));
        self
    }

    /// One page of at most `n` items (no further pages).
    pub fn limit(mut self, n: i32) -> Self {
        self.limit = Some(n);
        self
    }

    fn build(&self, store: &Store) -> QueryFluentBuilder {
        let (index, pk_name, sk_name) = self.on.names();
        let q = store
            .client
            .query()
            .table_name(&store.table)
            .set_index_name(index.map(str::to_string))
            .expression_attribute_names("#pk", pk_name)
            .expression_attribute_values(":pk", s(&self.pk))
            .scan_index_forward(!self.newest_first)
            .set_limit(self.limit);
        let q = match &self.sort {
            Sort::Any => q.key_condition_expression("#pk = :pk"),
            Sort::Prefix(p) => q.key_condition_expression("#pk = :pk AND begins_with(#sk, :sk)").expression_attribute_values(":sk", s(p)),
            Sort::Below(v) => q.key_condition_expression("#pk = :pk AND #sk < :sk").expression_attribute_values(":sk", s(v)),
            Sort::UpTo(v) => q.key_condition_expression("#pk = :pk AND #sk <= :sk").expression_attribute_values(":sk", s(v)),
        };
        let q = if self.sort == Sort::Any { q } else { q.expression_attribute_names("#sk", sk_name) };
        match &self.filter {
            Some((expression, Some(value))) => q.filter_expression(*expression).expression_attribute_values(":f", value.clone()),
            Some((expression, None)) => q.filter_expression(*expression),
            None => q,
        }
    }
}

impl Store {
    /// The items of the Query, every page (or the one page of a limited Query).
    pub(crate) async fn items(&self, operation: &'static str, query: &Query) -> ApiResult<Vec<crate::store::Item>> {
        let q = query.build(self);
        if query.limit.is_some() {
            let out = q.send().await.map_err(|e| crate::store::sdk_error(operation, e))?;
            return Ok(out.items.unwrap_or_default());
        }
        self.query_all(operation, q).await
    }

    /// The items of the Query, deserialised.
    pub(crate) async fn fetch<T: DeserializeOwned>(&self, operation: &'static str, query: &Query) -> ApiResult<Vec<T>> {
        self.items(operation, query).await?.into_iter().map(from_item).collect()
    }
}

//! Lambda's part locally: the DynamoDB stream event source mapping of `deliver-emails`.
//! Reads the table's stream (the emulator keeps one, as DynamoDB does), keeps the records the
//! template's `FilterCriteria` lets through, and invokes the function with Lambda's event
//! shape, `BatchSize` records at a time. What the function reports as failed is left to the
//! sweep, as it is on AWS once the mapping's retries are spent.

use std::collections::BTreeMap;

use aws_sdk_dynamodbstreams::types::{AttributeValue, ShardIteratorType};
use serde_json::{json, Value};
use shared::App;
use tokio::sync::Mutex;

use crate::infra::{self, BoxError};

pub struct TableStream {
    client: aws_sdk_dynamodbstreams::Client,
    arn: String,
    /// Per shard, the last sequence number read (`None`: nothing read yet).
    positions: Mutex<BTreeMap<String, Option<String>>>,
    filter: Value,
    batch_size: usize,
}

/// The event source mapping of `deliver-emails` in the template: its filter pattern and batch size.
pub fn mapping() -> Result<(Value, usize), BoxError> {
    let t = infra::template()?;
    let event = &t["Resources"]["DeliverEmailsFunction"]["Properties"]["Events"]["Outbox"]["Properties"];
    let pattern = event["FilterCriteria"]["Filters"][0]["Pattern"].as_str().ok_or("template: the outbox stream's filter pattern")?;
    let batch = event["BatchSize"].as_u64().ok_or("template: the outbox stream's BatchSize")? as usize;
    Ok((serde_json::from_str(pattern)?, batch))
}

/// Whether an event matches an EventBridge-style pattern (the subset Lambda filters use
/// here: nested objects, lists of accepted values, `{"prefix": …}`).
pub fn matches(pattern: &Value, event: &Value) -> bool {
    match pattern {
        Value::Object(fields) => fields.iter().all(|(k, p)| event.get(k).is_some_and(|v| matches(p, v))),
        Value::Array(accepted) => accepted.iter().any(|a| match a {
            Value::Object(o) if o.contains_key("prefix") => event.as_str().zip(o["prefix"].as_str()).is_some_and(|(v, p)| v.starts_with(p)),
            other => other == event,
        }),
        other => other == event,
    }
}

fn attribute(v: &AttributeValue) -> Value {
    match v {
        AttributeValue::S(s) => json!({ "S": s }),
        AttributeValue::N(n) => json!({ "N": n }),
        _ => json!({ "NULL": true }),
    }
}

impl TableStream {
    pub async fn of(sdk: &aws_config::SdkConfig, dynamo: &aws_sdk_dynamodb::Client, table: &str) -> Result<Self, BoxError> {
        let described = dynamo.describe_table().table_name(table).send().await?;
        let arn = described.table.and_then(|t| t.latest_stream_arn).ok_or("the table has no stream")?;
        let (filter, batch_size) = mapping()?;
        Ok(TableStream {
            client: aws_sdk_dynamodbstreams::Client::new(sdk),
            arn,
            positions: Mutex::new(BTreeMap::new()),
            filter,
            batch_size,
        })
    }

    /// Every record written since the last read, in Lambda's event record shape. Each read
    /// asks for a new iterator after the last sequence number seen (the emulator rebuilds a
    /// table, and its stream, when it rolls a cancelled transaction back; on AWS iterators
    /// expire after 15 minutes).
    pub async fn read(&self) -> Result<Vec<Value>, BoxError> {
        let mut positions = self.positions.lock().await;
        // The emulator keeps one shard per table: it is looked up once.
        if positions.is_empty() {
            let described = self.client.describe_stream().stream_arn(&self.arn).send().await?;
            for shard in described.stream_description.map(|d| d.shards.unwrap_or_default()).unwrap_or_default() {
                if let Some(id) = shard.shard_id {
                    positions.entry(id).or_insert(None);
                }
            }
        }
        let mut records = Vec::new();
        for (shard, last) in positions.iter_mut() {
            let start = self.client.get_shard_iterator().stream_arn(&self.arn).shard_id(shard);
            let start = match last.as_deref() {
                Some(seq) => start.shard_iterator_type(ShardIteratorType::AfterSequenceNumber).sequence_number(seq),
                None => start.shard_iterator_type(ShardIteratorType::TrimHorizon),
            };
            let mut iterator = start.send().await?.shard_iterator;
            while let Some(it) = iterator {
                let out = self.client.get_records().shard_iterator(it).send().await?;
                let page = out.records.unwrap_or_default();
                if page.is_empty() {
                    break;
                }
                for r in page {
                    let Some(d) = r.dynamodb else { continue };
                    let keys: serde_json::Map<String, Value> =
                        d.keys.unwrap_or_default().iter().map(|(k, v)| (k.clone(), attribute(v))).collect();
                    *last = d.sequence_number.clone().or(last.take());
                    records.push(json!({
                        "eventID": r.event_id,
                        "eventName": r.event_name.map(|n| n.as_str().to_string()),
                        "eventSource": "aws:dynamodb",
                        "eventSourceARN": self.arn,
                        "dynamodb": { "Keys": keys, "SequenceNumber": d.sequence_number, "StreamViewType": "KEYS_ONLY" },
                    }));
                }
                iterator = out.next_shard_iterator;
            }
        }
        Ok(records)
    }

    /// Invokes `deliver-emails` on the new records the filter lets through, a batch at a
    /// time; returns the function's answers (their `batchItemFailures`).
    pub async fn pump(&self, app: &App) -> Result<Vec<Value>, BoxError> {
        let records: Vec<Value> = self.read().await?.into_iter().filter(|r| matches(&self.filter, r)).collect();
        let mut answers = Vec::new();
        for batch in records.chunks(self.batch_size.max(1)) {
            let event = json!({ "Records": batch });
            answers.push(functions::routes::run(functions::routes::Job::DeliverEmails, app, event).await?);
        }
        Ok(answers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_lets_outbox_inserts_through_only() {
        let pattern = json!({ "eventName": ["INSERT"], "dynamodb": { "Keys": { "PK": { "S": [{ "prefix": "OUTBOX#" }] } } } });
        let record = |name: &str, pk: &str| json!({ "eventName": name, "dynamodb": { "Keys": { "PK": { "S": pk } } } });
        assert!(matches(&pattern, &record("INSERT", "OUTBOX#1")));
        assert!(!matches(&pattern, &record("MODIFY", "OUTBOX#1")));
        assert!(!matches(&pattern, &record("INSERT", "ENG#1")));
    }
}

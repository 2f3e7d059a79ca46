//! The e-mails sent to each address (`MAILLOG#<address>` / `<sent at>#<envelope>#<letter>`):
//! what "Mes données" lists as the e-mails sent to the person, kept a year (TTL), written by
//! the deliverer once SES took the letter. Their text is in the envelope while it lives.

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ApiResult;
use crate::keys;
use crate::store::query::{On, Query};
use crate::store::{self, Store};

/// How long the log keeps a line.
pub const KEPT_DAYS: i64 = 365;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentMail {
    pub sent_at: DateTime<Utc>,
    pub subject: String,
    /// What caused it (`application`, `date request`…).
    pub what: String,
    pub envelope_id: String,
}

/// One line per address the letter went to.
pub async fn record(store: &Store, to: &[String], mail: &SentMail, letter: usize) -> ApiResult<()> {
    let mut items = Vec::with_capacity(to.len());
    for address in to {
        let sk = format!("{}#{}#{letter}", keys::timestamp(mail.sent_at), mail.envelope_id);
        let mut item = store::item("SentMail", &keys::mail_log(address), &sk, mail)?;
        item.insert(keys::TTL.into(), AttributeValue::N((mail.sent_at + chrono::Duration::days(KEPT_DAYS)).timestamp().to_string()));
        items.push(item);
    }
    store.put_all("BatchWriteItem mail log", items).await
}

/// The e-mails sent to `address`, newest first.
pub async fn sent_to(store: &Store, address: &str) -> ApiResult<Vec<SentMail>> {
    store.fetch("Query mail log", &Query::on(On::Table, keys::mail_log(address)).newest_first()).await
}

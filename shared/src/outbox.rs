//! The outbox: every e-mail a state change causes is written, rendered, as one envelope in
//! the same DynamoDB transaction as the change (`queue`), so that a change is never stored
//! without its e-mails nor its e-mails sent for a change that did not happen. Handlers never
//! call SES: `deliver` does, from the table's stream (`deliver-emails`) and from the sweep
//! (`sweep-outbox`), with the same code locally and on AWS.
//!
//! Delivery: an envelope is claimed by a conditional write (so a stream record delivered
//! twice, or the stream and the sweep at once, send nothing twice); each of its letters is
//! marked with SES's message id as soon as it is sent, so that a retry resumes after the last
//! one sent; the envelope is then marked done and leaves the pending index. Only a crash
//! between SES's answer and that mark can send one letter twice: at least once, in practice
//! once. A failing or throttled send is retried with backoff, then the claim is released for
//! the stream's retries and the sweep. Addresses SES reported as bouncing or complaining are
//! skipped.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::mail::{OutgoingEmail, SendFailure};
use crate::store::TxWrite;

/// One message of an envelope: the rendered e-mail, extra headers (`List-Unsubscribe`) and
/// attachments kept in the documents bucket (sent as raw MIME when there are any).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Letter {
    pub email: OutgoingEmail,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attached>,
}

/// An attachment by its S3 key (the PDF is stored before the envelope is written), or a
/// small text one carried in the envelope itself (a calendar file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attached {
    pub filename: String,
    pub content_type: String,
    #[serde(default)]
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inline: Option<String>,
}

impl From<OutgoingEmail> for Letter {
    fn from(email: OutgoingEmail) -> Self {
        Letter { email, headers: vec![], attachments: vec![] }
    }
}

impl Letter {
    pub fn with_header(mut self, name: &str, value: String) -> Self {
        self.headers.push((name.to_string(), value));
        self
    }

    pub fn with_attachment(mut self, filename: String, content_type: &str, key: String) -> Self {
        self.attachments.push(Attached { filename, content_type: content_type.to_string(), key, inline: None });
        self
    }

    /// A small text attachment kept in the envelope (no S3 object).
    pub fn with_text_attachment(mut self, filename: &str, content_type: &str, text: String) -> Self {
        self.attachments.push(Attached {
            filename: filename.to_string(),
            content_type: content_type.to_string(),
            key: String::new(),
            inline: Some(text),
        });
        self
    }
}

/// The e-mails of one state change, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub id: String,
    /// What caused them, for logs ("application", "date request").
    pub what: String,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub letters: Vec<Letter>,
    /// Where the letters are when they were too large for an item (S3).
    #[serde(default)]
    pub letters_key: Option<String>,
    /// Per letter (its index): SES's message id, `suppressed` or `rejected: …`.
    #[serde(default)]
    pub sent: BTreeMap<String, String>,
    #[serde(default)]
    pub attempts: u32,
    #[serde(default)]
    pub done_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_error: Option<String>,
}

/// Above this, an envelope's letters go to S3 and the item keeps their key (items are limited
/// to 400 KB, transactions to 4 MB).
pub const INLINE_LIMIT: usize = 300_000;
/// How long a claim keeps others off an envelope (more than the deliverer's timeout).
pub const CLAIM: chrono::Duration = chrono::Duration::minutes(2);
/// Tries of one send before the envelope is left to the stream's retries and the sweep.
const SEND_TRIES: u32 = 3;

/// The transaction write of an envelope for `letters` (none when there are no letters), to
/// add to the writes of the change that causes them.
pub async fn queue<L: Into<Letter>>(app: &App, what: &str, letters: impl IntoIterator<Item = L>) -> ApiResult<Vec<TxWrite>> {
    let letters: Vec<Letter> = letters.into_iter().map(Into::into).collect();
    if letters.is_empty() {
        return Ok(vec![]);
    }
    let id = uuid::Uuid::now_v7().to_string();
    let mut envelope = Envelope {
        id: id.clone(),
        what: what.to_string(),
        created_at: app.now(),
        letters,
        letters_key: None,
        sent: BTreeMap::new(),
        attempts: 0,
        done_at: None,
        last_error: None,
    };
    let json = serde_json::to_vec(&envelope.letters).map_err(|e| ApiError::unexpected("outbox letters", e))?;
    if json.len() > INLINE_LIMIT {
        let key = crate::documents::keys::outbox_letters(&id);
        app.documents.put(&key, json, "application/json").await?;
        envelope.letters = vec![];
        envelope.letters_key = Some(key);
    }
    Ok(vec![crate::store::outbox::queue(&app.store, &envelope)?])
}

/// Queues letters whose sending is the whole change (a share, an invitation): their own
/// transaction.
pub async fn queue_alone<L: Into<Letter>>(app: &App, what: &str, letters: impl IntoIterator<Item = L>) -> ApiResult<()> {
    let writes = queue(app, what, letters).await?;
    if writes.is_empty() {
        return Ok(());
    }
    match app.store.transact("TransactWriteItems outbox", writes).await? {
        Ok(()) => Ok(()),
        Err(c) => Err(c.unexpected("TransactWriteItems outbox")),
    }
}

/// What one delivery did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Delivery {
    pub sent: usize,
    pub suppressed: usize,
    pub rejected: usize,
    /// The envelope was done already, or another deliverer holds it.
    pub skipped: bool,
}

/// Delivers one envelope, once: claim, send what is not sent yet, mark done. A failure that
/// is worth retrying releases the claim and is returned.
pub async fn deliver(app: &App, id: &str) -> ApiResult<Delivery> {
    let now = app.now();
    let Some(envelope) = crate::store::outbox::claim(&app.store, id, now, now + CLAIM).await? else {
        return Ok(Delivery { skipped: true, ..Delivery::default() });
    };
    match send_all(app, &envelope).await {
        Ok((delivery, last)) => {
            crate::store::outbox::finish(&app.store, id, last.as_ref().map(|(i, o)| (*i, o.as_str())), app.now()).await?;
            tracing::info!(envelope = %id, what = %envelope.what, sent = delivery.sent, suppressed = delivery.suppressed, rejected = delivery.rejected, "e-mails delivered");
            Ok(delivery)
        }
        Err(e) => {
            tracing::warn!(envelope = %id, what = %envelope.what, attempt = envelope.attempts, error = %e, "e-mails not delivered yet");
            crate::store::outbox::release(&app.store, id, &e.to_string()).await?;
            Err(e)
        }
    }
}

/// Sends every letter not sent yet, each marked as soon as SES took it, but the last one:
/// its outcome is returned, to be written with the envelope's completion.
async fn send_all(app: &App, envelope: &Envelope) -> ApiResult<(Delivery, Option<(usize, String)>)> {
    let letters: Vec<Letter> = match &envelope.letters_key {
        Some(key) => serde_json::from_slice(&app.documents.get(key).await?).map_err(|e| ApiError::unexpected("outbox letters", e))?,
        None => envelope.letters.clone(),
    };
    let addresses: Vec<String> = letters.iter().flat_map(|l| l.email.to.iter().map(|t| t.to_lowercase())).collect();
    let suppressed = crate::store::suppressions::among(&app.store, &addresses).await?;
    let mut delivery = Delivery::default();
    let mut last: Option<(usize, String)> = None;
    for (i, letter) in letters.iter().enumerate() {
        if envelope.sent.contains_key(&i.to_string()) {
            continue;
        }
        if let Some((j, outcome)) = last.take() {
            crate::store::outbox::mark_letter(&app.store, &envelope.id, j, &outcome).await?;
        }
        // An erased person's alias (`….invalid`) receives nothing.
        let to: Vec<String> =
            letter.email.to.iter().filter(|t| !suppressed.contains(&t.to_lowercase()) && !t.ends_with(".invalid")).cloned().collect();
        let outcome = if to.is_empty() {
            delivery.suppressed += 1;
            "suppressed".to_string()
        } else {
            match send_with_backoff(app, envelope, letter, to.clone()).await? {
                Ok(message_id) => {
                    delivery.sent += 1;
                    // "Mes données" lists it; a log that cannot be written does not unsend it.
                    let line = crate::store::mail_log::SentMail {
                        sent_at: app.now(),
                        subject: letter.email.subject.clone(),
                        what: envelope.what.clone(),
                        envelope_id: envelope.id.clone(),
                    };
                    if let Err(e) = crate::store::mail_log::record(&app.store, &to, &line, i).await {
                        tracing::warn!(envelope = %envelope.id, error = %e, "mail log not written");
                    }
                    message_id
                }
                Err(reason) => {
                    tracing::error!(envelope = %envelope.id, what = %envelope.what, %reason, "SES rejected an e-mail for good");
                    delivery.rejected += 1;
                    format!("rejected: {reason}")
                }
            }
        };
        last = Some((i, outcome));
    }
    Ok((delivery, last))
}

/// One letter to `to`: SES's message id, or why SES rejected it for good; an `Err` when SES
/// kept failing (throttled, unavailable) after `SEND_TRIES` tries with backoff.
async fn send_with_backoff(app: &App, envelope: &Envelope, letter: &Letter, to: Vec<String>) -> ApiResult<Result<String, String>> {
    let email = OutgoingEmail { to, ..letter.email.clone() };
    let mime = if letter.headers.is_empty() && letter.attachments.is_empty() {
        None
    } else {
        let mut files = Vec::with_capacity(letter.attachments.len());
        for a in &letter.attachments {
            let bytes = match &a.inline {
                Some(text) => text.clone().into_bytes(),
                None => app.documents.get(&a.key).await?,
            };
            files.push((a.filename.clone(), a.content_type.clone(), bytes));
        }
        Some(crate::mail::mime(&app.config.mail_from, &email, &letter.headers, &files, envelope.created_at)?)
    };
    let mut last = String::new();
    for attempt in 0..SEND_TRIES {
        if attempt > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(250 * 4u64.pow(attempt - 1))).await;
        }
        let sent = match &mime {
            None => app.mailer.send(&email).await,
            Some(m) => app.mailer.send_raw(&email.to, m.clone()).await,
        };
        match sent {
            Ok(id) => return Ok(Ok(id)),
            Err(SendFailure::Rejected(reason)) => return Ok(Err(reason)),
            Err(SendFailure::Retry(reason)) => last = reason,
        }
    }
    Err(ApiError::Unavailable(last))
}

/// The envelopes a DynamoDB stream event announces: (sequence number, envelope id) of each
/// INSERT of an outbox item (the event source mapping's filter lets only those through;
/// anything else is ignored here too).
pub fn announced(event: &Value) -> Vec<(String, String)> {
    let records = event.get("Records").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    records
        .iter()
        .filter(|r| r.get("eventName").and_then(Value::as_str) == Some("INSERT"))
        .filter_map(|r| {
            let d = r.get("dynamodb")?;
            let pk = d.pointer("/Keys/PK/S")?.as_str()?;
            let id = crate::keys::outbox_id(pk)?;
            let seq = d.get("SequenceNumber").and_then(Value::as_str).unwrap_or_default();
            Some((seq.to_string(), id.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_event_announces_the_inserted_envelopes_only() {
        let event = serde_json::json!({ "Records": [
            { "eventName": "INSERT", "dynamodb": { "Keys": { "PK": { "S": "OUTBOX#a" }, "SK": { "S": "OUTBOX" } }, "SequenceNumber": "1" } },
            { "eventName": "MODIFY", "dynamodb": { "Keys": { "PK": { "S": "OUTBOX#b" }, "SK": { "S": "OUTBOX" } }, "SequenceNumber": "2" } },
            { "eventName": "INSERT", "dynamodb": { "Keys": { "PK": { "S": "ENG#c" }, "SK": { "S": "ENG" } }, "SequenceNumber": "3" } },
            { "eventName": "INSERT", "dynamodb": { "Keys": { "PK": { "S": "OUTBOX#d" }, "SK": { "S": "OUTBOX" } }, "SequenceNumber": "4" } }
        ]});
        assert_eq!(announced(&event), vec![("1".to_string(), "a".to_string()), ("4".to_string(), "d".to_string())]);
        assert!(announced(&serde_json::json!({})).is_empty());
    }

    #[test]
    fn letters_round_trip_with_their_headers_and_attachments() {
        let email = OutgoingEmail {
            to: vec!["a@b.example".into()],
            reply_to: None,
            subject: "S".into(),
            html: "<p>h</p>".into(),
            text: "t".into(),
        };
        let letter = Letter::from(email).with_header("List-Unsubscribe", "<https://x>".into()).with_attachment(
            "a.pdf".into(),
            "application/pdf",
            "certificates/a.pdf".into(),
        );
        let json = serde_json::to_string(&letter).unwrap();
        assert_eq!(serde_json::from_str::<Letter>(&json).unwrap(), letter);
    }
}

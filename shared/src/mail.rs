//! The SES v2 adapter: every e-mail is rendered by the project (French first, HTML and text)
//! and sent as Simple content, or as Raw MIME when it needs headers or attachments.

use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message, RawMessage};

use aws_sdk_sesv2::error::{ProvideErrorMetadata, SdkError};

use crate::error::{ApiError, ApiResult};

/// A rendered e-mail.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OutgoingEmail {
    pub to: Vec<String>,
    #[serde(default)]
    pub reply_to: Option<String>,
    pub subject: String,
    pub html: String,
    pub text: String,
}

/// The SES v2 client every e-mail goes out with.
pub type SesClient = aws_sdk_sesv2::Client;

pub fn client(sdk: &aws_config::SdkConfig) -> SesClient {
    aws_sdk_sesv2::Client::new(sdk)
}

#[derive(Debug, Clone)]
pub struct Mailer {
    pub client: aws_sdk_sesv2::Client,
    pub from: String,
    pub configuration_set: Option<String>,
    /// Spaces this instance's sends under the SES account's rate.
    pub pace: std::sync::Arc<Governor>,
}

/// Spaces e-mails so that sending stays under the SES rate (`SES_MAX_SEND_RATE`).
#[derive(Debug)]
pub struct Governor {
    next: tokio::sync::Mutex<tokio::time::Instant>,
    interval: std::time::Duration,
}

impl Governor {
    pub fn new(rate: f64) -> Self {
        let rate = if rate.is_finite() && rate > 0.0 { rate } else { 1.0 };
        Governor { next: tokio::sync::Mutex::new(tokio::time::Instant::now()), interval: std::time::Duration::from_secs_f64(1.0 / rate) }
    }

    pub async fn wait(&self) {
        let at = {
            let mut next = self.next.lock().await;
            let at = (*next).max(tokio::time::Instant::now());
            *next = at + self.interval;
            at
        };
        tokio::time::sleep_until(at).await;
    }
}

fn content(text: &str) -> ApiResult<Content> {
    Content::builder().data(text).charset("UTF-8").build().map_err(|e| ApiError::unexpected("SES content", e))
}

/// Why SES did not take a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendFailure {
    /// Worth trying again later: throttling, SES or network trouble, sending paused, an
    /// identity or configuration set not ready.
    Retry(String),
    /// SES refused this message for good (`MessageRejected`, `BadRequestException`: e.g. an
    /// address it cannot parse): sending it again would fail again.
    Rejected(String),
}

impl std::fmt::Display for SendFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendFailure::Retry(m) => write!(f, "retry: {m}"),
            SendFailure::Rejected(m) => write!(f, "rejected: {m}"),
        }
    }
}

fn failure<E, R>(operation: &'static str, e: SdkError<E, R>) -> SendFailure
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug,
{
    let code = e.code().unwrap_or_default().to_string();
    let message = format!("{operation}: {}", aws_smithy_types::error::display::DisplayErrorContext(&e));
    if matches!(code.as_str(), "MessageRejected" | "BadRequestException") {
        SendFailure::Rejected(message)
    } else {
        SendFailure::Retry(message)
    }
}

fn built<T, E: std::fmt::Display>(r: Result<T, E>) -> Result<T, SendFailure> {
    r.map_err(|e| SendFailure::Rejected(format!("SES message: {e}")))
}

impl Mailer {
    /// Sends an HTML + text e-mail; returns SES's message id. Only the outbox calls it.
    pub async fn send(&self, email: &OutgoingEmail) -> Result<String, SendFailure> {
        let message = Message::builder()
            .subject(built(content(&email.subject))?)
            .body(Body::builder().html(built(content(&email.html))?).text(built(content(&email.text))?).build())
            .build();
        let content = EmailContent::builder().simple(message).build();
        self.send_content("SES SendEmail", &email.to, email.reply_to.clone(), content).await
    }

    /// One SendEmail of `content` to `to`, from the platform's address, in its configuration set.
    async fn send_content(
        &self,
        operation: &'static str,
        to: &[String],
        reply_to: Option<String>,
        content: EmailContent,
    ) -> Result<String, SendFailure> {
        self.pace.wait().await;
        let out = self
            .client
            .send_email()
            .from_email_address(&self.from)
            .destination(Destination::builder().set_to_addresses(Some(to.to_vec())).build())
            .set_reply_to_addresses(reply_to.map(|r| vec![r]))
            .content(content)
            .set_configuration_set_name(self.configuration_set.clone())
            .send()
            .await
            .map_err(|e| failure(operation, e))?;
        Ok(out.message_id.unwrap_or_default())
    }

    /// Sends a complete MIME message (headers such as List-Unsubscribe, attachments).
    pub async fn send_raw(&self, to: &[String], mime: Vec<u8>) -> Result<String, SendFailure> {
        let raw = built(RawMessage::builder().data(aws_sdk_sesv2::primitives::Blob::new(mime)).build())?;
        self.send_content("SES SendEmail raw", to, None, EmailContent::builder().raw(raw).build()).await
    }
}

/// "Mécénat <no-reply@example.com>" → ("Mécénat", "no-reply@example.com").
pub fn split_address(from: &str) -> (Option<&str>, &str) {
    match (from.find('<'), from.rfind('>')) {
        (Some(i), Some(j)) if i < j => {
            let name = from[..i].trim().trim_matches('"').trim();
            (if name.is_empty() { None } else { Some(name) }, from[i + 1..j].trim())
        }
        _ => (None, from.trim()),
    }
}

/// An attachment: file name, content type, bytes.
pub type Attachment = (String, String, Vec<u8>);

/// A complete MIME message built with mail-builder: text and HTML alternatives, extra
/// headers (e.g. `List-Unsubscribe`), attachments (PDFs), UTF-8 headers encoded.
pub fn mime(
    from: &str,
    email: &OutgoingEmail,
    headers: &[(String, String)],
    attachments: &[Attachment],
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<Vec<u8>> {
    use mail_builder::headers::address::Address;
    use mail_builder::headers::raw::Raw;
    let (name, address) = split_address(from);
    let to: Vec<Address<'_>> = email.to.iter().map(|t| Address::new_address(None::<&str>, t.as_str())).collect();
    let mut builder = mail_builder::MessageBuilder::new()
        .from(Address::new_address(name, address))
        .to(Address::new_list(to))
        .subject(email.subject.as_str())
        .date(now.timestamp())
        .message_id(format!("{}@mecenat", uuid::Uuid::new_v4().simple()))
        .text_body(email.text.as_str())
        .html_body(email.html.as_str());
    for (k, v) in headers {
        builder = builder.header(k.as_str(), Raw::new(v.as_str()));
    }
    for (filename, content_type, bytes) in attachments {
        builder = builder.attachment(content_type.as_str(), filename.as_str(), bytes.as_slice());
    }
    if let Some(reply_to) = &email.reply_to {
        builder = builder.reply_to(Address::new_address(None::<&str>, reply_to.as_str()));
    }
    builder.write_to_vec().map_err(|e| ApiError::unexpected("write MIME", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_governor_spaces_sends_at_the_configured_rate() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
        rt.block_on(async {
            let g = Governor::new(50.0);
            let start = tokio::time::Instant::now();
            for _ in 0..6 {
                g.wait().await;
            }
            // Six sends at 50 per second: the sixth goes out 100 ms after the first.
            let ms = start.elapsed().as_millis();
            assert!((100..300).contains(&ms), "{ms} ms");
        });
    }
}

//! The SES v2 adapter: every e-mail is rendered by the project (French first, HTML and text)
//! and sent as Simple content, or as Raw MIME when it needs headers or attachments.

use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message, RawMessage};

use crate::error::{ApiError, ApiResult};
use crate::store;

/// A rendered e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to: Vec<String>,
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
}

fn content(text: &str) -> ApiResult<Content> {
    Content::builder().data(text).charset("UTF-8").build().map_err(|e| ApiError::unexpected("SES content", e))
}

impl Mailer {
    /// Sends an HTML + text e-mail; returns SES's message id.
    pub async fn send(&self, email: &OutgoingEmail) -> ApiResult<String> {
        let message = Message::builder()
            .subject(content(&email.subject)?)
            .body(Body::builder().html(content(&email.html)?).text(content(&email.text)?).build())
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
    ) -> ApiResult<String> {
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
            .map_err(|e| store::sdk_error(operation, e))?;
        Ok(out.message_id.unwrap_or_default())
    }

    /// Sends each letter; a failure is logged with `what`, not returned: the change that caused
    /// the letters is stored, and failing the request would make the person do it twice.
    pub async fn send_logged(&self, letters: &[OutgoingEmail], what: &'static str) {
        for letter in letters {
            if let Err(e) = self.send(letter).await {
                tracing::error!(error = %e, subject = %letter.subject, "{what} e-mail not sent");
            }
        }
    }

    /// Sends a complete MIME message (headers such as List-Unsubscribe, attachments).
    pub async fn send_raw(&self, to: &[String], mime: Vec<u8>) -> ApiResult<String> {
        let raw = RawMessage::builder()
            .data(aws_sdk_sesv2::primitives::Blob::new(mime))
            .build()
            .map_err(|e| ApiError::unexpected("SES raw", e))?;
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
pub type Attachment = (String, &'static str, Vec<u8>);

/// A complete MIME message built with mail-builder: text and HTML alternatives, extra
/// headers (e.g. `List-Unsubscribe`), attachments (PDFs), UTF-8 headers encoded.
pub fn mime(
    from: &str,
    email: &OutgoingEmail,
    headers: &[(&'static str, String)],
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
        builder = builder.header(*k, Raw::new(v.as_str()));
    }
    for (filename, content_type, bytes) in attachments {
        builder = builder.attachment(*content_type, filename.as_str(), bytes.as_slice());
    }
    if let Some(reply_to) = &email.reply_to {
        builder = builder.reply_to(Address::new_address(None::<&str>, reply_to.as_str()));
    }
    builder.write_to_vec().map_err(|e| ApiError::unexpected("write MIME", e))
}

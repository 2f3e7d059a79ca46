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
        let out = self
            .client
            .send_email()
            .from_email_address(&self.from)
            .destination(Destination::builder().set_to_addresses(Some(email.to.clone())).build())
            .set_reply_to_addresses(email.reply_to.clone().map(|r| vec![r]))
            .content(EmailContent::builder().simple(message).build())
            .set_configuration_set_name(self.configuration_set.clone())
            .send()
            .await
            .map_err(|e| store::sdk_error("SES SendEmail", e))?;
        Ok(out.message_id.unwrap_or_default())
    }

    /// Sends a complete MIME message (headers such as List-Unsubscribe, attachments).
    pub async fn send_raw(&self, to: &[String], mime: Vec<u8>) -> ApiResult<String> {
        let raw = RawMessage::builder()
            .data(aws_sdk_sesv2::primitives::Blob::new(mime))
            .build()
            .map_err(|e| ApiError::unexpected("SES raw", e))?;
        let out = self
            .client
            .send_email()
            .from_email_address(&self.from)
            .destination(Destination::builder().set_to_addresses(Some(to.to_vec())).build())
            .content(EmailContent::builder().raw(raw).build())
            .set_configuration_set_name(self.configuration_set.clone())
            .send()
            .await
            .map_err(|e| store::sdk_error("SES SendEmail raw", e))?;
        Ok(out.message_id.unwrap_or_default())
    }
}

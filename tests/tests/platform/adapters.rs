//! The S3 and SES adapters against the emulator: what a user would get back.

use platform_tests::harness::{emulator_endpoint, http_get, sent_emails, TestEnv};
use shared::mail::OutgoingEmail;

#[tokio::test]
async fn a_stored_document_is_downloaded_through_a_presigned_url() {
    let env = TestEnv::new().await;
    let key = "conventions/test/v1.pdf";
    let blocks = [shared::pdf::Block::Paragraph("Convention de test".into())];
    let stored = env.app.documents.store_pdf(key, &blocks, "Convention — test").await.unwrap();
    assert!(stored.bytes.starts_with(b"%PDF-"));
    assert_eq!(stored.sha256, shared::documents::sha256_hex(&stored.bytes));
    assert_eq!(env.app.documents.get(key).await.unwrap(), stored.bytes);
    assert!(platform_tests::harness::pdf_text(&stored.bytes).contains("Convention de test"));
    let url = env.app.documents.presigned_get(key, "convention 2026.pdf", std::time::Duration::from_secs(300)).await.unwrap();
    assert!(url.contains("X-Amz-Signature="), "{url}");
    assert!(url.contains("X-Amz-Expires=300"), "{url}");
    let (status, body) = http_get(&url, None).await.unwrap();
    assert_eq!(status, 200);
    assert_eq!(body, String::from_utf8_lossy(&stored.bytes));
}

#[tokio::test]
async fn an_email_goes_out_through_ses_with_its_french_subject() {
    let env = TestEnv::new().await;
    let to = format!("destinataire-{}@bpifrance.example", uuid::Uuid::new_v4().simple());
    let id = env
        .app
        .mailer
        .send(&OutgoingEmail {
            to: vec![to.clone()],
            reply_to: None,
            subject: "Ta demande a été envoyée à ton manager".into(),
            html: "<p>Bonjour Maëlys,</p>".into(),
            text: "Bonjour Maëlys,".into(),
        })
        .await
        .unwrap();
    assert!(!id.is_empty());
    let mails = sent_emails(&emulator_endpoint()).await.unwrap();
    let mail = mails
        .iter()
        .find(|m| m["destinations"]["ToAddresses"].as_array().is_some_and(|a| a.iter().any(|x| x == &serde_json::Value::from(to.clone()))))
        .unwrap_or_else(|| panic!("no mail to {to} in {mails:?}"));
    assert_eq!(mail["subject"], "Ta demande a été envoyée à ton manager");
    assert!(mail["source"].as_str().unwrap().contains("no-reply@mecenat.example"));
}

/// S3 as it answers a caller without `s3:ListBucket` (the emulator checks no IAM): a GetObject
/// of a missing key gets 403 AccessDenied instead of 404. With `refuse_all`, every GetObject
/// is refused (a real denial).
#[derive(Debug)]
struct AwsAccessDenied {
    refuse_all: bool,
}

impl aws_smithy_runtime_api::client::interceptors::Intercept for AwsAccessDenied {
    fn name(&self) -> &'static str {
        "AwsAccessDenied"
    }

    fn modify_before_deserialization(
        &self,
        ctx: &mut aws_smithy_runtime_api::client::interceptors::context::BeforeDeserializationInterceptorContextMut<'_>,
        _rc: &aws_smithy_runtime_api::client::runtime_components::RuntimeComponents,
        _cfg: &mut aws_smithy_types::config_bag::ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        let response = ctx.response_mut();
        let listing = response.headers().get("content-type").is_some_and(|t| t.contains("xml")) && response.status().as_u16() == 200;
        if response.status().as_u16() == 404 || (self.refuse_all && !listing) {
            *response.status_mut() = aws_smithy_runtime_api::http::StatusCode::try_from(403)?;
            *response.body_mut() = aws_smithy_types::body::SdkBody::from(
                r#"<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"#,
            );
        }
        Ok(())
    }
}

fn documents_seen_as_on_aws(env: &TestEnv, refuse_all: bool) -> shared::documents::Documents {
    let sdk = aws_config::SdkConfig::builder()
        .endpoint_url(emulator_endpoint())
        .region(env.app.clients.s3.config().region().cloned())
        .credentials_provider(aws_sdk_s3::config::SharedCredentialsProvider::new(aws_sdk_s3::config::Credentials::for_tests()))
        .behavior_version(aws_config::BehaviorVersion::latest())
        .build();
    let conf = aws_sdk_s3::config::Builder::from(&sdk).force_path_style(true).interceptor(AwsAccessDenied { refuse_all }).build();
    shared::documents::Documents::new(aws_sdk_s3::Client::from_conf(conf), env.app.config.bucket_name.clone())
}

#[tokio::test]
async fn a_missing_document_reads_as_missing_even_when_s3_answers_403() {
    let env = TestEnv::new().await;
    let docs = documents_seen_as_on_aws(&env, false);
    let missing = "conventions/nobody/v1.pdf";
    // What AWS answers without s3:ListBucket, as the interceptor makes the emulator answer.
    let raw = docs.client.get_object().bucket(&docs.bucket).key(missing).send().await.unwrap_err();
    assert_eq!(aws_sdk_s3::error::ProvideErrorMetadata::code(&raw), Some("AccessDenied"));
    // The adapter still reads it as missing (the listing of its prefix says so)…
    assert_eq!(docs.get_if_exists(missing).await.unwrap(), None);
    // …and reads what exists.
    env.app.documents.put("conventions/somebody/v1.pdf", b"%PDF-1.7".to_vec(), "application/pdf").await.unwrap();
    assert_eq!(docs.get_if_exists("conventions/somebody/v1.pdf").await.unwrap().as_deref(), Some(&b"%PDF-1.7"[..]));
    // A cold start without a catalogue snapshot loads the catalogue from the table.
    let catalogue = shared::catalogue::Catalogue::new(std::time::Duration::from_secs(0), Some(docs));
    assert!(catalogue.cached(&env.app.store).await.is_ok(), "no snapshot: the feed is read instead");
    // A real refusal (the key is there) stays an error.
    let refusing = documents_seen_as_on_aws(&env, true);
    assert!(refusing.get_if_exists("conventions/somebody/v1.pdf").await.is_err());
}

/// A key of the write-once prefix takes one object: a second write, a retry or a concurrent
/// one, leaves the first as it is and keeps one version in the (versioned) bucket.
#[tokio::test]
async fn a_signed_document_is_written_once_and_never_replaced() {
    let env = TestEnv::new().await;
    let id = format!("e-{}", uuid::Uuid::new_v4().simple());
    let key = shared::documents::keys::signed_convention(&id, 1);
    assert!(env.app.documents.put_once(&key, b"%PDF-first".to_vec(), "application/pdf").await.unwrap());
    let again = [b"%PDF-second".to_vec(), b"%PDF-third".to_vec()].map(|b| env.app.documents.put_once(&key, b, "application/pdf"));
    let [a, b] = again;
    let (a, b) = tokio::join!(a, b);
    assert_eq!((a.unwrap(), b.unwrap()), (false, false), "the key holds an object: neither write replaces it");
    assert_eq!(env.app.documents.get(&key).await.unwrap(), b"%PDF-first");
    let versions = env.app.documents.client.list_object_versions().bucket(&env.app.documents.bucket).prefix(&key).send().await.unwrap();
    assert_eq!(versions.versions().len(), 1, "one version: nothing was overwritten");
    assert!(env.app.documents.exists(&key).await.unwrap());
    assert!(!env.app.documents.exists(&shared::documents::keys::signature_evidence(&id, 1)).await.unwrap());
}

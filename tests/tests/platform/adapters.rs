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

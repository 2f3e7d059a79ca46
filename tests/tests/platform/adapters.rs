//! The S3 and SES adapters against the emulator: what a user would get back.

use platform_tests::harness::{emulator_endpoint, http_get, sent_emails, TestEnv};
use shared::mail::OutgoingEmail;

#[tokio::test]
async fn a_stored_document_is_downloaded_through_a_presigned_url() {
    let env = TestEnv::new().await;
    let pdf = b"%PDF-1.7\n% convention de test\n".to_vec();
    let stored = env.app.documents.put_pdf("conventions/test/v1.pdf", pdf.clone(), "abc123").await.unwrap();
    assert_eq!(stored.key, "conventions/test/v1.pdf");
    assert_eq!(env.app.documents.get(&stored.key).await.unwrap(), pdf);
    let url = env.app.documents.presigned_get(&stored.key, "convention 2026.pdf", std::time::Duration::from_secs(300)).await.unwrap();
    assert!(url.contains("X-Amz-Signature="), "{url}");
    assert!(url.contains("X-Amz-Expires=300"), "{url}");
    let (status, body) = http_get(&url, None).await.unwrap();
    assert_eq!(status, 200);
    assert_eq!(body.as_bytes(), pdf.as_slice());
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

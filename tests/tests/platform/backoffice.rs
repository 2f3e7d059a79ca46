//! The back office (issue 12): the operator creates a member company through the API, and
//! its employees can register from then on.

use functions::routes::Endpoint::*;
use platform_tests::demo::user;
use platform_tests::harness::TestEnv;

fn company(id: &str, domain: &str) -> String {
    serde_json::json!({
        "id": id, "name": "Globex", "legal_name": "Globex SAS", "head_office": "12 rue de la Paix, 75002 Paris",
        "registration": "RCS Paris 123 456 789", "representative_name": "Hank Scorpio", "representative_title": "Président",
        "email_domains": [domain], "entities": [{"id": "paris", "name": "Siège, Paris"}],
        "policy": {"days_per_year": 2.5, "min_seniority_months": 6, "end_of_career_days_per_week": 1, "half_days_allowed": true}
    })
    .to_string()
}

#[tokio::test]
async fn the_operator_creates_a_company_whose_employees_can_then_register() {
    let env = TestEnv::new().await;
    let tag = &uuid::Uuid::new_v4().simple().to_string()[..10];
    let (id, domain) = (format!("globex-{tag}"), format!("globex-{tag}.example"));
    let operator = user("camille");

    // Only the operator; bad input named; unknown fields refused.
    let as_employee = env.call(CreateCompany, Some(user("maelys")), "/companies", "", Some(&company(&id, &domain))).await;
    assert_eq!(as_employee.status, 403, "{}", as_employee.raw);
    let bad = env.call(CreateCompany, Some(operator), "/companies", "", Some(&company(&id, "globex"))).await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (400, Some("email_domains[0]")), "{}", bad.raw);
    assert!(bad.body["detail"].as_str().unwrap().contains("domaine d'adresses e-mail"), "{}", bad.raw);
    let extra = company(&id, &domain).replacen('{', r#"{"colour":"rouge","#, 1);
    assert_eq!(env.call(CreateCompany, Some(operator), "/companies", "", Some(&extra)).await.body["field"], "colour");

    let created = env.call(CreateCompany, Some(operator), "/companies", "", Some(&company(&id, &domain.to_uppercase()))).await;
    assert_eq!(created.status, 201, "{}", created.raw);
    assert_eq!(created.body["email_domains"], serde_json::json!([domain]), "stored in lower case");
    assert_eq!(created.body["policy"]["annual_half_days"], 5, "2.5 days");

    // Twice: the identifier, then a domain that belongs to another company, are refused.
    let again = env.call(CreateCompany, Some(operator), "/companies", "", Some(&company(&id, &format!("other-{domain}")))).await;
    assert_eq!(again.status, 409, "{}", again.raw);
    assert!(again.body["detail"].as_str().unwrap().contains("identifiant"));
    let taken = env.call(CreateCompany, Some(operator), "/companies", "", Some(&company(&format!("{id}-2"), "bpifrance.example"))).await;
    assert_eq!(taken.status, 409, "{}", taken.raw);
    assert!(taken.body["detail"].as_str().unwrap().contains("« bpifrance.example »"), "{}", taken.raw);

    // The audit log: who, when, from where, what.
    let audit = env
        .app
        .clients
        .dynamo
        .query()
        .table_name(&env.app.config.table_name)
        .key_condition_expression("PK = :pk")
        .expression_attribute_values(":pk", aws_sdk_dynamodb::types::AttributeValue::S(shared::keys::audit(&id)))
        .send()
        .await
        .unwrap();
    let entries = audit.items();
    assert_eq!(entries.len(), 1, "one entry for one change, none for the refused ones");
    let text = |k: &str| entries[0].get(k).and_then(|v| v.as_s().ok()).cloned().unwrap_or_default();
    assert_eq!((text("action"), text("actor_email"), text("ip")), ("company.created".into(), operator.email.into(), "192.0.2.10".into()));

    // An employee of the new company registers in one of its entities.
    env.app.set_now(env.app.now() + chrono::Duration::seconds(5)); // past the catalogue's max age
    let registration = serde_json::json!({"first_name": "Nina", "last_name": "Globex", "entity_id": "paris", "gdpr_consent": true, "gdpr_consent_version": shared::texts::consent::VERSION}).to_string();
    let nina =
        env.call_as(RegisterEmployee, &format!("nina-{tag}"), &format!("nina@{domain}"), "/me/registration", "", Some(&registration)).await;
    assert_eq!(nina.status, 201, "{}", nina.raw);
    let mine = env.call_as(GetMyCompany, &format!("nina-{tag}"), &format!("nina@{domain}"), "/me/company", "", None).await;
    assert_eq!(mine.body["name"], "Globex", "{}", mine.raw);
}

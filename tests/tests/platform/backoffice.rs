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
    let entries = stored(&env, shared::keys::audit(&id), None).await;
    assert_eq!(entries.len(), 1, "one entry for one change, none for the refused ones");
    let text = |k: &str| entries[0].get(k).and_then(|v| v.as_s().ok()).cloned().unwrap_or_default();
    assert_eq!((text("action"), text("actor_email"), text("ip")), ("company.created".into(), operator.email.into(), "192.0.2.10".into()));

    // The operator reads the log; Bpifrance's admin reads only Bpifrance's (none of Globex's).
    let log = env.call(ListAuditLog, Some(operator), "/audit-log", &format!("scope={id}"), None).await;
    assert_eq!(log.status, 200, "{}", log.raw);
    assert_eq!(log.body["items"][0]["changes"]["legal_name"], "Globex SAS");
    let all = env.call(ListAuditLog, Some(operator), "/audit-log", "limit=100", None).await;
    assert!(all.body["items"].as_array().unwrap().iter().any(|e| e["scope"] == id.as_str()), "{}", all.raw);
    let admin = user("isabelle");
    assert_eq!(env.call(ListAuditLog, Some(admin), "/audit-log", &format!("scope={id}"), None).await.status, 403);
    let own = env.call(ListAuditLog, Some(admin), "/audit-log", "", None).await;
    assert_eq!((own.status, own.body["items"].as_array().map(Vec::len)), (200, Some(0)), "{}", own.raw);
    assert_eq!(env.call(ListAuditLog, Some(user("maelys")), "/audit-log", "", None).await.status, 403);
    assert_eq!(env.call(ListAuditLog, Some(operator), "/audit-log", "limit=0", None).await.body["field"], "limit");

    // An employee of the new company registers in one of its entities.
    env.app.set_now(env.app.now() + chrono::Duration::seconds(5)); // past the catalogue's max age
    let registration = serde_json::json!({"first_name": "Nina", "last_name": "Globex", "entity_id": "paris", "gdpr_consent": true, "gdpr_consent_version": shared::texts::consent::VERSION}).to_string();
    let nina =
        env.call_as(RegisterEmployee, &format!("nina-{tag}"), &format!("nina@{domain}"), "/me/registration", "", Some(&registration)).await;
    assert_eq!(nina.status, 201, "{}", nina.raw);
    let mine = env.call_as(GetMyCompany, &format!("nina-{tag}"), &format!("nina@{domain}"), "/me/company", "", None).await;
    assert_eq!(mine.body["name"], "Globex", "{}", mine.raw);
}

fn association(id: &str, registration: &str) -> String {
    serde_json::json!({
        "id": id, "name": "Les Restos du Cœur de Paris", "address": "42 rue de Clignancourt", "postcode": "75018", "city": "Paris",
        "website": "https://www.restosducoeur.org", "theme": "social-precarite",
        "description": "Aide alimentaire, accompagnement et insertion des personnes en difficulté à Paris.",
        "registration_number": registration, "representative_name": "Marie Dupont", "representative_title": "Présidente",
        "eligibility": {"general_interest": true, "art_238_bis": true, "non_confessional": true, "apolitical": true},
        "contact_email": "contact@restos-paris.example"
    })
    .to_string()
}

#[tokio::test]
async fn the_operator_adds_an_association_and_ending_a_partnership_hides_its_missions_but_not_running_engagements() {
    // After the demo data's feed revisions (a write's revision is the app's clock).
    let env = TestEnv::new_at("2026-11-20T09:00:00Z").await;
    let operator = user("camille");
    let tag = &uuid::Uuid::new_v4().simple().to_string()[..10];
    let id = format!("restos-{tag}");
    let as_referent = env.call(CreateAssociation, Some(user("sophie")), "/associations", "", Some(&association(&id, "W751234567"))).await;
    assert_eq!(as_referent.status, 403);
    let bad = env.call(CreateAssociation, Some(operator), "/associations", "", Some(&association(&id, "356000001"))).await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (400, Some("registration_number")), "{}", bad.raw);
    assert!(bad.body["detail"].as_str().unwrap().contains("SIREN"), "{}", bad.raw);
    let created = env.call(CreateAssociation, Some(operator), "/associations", "", Some(&association(&id, "w 751 234 567"))).await;
    assert_eq!(created.status, 201, "{}", created.raw);
    assert_eq!(created.body["registration_number"], "W751234567");
    let again = env.call(CreateAssociation, Some(operator), "/associations", "", Some(&association(&id, "356000000"))).await;
    assert_eq!(again.status, 409);
    // The operator edits it: checked as at creation, versioned, audited in its log.
    let path = format!("/associations/{id}");
    assert_eq!(env.call(UpdateAssociation, Some(user("sophie")), &path, "", Some(r#"{"city":"Lyon"}"#)).await.status, 403);
    let bad = env.call(UpdateAssociation, Some(operator), &path, "", Some(r#"{"registration_number":"W12"}"#)).await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (400, Some("registration_number")), "{}", bad.raw);
    assert_eq!(env.call(UpdateAssociation, Some(operator), "/associations/nope", "", Some(r#"{"city":"Lyon"}"#)).await.status, 404);
    let moved = env.call(UpdateAssociation, Some(operator), &path, "", Some(r#"{"city":"Lyon","postcode":"69002","website":""}"#)).await;
    assert_eq!((moved.status, moved.body["city"].as_str(), moved.body["website"].as_str()), (200, Some("Lyon"), None), "{}", moved.raw);
    assert_eq!(moved.body["registration_number"], "W751234567", "the rest kept");
    assert_eq!(stored(&env, shared::keys::association(&id), Some("VERSION#")).await.len(), 1);
    let log = env.call(ListAuditLog, Some(operator), "/audit-log", &format!("scope=association:{id}"), None).await;
    assert_eq!(log.body["items"][0]["action"], "association.changed", "{}", log.raw);

    let partnership = |company: &str, association: &str| format!("/companies/{company}/partnerships/{association}");
    let unknown = env.call(SetPartnership, Some(operator), &partnership("nope", &id), "", Some(r#"{"active":true}"#)).await;
    assert_eq!(unknown.status, 404);
    assert_eq!(
        env.call(SetPartnership, Some(operator), &partnership("bpifrance", "nope"), "", Some(r#"{"active":true}"#)).await.status,
        404
    );
    let by_employee = env.call(SetPartnership, Some(user("maelys")), &partnership("bpifrance", &id), "", Some(r#"{"active":true}"#)).await;
    assert_eq!(by_employee.status, 403);
    let started = env.call(SetPartnership, Some(operator), &partnership("bpifrance", &id), "", Some(r#"{"active":true}"#)).await;
    assert_eq!((started.status, started.body["active"].as_bool()), (200, Some(true)), "{}", started.raw);

    // Maelys applies to an APTE mission; then Bpifrance's partnership with APTE ends.
    let maelys = user("maelys");
    assert_eq!(search(&env).await, Some(1));
    let applied = env
        .call(
            ApplyToMission,
            Some(maelys),
            "/missions/apte-crowdfunding/applications",
            "",
            Some(r#"{"message":"Bonjour, je souhaite vous aider."}"#),
        )
        .await;
    assert_eq!(applied.status, 201, "{}", applied.raw);
    let engagement = applied.body["id"].as_str().unwrap().to_string();
    let ended = env.call(SetPartnership, Some(operator), &partnership("bpifrance", "apte"), "", Some(r#"{"active":false}"#)).await;
    assert_eq!((ended.status, ended.body["active"].as_bool()), (200, Some(false)), "{}", ended.raw);
    assert!(ended.body["ended_at"].is_string());
    env.app.set_now(env.app.now() + chrono::Duration::seconds(5)); // past the catalogue's max age
    assert_eq!(search(&env).await, Some(0), "the association's missions are hidden from the company");
    // The running engagement goes on: Maelys sends her dates to her manager.
    let body = r#"{"manager_email":"claire.martin@bpifrance.example","dates":[{"date":"2026-12-10","part":"full_day"}],"message":"Bonjour Claire, peux-tu valider ?"}"#;
    let dates = env.call(RequestDates, Some(maelys), &format!("/engagements/{engagement}/date-requests"), "", Some(body)).await;
    assert_eq!(dates.status, 201, "{}", dates.raw);
    // Started again, they come back.
    env.call(SetPartnership, Some(operator), &partnership("bpifrance", "apte"), "", Some(r#"{"active":true}"#)).await;
    env.app.set_now(env.app.now() + chrono::Duration::seconds(5));
    assert_eq!(search(&env).await, Some(1));
}

async fn search(env: &TestEnv) -> Option<u64> {
    env.call(SearchMissions, Some(user("maelys")), "/missions", "q=crowdfunding", None).await.body["total"].as_u64()
}

/// The items stored under `pk` (whose sort key starts with `sk_prefix`, if given).
async fn stored(
    env: &TestEnv,
    pk: String,
    sk_prefix: Option<&str>,
) -> Vec<std::collections::HashMap<String, aws_sdk_dynamodb::types::AttributeValue>> {
    use aws_sdk_dynamodb::types::AttributeValue::S;
    let query = env.app.clients.dynamo.query().table_name(&env.app.config.table_name).expression_attribute_values(":pk", S(pk));
    let query = match sk_prefix {
        Some(prefix) => {
            query.key_condition_expression("PK = :pk AND begins_with(SK, :sk)").expression_attribute_values(":sk", S(prefix.into()))
        }
        None => query.key_condition_expression("PK = :pk"),
    };
    query.send().await.unwrap().items().to_vec()
}

#[tokio::test]
async fn a_new_company_and_a_new_association_are_onboarded_through_the_api_only() {
    let env = TestEnv::new_at("2026-11-20T09:00:00Z").await;
    let operator = user("camille");
    let tag = &uuid::Uuid::new_v4().simple().to_string()[..10];
    let (company_id, domain, association_id) = (format!("initech-{tag}"), format!("initech-{tag}.example"), format!("refuge-{tag}"));
    // The operator: the company, the association, their partnership.
    assert_eq!(env.call(CreateCompany, Some(operator), "/companies", "", Some(&company(&company_id, &domain))).await.status, 201);
    assert_eq!(
        env.call(CreateAssociation, Some(operator), "/associations", "", Some(&association(&association_id, "W751234567"))).await.status,
        201
    );
    let partnership = format!("/companies/{company_id}/partnerships/{association_id}");
    assert_eq!(env.call(SetPartnership, Some(operator), &partnership, "", Some(r#"{"active":true}"#)).await.status, 200);

    // The referent is invited by e-mail and takes the role, once, signed in with that address.
    let nora = format!("nora.{tag}@refuge.example");
    let invite = format!("/associations/{association_id}/referent-invitations");
    let bad = env.call(InviteReferent, Some(operator), &invite, "", Some(r#"{"email":"pas-une-adresse"}"#)).await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (400, Some("email")));
    assert_eq!(env.call(InviteReferent, Some(user("sophie")), &invite, "", Some(&format!(r#"{{"email":"{nora}"}}"#))).await.status, 403);
    let sent = env.call(InviteReferent, Some(operator), &invite, "", Some(&format!(r#"{{"email":"{nora}"}}"#))).await;
    assert_eq!(sent.status, 201, "{}", sent.raw);
    let mail = platform_tests::harness::emails_to(&nora).await;
    assert!(mail[0]["subject"].as_str().unwrap().contains("Les Restos du Cœur de Paris"), "{}", mail[0]);
    let token = platform_tests::harness::last_link_token(&nora, "/role-invitations/").await;
    let accept = format!("/role-invitations/{token}");
    let names = r#"{"first_name":"Nora","last_name":"Refuge"}"#;
    let stranger =
        env.call_as(AcceptRoleInvitation, &format!("x-{tag}"), &format!("x.{tag}@refuge.example"), &accept, "", Some(names)).await;
    assert_eq!(stranger.status, 403, "another address");
    let employee = env.call(AcceptRoleInvitation, Some(user("maelys")), &accept, "", Some(names)).await;
    assert_eq!(employee.status, 403);
    let nora_sub = format!("nora-{tag}");
    let taken = env.call_as(AcceptRoleInvitation, &nora_sub, &nora, &accept, "", Some(names)).await;
    assert_eq!((taken.status, taken.body["role"].as_str()), (200, Some("referent")), "{}", taken.raw);
    assert_eq!(env.call_as(AcceptRoleInvitation, &nora_sub, &nora, &accept, "", Some(names)).await.status, 404, "once");

    // Nora publishes a mission; an employee of the new company finds it and applies.
    let body = crate::referents::NEW_MISSION.replace("APTE", "le refuge");
    let created = env.call_as(CreateMission, &nora_sub, &nora, &format!("/associations/{association_id}/missions"), "", Some(&body)).await;
    assert_eq!(created.status, 201, "{}", created.raw);
    let mission = created.body["id"].as_str().unwrap().to_string();
    let published = env.call_as(PublishMission, &nora_sub, &nora, &format!("/missions/{mission}/publish"), "", None).await;
    assert_eq!(published.status, 200, "{}", published.raw);
    env.app.set_now(env.app.now() + chrono::Duration::seconds(5));
    let (sub, email) = (format!("paula-{tag}"), format!("paula@{domain}"));
    let registration = serde_json::json!({"first_name": "Paula", "last_name": "Initech", "entity_id": "paris", "gdpr_consent": true, "gdpr_consent_version": shared::texts::consent::VERSION}).to_string();
    assert_eq!(env.call_as(RegisterEmployee, &sub, &email, "/me/registration", "", Some(&registration)).await.status, 201);
    let found = env.call_as(SearchMissions, &sub, &email, "/missions", "q=concert", None).await;
    assert_eq!(found.body["items"][0]["id"], mission.as_str(), "{}", found.raw);
    assert_eq!(found.body["total"], 1, "only the new company's partner association");
    let applied = env
        .call_as(
            ApplyToMission,
            &sub,
            &email,
            &format!("/missions/{mission}/applications"),
            "",
            Some(r#"{"message":"Bonjour, je viens avec plaisir."}"#),
        )
        .await;
    assert_eq!(applied.status, 201, "{}", applied.raw);
    assert_eq!(applied.body["company_id"], company_id.as_str());
    let engagement = applied.body["id"].as_str().unwrap().to_string();

    // The operator invites the company's first admin (an address of its domains), who takes
    // the role signed in with it and registers like any employee.
    let hank = format!("hank.{tag}@{domain}");
    let invite = format!("/companies/{company_id}/admin-invitations");
    let outside = env.call(InviteCompanyAdmin, Some(operator), &invite, "", Some(r#"{"email":"hank@gmail.example"}"#)).await;
    assert_eq!((outside.status, outside.body["field"].as_str()), (400, Some("email")), "{}", outside.raw);
    for who in ["isabelle", "maelys", "sophie"] {
        let r = env.call(InviteCompanyAdmin, Some(user(who)), &invite, "", Some(&format!(r#"{{"email":"{hank}"}}"#))).await;
        assert_eq!(r.status, 403, "{who}: {}", r.raw);
    }
    let sent = env.call(InviteCompanyAdmin, Some(operator), &invite, "", Some(&format!(r#"{{"email":"{hank}"}}"#))).await;
    assert_eq!((sent.status, sent.body["role"].as_str()), (201, Some("company_admin")), "{}", sent.raw);
    let token = platform_tests::harness::last_link_token(&hank, "/role-invitations/").await;
    let hank_sub = format!("hank-{tag}");
    let names = r#"{"first_name":"Hank","last_name":"Initech"}"#;
    let taken = env.call_as(AcceptRoleInvitation, &hank_sub, &hank, &format!("/role-invitations/{token}"), "", Some(names)).await;
    assert_eq!((taken.status, taken.body["company_id"].as_str()), (200, Some(company_id.as_str())), "{}", taken.raw);
    let registration = registration.replace("Paula", "Hank");
    let registered = env.call_as(RegisterEmployee, &hank_sub, &hank, "/me/registration", "", Some(&registration)).await;
    assert_eq!(registered.status, 201, "{}", registered.raw);
    assert_eq!(env.call_as(RegisterEmployee, &hank_sub, &hank, "/me/registration", "", Some(&registration)).await.status, 409, "once");

    // The admin changes the signatory, the colour and the entities; not the legal identity.
    let path = format!("/companies/{company_id}");
    let patch = |body: &str| {
        let (sub, email, path, body) = (hank_sub.clone(), hank.clone(), path.clone(), body.to_string());
        let env = &env;
        async move { env.call_as(UpdateCompany, &sub, &email, &path, "", Some(&body)).await }
    };
    let legal = patch(r#"{"legal_name":"Initech Holding SAS"}"#).await;
    assert_eq!(legal.status, 403, "{}", legal.raw);
    assert!(legal.body["detail"].as_str().unwrap().contains("« raison sociale »"), "{}", legal.raw);
    let colour = patch(r#"{"brand_colour":"bleu"}"#).await;
    assert_eq!((colour.status, colour.body["field"].as_str()), (400, Some("brand_colour")), "{}", colour.raw);
    let removed = patch(r#"{"entities":[{"id":"lyon","name":"Agence de Lyon"}]}"#).await;
    assert_eq!((removed.status, removed.body["field"].as_str()), (400, Some("entities")), "{}", removed.raw);
    assert!(removed.body["detail"].as_str().unwrap().contains("« paris »"), "{}", removed.raw);
    assert_eq!(patch("{}").await.status, 400, "nothing to change");
    let other = env.call(UpdateCompany, Some(user("isabelle")), &path, "", Some(r#"{"name":"Pris"}"#)).await;
    assert_eq!(other.status, 403, "another company's admin");
    assert_eq!(env.call(UpdateCompany, Some(user("maelys")), &path, "", Some(r#"{"name":"Pris"}"#)).await.status, 403);
    let changed = patch(
        r##"{"representative_name":"Joanna Lumbergh","representative_title":"Directrice générale","brand_colour":"#1D4F91","entities":[{"id":"paris","name":"Siège, Paris","day_cost_cents":48000},{"id":"lyon","name":"Agence de Lyon"}]}"##,
    )
    .await;
    assert_eq!(changed.status, 200, "{}", changed.raw);
    assert_eq!(
        (changed.body["brand_colour"].as_str(), changed.body["entities"][0]["day_cost_cents"].as_u64()),
        (Some("#1d4f91"), Some(48000))
    );
    assert_eq!(changed.body["policy"]["annual_half_days"], 5, "the policy is not touched");
    // The operator changes the legal name and the domains; a domain of another company: 409.
    let taken =
        env.call(UpdateCompany, Some(operator), &path, "", Some(&format!(r#"{{"email_domains":["{domain}","bpifrance.example"]}}"#))).await;
    assert_eq!(taken.status, 409, "{}", taken.raw);
    let legal = env.call(UpdateCompany, Some(operator), &path, "", Some(r#"{"legal_name":"Initech Holding SAS"}"#)).await;
    assert_eq!(legal.status, 200, "{}", legal.raw);
    assert_eq!(stored(&env, shared::keys::company(&company_id), Some("VERSION#")).await.len(), 2, "each version kept");

    // The admin imports Paula's HR line; her manager accepts her day; the convention carries
    // the company's legal details as they now are.
    let csv = format!("email;contrat;date_embauche;date_retraite\n{email};CDI;2019-09-02;\n");
    let import = env.call_as(ImportHrAttributes, &hank_sub, &hank, &format!("/companies/{company_id}/hr-attributes"), "", Some(&csv)).await;
    assert_eq!(import.status, 200, "{}", import.raw);
    let manager = format!("manager.{tag}@{domain}");
    let dates = serde_json::json!({"manager_email": manager, "dates": [{"date": "2026-12-03", "part": "full_day"}], "message": "Bonjour, peux-tu valider ?"}).to_string();
    let asked = env.call_as(RequestDates, &sub, &email, &format!("/engagements/{engagement}/date-requests"), "", Some(&dates)).await;
    assert_eq!(asked.status, 201, "{}", asked.raw);
    let token = platform_tests::harness::last_link_token(&manager, "/decisions/").await;
    let decided = env.call(DecideDates, None, &format!("/decisions/{token}"), "", Some("decision=accept")).await;
    assert_eq!(decided.status, 200, "{}", decided.raw);
    let conv = env.call_as(GetConvention, &sub, &email, &format!("/engagements/{engagement}/convention"), "", None).await;
    assert_eq!(conv.status, 200, "{}", conv.raw);
    let (_, pdf) = platform_tests::harness::http_get_bytes(conv.body["url"].as_str().unwrap()).await.unwrap();
    let text = platform_tests::harness::pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "L'entreprise Initech Holding SAS, dont le siège social est à 12 rue de la Paix, 75002 Paris, RCS Paris 123 456 789, représentée par Joanna Lumbergh, en qualité de Directrice générale",
        "Les Restos du Cœur de Paris",
        "Paula Initech",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }

    // Every change is in the company's log; the operator takes the admin role back.
    let log = env.call_as(ListAuditLog, &hank_sub, &hank, "/audit-log", "", None).await;
    let actions: Vec<&str> = log.body["items"].as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(
        actions,
        ["company.changed", "company.changed", "role.accepted", "company_admin.invited", "partnership.started", "company.created"],
        "{}",
        log.raw
    );
    let revoke = format!(r#"{{"email":"{hank}"}}"#);
    assert_eq!(env.call(RevokeRole, Some(user("isabelle")), "/role-revocations", "", Some(&revoke)).await.status, 404, "not her company's");
    assert_eq!(env.call(RevokeRole, Some(user("maelys")), "/role-revocations", "", Some(&revoke)).await.status, 403);
    let bad = env.call(RevokeRole, Some(operator), "/role-revocations", "", Some(r#"{"email":"x"}"#)).await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (400, Some("email")));
    let revoked = env.call(RevokeRole, Some(operator), "/role-revocations", "", Some(&revoke)).await;
    assert_eq!((revoked.status, revoked.body["role"].as_str()), (200, Some("employee")), "{}", revoked.raw);
    assert_eq!(patch(r#"{"name":"Initech"}"#).await.status, 403, "no longer an admin");
}

#[tokio::test]
async fn the_company_admin_changes_the_policy_from_now_on_and_it_is_versioned_and_audited() {
    let env = TestEnv::new_at("2026-11-20T09:00:00Z").await;
    let (admin, body) =
        (user("isabelle"), r#"{"days_per_year":3,"min_seniority_months":6,"end_of_career_days_per_week":1,"half_days_allowed":true}"#);
    assert_eq!(env.call(SetCompanyPolicy, Some(user("maelys")), "/companies/bpifrance/policy", "", Some(body)).await.status, 403);
    assert_eq!(env.call(SetCompanyPolicy, Some(admin), "/companies/aubay/policy", "", Some(body)).await.status, 403, "another company");
    let bad = env.call(SetCompanyPolicy, Some(admin), "/companies/bpifrance/policy", "", Some(&body.replace(":3,", ":3.2,"))).await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (400, Some("days_per_year")), "{}", bad.raw);
    let unknown = env.call(SetCompanyPolicy, Some(user("camille")), "/companies/nope/policy", "", Some(body)).await;
    assert_eq!(unknown.status, 404, "{}", unknown.raw);

    let set = env.call(SetCompanyPolicy, Some(admin), "/companies/bpifrance/policy", "", Some(body)).await;
    assert_eq!((set.status, set.body["annual_half_days"].as_u64()), (200, Some(6)), "{}", set.raw);
    env.app.set_now(env.app.now() + chrono::Duration::seconds(5));
    let seen = env.call(GetMyCompany, Some(user("maelys")), "/me/company", "", None).await;
    assert_eq!(
        (seen.body["policy"]["annual_half_days"].as_u64(), seen.body["policy"]["min_seniority_months"].as_u64()),
        (Some(6), Some(6)),
        "{}",
        seen.raw
    );
    assert_eq!(seen.body["policy"]["half_days_allowed"], true);
    // The version is kept, and the change is in the company's log, readable by its admin.
    assert_eq!(stored(&env, shared::keys::company("bpifrance"), Some("POLICY#")).await.len(), 1);
    let log = env.call(ListAuditLog, Some(admin), "/audit-log", "", None).await;
    assert_eq!(log.body["items"][0]["action"], "policy.changed", "{}", log.raw);
    assert_eq!(log.body["items"][0]["actor_email"], admin.email);
}

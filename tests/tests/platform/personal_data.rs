//! Personal data (issue 12, GDPR): the export holds the caller's items and nobody else's;
//! after the account's deletion and the nightly purge, nothing in the whole table names the
//! person outside the retained documents, which the company still downloads; an inactive
//! account is warned a month and a week before being erased.

use aws_sdk_dynamodb::types::AttributeValue;
use functions::routes::Endpoint::*;
use functions::routes::Job;
use platform_tests::demo::user;
use platform_tests::harness::{self, emails_to, Person, TestEnv};
use shared::domain::engagement::Engagement;

/// Every item of the table, as text (to look for a person in it).
async fn whole_table(env: &TestEnv) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = None;
    loop {
        let (items, next) = env.app.store.scan_page(start).await.unwrap();
        out.extend(items.iter().map(|i| format!("{i:?}")));
        match next {
            Some(k) => start = Some(k),
            None => return out,
        }
    }
}

/// A signed, completed engagement of `p` with APTE in 2026, with the signed PDF the three
/// signatures produced.
async fn signed_engagement(env: &TestEnv, p: &Person) -> String {
    let id = format!("signed-{}", &p.sub[5..15]);
    let signature = |who: &str, name: &str, email: &str| serde_json::json!({"version": 1, "signatory": who, "name": name, "email": email, "sub": "x", "signed_at": "2026-02-01T09:00:00Z", "ip": "192.0.2.10", "user_agent": "Mozilla/5.0", "sha256": "ab"});
    let e: Engagement = serde_json::from_value(serde_json::json!({
        "id": id, "year": 2026, "state": "completed",
        "employee": {"sub": p.sub, "email": p.email, "first_name": p.first_name, "last_name": "Test", "phone": "06 10 20 30 40"},
        "company_id": "bpifrance", "entity_id": "paris-haussmann", "themes": ["arts-culture"],
        "mission_id": "apte-crowdfunding", "mission_title": "Créer un crowdfunding", "association_id": "apte", "association_name": "APTE",
        "referent": {"name": "Sophie Durand", "email": "sophie.durand@apte.example"},
        "message": format!("Bonjour, je suis {} Test et j'ai hâte.", p.first_name),
        "dates": [{"date": "2026-02-05", "part": "full_day", "state": "present", "request_id": "r1"}],
        "requests": [{"id": "r1", "manager_email": "manager.zoe@bpifrance.example", "message": "Merci de valider", "state": "accepted", "state_before": "applied", "created_at": "2026-01-10T09:00:00Z", "expires_at": "2026-01-24T09:00:00Z", "decided_at": "2026-01-11T09:00:00Z"}],
        "signatures": [signature("employee", &format!("{} Test", p.first_name), &p.email), signature("association", "Sophie Durand", "sophie.durand@apte.example"), signature("company", "Isabelle Moreau", "isabelle.moreau@bpifrance.example")],
        "assessment": {"relevance": "bonne", "welcome": "tres_bonne", "welcome_reasons": format!("Merci de la part de {} Test", p.first_name), "matched_expertise": true, "sent_at": "2026-02-06T09:00:00Z"},
        "created_at": "2026-01-05T09:00:00Z", "updated_at": "2026-02-06T09:00:00Z", "version": 7
    }))
    .unwrap();
    let write = shared::store::engagements::put_new(&env.app.store, &e).unwrap();
    env.app.store.transact("test engagement", vec![write]).await.unwrap().unwrap();
    let key = shared::documents::keys::signed_convention(&id, 1);
    let pdf =
        shared::pdf::render(&[shared::pdf::Block::Title(format!("Convention signée par {} Test", p.first_name))], "Convention").unwrap();
    env.app.documents.put(&key, pdf, "application/pdf").await.unwrap();
    id
}

#[tokio::test]
async fn a_deleted_account_leaves_no_trace_but_the_retained_documents() {
    let env = TestEnv::new_at("2026-11-20T09:00:00Z").await;
    let zoe = env.new_employee("Zoéline", "bpifrance.example", "paris-haussmann").await;
    let full_name = "Zoéline Test";
    // Her data in many places: preferences and alerts, a favourite, a suggestion, an open
    // application (e-mails to her and to the association naming her), a signed engagement.
    let prefs = r#"{"themes":["arts-culture"],"professional_expertises":[],"personal_expertises":[],"alert_frequency":"weekly"}"#;
    assert_eq!(env.call_by(UpdateMyPreferences, &zoe, "/me/preferences", "", Some(prefs)).await.status, 200);
    assert_eq!(env.call_by(AddFavourite, &zoe, "/me/favourites/restos-cuisine", "", None).await.status, 204);
    let suggestion = r#"{"name":"Épicerie du coin","city":"Paris","reason":"Elle aide tout le quartier."}"#;
    assert_eq!(env.call_by(SuggestAssociation, &zoe, "/association-suggestions", "", Some(suggestion)).await.status, 201);
    let applied = env
        .call_by(ApplyToMission, &zoe, "/missions/restos-collecte/applications", "", Some(r#"{"message":"Bonjour, je serai là !"}"#))
        .await;
    assert_eq!(applied.status, 201, "{}", applied.raw);
    let signed = signed_engagement(&env, &zoe).await;
    env.call(AddFavourite, Some(user("maelys")), "/me/favourites/apte-crowdfunding", "", None).await;

    // "Mes données": hers, with her documents and the e-mails sent to her, nobody else's.
    let export = env.call_by(ExportMyData, &zoe, "/me/data", "", None).await;
    assert_eq!(export.status, 200, "{}", export.raw);
    assert_eq!(export.body["engagements"].as_array().map(Vec::len), Some(2));
    let seen: Vec<&str> = export.body["missions_seen"].as_array().unwrap().iter().filter_map(|m| m["mission_id"].as_str()).collect();
    assert!(seen.contains(&"restos-cuisine") && !seen.contains(&"apte-crowdfunding"), "hers, not Maëlys's: {seen:?}");
    assert_eq!(export.body["suggestions"].as_array().map(Vec::len), Some(1));
    let documents = export.body["documents"].as_array().unwrap();
    let convention = documents.iter().find(|d| d["engagement_id"] == signed.as_str() && d["kind"] == "convention").unwrap();
    assert_eq!(convention["signed"], true);
    let (status, _) = harness::http_get_bytes(convention["url"].as_str().unwrap()).await.unwrap();
    assert_eq!(status, 200, "the link opens her signed convention");
    let sent = export.body["emails_sent"].as_array().unwrap();
    assert!(sent.iter().any(|m| m["subject"].as_str().unwrap().contains("Participez à la collecte")), "{sent:?}");
    for stranger in ["maelys", "Louvel", "paul.girard"] {
        assert!(!export.raw.contains(stranger), "{stranger} in {}", export.raw);
    }

    // Deletion: at once, then the nightly purge.
    let r = env.call_by(DeleteMyAccount, &zoe, "/me", "", None).await;
    assert_eq!(r.status, 202, "{}", r.raw);
    assert_eq!((r.body["engagements_cancelled"].as_u64(), r.body["engagements_kept"].as_u64()), (Some(1), Some(2)));
    assert_eq!(r.body["retained_until"], "2032-12-31");
    let cancelled = emails_to("support@mecenat.example").await;
    assert!(
        cancelled.iter().any(|m| m["subject"].as_str().unwrap_or_default().contains("Annulation")
            && m["body"].as_str().unwrap_or_default().contains("supprimé son compte")),
        "the association and support are told of the cancelled application"
    );
    assert_eq!(env.call_by(DeleteMyAccount, &zoe, "/me", "", None).await.status, 404, "once");
    let report = env.run_job(Job::PurgePersonalData, harness::event_json_job(Job::PurgePersonalData)).await;
    assert_eq!(report["erasures"], 1, "{report}");
    let lower_email = zoe.email.to_lowercase();
    let mentions: Vec<String> = whole_table(&env)
        .await
        .into_iter()
        .filter(|i| i.to_lowercase().contains(&lower_email) || i.contains(full_name) || i.contains(&zoe.sub))
        .collect();
    assert!(mentions.is_empty(), "still named in: {mentions:#?}");
    assert_eq!(env.run_job(Job::PurgePersonalData, harness::event_json_job(Job::PurgePersonalData)).await["erasures"], 0);

    // The company still downloads the signed convention; the engagement is anonymised.
    let conv = env.call(GetConvention, Some(user("isabelle")), &format!("/engagements/{signed}/convention"), "", None).await;
    assert_eq!(conv.status, 200, "{}", conv.raw);
    let (status, pdf) = harness::http_get_bytes(conv.body["signed_url"].as_str().unwrap()).await.unwrap();
    assert_eq!(status, 200);
    assert!(harness::pdf_text(&pdf).contains("Zoéline Test"), "the retained document is unchanged");
    let e = env.call(GetEngagement, Some(user("sophie")), &format!("/engagements/{signed}"), "", None).await;
    assert_eq!(e.status, 200, "{}", e.raw);
    assert_eq!(e.body["employee"]["first_name"], "Compte", "{}", e.raw);
    // Her company's report still counts the day.
    let report = env.call(GetCompanyReport, Some(user("isabelle")), "/companies/bpifrance/report", "year=2026", None).await;
    assert_eq!(report.body["days"]["attested"], 1.0, "{}", report.raw);
    // Signed in again, she is nobody.
    let me = env.call_by(GetMyProfile, &zoe, "/me", "", None).await;
    assert_eq!(me.body["registered"], false, "{}", me.raw);
}

#[tokio::test]
async fn an_inactive_account_is_warned_a_month_and_a_week_before_being_erased() {
    let env = TestEnv::new_at("2026-11-20T09:00:00Z").await;
    let paul = user("paul");
    // Last seen on 20 December 2023: erased on 20 December 2026 (3 years).
    env.app
        .clients
        .dynamo
        .update_item()
        .table_name(&env.app.config.table_name)
        .key("PK", AttributeValue::S(shared::keys::user(paul.sub)))
        .key("SK", AttributeValue::S(shared::keys::PROFILE.into()))
        .update_expression("SET last_seen_at = :at")
        .expression_attribute_values(":at", AttributeValue::S("2023-12-20T09:00:00Z".into()))
        .send()
        .await
        .unwrap();
    let purge = || async { env.run_job(Job::PurgePersonalData, harness::event_json_job(Job::PurgePersonalData)).await };
    let warnings = || async {
        emails_to(paul.email).await.into_iter().filter(|m| m["subject"].as_str().unwrap_or_default().contains("sera supprimé")).count()
    };
    assert_eq!(purge().await["inactivity_warnings"], 1, "30 days before");
    assert_eq!(purge().await["inactivity_warnings"], 0, "once");
    assert_eq!(warnings().await, 1);
    env.app.set_now("2026-12-14T09:00:00Z".parse().unwrap());
    assert_eq!(purge().await["inactivity_warnings"], 1, "the last one, 6 days before");
    assert_eq!(warnings().await, 2);
    let last = emails_to(paul.email)
        .await
        .into_iter()
        .rev()
        .find(|m| m["subject"].as_str().unwrap_or_default().starts_with("Dernier rappel"))
        .unwrap();
    assert!(last["subject"].as_str().unwrap().contains("dimanche 20 décembre 2026"), "{last}");
    env.app.set_now("2026-12-20T09:00:00Z".parse().unwrap());
    assert_eq!(purge().await["inactive_erased"], 1);
    let me = env.call(GetMyProfile, Some(paul), "/me", "", None).await;
    assert_eq!(me.body["registered"], false, "{}", me.raw);
    // Someone who came back is not warned: opening the platform marks them seen.
    let claire = user("claire");
    env.app.set_now("2029-12-01T09:00:00Z".parse().unwrap());
    assert_eq!(env.call(GetMyProfile, Some(claire), "/me", "", None).await.status, 200);
    assert!(purge().await["inactive_erased"].as_u64().unwrap_or(0) >= 1, "the others, unseen for three years");
    assert!(emails_to(claire.email).await.iter().all(|m| !m["subject"].as_str().unwrap_or_default().contains("sera supprimé")));
    assert_eq!(env.call(GetMyProfile, Some(claire), "/me", "", None).await.body["registered"], true, "Claire stays");
}

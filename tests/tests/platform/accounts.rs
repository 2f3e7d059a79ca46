//! Registration and profile (A2), "Mon compte", and the company's entities.

use functions::routes::Endpoint::*;
use platform_tests::demo::user;
use platform_tests::harness::TestEnv;

fn registration(entity: &str) -> String {
    format!(
        r#"{{"first_name":"Nina","last_name":"Recrue","entity_id":"{entity}","phone":"06 11 22 33 44","gdpr_consent":true,"gdpr_consent_version":"{}"}}"#,
        shared::texts::consent::VERSION
    )
}

#[tokio::test]
async fn an_employee_registers_then_edits_the_profile() {
    let env = TestEnv::new().await;
    let recrue = Some(user("recrue"));

    let me = env.call(GetMyProfile, recrue, "/me", "", None).await;
    assert_eq!(me.status, 200, "{}", me.raw);
    assert_eq!(me.body["registered"], false);
    assert_eq!(me.body["company"]["name"], "Bpifrance");
    assert_eq!(me.body["todo"][0]["label"], "Finalise ton inscription");

    let company = env.call(GetMyCompany, recrue, "/me/company", "", None).await;
    assert_eq!(company.status, 200);
    assert_eq!(company.body["entities"].as_array().unwrap().len(), 5);
    assert_eq!(company.body["policy"]["half_days_allowed"], false);

    let bad = env.call(RegisterEmployee, recrue, "/me/registration", "", Some(&registration("lyon-nord"))).await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.body["field"], "entity_id");
    let no_consent = registration("lyon").replace(r#""gdpr_consent":true"#, r#""gdpr_consent":false"#);
    let bad = env.call(RegisterEmployee, recrue, "/me/registration", "", Some(&no_consent)).await;
    assert_eq!(bad.body["field"], "gdpr_consent");

    let ok = env.call(RegisterEmployee, recrue, "/me/registration", "", Some(&registration("lyon"))).await;
    assert_eq!(ok.status, 201, "{}", ok.raw);
    assert_eq!(ok.body["entity"]["name"], "Direction régionale Lyon");
    assert_eq!(ok.body["consent"]["version"], shared::texts::consent::VERSION);
    let twice = env.call(RegisterEmployee, recrue, "/me/registration", "", Some(&registration("lyon"))).await;
    assert_eq!(twice.status, 409);
    assert_eq!(twice.body["detail"], "Tu es déjà inscrit·e sur la plateforme.");

    let me = env.call(GetMyProfile, recrue, "/me", "", None).await;
    assert_eq!(me.body["registered"], true);
    assert_eq!(me.body["role"], "employee");
    assert_eq!(me.body["todo"].as_array().unwrap().len(), 0);

    let patched = env.call(UpdateMyProfile, recrue, "/me", "", Some(r#"{"first_name":"Ninon","entity_id":"nantes","phone":""}"#)).await;
    assert_eq!(patched.status, 200, "{}", patched.raw);
    assert_eq!(patched.body["first_name"], "Ninon");
    assert_eq!(patched.body["entity"]["id"], "nantes");
    assert!(patched.body["phone"].is_null());
    let empty = env.call(UpdateMyProfile, recrue, "/me", "", Some("{}")).await;
    assert_eq!(empty.status, 400);
    let bad_entity = env.call(UpdateMyProfile, recrue, "/me", "", Some(r#"{"entity_id":"boulogne"}"#)).await;
    assert_eq!(bad_entity.body["field"], "entity_id", "AUBAY's entity is not Bpifrance's");
}

#[tokio::test]
async fn only_employees_of_member_companies_register() {
    let env = TestEnv::new().await;
    let r = env.call_as(RegisterEmployee, "outsider", "jean@gmail.example", "/me/registration", "", Some(&registration("lyon"))).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.body["field"], "email");
    let r = env.call_as(UpdateMyProfile, "outsider", "jean@bpifrance.example", "/me", "", Some(r#"{"first_name":"Jean"}"#)).await;
    assert_eq!(r.status, 403, "an unregistered employee has no profile to edit");
    let r = env.call_as(GetMyCompany, "outsider", "jean@gmail.example", "/me/company", "", None).await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn referents_see_their_association_in_their_profile() {
    let env = TestEnv::new().await;
    let me = env.call(GetMyProfile, Some(user("sophie")), "/me", "", None).await;
    assert_eq!(me.body["role"], "referent");
    assert_eq!(me.body["association"]["id"], "apte");
    assert!(me.body["company"].is_null());
}

#[tokio::test]
async fn my_data_export_holds_my_items_and_nobody_elses() {
    let env = TestEnv::new_at("2026-11-20T09:00:00Z").await;
    let maelys = user("maelys");
    assert_eq!(env.call(AddFavourite, Some(maelys), "/me/favourites/apte-crowdfunding", "", None).await.status, 204);
    let applied = env
        .call(
            ApplyToMission,
            Some(maelys),
            "/missions/basiliade-cuisine/applications",
            "",
            Some(r#"{"message":"Bonjour, je viens avec plaisir."}"#),
        )
        .await;
    assert_eq!(applied.status, 201, "{}", applied.raw);
    // Someone else's activity, which must not show in Maelys's export.
    env.call(AddFavourite, Some(user("paul")), "/me/favourites/restos-cuisine", "", None).await;
    let export = env.call(ExportMyData, Some(maelys), "/me/data", "", None).await;
    assert_eq!(export.status, 200, "{}", export.raw);
    assert_eq!(export.body["profile"]["email"], maelys.email);
    assert!(export.body["missions_seen"].as_array().unwrap().iter().any(|m| m["favourited_at"].is_string()), "{}", export.raw);
    assert_eq!(export.body["engagements"][0]["id"], applied.body["id"]);
    assert!(export.body["not_included"].as_str().unwrap().contains("e-mails"));
    for other in ["demo-paul", "paul.girard", "restos-cuisine"] {
        assert!(!export.raw.contains(other), "{other} in {}", export.raw);
    }
    // A person without a profile gets an empty export, not an error.
    let stranger = env.call_as(ExportMyData, "nobody", "nobody@bpifrance.example", "/me/data", "", None).await;
    assert_eq!((stranger.status, stranger.body["engagements"].as_array().map(Vec::len)), (200, Some(0)));
}

//! The 4-step engagement (SPEC D) — step 1 "Je postule".

use platform_tests::demo::user;
use platform_tests::harness::{emails_to, TestEnv};
use shared::routes::Endpoint::*;

#[tokio::test]
async fn an_employee_applies_and_both_sides_get_each_others_contact() {
    let env = TestEnv::new().await;
    let maelys = env.new_employee("Maelys", "bpifrance.example", "paris-haussmann").await;
    let body = r#"{"phone":"06 11 22 33 44","message":"Bonjour, je suis disponible en janvier pour vous aider sur votre crowdfunding."}"#;
    let r = env.call_by(ApplyToMission, &maelys, "/missions/apte-crowdfunding/applications", "", Some(body)).await;
    assert_eq!(r.status, 201, "{}", r.raw);
    assert_eq!(r.body["state"], "applied");
    assert_eq!(r.body["state_label"], "candidature envoyée");
    assert_eq!(r.body["mission_title"], "Créer un crowdfunding");
    assert_eq!(r.body["progress"]["current_step"], 2);
    assert_eq!(r.body["warnings"].as_array().unwrap().len(), 0);
    let id = r.body["id"].as_str().unwrap().to_string();

    // The employee gets the referent's contact.
    let mine = emails_to(&maelys.email).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine[0]["subject"], "Ta candidature pour « Créer un crowdfunding » est envoyée");
    let html = mine[0]["body"].as_str().unwrap();
    assert!(html.contains("Sophie Durand") && html.contains("sophie.durand@apte.example"), "{html}");
    assert!(html.contains("/missions/apte-crowdfunding"));
    // The referent gets the employee's contact and message.
    let referent = emails_to("sophie.durand@apte.example").await;
    let to_referent = referent.iter().find(|m| m["body"].as_str().unwrap_or("").contains(&maelys.email)).expect("mail to the referent");
    assert_eq!(to_referent["subject"], "Nouvelle candidature pour « Créer un crowdfunding »");
    let html = to_referent["body"].as_str().unwrap();
    assert!(html.contains("06 11 22 33 44") && html.contains("disponible en janvier") && html.contains("Bpifrance"), "{html}");

    // The mission page and "Mes missions" show step 2 to do.
    let page = env.call_by(GetMission, &maelys, "/missions/apte-crowdfunding", "", None).await;
    assert_eq!(page.body["me"]["current_step"], 2);
    assert_eq!(page.body["me"]["steps"][0]["status"], "fait");
    let list = env.call_by(ListMyEngagements, &maelys, "/me/engagements", "", None).await;
    assert_eq!(list.body["items"][0]["id"], id.as_str());

    // Once per mission and year.
    let again = env.call_by(ApplyToMission, &maelys, "/missions/apte-crowdfunding/applications", "", Some(body)).await;
    assert_eq!(again.status, 409, "{}", again.raw);
    // Another association while this one is open: applied, with the guide's warning.
    let other = env.call_by(ApplyToMission, &maelys, "/missions/elsa-compostage/applications", "", Some(body)).await;
    assert_eq!(other.status, 201);
    assert_eq!(other.body["warnings"][0], "Merci de ne contacter qu'une association à la fois : tu as déjà une candidature en cours.");

    // The parties see it; nobody else does.
    let path = format!("/engagements/{id}");
    assert_eq!(env.call_by(GetEngagement, &maelys, &path, "", None).await.status, 200);
    assert_eq!(env.call(GetEngagement, Some(user("sophie")), &path, "", None).await.status, 200);
    for who in ["marc", "claire", "thomas", "isabelle"] {
        let r = env.call(GetEngagement, Some(user(who)), &path, "", None).await;
        assert_eq!(r.status, 404, "{who}: {}", r.raw);
    }
}

#[tokio::test]
async fn applying_needs_a_registered_employee_and_a_visible_mission() {
    let env = TestEnv::new().await;
    let body = r#"{"message":"Bonjour"}"#;
    let r = env.call(ApplyToMission, Some(user("recrue")), "/missions/apte-crowdfunding/applications", "", Some(body)).await;
    assert_eq!(r.status, 403);
    assert_eq!(r.body["detail"], "Finalise ton inscription pour accéder à cette fonctionnalité.");
    let r = env.call(ApplyToMission, Some(user("thomas")), "/missions/athena-ateliers/applications", "", Some(body)).await;
    assert_eq!(r.status, 404, "AUBAY does not partner with Centre ATHENA");
    let r = env.call(ApplyToMission, Some(user("maelys")), "/missions/apte-crowdfunding/applications", "", Some(r#"{"message":""}"#)).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.body["field"], "message");
}

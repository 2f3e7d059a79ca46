//! DynamoDB requests per call, counted by an SDK interceptor once the instance is warm (the
//! README lists these figures): at most 2 per read endpoint and 1 per write, plus one read of
//! the missions a call names (GetItem, BatchGetItem) — only the search functions hold every
//! mission in memory.

use functions::routes::Endpoint::{self, *};
use platform_tests::demo::user;
use platform_tests::harness::TestEnv;

use crate::referents::NEW_MISSION;

/// (endpoint, caller, path, query, body, status, DynamoDB requests)
type Step<'a> = (Endpoint, &'a str, String, &'a str, Option<String>, u16, usize);

#[tokio::test]
async fn each_endpoint_stays_within_its_dynamodb_budget() {
    let env = TestEnv::new().await;
    // Cold start: the instance loads the catalogue once (a search function) and the directory
    // once (every other function that needs companies, associations or partnerships).
    env.call(SearchMissions, Some(user("maelys")), "/missions", "", None).await;
    let cold = env.dynamo_count();
    assert!(cold >= 1);
    env.reset_count();
    env.call(GetMyCompany, Some(user("maelys")), "/me/company", "", None).await;
    let cold_directory = env.dynamo_count();
    assert_eq!(cold_directory, 1, "the directory: one Query of its own feed");

    let created = env.call(CreateMission, Some(user("sophie")), "/associations/apte/missions", "", Some(NEW_MISSION)).await;
    let id = created.body["id"].as_str().unwrap().to_string();
    let mission = format!("/missions/{id}");
    let registration = format!(
        r#"{{"first_name":"Nina","last_name":"Recrue","entity_id":"lyon","gdpr_consent":true,"gdpr_consent_version":"{}"}}"#,
        shared::texts::consent::VERSION
    );
    let steps: Vec<Step> = vec![
        (GetTaxonomies, "maelys", "/taxonomies".into(), "", None, 200, 0),
        (SearchMissions, "maelys", "/missions".into(), "q=cuisine&themes=sante-handicap", None, 200, 2),
        (GetMission, "maelys", "/missions/apte-crowdfunding".into(), "", None, 200, 3),
        (GetMyProfile, "maelys", "/me".into(), "", None, 200, 2),
        (GetMyCompany, "maelys", "/me/company".into(), "", None, 200, 2),
        (ListFavourites, "maelys", "/me/favourites".into(), "", None, 200, 2),
        (ListHistory, "maelys", "/me/history".into(), "", None, 200, 3),
        (ListAssociationMissions, "sophie", "/associations/apte/missions".into(), "", None, 200, 2),
        (AddFavourite, "maelys", "/me/favourites/apte-crowdfunding".into(), "", None, 204, 2),
        (RemoveFavourite, "maelys", "/me/favourites/apte-crowdfunding".into(), "", None, 204, 1),
        (RegisterEmployee, "recrue", "/me/registration".into(), "", Some(registration), 201, 1),
        (UpdateMyProfile, "recrue", "/me".into(), "", Some(r#"{"first_name":"Ninon"}"#.into()), 200, 1),
        (CreateMission, "sophie", "/associations/apte/missions".into(), "", Some(NEW_MISSION.into()), 201, 1),
        (UpdateMission, "sophie", mission.clone(), "", Some(r#"{"title":"Un titre changé"}"#.into()), 200, 2),
        (PublishMission, "sophie", format!("{mission}/publish"), "", None, 200, 2),
        (ArchiveMission, "sophie", format!("{mission}/archive"), "", None, 200, 2),
        // Step 1 reads the profile, the mission and the open applications (for the
        // one-at-a-time warning), then writes in one transaction.
        (ApplyToMission, "maelys", "/missions/apte-crowdfunding/applications".into(), "", Some(r#"{"message":"Bonjour"}"#.into()), 201, 4),
        (ListMyEngagements, "maelys", "/me/engagements".into(), "", None, 200, 1),
        // Preferences: the profile (registration, e-mail, company), the current preferences
        // (their version), then one conditional write.
        (
            UpdateMyPreferences,
            "maelys",
            "/me/preferences".into(),
            "",
            Some(r#"{"themes":["sante-handicap"],"professional_expertises":[],"personal_expertises":[],"alert_frequency":"daily"}"#.into()),
            200,
            3,
        ),
        (GetMyPreferences, "maelys", "/me/preferences".into(), "", None, 200, 2),
        // Recommendations: the profile, the preferences, the engagements to leave out.
        (ListRecommendations, "maelys", "/me/recommendations".into(), "", None, 200, 3),
        // Sharing: the sender's name, then the daily counter.
        (
            ShareMission,
            "maelys",
            "/missions/apte-crowdfunding/shares".into(),
            "",
            Some(r#"{"recipients":["claire.martin@bpifrance.example"]}"#.into()),
            201,
            // The mission, the sender, the daily counter, the outbox envelope.
            4,
        ),
        (ListAssociations, "maelys", "/associations".into(), "", None, 200, 0),
        (GetAssociation, "maelys", "/associations/apte".into(), "", None, 200, 2),
        (ListNews, "maelys", "/news".into(), "", None, 200, 1),
        (ListQuizzes, "maelys", "/quizzes".into(), "", None, 200, 2),
        (ListMyQuizzes, "maelys", "/me/quizzes".into(), "", None, 200, 2),
        // Facilitation: a mission and its sessions are one partition, read by one Query.
        (ListFacilitationMissions, "coline", "/facilitation-missions".into(), "", None, 200, 1),
        (GetFacilitationMission, "coline", "/facilitation-missions/fresque-globex".into(), "", None, 200, 1),
        (
            CreateSession,
            "coline",
            "/facilitation-missions/fresque-globex/sessions".into(),
            "",
            Some(r#"{"kind":"training","date":"2027-02-02","start":"09:00","end":"17:00","place":"Globex, Lyon"}"#.into()),
            201,
            2,
        ),
        (ListMyFacilitationSessions, "fanny", "/me/facilitation-sessions".into(), "", None, 200, 1),
    ];
    let mut table = Vec::new();
    for (endpoint, who, path, query, body, status, budget) in steps {
        env.reset_count();
        let r = env.call(endpoint, Some(user(who)), &path, query, body.as_deref()).await;
        assert_eq!(r.status, status, "{endpoint:?}: {}", r.raw);
        let n = env.dynamo_count();
        table.push(format!("| `{} {}` | {n} |", endpoint.method(), endpoint.path()));
        assert!(n <= budget, "{endpoint:?} made {n} DynamoDB requests, budget {budget}");
    }
    println!("cold start catalogue load: {cold} request(s), directory load: 1\n{}", table.join("\n"));
}

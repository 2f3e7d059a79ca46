//! Every malformed request gets a 4xx application/problem+json in French naming the
//! problem (the field when there is one), never a 5xx.

use functions::routes::Endpoint::{self, *};
use platform_tests::demo::user;
use platform_tests::harness::TestEnv;

use crate::referents::NEW_MISSION;

struct Case {
    endpoint: Endpoint,
    who: Option<&'static str>,
    path: &'static str,
    query: &'static str,
    body: Option<String>,
    status: u16,
    /// The field named, or a piece of the detail.
    names: &'static str,
}

fn case(
    endpoint: Endpoint,
    who: &'static str,
    path: &'static str,
    query: &'static str,
    body: Option<String>,
    status: u16,
    names: &'static str,
) -> Case {
    Case { endpoint, who: Some(who), path, query, body, status, names }
}

fn mission_with(field: &str, value: &str) -> Option<String> {
    let mut v: serde_json::Value = serde_json::from_str(NEW_MISSION).unwrap();
    v[field] = serde_json::from_str(value).unwrap();
    Some(v.to_string())
}

#[tokio::test]
async fn malformed_requests_get_a_4xx_problem_naming_the_problem() {
    let env = TestEnv::new().await;
    let create = "/associations/apte/missions";
    let without_title = {
        let mut v: serde_json::Value = serde_json::from_str(NEW_MISSION).unwrap();
        v.as_object_mut().unwrap().remove("title");
        Some(v.to_string())
    };
    let cases = vec![
        case(SearchMissions, "maelys", "/missions", "themes=sant%C3%A9", None, 400, "themes[0]"),
        case(SearchMissions, "maelys", "/missions", "professional_expertises=cuisine", None, 400, "professional_expertises[0]"),
        case(SearchMissions, "maelys", "/missions", "regions=paris", None, 400, "regions[0]"),
        case(SearchMissions, "maelys", "/missions", "cursor=not-a-cursor", None, 400, "cursor"),
        case(SearchMissions, "maelys", "/missions", "cursor=djE6MTIzOi4uL2V0Yw", None, 400, "cursor"),
        case(SearchMissions, "maelys", "/missions", "limit=0", None, 400, "limit"),
        case(SearchMissions, "maelys", "/missions", "limit=abc", None, 400, "limit"),
        case(SearchMissions, "maelys", "/missions", "limit=51", None, 400, "limit"),
        case(SearchMissions, "maelys", "/missions", "colour=blue", None, 400, "colour"),
        case(SearchMissions, "maelys", "/missions", "association=..%2Fadmin", None, 400, "association"),
        case(GetMission, "maelys", "/missions/nope", "", None, 404, "n'existe pas"),
        case(GetMission, "maelys", "/missions/..%2Fetc", "", None, 400, "missionId"),
        case(CreateMission, "sophie", create, "", Some("{".into()), 400, "mal formé"),
        case(CreateMission, "sophie", create, "", Some("[]".into()), 400, "objet JSON"),
        // A struct read from an array would be "every field absent": a cancellation of everything.
        case(CancelEngagement, "maelys", "/engagements/nope/cancellation", "", Some("[null, null]".into()), 400, "objet JSON"),
        case(CreateMission, "sophie", create, "", Some("".into()), 400, "vide"),
        case(CreateMission, "sophie", create, "", mission_with("colour", "\"bleu\""), 400, "colour"),
        case(CreateMission, "sophie", create, "", without_title, 400, "title"),
        case(CreateMission, "sophie", create, "", mission_with("title", "\"ab\""), 400, "title"),
        case(CreateMission, "sophie", create, "", mission_with("description", &format!("\"{}\"", "é".repeat(5001))), 400, "description"),
        case(CreateMission, "sophie", create, "", mission_with("themes", "\"sante-handicap\""), 400, "themes"),
        case(CreateMission, "sophie", create, "", mission_with("themes", "[]"), 400, "themes"),
        case(CreateMission, "sophie", create, "", mission_with("themes", "[\"santé / handicap\"]"), 400, "themes[0]"),
        case(CreateMission, "sophie", create, "", mission_with("personal_expertises", "[\"jardinage\", \"yoga\"]"), 400, "personal_expertises[1]"),
        case(CreateMission, "sophie", create, "", mission_with("postcode", "\"7501\""), 400, "postcode"),
        case(CreateMission, "sophie", create, "", mission_with("format", "\"weekend\""), 400, "format"),
        case(CreateMission, "sophie", create, "", mission_with("remote_possible", "\"oui\""), 400, "remote_possible"),
        case(CreateMission, "sophie", create, "", mission_with("referent", "{\"name\":\"Sophie\",\"email\":\"sophie\"}"), 400, "referent.email"),
        case(CreateMission, "sophie", create, "", Some(format!("{{\"title\":\"{}\"}}", "a".repeat(70_000))), 413, "64 Kio"),
        case(CreateMission, "sophie", "/associations/..%2F/missions", "", Some(NEW_MISSION.into()), 400, "associationId"),
        case(UpdateMission, "sophie", "/missions/apte-crowdfunding", "", Some("{}".into()), 400, "aucun champ"),
        case(UpdateMission, "sophie", "/missions/apte-crowdfunding", "", Some(r#"{"themes":["x"]}"#.into()), 400, "themes[0]"),
        case(UpdateMission, "sophie", "/missions/inconnue", "", Some(r#"{"title":"Nouveau titre"}"#.into()), 404, "n'existe pas"),
        case(RegisterEmployee, "recrue", "/me/registration", "", Some(r#"{"first_name":"N"}"#.into()), 400, "last_name"),
        case(RegisterEmployee, "recrue", "/me/registration", "", Some(r#"{"first_name":"N","last_name":"R","entity_id":"lyon","gdpr_consent":true,"gdpr_consent_version":"1999"}"#.into()), 400, "gdpr_consent_version"),
        case(RegisterEmployee, "recrue", "/me/registration", "", Some(r#"{"first_name":"N","last_name":"R","entity_id":"lyon","gdpr_consent":true,"gdpr_consent_version":"2026-01","phone":"appelle-moi"}"#.into()), 400, "phone"),
        case(AddFavourite, "maelys", "/me/favourites/inconnue", "", None, 404, "n'existe pas"),
    ];
    let mut failures = Vec::new();
    for c in &cases {
        let r = match c.who {
            Some(who) => env.call(c.endpoint, Some(user(who)), c.path, c.query, c.body.as_deref()).await,
            None => env.call(c.endpoint, None, c.path, c.query, c.body.as_deref()).await,
        };
        let named = r.body["field"] == c.names || r.body["detail"].as_str().is_some_and(|d| d.contains(c.names));
        let ok = r.status == c.status && r.content_type.starts_with("application/problem+json") && named && r.body["title"].is_string();
        if !ok {
            failures.push(format!("{:?} {} ?{} → {} {}", c.endpoint, c.path, c.query, r.status, r.raw));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[tokio::test]
async fn content_type_and_identity_are_checked() {
    let env = TestEnv::new().await;
    // A body that is not JSON by its content type.
    let mut ev = platform_tests::harness::event_json(CreateMission);
    ev["headers"]["content-type"] = "text/plain".into();
    ev["body"] = NEW_MISSION.into();
    ev["requestContext"]["authorizer"]["jwt"]["claims"]["sub"] = "demo-sophie".into();
    ev["requestContext"]["authorizer"]["jwt"]["claims"]["email"] = "sophie.durand@apte.example".into();
    ev["rawPath"] = "/associations/apte/missions".into();
    ev["pathParameters"] = serde_json::json!({"associationId": "apte"});
    let req = lambda_http::request::from_str(&ev.to_string()).unwrap();
    let r = platform_tests::harness::reply(functions::routes::dispatch(CreateMission, &env.app, req).await);
    assert_eq!(r.status, 415, "{}", r.raw);

    // No identity (the authorizer was bypassed): 401, never a panic.
    for endpoint in functions::routes::ENDPOINTS {
        if *endpoint == GetTaxonomies || endpoint.is_public() {
            continue;
        }
        let path = endpoint
            .path()
            .replace("{missionId}", "apte-crowdfunding")
            .replace("{associationId}", "apte")
            .replace("{engagementId}", "e1")
            .replace("{companyId}", "bpifrance");
        let r = env.call(*endpoint, None, &path, "", Some(NEW_MISSION)).await;
        assert_eq!(r.status, 401, "{endpoint:?}: {}", r.raw);
        assert_eq!(r.body["title"], "Authentification requise");
    }
    // A token without e-mail.
    let r = env.call_as(SearchMissions, "x", "pas-une-adresse", "/missions", "", None).await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn an_unknown_field_is_named_once_at_its_place() {
    let env = TestEnv::new().await;
    let create = "/associations/apte/missions";
    let top = env.call(CreateMission, Some(user("sophie")), create, "", mission_with("foo", "1").as_deref()).await;
    assert_eq!((top.status, top.body["field"].as_str()), (400, Some("foo")), "{}", top.raw);
    let nested = env
        .call(
            CreateMission,
            Some(user("sophie")),
            create,
            "",
            mission_with("referent", r#"{"name":"Sophie","email":"sophie@apte.example","zz":1}"#).as_deref(),
        )
        .await;
    assert_eq!((nested.status, nested.body["field"].as_str()), (400, Some("referent.zz")), "{}", nested.raw);
    let missing =
        env.call(CreateMission, Some(user("sophie")), create, "", mission_with("referent", r#"{"name":"Sophie"}"#).as_deref()).await;
    assert_eq!((missing.status, missing.body["field"].as_str()), (400, Some("referent.email")), "{}", missing.raw);
}

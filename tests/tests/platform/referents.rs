//! Association referents manage their missions (B1): create as draft, publish, update,
//! archive; nobody else can, and illegal transitions answer 409.

use functions::routes::Endpoint::*;
use platform_tests::demo::user;
use platform_tests::harness::TestEnv;

use crate::ids;

pub const NEW_MISSION: &str = r#"{
  "title": "Organisez un concert solidaire",
  "description": "Aidez APTE à organiser le concert de fin d'année de ses élèves pianistes.",
  "themes": ["arts-culture", "sante-handicap"],
  "professional_expertises": ["marketing-communication"],
  "personal_expertises": ["activite-manuelle-culturelle"],
  "address": "40 rue de la Convention",
  "postcode": "75015",
  "city": "Paris",
  "remote_possible": false,
  "duration_label": "de 1 à 2 jours",
  "format": "full_or_half_day",
  "participants": "multiple",
  "all_professions_welcome": true,
  "commitment": "Deux demi-journées de préparation puis le soir du concert.",
  "referent": {"name": "Sophie Durand", "email": "sophie.durand@apte.example", "phone": "01 23 45 67 89"}
}"#;

#[tokio::test]
async fn a_referent_creates_publishes_updates_and_archives_a_mission() {
    let env = TestEnv::new().await;
    let sophie = Some(user("sophie"));
    let maelys = Some(user("maelys"));

    let created = env.call(CreateMission, sophie, "/associations/apte/missions", "", Some(NEW_MISSION)).await;
    assert_eq!(created.status, 201, "{}", created.raw);
    assert_eq!(created.body["status"], "draft");
    assert_eq!(created.body["status_label"], "brouillon");
    assert_eq!(created.body["region"], "ile-de-france");
    assert_eq!(created.body["department"], "75");
    let id = created.body["id"].as_str().unwrap().to_string();

    // A draft is invisible to employees.
    let search = env.call(SearchMissions, maelys, "/missions", "q=concert", None).await;
    assert_eq!(search.body["total"], 0);
    assert_eq!(env.call(GetMission, maelys, &format!("/missions/{id}"), "", None).await.status, 404);
    // …but listed for the association.
    let list = env.call(ListAssociationMissions, sophie, "/associations/apte/missions", "", None).await;
    assert_eq!(list.status, 200, "{}", list.raw);
    assert_eq!(ids(&list)[0], id, "newest first");

    let published = env.call(PublishMission, sophie, &format!("/missions/{id}/publish"), "", None).await;
    assert_eq!(published.status, 200, "{}", published.raw);
    assert_eq!(published.body["status"], "published");
    assert!(published.body["published_at"].is_string());
    let search = env.call(SearchMissions, maelys, "/missions", "q=concert%20solidaire", None).await;
    assert_eq!(ids(&search), std::slice::from_ref(&id));
    // AUBAY partners with APTE too; the mission appears there, newest first.
    let aubay = env.call(SearchMissions, Some(user("thomas")), "/missions", "", None).await;
    assert_eq!(ids(&aubay)[0], id);

    let again = env.call(PublishMission, sophie, &format!("/missions/{id}/publish"), "", None).await;
    assert_eq!(again.status, 409);
    assert_eq!(again.body["detail"], "Impossible de publier une mission publiée.");

    let patched = env
        .call(
            UpdateMission,
            sophie,
            &format!("/missions/{id}"),
            "",
            Some(r#"{"title":"Organisez un récital solidaire","postcode":"44000","city":"Nantes"}"#),
        )
        .await;
    assert_eq!(patched.status, 200, "{}", patched.raw);
    assert_eq!(patched.body["region"], "pays-de-la-loire");
    assert_eq!(patched.body["description"], "Aidez APTE à organiser le concert de fin d'année de ses élèves pianistes.");
    assert_eq!(patched.body["version"], 3);
    let search = env.call(SearchMissions, maelys, "/missions", "q=recital&regions=pays-de-la-loire", None).await;
    assert_eq!(ids(&search), std::slice::from_ref(&id));

    // Other people cannot touch it: another association's referent, an employee.
    for who in ["marc", "maelys"] {
        let r = env.call(UpdateMission, Some(user(who)), &format!("/missions/{id}"), "", Some(r#"{"title":"Piraté !"}"#)).await;
        assert_eq!(r.status, 404, "{who}: {}", r.raw);
        let r = env.call(ArchiveMission, Some(user(who)), &format!("/missions/{id}/archive"), "", None).await;
        assert_eq!(r.status, 404, "{who}");
    }
    let r = env.call(CreateMission, maelys, "/associations/apte/missions", "", Some(NEW_MISSION)).await;
    assert_eq!(r.status, 403, "{}", r.raw);
    let r = env.call(CreateMission, Some(user("marc")), "/associations/apte/missions", "", Some(NEW_MISSION)).await;
    assert_eq!(r.status, 403);
    let r = env.call(ListAssociationMissions, Some(user("marc")), "/associations/apte/missions", "", None).await;
    assert_eq!(r.status, 403);
    let r = env.call(ListAssociationMissions, maelys, "/associations/apte/missions", "", None).await;
    assert_eq!(r.status, 403);

    let archived = env.call(ArchiveMission, sophie, &format!("/missions/{id}/archive"), "", None).await;
    assert_eq!(archived.status, 200);
    assert_eq!(archived.body["status"], "archived");
    assert_eq!(env.call(SearchMissions, maelys, "/missions", "q=recital", None).await.body["total"], 0);
    assert_eq!(env.call(GetMission, maelys, &format!("/missions/{id}"), "", None).await.status, 404);
    let r = env.call(UpdateMission, sophie, &format!("/missions/{id}"), "", Some(r#"{"title":"Trop tard"}"#)).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.body["detail"], "Impossible de modifier une mission archivée.");
}

#[tokio::test]
async fn concurrent_edits_of_one_mission_lose_nothing() {
    let env = TestEnv::new().await;
    let sophie = Some(user("sophie"));
    let path = "/missions/apte-crowdfunding";
    let bodies: Vec<String> = (0..8).map(|i| format!(r#"{{"duration_label":"{} jours"}}"#, i + 1)).collect();
    let replies = join_all(bodies.iter().map(|b| env.call(UpdateMission, sophie, path, "", Some(b))).collect()).await;
    let ok = replies.iter().filter(|r| r.status == 200).count();
    assert!(replies.iter().all(|r| r.status == 200 || r.status == 409), "{:?}", replies.iter().map(|r| r.status).collect::<Vec<_>>());
    assert!(ok >= 1);
    // Each accepted edit moved the version by exactly one: none overwrote another unseen.
    let list = env.call(ListAssociationMissions, sophie, "/associations/apte/missions", "", None).await;
    let m = list.body["items"].as_array().unwrap().iter().find(|m| m["id"] == "apte-crowdfunding").unwrap().clone();
    assert_eq!(m["version"].as_u64().unwrap(), 2 + ok as u64, "{m}");
}

/// Runs futures concurrently on this task and returns their outputs in order.
pub async fn join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<std::pin::Pin<Box<F>>> = futures.into_iter().map(Box::pin).collect();
    let mut out: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        for (i, f) in futures.iter_mut().enumerate() {
            if out[i].is_none() {
                if let std::task::Poll::Ready(v) = f.as_mut().poll(cx) {
                    out[i] = Some(v);
                }
            }
        }
        if out.iter().all(Option::is_some) {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    out.into_iter().flatten().collect()
}

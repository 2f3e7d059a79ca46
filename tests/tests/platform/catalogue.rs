//! The catalogue as employees search it (B2), open to unregistered employees (A3), and
//! never showing a company the missions of associations it does not partner with.

use functions::routes::Endpoint::*;
use platform_tests::demo::{self, user};
use platform_tests::harness::TestEnv;

use crate::{ids, sorted};

#[tokio::test]
async fn keyword_cuisine_with_theme_sante_handicap_finds_exactly_the_cooking_workshops() {
    let env = TestEnv::new().await;
    let r = env.call(SearchMissions, Some(user("maelys")), "/missions", "q=cuisine&themes=sante-handicap", None).await;
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(r.body["total"], 2);
    assert_eq!(r.body["total_label"], "2 missions");
    // Newest first: Basiliade's workshop was published after Centre ATHENA's.
    assert_eq!(ids(&r), ["basiliade-cuisine", "athena-ateliers"]);

    // Accents and case do not matter, in keywords as in the text searched.
    for q in ["CUISINE", "Cuisin%C3%A9", "cuisines", "atelier%20cuisine"] {
        let r = env.call(SearchMissions, Some(user("maelys")), "/missions", &format!("q={q}&themes=sante-handicap"), None).await;
        assert_eq!(sorted(ids(&r)), ["athena-ateliers", "basiliade-cuisine"], "q={q}");
    }
    // Without the theme, the anti-waste cooking workshop of the Restos du Cœur comes too.
    let r = env.call(SearchMissions, Some(user("maelys")), "/missions", "q=cuisine", None).await;
    assert_eq!(sorted(ids(&r)), ["athena-ateliers", "basiliade-cuisine", "restos-cuisine"]);
    let r = env.call(SearchMissions, Some(user("maelys")), "/missions", "q=c%C5%93ur", None).await;
    assert_eq!(sorted(ids(&r)), ["restos-collecte", "restos-cuisine"], "œ folds to oe");
}

#[tokio::test]
async fn region_and_professional_expertise_combine() {
    let env = TestEnv::new().await;
    let r = env
        .call(SearchMissions, Some(user("maelys")), "/missions", "regions=ile-de-france&professional_expertises=informatique-web", None)
        .await;
    assert_eq!(r.status, 200, "{}", r.raw);
    // The USOP website redesign is a draft: not listed.
    assert_eq!(ids(&r), ["entrepreneurs-temoignage", "usop-informatique"]);
    assert_eq!(r.body["total"], 2);

    // Several values of one facet: any of them; several facets: all of them.
    let r = env
        .call(
            SearchMissions,
            Some(user("maelys")),
            "/missions",
            "themes=environnement,education-formation&regions=ile-de-france&personal_expertises=jardinage",
            None,
        )
        .await;
    assert_eq!(ids(&r), ["elsa-compostage"], "the archived hedge planting is not listed");
    let r = env.call(SearchMissions, Some(user("maelys")), "/missions", "association=restos&association=elsa", None).await;
    assert_eq!(sorted(ids(&r)), ["elsa-compostage", "restos-collecte", "restos-cuisine"]);
    let r = env.call(SearchMissions, Some(user("maelys")), "/missions", "regions=pays-de-la-loire", None).await;
    assert_eq!(r.body["total"], 0, "Clubhouse Nantes is not a partner of Bpifrance");
    assert_eq!(r.body["total_label"], "0 mission");
}

#[tokio::test]
async fn pages_are_newest_first_and_never_repeat_or_skip_a_mission() {
    let env = TestEnv::new().await;
    let all = env.call(SearchMissions, Some(user("maelys")), "/missions", "limit=50", None).await;
    let expected = ids(&all);
    assert_eq!(expected.len(), 14, "Bpifrance sees the 14 published missions of its partners");
    assert_eq!(all.body["total"], 14);
    assert!(all.body["next_cursor"].is_null());
    let dates: Vec<&str> = all.body["items"].as_array().unwrap().iter().map(|m| m["published_at"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first: {dates:?}");

    let mut seen = Vec::new();
    let mut query = "limit=4".to_string();
    loop {
        let page = env.call(SearchMissions, Some(user("maelys")), "/missions", &query, None).await;
        assert_eq!(page.status, 200, "{}", page.raw);
        assert_eq!(page.body["total"], 14, "every page counts every match");
        seen.extend(ids(&page));
        match page.body["next_cursor"].as_str() {
            Some(c) => query = format!("limit=4&cursor={c}"),
            None => break,
        }
    }
    assert_eq!(seen, expected);

    // A mission published between two pages appears on no later page and shifts nothing.
    let first = env.call(SearchMissions, Some(user("maelys")), "/missions", "limit=5", None).await;
    let cursor = first.body["next_cursor"].as_str().unwrap().to_string();
    let body = r#"{"title":"Nouvelle mission de test","description":"Une mission publiée pendant la lecture des pages.","themes":["sante-handicap"],"postcode":"75015","city":"Paris","duration_label":"100% journée","format":"full_day","referent":{"name":"Sophie Durand","email":"sophie.durand@apte.example"}}"#;
    let created = env.call(CreateMission, Some(user("sophie")), "/associations/apte/missions", "", Some(body)).await;
    let id = created.body["id"].as_str().unwrap().to_string();
    env.call(PublishMission, Some(user("sophie")), &format!("/missions/{id}/publish"), "", None).await;
    let rest = env.call(SearchMissions, Some(user("maelys")), "/missions", &format!("limit=50&cursor={cursor}"), None).await;
    assert_eq!(ids(&rest), expected[5..].to_vec());
    assert_eq!(rest.body["total"], 15);
}

#[tokio::test]
async fn unregistered_employees_browse_the_catalogue() {
    let env = TestEnv::new().await;
    let recrue = user("recrue");
    assert!(recrue.role.is_none());
    let r = env.call(SearchMissions, Some(recrue), "/missions", "", None).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["total"], 14);
    let page = env.call(GetMission, Some(recrue), "/missions/basiliade-expression", "", None).await;
    assert_eq!(page.status, 200, "{}", page.raw);
    assert_eq!(page.body["title"], "Encadrez un atelier de libre expression artistique pour les bénéficiaires de Basiliade");
    assert_eq!(page.body["association_details"]["name"], "Basiliade");
    assert!(page.body["practical_info"].as_array().unwrap().iter().any(|v| v == "Télémission impossible"));
    assert!(page.body["practical_info"].as_array().unwrap().iter().any(|v| v == "16 rue du Général Brunet 75019 Paris"));
    assert_eq!(page.body["me"]["current_step"], 1);
    assert_eq!(page.body["me"]["steps"][0]["label"], "Je postule à la mission");
    assert_eq!(page.body["me"]["steps"][0]["status"], "à faire");
    assert!(page.body.get("referent").is_none(), "the referent's contact is given on applying, not before");
}

#[tokio::test]
async fn an_employee_never_sees_a_mission_of_an_association_that_does_not_partner_with_their_company() {
    let env = TestEnv::new().await;
    let aubay_partners: Vec<&str> = demo::partnerships().iter().filter(|(c, _)| *c == demo::AUBAY).map(|(_, a)| *a).collect();
    let r = env.call(SearchMissions, Some(user("thomas")), "/missions", "limit=50", None).await;
    assert_eq!(r.status, 200);
    let associations: Vec<&str> = r.body["items"].as_array().unwrap().iter().map(|m| m["association"]["id"].as_str().unwrap()).collect();
    assert!(!associations.is_empty());
    assert!(associations.iter().all(|a| aubay_partners.contains(a)), "{associations:?}");
    assert!(ids(&r).contains(&"clubhouse-entretiens".to_string()));

    // Same search, other company, other answer.
    let r = env.call(SearchMissions, Some(user("thomas")), "/missions", "q=cuisine&themes=sante-handicap", None).await;
    assert_eq!(ids(&r), ["basiliade-cuisine"]);
    // Even asking for the association by name or id.
    let r = env.call(SearchMissions, Some(user("thomas")), "/missions", "association=athena", None).await;
    assert_eq!(r.body["total"], 0);

    // By id: 404, exactly as an id that does not exist.
    for (who, mission) in
        [("thomas", "athena-ateliers"), ("maelys", "clubhouse-entretiens"), ("maelys", "usop-site-web"), ("maelys", "elsa-haies")]
    {
        let r = env.call(GetMission, Some(user(who)), &format!("/missions/{mission}"), "", None).await;
        assert_eq!(r.status, 404, "{who} → {mission}: {}", r.raw);
        assert_eq!(r.body["detail"], "Cette mission n'existe pas ou ne t'est pas accessible.");
        let r = env.call(AddFavourite, Some(user(who)), &format!("/me/favourites/{mission}"), "", None).await;
        assert_eq!(r.status, 404, "{who} ♥ {mission}");
    }
    let unknown = env.call(GetMission, Some(user("thomas")), "/missions/does-not-exist", "", None).await;
    assert_eq!(unknown.status, 404);
    assert_eq!(
        unknown.body["detail"],
        env.call(GetMission, Some(user("thomas")), "/missions/athena-ateliers", "", None).await.body["detail"]
    );

    // Someone whose domain is no member company's sees nothing at all.
    let r = env.call_as(SearchMissions, "stranger", "someone@gmail.example", "/missions", "", None).await;
    assert_eq!(r.status, 403);
    assert_eq!(r.content_type, "application/problem+json; charset=utf-8");
}

#[tokio::test]
async fn favourites_and_consultation_history() {
    let env = TestEnv::new().await;
    let maelys = Some(user("maelys"));
    for m in ["apte-crowdfunding", "elsa-compostage", "apte-crowdfunding"] {
        let r = env.call(GetMission, maelys, &format!("/missions/{m}"), "", None).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.body["me"]["favourite"], false);
    }
    let h = env.call(ListHistory, maelys, "/me/history", "", None).await;
    assert_eq!(h.status, 200, "{}", h.raw);
    let history: Vec<&str> = h.body["items"].as_array().unwrap().iter().map(|e| e["mission"]["id"].as_str().unwrap()).collect();
    assert_eq!(history, ["apte-crowdfunding", "elsa-compostage"], "most recent visit first, each mission once");
    assert_eq!(h.body["items"][0]["views"], 2);

    for _ in 0..2 {
        let r = env.call(AddFavourite, maelys, "/me/favourites/elsa-compostage", "", None).await;
        assert_eq!(r.status, 204, "{}", r.raw);
    }
    env.call(AddFavourite, maelys, "/me/favourites/restos-collecte", "", None).await;
    let f = env.call(ListFavourites, maelys, "/me/favourites", "", None).await;
    assert_eq!(crate::sorted(crate::ids(&f)), ["elsa-compostage", "restos-collecte"]);
    let page = env.call(GetMission, maelys, "/missions/elsa-compostage", "", None).await;
    assert_eq!(page.body["me"]["favourite"], true);

    assert_eq!(env.call(RemoveFavourite, maelys, "/me/favourites/elsa-compostage", "", None).await.status, 204);
    assert_eq!(env.call(RemoveFavourite, maelys, "/me/favourites/never-seen", "", None).await.status, 204);
    let f = env.call(ListFavourites, maelys, "/me/favourites", "", None).await;
    assert_eq!(crate::ids(&f), ["restos-collecte"]);
    // Another employee's favourites are their own.
    let other = env.call(ListFavourites, Some(user("claire")), "/me/favourites", "", None).await;
    assert!(crate::ids(&other).is_empty());
}

//! The associations directory (B7), skill proposals (B8), association suggestions (B9),
//! "L'actu solidaire" (C4) and the quiz (C5).

use functions::routes::Endpoint::*;
use platform_tests::demo::user;
use platform_tests::harness::{emails_to, Reply, TestEnv};
use serde_json::Value;

fn association_ids(r: &Reply) -> Vec<String> {
    r.body["items"].as_array().unwrap_or_else(|| panic!("{}", r.raw)).iter().map(|a| a["id"].as_str().unwrap().to_string()).collect()
}

fn mission_ids(v: &Value) -> Vec<&str> {
    v["missions"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn the_directory_lists_partners_with_filters_and_shows_only_the_callers_company() {
    let env = TestEnv::new_at("2026-12-01T09:00:00Z").await;
    let maelys = Some(user("maelys"));
    let all = env.call(ListAssociations, maelys, "/associations", "", None).await;
    assert_eq!(all.status, 200, "{}", all.raw);
    assert_eq!(all.body["total"], 12, "Bpifrance's partners only");
    assert_eq!(association_ids(&all)[0], "entrepreneurs100k", "by name");
    let apte = all.body["items"].as_array().unwrap().iter().find(|a| a["id"] == "apte").unwrap();
    assert_eq!(apte["partner_companies"], serde_json::json!(["Bpifrance"]), "nothing of another company");
    assert_eq!(apte["region"]["slug"], "ile-de-france");
    assert_eq!(apte["published_missions"], 1);

    let r = env.call(ListAssociations, maelys, "/associations", "themes=sante-handicap", None).await;
    assert_eq!(association_ids(&r), ["apte", "basiliade", "athena"]);
    let r = env.call(ListAssociations, maelys, "/associations", "regions=nouvelle-aquitaine", None).await;
    assert_eq!(association_ids(&r), ["unstart"]);
    let r = env.call(ListAssociations, maelys, "/associations", "q=AUTISME%20musique", None).await;
    assert_eq!(association_ids(&r), ["apte"], "keywords on name and description, any case");
    let r = env.call(ListAssociations, maelys, "/associations", "q=precarite&themes=social-precarite", None).await;
    assert_eq!(association_ids(&r), ["nationsorg"], "accents folded, filters combined");
    let r = env.call(ListAssociations, maelys, "/associations", "limit=5&page=3", None).await;
    assert_eq!((association_ids(&r).len(), r.body["next_page"].clone()), (2, Value::Null));

    let thomas = env.call(ListAssociations, Some(user("thomas")), "/associations", "q=autisme", None).await;
    assert_eq!(thomas.body["items"][0]["partner_companies"], serde_json::json!(["AUBAY"]));
    let operator = env.call(ListAssociations, Some(user("camille")), "/associations", "q=autisme", None).await;
    assert_eq!(operator.body["items"][0]["partner_companies"], serde_json::json!(["AUBAY", "Bpifrance"]));
    assert_eq!(env.call(ListAssociations, Some(user("sophie")), "/associations", "", None).await.status, 403);

    // One association: its missions and, for an employee, the prefilled proposal.
    let hidden = env.call(GetAssociation, maelys, "/associations/clubhouse", "", None).await;
    assert_eq!(hidden.status, 404, "not a partner of Bpifrance");
    let clubhouse = env.call(GetAssociation, Some(user("thomas")), "/associations/clubhouse", "", None).await;
    assert_eq!(clubhouse.status, 200, "{}", clubhouse.raw);
    assert_eq!(mission_ids(&clubhouse.body), ["clubhouse-entretiens"]);
    assert!(clubhouse.body["proposal_draft"].as_str().unwrap().contains("de l'entreprise AUBAY"));

    for (query, field) in [("themes=cuisine", "themes[0]"), ("page=0", "page"), ("limit=500", "limit"), ("sort=name", "sort")] {
        let r = env.call(ListAssociations, maelys, "/associations", query, None).await;
        assert_eq!((r.status, r.body["field"].as_str()), (400, Some(field)), "{query}: {}", r.raw);
    }
}

#[tokio::test]
async fn proposing_skills_reaches_the_association_and_warns_to_contact_one_at_a_time() {
    let env = TestEnv::new_at("2026-12-01T09:00:00Z").await;
    let me = env.new_employee("Proposeur", "bpifrance.example", "paris-haussmann").await;
    let page = env.call_by(GetAssociation, &me, "/associations/apte", "", None).await;
    assert_eq!(page.body["warnings"], serde_json::json!([]));
    assert!(page.body["proposal_draft"].as_str().unwrap().contains("Bpifrance"));

    let short = env.call_by(ProposeSkills, &me, "/associations/apte/skill-proposals", "", Some(r#"{"message":"Bonjour"}"#)).await;
    assert_eq!((short.status, short.body["field"].as_str()), (400, Some("message")));
    let message = "Bonjour, je suis disponible à partir de janvier pour deux jours et je peux vous aider en communication.";
    let sent =
        env.call_by(ProposeSkills, &me, "/associations/apte/skill-proposals", "", Some(&format!(r#"{{"message":"{message}"}}"#))).await;
    assert_eq!(sent.status, 201, "{}", sent.raw);
    assert_eq!(sent.body["warnings"], serde_json::json!([]));
    assert_eq!(sent.body["association"]["email"], "contact@apte.example");

    // The association gets the message and my contact; I get theirs.
    let to_association: Vec<Value> = emails_to("contact@apte.example")
        .await
        .into_iter()
        .filter(|m| m["body"].as_str().unwrap_or_default().contains(&me.email))
        .collect();
    assert_eq!(to_association.len(), 1);
    assert_eq!(to_association[0]["subject"], "Proposeur Test (Bpifrance) vous propose ses compétences");
    assert!(to_association[0]["body"].as_str().unwrap().contains("disponible à partir de janvier"));
    let to_me = emails_to(&me.email).await;
    assert_eq!(to_me.len(), 1);
    assert_eq!(to_me[0]["subject"], "Ta proposition a été envoyée à APTE - Autisme, Piano et Thérapie Educative");
    assert!(to_me[0]["body"].as_str().unwrap().contains("contact@apte.example"));

    // One association at a time: a warning on the next association's page, proposal and application.
    let other = env.call_by(GetAssociation, &me, "/associations/basiliade", "", None).await;
    assert_eq!(other.body["warnings"].as_array().unwrap().len(), 1, "{}", other.raw);
    let second = env
        .call_by(ProposeSkills, &me, "/associations/basiliade/skill-proposals", "", Some(&format!(r#"{{"message":"{message}"}}"#)))
        .await;
    assert_eq!(second.status, 201);
    assert!(second.body["warnings"][0].as_str().unwrap().contains("qu'une association à la fois"));
    let applied = env
        .call_by(ApplyToMission, &me, "/missions/elsa-compostage/applications", "", Some(r#"{"message":"Je viens avec plaisir."}"#))
        .await;
    assert_eq!(applied.status, 201, "{}", applied.raw);
    assert_eq!(applied.body["warnings"].as_array().unwrap().len(), 1);

    let unregistered = env
        .call(ProposeSkills, Some(user("recrue")), "/associations/apte/skill-proposals", "", Some(&format!(r#"{{"message":"{message}"}}"#)))
        .await;
    assert_eq!(unregistered.status, 403);
    let not_partner = env
        .call_by(ProposeSkills, &me, "/associations/clubhouse/skill-proposals", "", Some(&format!(r#"{{"message":"{message}"}}"#)))
        .await;
    assert_eq!(not_partner.status, 404);
}

#[tokio::test]
async fn suggestions_are_reviewed_by_the_operator_and_the_employee_is_told() {
    let env = TestEnv::new_at("2026-12-01T09:00:00Z").await;
    let me = env.new_employee("Suggereur", "bpifrance.example", "paris-haussmann").await;
    let name = format!("Épicerie solidaire {}", &me.sub[5..13]);
    let missing =
        env.call_by(SuggestAssociation, &me, "/association-suggestions", "", Some(r#"{"reason":"Elle aide tout le quartier."}"#)).await;
    assert_eq!((missing.status, missing.body["field"].as_str()), (400, Some("name")));
    let with_bad_site = format!(r#"{{"name":"{name}","website":"pas un site","reason":"Elle aide tout le quartier."}}"#);
    let bad_site = env.call_by(SuggestAssociation, &me, "/association-suggestions", "", Some(&with_bad_site)).await;
    assert_eq!(bad_site.body["field"], "website");
    let created = env
        .call_by(
            SuggestAssociation,
            &me,
            "/association-suggestions",
            "",
            Some(&format!(r#"{{"name":"{name}","city":"Paris","reason":"Elle aide tout le quartier."}}"#)),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.raw);
    assert_eq!(created.body["status"], "pending");
    let id = created.body["id"].as_str().unwrap().to_string();
    let to_support: Vec<Value> =
        emails_to("support@mecenat.example").await.into_iter().filter(|m| m["body"].as_str().unwrap_or_default().contains(&name)).collect();
    assert_eq!(to_support.len(), 1, "the selection committee is told");

    // Only the operator decides.
    let decide = format!("/association-suggestions/{id}/decision");
    let refused = env.call(DecideAssociationSuggestion, Some(user("maelys")), &decide, "", Some(r#"{"decision":"accepted"}"#)).await;
    assert_eq!(refused.status, 403);
    assert!(refused.body["detail"].as_str().unwrap().contains("équipe de la plateforme"));
    let pending = env.call(ListAssociationSuggestions, Some(user("camille")), "/association-suggestions", "", None).await;
    assert!(pending.body["items"].as_array().unwrap().iter().any(|s| s["id"] == id.as_str()), "{}", pending.raw);
    let bad = env.call(DecideAssociationSuggestion, Some(user("camille")), &decide, "", Some(r#"{"decision":"maybe"}"#)).await;
    assert_eq!(bad.body["field"], "decision");
    let ok = env
        .call(
            DecideAssociationSuggestion,
            Some(user("camille")),
            &decide,
            "",
            Some(r#"{"decision":"accepted","comment":"Nous les contactons cette semaine."}"#),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.raw);
    assert_eq!(ok.body["status_label"], "acceptée");
    let again = env.call(DecideAssociationSuggestion, Some(user("camille")), &decide, "", Some(r#"{"decision":"rejected"}"#)).await;
    assert_eq!(again.status, 409, "decided once");
    let unknown = env
        .call(
            DecideAssociationSuggestion,
            Some(user("camille")),
            "/association-suggestions/nope/decision",
            "",
            Some(r#"{"decision":"rejected"}"#),
        )
        .await;
    assert_eq!(unknown.status, 404);

    let told = emails_to(&me.email).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0]["subject"], format!("Ta suggestion d'association « {name} » a été acceptée"));
    assert!(told[0]["body"].as_str().unwrap().contains("Nous les contactons cette semaine."));
    let mine = env.call_by(ListAssociationSuggestions, &me, "/association-suggestions", "", None).await;
    assert_eq!(mine.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(mine.body["items"][0]["status"], "accepted");
}

#[tokio::test]
async fn news_and_quizzes_are_managed_by_the_operator_and_answered_once() {
    let env = TestEnv::new_at("2026-12-01T09:00:00Z").await;
    let camille = Some(user("camille"));
    let news = r#"{"date":"2026-12-05","title":"Collecte nationale des Restos du Cœur","description":"Deux jours de collecte.","mission_ids":["restos-collecte","clubhouse-entretiens"]}"#;
    assert_eq!(env.call(CreateNews, Some(user("maelys")), "/news", "", Some(news)).await.status, 403);
    let bad = env.call(CreateNews, camille, "/news", "", Some(r#"{"date":"5 décembre","title":"Collecte","mission_ids":["nope"]}"#)).await;
    let fields: Vec<&str> = bad.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["date", "mission_ids[0]"], "{}", bad.raw);
    let created = env.call(CreateNews, camille, "/news", "", Some(news)).await;
    assert_eq!(created.status, 201, "{}", created.raw);
    let id = created.body["id"].as_str().unwrap().to_string();
    assert_eq!(created.body["date_label"], "samedi 5 décembre 2026");
    env.call(CreateNews, camille, "/news", "", Some(r#"{"date":"2027-01-10","title":"Journée mondiale du bénévolat","mission_ids":[]}"#))
        .await;

    // Each employee sees the month's events with the linked missions their company can see.
    let bpi = env.call(ListNews, Some(user("maelys")), "/news", "", None).await;
    assert_eq!(bpi.body["month"], "2026-12");
    assert_eq!(bpi.body["items"].as_array().unwrap().len(), 1, "{}", bpi.raw);
    assert_eq!(mission_ids(&bpi.body["items"][0]), ["restos-collecte"]);
    let aubay = env.call(ListNews, Some(user("thomas")), "/news", "month=2026-12", None).await;
    assert_eq!(mission_ids(&aubay.body["items"][0]), ["restos-collecte", "clubhouse-entretiens"]);
    assert_eq!(
        env.call(ListNews, Some(user("maelys")), "/news", "month=2027-01", None).await.body["items"][0]["title"],
        "Journée mondiale du bénévolat"
    );
    assert_eq!(env.call(ListNews, Some(user("maelys")), "/news", "month=2026-13", None).await.body["field"], "month");

    let path = format!("/news/{id}");
    let updated = env
        .call(UpdateNews, camille, &path, "", Some(r#"{"date":"2026-12-06","title":"Collecte nationale (2e jour)","mission_ids":[]}"#))
        .await;
    assert_eq!(updated.status, 200, "{}", updated.raw);
    assert_eq!(env.call(UpdateNews, camille, "/news/nope", "", Some(news)).await.status, 404);
    assert_eq!(env.call(UpdateNews, Some(user("maelys")), &path, "", Some(news)).await.status, 403, "operator only");
    assert_eq!(env.call(DeleteNews, Some(user("maelys")), &path, "", None).await.status, 403);
    assert_eq!(env.call(DeleteNews, camille, &path, "", None).await.status, 204);
    assert_eq!(env.call(DeleteNews, camille, &path, "", None).await.status, 404);

    // Quizzes: one past, one current, one scheduled.
    let quiz = |opens: &str, question: &str| {
        format!(
            r#"{{"question":"{question}","options":["local","moins de viande"],"answer":1,"explanation":"L'élevage pèse plus que le transport.","mission_ids":["elsa-compostage"],"opens_on":"{opens}"}}"#
        )
    };
    let bad = env
        .call(
            CreateQuiz,
            camille,
            "/quizzes",
            "",
            Some(r#"{"question":"Vrai ou faux ?","options":["vrai"],"answer":3,"explanation":"Parce que.","opens_on":"2026-12-01"}"#),
        )
        .await;
    let fields: Vec<&str> = bad.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["options", "answer"], "{}", bad.raw);
    assert_eq!(env.call(CreateQuiz, Some(user("maelys")), "/quizzes", "", Some(&quiz("2026-12-01", "Question ?"))).await.status, 403);
    let mut ids = Vec::new();
    for (opens, q) in [
        ("2026-11-17", "Combien de bénévoles en France ?"),
        ("2026-12-01", "Pour réduire son empreinte carbone, il vaut mieux manger…"),
        ("2026-12-15", "Question à venir ?"),
    ] {
        let r = env.call(CreateQuiz, camille, "/quizzes", "", Some(&quiz(opens, q))).await;
        assert_eq!(r.status, 201, "{}", r.raw);
        ids.push(r.body["id"].as_str().unwrap().to_string());
    }
    for (endpoint, who) in [(UpdateQuiz, "maelys"), (DeleteQuiz, "maelys"), (UpdateQuiz, "sophie"), (DeleteQuiz, "isabelle")] {
        let r =
            env.call(endpoint, Some(user(who)), &format!("/quizzes/{}", ids[2]), "", Some(&quiz("2026-12-15", "Question changée ?"))).await;
        assert_eq!(r.status, 403, "{endpoint:?} by {who}: operator only");
    }
    let listed = env.call(ListQuizzes, Some(user("maelys")), "/quizzes", "", None).await;
    let items = listed.body["items"].as_array().unwrap();
    assert_eq!(
        items.iter().map(|q| q["id"].as_str().unwrap()).collect::<Vec<_>>(),
        [ids[1].as_str(), ids[0].as_str()],
        "opened ones, newest first"
    );
    assert_eq!(items[0]["current"], true);
    assert!(items[0].get("answer").is_none() && items[0].get("explanation").is_none(), "no spoiler before answering");
    assert_eq!(mission_ids(&items[0]), ["elsa-compostage"]);
    assert_eq!(env.call(ListQuizzes, camille, "/quizzes", "", None).await.body["items"].as_array().unwrap().len(), 3);

    let me = env.new_employee("Quizz", "bpifrance.example", "lyon").await;
    let answer = |id: &str| format!("/quizzes/{id}/answers");
    let out_of_range = env.call_by(AnswerQuiz, &me, &answer(&ids[1]), "", Some(r#"{"answer":5}"#)).await;
    assert_eq!(out_of_range.body["field"], "answer");
    let future = env.call_by(AnswerQuiz, &me, &answer(&ids[2]), "", Some(r#"{"answer":1}"#)).await;
    assert_eq!(future.status, 404, "not open yet");
    let answered = env.call_by(AnswerQuiz, &me, &answer(&ids[1]), "", Some(r#"{"answer":0}"#)).await;
    assert_eq!(answered.status, 201, "{}", answered.raw);
    assert_eq!((answered.body["my_answer"]["correct"].as_bool(), answered.body["answer"].as_u64()), (Some(false), Some(1)));
    assert!(answered.body["explanation"].as_str().unwrap().contains("élevage"));
    let twice = env.call_by(AnswerQuiz, &me, &answer(&ids[1]), "", Some(r#"{"answer":1}"#)).await;
    assert_eq!(twice.status, 409, "once");
    env.call_by(AnswerQuiz, &me, &answer(&ids[0]), "", Some(r#"{"answer":1}"#)).await;

    let mine = env.call_by(ListMyQuizzes, &me, "/me/quizzes", "", None).await;
    assert_eq!((mine.body["total"].as_u64(), mine.body["correct"].as_u64()), (Some(2), Some(1)), "{}", mine.raw);
    let listed = env.call_by(ListQuizzes, &me, "/quizzes", "", None).await;
    assert_eq!(listed.body["items"][0]["my_answer"]["chosen"], 0);
    assert_eq!(listed.body["items"][0]["answer"], 1, "revealed once answered");
}

//! The 4-step engagement (SPEC D) — step 1 "Je postule".

use functions::routes::Endpoint::*;
use platform_tests::demo::user;
use platform_tests::harness::{emails_to, TestEnv};

#[tokio::test]
async fn a_second_mission_of_the_same_association_is_no_other_association() {
    let env = TestEnv::new().await;
    let nadia = env.new_employee("Nadia", "bpifrance.example", "paris-haussmann").await;
    let body = r#"{"message":"Bonjour, je peux aider."}"#;
    let first = env.call_by(ApplyToMission, &nadia, "/missions/basiliade-expression/applications", "", Some(body)).await;
    assert_eq!(first.status, 201, "{}", first.raw);
    // The same association's other mission: no warning.
    let same = env.call_by(ApplyToMission, &nadia, "/missions/basiliade-cuisine/applications", "", Some(body)).await;
    assert_eq!(same.status, 201, "{}", same.raw);
    assert_eq!(same.body["warnings"], serde_json::json!([]), "{}", same.raw);
    // The association's page says nothing either; another association's page warns, with the same text.
    let page = env.call_by(GetAssociation, &nadia, "/associations/basiliade", "", None).await;
    assert_eq!(page.status, 200, "{}", page.raw);
    assert_eq!(page.body["warnings"], serde_json::json!([]), "{}", page.raw);
    let other = env.call_by(GetAssociation, &nadia, "/associations/apte", "", None).await;
    assert_eq!(other.body["warnings"][0], shared::texts::ONE_ASSOCIATION_AT_A_TIME, "{}", other.raw);
}

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
    // One rule and one text, wherever the warning is given (applications, proposals, the association's page).
    assert_eq!(
        other.body["warnings"][0],
        "Merci de ne contacter qu'une association à la fois : tu as déjà une proposition ou une candidature en cours auprès d'une autre association."
    );

    // The parties see it; nobody else does.
    let path = format!("/engagements/{id}");
    assert_eq!(env.call_by(GetEngagement, &maelys, &path, "", None).await.status, 200);
    assert_eq!(env.call(GetEngagement, Some(user("sophie")), &path, "", None).await.status, 200);
    // The company's signatory is a party too (they sign the convention for Bpifrance).
    assert_eq!(env.call(GetEngagement, Some(user("isabelle")), &path, "", None).await.status, 200);
    for who in ["marc", "claire", "thomas", "veronique"] {
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

// ------------------------------------------------------------------ step 2: dates

use platform_tests::browser::{Submit, Visit};
use platform_tests::harness::{http_request, Person, Reply};

const CRAWL: &str = r#"{"message":"Bonjour, je souhaite vous aider."}"#;

/// A Bpifrance employee with HR attributes imported by the company admin, who applied to APTE.
async fn applicant(env: &TestEnv, first_name: &str, hr_line: &str) -> (Person, String) {
    let p = env.new_employee(first_name, "bpifrance.example", "paris-haussmann").await;
    let csv = format!("email;contrat;date_embauche;date_retraite;cout_journalier;qualification\n{};{hr_line}\n", p.email);
    let mut ev = platform_tests::harness::event_json(ImportHrAttributes);
    ev["body"] = csv.into();
    let req = lambda_http::request::from_str(&ev.to_string()).unwrap();
    let r = platform_tests::harness::reply(functions::routes::dispatch(ImportHrAttributes, &env.app, req).await);
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(r.body["imported"], 1);
    let applied = env.call_by(ApplyToMission, &p, "/missions/apte-crowdfunding/applications", "", Some(CRAWL)).await;
    assert_eq!(applied.status, 201, "{}", applied.raw);
    (p, applied.body["id"].as_str().unwrap().to_string())
}

/// The employee asks their manager for these days (step 2).
async fn ask_dates(env: &TestEnv, p: &Person, id: &str, manager: &str, days: &[(&str, &str)]) -> Reply {
    env.call_by(RequestDates, p, &format!("/engagements/{id}/date-requests"), "", Some(&dates_body(manager, days))).await
}

/// Given an employee who applied on 5 January 2026, with their HR line and a manager's address.
async fn applied_on_5_january(first_name: &str, hr_line: &str) -> (TestEnv, Person, String, String) {
    let env = TestEnv::new_at("2026-01-05T09:00:00Z").await;
    let (p, id) = applicant(&env, first_name, hr_line).await;
    (env, p, id, manager_address())
}

fn manager_address() -> String {
    format!("manager.{}@bpifrance.example", &uuid::Uuid::new_v4().simple().to_string()[..12])
}

fn dates_body(manager: &str, dates: &[(&str, &str)]) -> String {
    let dates: Vec<serde_json::Value> = dates.iter().map(|(d, p)| serde_json::json!({"date": d, "part": p})).collect();
    serde_json::json!({"manager_email": manager, "dates": dates, "message": "Bonjour, peux-tu valider mes dates de mécénat ?"}).to_string()
}

/// The token of the last link e-mailed to a manager.
async fn link_token(manager: &str) -> String {
    platform_tests::harness::last_link_token(manager, "/decisions/").await
}

async fn local_api(env: &TestEnv) -> String {
    env.serve_locally().await
}

async fn state(env: &TestEnv, p: &Person, id: &str) -> serde_json::Value {
    env.call_by(GetEngagement, p, &format!("/engagements/{id}"), "", None).await.body
}

#[tokio::test]
async fn the_manager_accepts_from_the_e_mail_link_exactly_once() {
    // The guide's example: Thursday 22 January 2026, asked early in January.
    let env = TestEnv::new_at("2026-01-05T09:00:00Z").await;
    let (maelys, id) = applicant(&env, "Maelys", "CDI;2019-09-02;;;Chargée d'affaires, cadre").await;
    let manager = manager_address();
    env.reset_count();
    let r = ask_dates(&env, &maelys, &id, &manager, &[("2026-01-22", "full_day")]).await;
    assert_eq!(r.status, 201, "{}", r.raw);
    assert_eq!(
        env.dynamo_count(),
        4,
        "BatchGetItem, the manager's address checked against bounces, Query of the year's engagements, one transaction (with the e-mails)"
    );
    assert_eq!(r.body["state"], "awaiting_manager");
    assert_eq!(r.body["dates"][0]["state"], "requested");

    let to_manager = emails_to(&manager).await;
    assert_eq!(to_manager.len(), 1);
    assert_eq!(to_manager[0]["subject"], "Maelys Test te demande de valider des dates de mécénat de compétences");
    let html = to_manager[0]["body"].as_str().unwrap();
    assert!(html.contains("jeudi 22 janvier 2026 (journée)") && html.contains("Créer un crowdfunding") && html.contains("APTE"), "{html}");
    let confirmation = emails_to(&maelys.email).await;
    assert!(confirmation.iter().any(|m| m["subject"] == "Ta demande de dates pour « Créer un crowdfunding » est envoyée à ton manager"));

    // Mail scanners and curious managers fetch the link: nothing changes.
    let token = link_token(&manager).await;
    let base = local_api(&env).await;
    let url = format!("{base}/decisions/{token}");
    for _ in 0..5 {
        let (status, headers, page) = http_request("GET", &url, None, "").await.unwrap();
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Demande d&#39;absence à valider") || page.contains("Demande d'absence à valider"), "{page}");
        assert!(page.contains("jeudi 22 janvier 2026 (journée)") && page.contains("Maelys Test"));
        assert!(!page.contains("<script"));
        assert_eq!(headers["cache-control"], "no-store");
        assert_eq!(headers["referrer-policy"], "no-referrer");
    }
    let (status, _, _) = http_request("HEAD", &url, None, "").await.unwrap();
    assert!(status < 500);
    // A real browser, on a phone and a desktop, only looking.
    platform_tests::browser::open_one(Visit { name: "decision", url: url.clone(), submit: None }).await;
    assert_eq!(state(&env, &maelys, &id).await["state"], "awaiting_manager");

    // Twenty managers' clicks at once: one decision.
    env.reset_count();
    let posts: Vec<_> = (0..20)
        .map(|_| http_request("POST", &url, Some("application/x-www-form-urlencoded"), "decision=accept&comment=Bonne+mission+%21"))
        .collect();
    let replies = crate::referents::join_all(posts).await;
    let pages: Vec<String> = replies.into_iter().map(|r| r.unwrap().2).collect();
    assert_eq!(pages.iter().filter(|p| p.contains("Demande acceptée")).count(), 1, "exactly one transition");
    assert_eq!(pages.iter().filter(|p| p.contains("déjà traitée")).count(), 19);
    assert!(env.dynamo_count() <= 20 * 3, "at most token + engagement + transaction per click: {}", env.dynamo_count());
    let e = state(&env, &maelys, &id).await;
    let seen_by_association = env.call(GetEngagement, Some(user("sophie")), &format!("/engagements/{id}"), "", None).await;
    assert_eq!(seen_by_association.body["dates"][0]["state"], "accepted");
    assert_eq!(seen_by_association.body["requests"].as_array().unwrap().len(), 0, "the manager's address and comment stay private");
    assert_eq!(e["state"], "awaiting_signatures");
    assert_eq!(e["state_label"], "convention en attente de signatures");
    assert_eq!(e["dates"][0]["state"], "accepted");
    assert_eq!(e["requests"][0]["state"], "accepted");
    assert_eq!(e["requests"][0]["comment"], "Bonne mission !");
    assert_eq!(e["progress"]["current_step"], 3);
    let accepted: Vec<_> = emails_to(&maelys.email)
        .await
        .into_iter()
        .filter(|m| m["subject"] == "Tes dates pour « Créer un crowdfunding » sont validées")
        .collect();
    assert_eq!(accepted.len(), 1, "one e-mail for one decision");
    // With the day as a calendar file that a standard parser reads, in Paris time.
    let events = platform_tests::harness::ics_events(accepted[0]["raw_data"].as_str().expect("a raw message"), "mission-mecenat.ics");
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(
        events[0]["summary"],
        "Mécénat de compétences : « Créer un crowdfunding » — APTE - Autisme, Piano et Thérapie Educative (journée)"
    );
    assert_eq!(
        (events[0]["start"].as_str(), events[0]["end"].as_str()),
        (Some("2026-01-22T09:00:00+01:00"), Some("2026-01-22T17:30:00+01:00"))
    );
    assert_eq!(events[0]["tz"], "Europe/Paris");
    assert_eq!(events[0]["location"], "40 rue de la Convention 75015 Paris (à distance possible)");
    assert_eq!(events[0]["uid"], format!("{id}-2026-01-22@mecenat-de-competences"));
    // Step 3: the convention, for the three parties, with every field the SPEC lists.
    let conv = env.call_by(GetConvention, &maelys, &format!("/engagements/{id}/convention"), "", None).await;
    assert_eq!(conv.status, 200, "{}", conv.raw);
    assert_eq!(conv.body["version"], 1);
    let (status, pdf) = platform_tests::harness::http_get_bytes(conv.body["url"].as_str().unwrap()).await.unwrap();
    assert_eq!(status, 200);
    assert!(pdf.starts_with(b"%PDF-"));
    if let Ok(path) = std::env::var("PDF_OUT") {
        std::fs::write(path, &pdf).unwrap(); // to look at it: PDF_OUT=/tmp/c.pdf
    }
    let text = platform_tests::harness::pdf_text(&pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "CONVENTION TRIPARTITE DE MISSION DE MÉCÉNAT DE COMPÉTENCES",
        "Année civile 2026 — version 1 — modèle 2026.2",
        "Bpifrance SA",
        "27-31 avenue du Général Leclerc, 94700 Maisons-Alfort",
        "RCS Créteil 507 523 678",
        "Isabelle Moreau",
        "APTE - Autisme, Piano et Thérapie Educative",
        "éligible au mécénat selon l'article 238 bis du code général des impôts",
        "Élise Marchand",
        "Maelys Test",
        &maelys.email,
        "Créer un crowdfunding",
        "mise en œuvre",
        "(0 €)",
        "40 rue de la Convention 75015 Paris",
        "jeudi 22 janvier 2026 (journée)",
        "Durée totale : 1 jour",
        "temps de travail effectif",
        // What L.8241-2 asks of a loan of staff, and its amendment to the employment contract.
        "Qualification du Collaborateur volontaire : Chargée d'affaires, cadre",
        "Tâches confiées : ",
        "Horaires : ceux du Collaborateur volontaire",
        "n'est ni rompu ni suspendu",
        "sa protection sociale",
        "Avenant au contrat de travail du Collaborateur volontaire",
        "donne son accord exprès",
        "article L.8241-2 du Code du travail",
        "retrouve son poste de travail ou un poste équivalent",
        "ne peut entraîner ni sanction, ni licenciement",
        "nouvelle version de la convention, que les trois parties signent à nouveau",
        "Responsabilité civile",
        "Confidentialité",
        "Résiliation",
        "Le Collaborateur volontaire",
        "page 1 / ",
    ] {
        assert!(flat.contains(expected), "« {expected} » missing from the convention:\n{text}");
    }
    assert_eq!(
        env.call(GetConvention, Some(user("sophie")), &format!("/engagements/{id}/convention"), "", None).await.body["sha256"],
        conv.body["sha256"]
    );
    assert_eq!(env.call(GetConvention, Some(user("isabelle")), &format!("/engagements/{id}/convention"), "", None).await.status, 200);
    for who in ["marc", "thomas", "veronique", "claire"] {
        let r = env.call(GetConvention, Some(user(who)), &format!("/engagements/{id}/convention"), "", None).await;
        assert_eq!(r.status, 404, "{who}: {}", r.raw);
    }

    // The three parties sign what they read; the third signature completes the convention.
    let sha = conv.body["sha256"].as_str().unwrap().to_string();
    let sign = format!("/engagements/{id}/convention/signatures");
    let body = format!(r#"{{"sha256":"{sha}"}}"#);
    let r = env.call_by(SignConvention, &maelys, &sign, "", Some(&body)).await;
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(r.body["complete"], false);
    assert_eq!(r.body["signatures"][0]["ip"], "192.0.2.10");
    assert_eq!(r.body["signatures"][0]["sha256"], sha.as_str());
    assert_eq!(r.body["signatures"][0]["text_version"], "2026.2");
    assert_eq!(r.body["signatures"][0]["authentication"]["issuer"], "https://login.example.com");
    let seen = env.call(GetConvention, Some(user("sophie")), &format!("/engagements/{id}/convention"), "", None).await;
    assert_eq!(seen.body["pending"], serde_json::json!(["association", "company"]), "who has not signed yet");
    assert_eq!(env.call_by(SignConvention, &maelys, &sign, "", Some(&body)).await.status, 409, "once per party");
    let wrong = env.call(SignConvention, Some(user("sophie")), &sign, "", Some(&format!(r#"{{"sha256":"{}"}}"#, "0".repeat(64)))).await;
    assert_eq!(wrong.status, 409, "{}", wrong.raw);
    assert_eq!(env.call(SignConvention, Some(user("sophie")), &sign, "", Some("{}")).await.body["field"], "sha256");
    assert_eq!(env.call(SignConvention, Some(user("marc")), &sign, "", Some(&body)).await.status, 404);
    assert_eq!(env.call(SignConvention, Some(user("sophie")), &sign, "", Some(&body)).await.body["complete"], false);
    let last = env.call(SignConvention, Some(user("isabelle")), &sign, "", Some(&body)).await;
    assert_eq!(last.status, 200, "{}", last.raw);
    assert_eq!(last.body["complete"], true);
    assert_eq!(last.body["state"], "signed");
    assert_eq!(state(&env, &maelys, &id).await["progress"]["current_step"], 4);
    let conv = env.call_by(GetConvention, &maelys, &format!("/engagements/{id}/convention"), "", None).await;
    assert_eq!(conv.body["signatures"].as_array().unwrap().len(), 3);
    assert_eq!(conv.body["pending"], serde_json::json!([]));
    let (_, signed) = platform_tests::harness::http_get_bytes(conv.body["signed_url"].as_str().unwrap()).await.unwrap();
    let signed_text = platform_tests::harness::pdf_text(&signed).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Page de preuve — signatures électroniques",
        "Version du modèle de convention : 2026.2",
        "Authentification : jeton d'identité émis par https://login.example.com pour le client « mecenat »",
        "Empreinte lue : ",
        "Avenant au contrat de travail du Collaborateur volontaire",
        sha.as_str(),
        "Pour le Collaborateur volontaire : Maelys Test",
        "Pour l'Association : Sophie Durand",
        "Pour l'Entreprise : Isabelle Moreau",
        "Adresse IP : 192.0.2.10",
        "jeudi 22 janvier 2026 (journée)",
    ] {
        assert!(signed_text.contains(expected), "« {expected} » missing from the signed convention:\n{signed_text}");
    }
    // The evidence file: every signature, the hash of the document read and of the signed copy.
    let (status, evidence) = platform_tests::harness::http_get_bytes(conv.body["evidence_url"].as_str().unwrap()).await.unwrap();
    assert_eq!(status, 200);
    let evidence: serde_json::Value = serde_json::from_slice(&evidence).unwrap();
    assert_eq!(evidence["text_version"], "2026.2");
    assert_eq!(evidence["document"]["sha256"], sha.as_str());
    assert_eq!(evidence["signed_document"]["sha256"], shared::documents::sha256_hex(&signed));
    assert_eq!(evidence["versions"], serde_json::json!([{"version": 1, "sha256": sha}]));
    let signers: Vec<_> = evidence["signatures"].as_array().unwrap().iter().map(|s| s["signatory"].as_str().unwrap()).collect();
    assert_eq!(signers, ["employee", "association", "company"]);
    assert!(evidence["signatures"].as_array().unwrap().iter().all(|s| s["sha256"] == sha.as_str() && s["ip"] == "192.0.2.10"));
    let read = env.app.documents.get(&shared::documents::keys::signed_original(&id, 1)).await.unwrap();
    assert_eq!(shared::documents::sha256_hex(&read), sha, "the exact document read is kept");
    // Reading it again (which heals a copy a failed call left unwritten) rewrites nothing.
    for who in ["sophie", "isabelle"] {
        assert_eq!(env.call(GetConvention, Some(user(who)), &format!("/engagements/{id}/convention"), "", None).await.status, 200);
    }
    let docs = &env.app.documents;
    let versions = docs.client.list_object_versions().bucket(&docs.bucket).prefix(format!("signed/{id}/")).send().await.unwrap();
    let mut keys: Vec<_> = versions.versions().iter().filter_map(|v| v.key()).collect();
    keys.sort();
    assert_eq!(
        keys,
        [format!("signed/{id}/v1-lu.pdf"), format!("signed/{id}/v1-preuve.json"), format!("signed/{id}/v1.pdf")],
        "each written once"
    );
    // Signed through the local HTTP address: its e-mails leave as the stream delivers them.
    env.deliver().await;
    for who in [maelys.email.as_str(), "sophie.durand@apte.example", "isabelle.moreau@bpifrance.example"] {
        assert!(
            emails_to(who).await.iter().any(|m| m["subject"] == "Convention signée : « Créer un crowdfunding »"
                && m["body"].as_str().unwrap_or("").contains("Maelys Test")),
            "{who} is told the convention is signed"
        );
    }

    // The day comes: the association attests it once it has passed.
    let attend = format!("/engagements/{id}/attendance");
    let present = r#"{"date":"2026-01-22","present":true}"#;
    let early = env.call(AttestAttendance, Some(user("sophie")), &attend, "", Some(present)).await;
    assert_eq!(early.status, 409, "not before the day has passed: {}", early.raw);
    env.app.set_now("2026-01-23T08:00:00Z".parse().unwrap());
    for who in ["marc", "isabelle"] {
        assert_eq!(env.call(AttestAttendance, Some(user(who)), &attend, "", Some(present)).await.status, 404, "{who}");
    }
    assert_eq!(env.call_by(AttestAttendance, &maelys, &attend, "", Some(present)).await.status, 404, "the employee attests nothing");
    let attested = env.call(AttestAttendance, Some(user("sophie")), &attend, "", Some(present)).await;
    assert_eq!(attested.status, 200, "{}", attested.raw);
    assert_eq!(attested.body["state"], "assessment_due");
    assert_eq!(attested.body["dates"][0]["state"], "present");
    assert_eq!(env.call(AttestAttendance, Some(user("sophie")), &attend, "", Some(present)).await.status, 409, "once");
    let board = env.call_by(GetMyDashboard, &maelys, "/me/dashboard", "", None).await;
    assert_eq!(board.body["todo"][2]["label"], "Complète ton bilan");
    assert_eq!(board.body["todo"][2]["count"], 1);
    assert_eq!(board.body["days_used_label"], "Tu as déjà utilisé 1 jour de mission.");

    // 24 hours after the last day, one reminder — not two, whatever the runs.
    let remind = |at: &str| {
        env.app.set_now(at.parse().unwrap());
        env.run_job(functions::routes::Job::RemindAssessments, serde_json::json!({"detail-type": "Scheduled Event"}))
    };
    assert_eq!(remind("2026-01-23T20:00:00Z").await["sent"], 0, "not yet due");
    assert_eq!(remind("2026-01-24T00:00:00Z").await["sent"], 1);
    let (a, b) = tokio::join!(
        functions::routes::run(functions::routes::Job::RemindAssessments, &env.app, serde_json::json!({})),
        functions::routes::run(functions::routes::Job::RemindAssessments, &env.app, serde_json::json!({}))
    );
    assert_eq!(
        a.unwrap()["sent"].as_u64().unwrap() + b.unwrap()["sent"].as_u64().unwrap(),
        0,
        "retried and overlapping runs send nothing more"
    );
    env.deliver().await;
    let reminders: Vec<_> = emails_to(&maelys.email)
        .await
        .into_iter()
        .filter(|m| m["subject"] == "Complète ton bilan de mission « Créer un crowdfunding »")
        .collect();
    assert_eq!(reminders.len(), 1);
    // Again 3 days after the last day, then 10 days after — unless the assessment is done.
    assert_eq!(remind("2026-01-25T20:00:00Z").await["sent"], 0);
    assert_eq!(remind("2026-01-26T00:00:00Z").await["sent"], 1, "the second reminder");

    // Step 4: the assessment, as the guide asks it, kept as a PDF.
    let assess = format!("/engagements/{id}/assessment");
    let bad = env
        .call_by(SubmitAssessment, &maelys, &assess, "", Some(r#"{"relevance":"excellente","welcome":"bonne","matched_expertise":true}"#))
        .await;
    assert_eq!(bad.body["field"], "relevance");
    let sent = env
        .call_by(SubmitAssessment, &maelys, &assess, "", Some(r#"{"relevance":"tres_bonne","welcome":"bonne","welcome_reasons":"Une équipe très accueillante.","matched_expertise":false,"mismatch_reasons":"Plus de communication que de finance."}"#))
        .await;
    assert_eq!(sent.status, 201, "{}", sent.raw);
    assert_eq!(sent.body["state"], "completed");
    assert_eq!(sent.body["progress"]["steps"][3]["status"], "fait");
    let (_, pdf) = platform_tests::harness::http_get_bytes(sent.body["assessment_url"].as_str().unwrap()).await.unwrap();
    let bilan = platform_tests::harness::pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "BILAN DE FIN DE MISSION",
        "Maelys Test",
        "Créer un crowdfunding",
        "jeudi 22 janvier 2026 (journée)",
        "pertinence des missions",
        "Très bonne",
        "Une équipe très accueillante.",
        "Non",
        "Plus de communication que de finance.",
    ] {
        assert!(bilan.contains(expected), "« {expected} » missing from the assessment:\n{bilan}");
    }
    assert_eq!(
        env.call_by(SubmitAssessment, &maelys, &assess, "", Some(r#"{"relevance":"bonne","welcome":"bonne","matched_expertise":true}"#))
            .await
            .status,
        409
    );
    // "Mes documents": the convention and the assessment, downloadable at any time.
    let board = env.call_by(GetMyDashboard, &maelys, "/me/dashboard", "", None).await;
    let docs = board.body["documents"].as_array().unwrap();
    assert_eq!(docs[0]["href"], format!("/engagements/{id}/convention"));
    assert_eq!(docs[1]["kind"], "assessment");
    let (status, again) = platform_tests::harness::http_get_bytes(docs[1]["href"].as_str().unwrap()).await.unwrap();
    assert_eq!((status, again.starts_with(b"%PDF-")), (200, true));
    // The assessment is done: the reminder of day 10 does not go.
    let last = remind("2026-02-02T00:00:00Z").await;
    assert_eq!((last["sent"].as_u64(), last["skipped"].as_u64()), (Some(0), Some(1)), "{last}");
    env.app.set_now("2026-01-05T09:00:00Z".parse().unwrap());

    // Afterwards the link says so.
    let (status, _, page) = http_request("GET", &url, None, "").await.unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("déjà été traitée") && page.contains("acceptée"), "{page}");
}

#[tokio::test]
async fn a_refusal_returns_the_days_and_other_dates_can_be_sent() {
    let env = TestEnv::new_at("2026-01-05T09:00:00Z").await;
    let (p, id) = applicant(&env, "Remi", "CDI;2018-01-01;").await;
    let before = env.call_by(GetConvention, &p, &format!("/engagements/{id}/convention"), "", None).await;
    assert_eq!(before.status, 409, "no convention before the manager accepts");
    let manager = manager_address();
    let r = ask_dates(&env, &p, &id, &manager, &[("2026-01-22", "full_day"), ("2026-01-29", "full_day")]).await;
    assert_eq!(r.status, 201, "{}", r.raw);
    // Both days are pending: nothing left for a third.
    let more = ask_dates(&env, &p, &id, &manager, &[("2026-02-05", "full_day")]).await;
    assert_eq!(more.status, 409, "one pending request at a time: {}", more.raw);

    let url = format!("{}/decisions/{}", local_api(&env).await, link_token(&manager).await);
    // The manager refuses in a browser on a phone: the comment typed, the red button tapped.
    let submit = Submit { button: "Refuser la demande", fill: vec![("#comment", "Période de clôture".into())], ..Default::default() };
    let page = platform_tests::browser::open_one(Visit { name: "decision-refused", url, submit: Some(submit) }).await.unwrap_or_default();
    assert!(page.contains("Demande refusée"), "{page}");
    let e = state(&env, &p, &id).await;
    assert_eq!(e["state"], "applied");
    assert_eq!(e["dates"][0]["state"], "refused");
    let refused = emails_to(&p.email)
        .await
        .into_iter()
        .find(|m| m["subject"] == "Tes dates pour « Créer un crowdfunding » n'ont pas été acceptées")
        .expect("refusal e-mail");
    let html = refused["body"].as_str().unwrap();
    assert!(html.contains("Période de clôture") && html.contains("Il te reste 2 jours"), "{html}");

    let again = ask_dates(&env, &p, &id, &manager, &[("2026-02-05", "full_day"), ("2026-02-12", "full_day")]).await;
    assert_eq!(again.status, 201, "the days came back: {}", again.raw);
    assert_eq!(again.body["requests"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_third_day_is_refused_with_the_days_left() {
    let (env, p, id, manager) = applied_on_5_january("Ines", "CDI;2018-01-01;").await;
    let path = format!("/engagements/{id}/date-requests");
    // Bpifrance allows full days only.
    let half = ask_dates(&env, &p, &id, &manager, &[("2026-01-22", "half_day")]).await;
    assert_eq!(half.status, 400);
    assert_eq!(half.body["detail"], "Ton entreprise ne permet le mécénat de compétences que par journées entières.");
    let three = env
        .call_by(
            RequestDates,
            &p,
            &path,
            "",
            Some(&dates_body(&manager, &[("2026-01-22", "full_day"), ("2026-01-29", "full_day"), ("2026-02-05", "full_day")])),
        )
        .await;
    assert_eq!(three.status, 400);
    assert_eq!(three.body["field"], "dates");
    assert_eq!(three.body["detail"], "Cette demande dépasse ton allocation de mécénat pour 2026 : il te reste 2 jours.");
    let two = ask_dates(&env, &p, &id, &manager, &[("2026-01-22", "full_day"), ("2026-01-29", "full_day")]).await;
    assert_eq!(two.status, 201);
    // Another mission, the same year: the pending days count.
    let other = env.call_by(ApplyToMission, &p, "/missions/elsa-compostage/applications", "", Some(CRAWL)).await;
    let other_id = other.body["id"].as_str().unwrap();
    let third = ask_dates(&env, &p, other_id, &manager, &[("2026-03-05", "full_day")]).await;
    assert_eq!(third.status, 400);
    assert_eq!(third.body["detail"], "Cette demande dépasse ton allocation de mécénat pour 2026 : il te reste 0 jour.");
    // Bad inputs name their field.
    for (body, field) in [
        (dates_body("pas-une-adresse", &[("2026-03-05", "full_day")]), "manager_email"),
        (dates_body(&p.email, &[("2026-03-05", "full_day")]), "manager_email"),
        (dates_body(&manager, &[("05/03/2026", "full_day")]), "dates[0].date"),
        (dates_body(&manager, &[("2026-01-02", "full_day")]), "dates[0].date"),
        (dates_body(&manager, &[("2027-01-07", "full_day")]), "dates[0].date"),
        (dates_body(&manager, &[("2026-03-05", "evening")]), "dates[0].part"),
        (dates_body(&manager, &[]), "dates"),
    ] {
        let r = env.call_by(RequestDates, &p, &format!("/engagements/{other_id}/date-requests"), "", Some(&body)).await;
        assert_eq!((r.status, r.body["field"].as_str().unwrap_or("")), (400, field), "{body}: {}", r.raw);
    }
    // Nobody else can send dates on this engagement.
    for who in ["maelys", "thomas", "sophie"] {
        let r = env.call(RequestDates, Some(user(who)), &path, "", Some(&dates_body(&manager, &[("2026-03-05", "full_day")]))).await;
        assert!(r.status == 404 || r.status == 403, "{who}: {}", r.raw);
    }
}

#[tokio::test]
async fn an_employee_retiring_within_a_year_gives_one_day_a_week() {
    let (env, p, id, manager) = applied_on_5_january("Paul", "CDI;1990-09-01;2026-12-31").await;
    let same_week = ask_dates(&env, &p, &id, &manager, &[("2026-01-20", "full_day"), ("2026-01-22", "full_day")]).await;
    assert_eq!(same_week.status, 400);
    assert!(same_week.body["detail"].as_str().unwrap().contains("un jour par semaine"), "{}", same_week.raw);
    let weeks = [("2026-01-22", "full_day"), ("2026-01-29", "full_day"), ("2026-02-05", "full_day"), ("2026-02-12", "full_day")];
    let r = ask_dates(&env, &p, &id, &manager, &weeks).await;
    assert_eq!(r.status, 201, "four days in four weeks, beyond the standard two a year: {}", r.raw);
}

#[tokio::test]
async fn an_expired_link_says_so_and_a_new_request_can_be_sent() {
    let (env, p, id, manager) = applied_on_5_january("Lea", "CDI;2018-01-01;").await;
    ask_dates(&env, &p, &id, &manager, &[("2026-02-05", "full_day"), ("2026-02-12", "full_day")]).await;
    let url = format!("{}/decisions/{}", local_api(&env).await, link_token(&manager).await);
    env.app.set_now("2026-01-20T09:00:00Z".parse().unwrap());
    let (status, _, page) = http_request("GET", &url, None, "").await.unwrap();
    assert_eq!(status, 410);
    assert!(page.contains("Ce lien a expiré"), "{page}");
    let (status, _, _) = http_request("POST", &url, Some("application/x-www-form-urlencoded"), "decision=accept").await.unwrap();
    assert_eq!(status, 410);
    assert_eq!(state(&env, &p, &id).await["state"], "awaiting_manager");
    // The employee sends a new request: the expired one is closed and its days come back.
    let again = ask_dates(&env, &p, &id, &manager, &[("2026-02-19", "full_day"), ("2026-02-26", "full_day")]).await;
    assert_eq!(again.status, 201, "{}", again.raw);
    assert_eq!(again.body["requests"][0]["state"], "expired");
    assert_eq!(again.body["requests"][1]["state"], "pending");
    // A forged or unknown link.
    let base = url.rsplit_once('/').unwrap().0.to_string();
    let (status, _, page) = http_request("GET", &format!("{base}/{}", "A".repeat(43)), None, "").await.unwrap();
    assert_eq!(status, 404);
    assert!(page.contains("Lien invalide"));
    let (status, _, _) = http_request("GET", &format!("{base}/abc"), None, "").await.unwrap();
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_manager_decides_from_the_team_view_and_the_link_then_says_so() {
    let env = TestEnv::new_at("2026-01-05T09:00:00Z").await;
    let (p, id) = applicant(&env, "Hugo", "CDI;2018-01-01;").await;
    let manager = env.new_employee("Claire", "bpifrance.example", "paris-haussmann").await;
    let body = dates_body(&manager.email, &[("2026-01-22", "full_day")]);
    let r = env.call_by(RequestDates, &p, &format!("/engagements/{id}/date-requests"), "", Some(&body)).await;
    assert_eq!(r.status, 201, "{}", r.raw);
    let request_id = r.body["requests"][0]["id"].as_str().unwrap().to_string();

    let team = env.call_by(ListTeamRequests, &manager, "/me/team", "", None).await;
    assert_eq!(team.status, 200, "{}", team.raw);
    assert_eq!(team.body["pending"], 1);
    let board = env.call_by(GetMyDashboard, &manager, "/me/dashboard", "", None).await;
    assert_eq!(board.body["todo"][0]["label"], "Valide les dates de ton équipe");
    assert_eq!(board.body["todo"][0]["count"], 1);
    assert_eq!(team.body["items"][0]["employee"], "Hugo Test");
    assert_eq!(team.body["items"][0]["dates"][0], "jeudi 22 janvier 2026 (journée)");
    // Someone else's team view is empty; someone else cannot decide.
    assert_eq!(env.call(ListTeamRequests, Some(user("claire")), "/me/team", "", None).await.body["pending"], 0);
    let path = format!("/engagements/{id}/date-requests/{request_id}/decision");
    let r = env.call(DecideTeamRequest, Some(user("claire")), &path, "", Some(r#"{"decision":"accept"}"#)).await;
    assert_eq!(r.status, 404, "{}", r.raw);
    let r = env.call_by(DecideTeamRequest, &manager, &path, "", Some(r#"{"decision":"maybe"}"#)).await;
    assert_eq!(r.body["field"], "decision");

    let r = env.call_by(DecideTeamRequest, &manager, &path, "", Some(r#"{"decision":"accept","comment":"OK pour moi"}"#)).await;
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(r.body["state"], "awaiting_signatures");
    let again = env.call_by(DecideTeamRequest, &manager, &path, "", Some(r#"{"decision":"refuse"}"#)).await;
    assert_eq!(again.status, 409);
    assert_eq!(again.body["detail"], "Cette demande a déjà été traitée : elle est acceptée.");
    // The e-mailed link now says the request was handled, and acts no more.
    let url = format!("{}/decisions/{}", local_api(&env).await, link_token(&manager.email).await);
    let (status, _, page) = http_request("POST", &url, Some("application/x-www-form-urlencoded"), "decision=refuse").await.unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("déjà été traitée"), "{page}");
    assert_eq!(state(&env, &p, &id).await["state"], "awaiting_signatures");
    let team = env.call_by(ListTeamRequests, &manager, "/me/team", "", None).await;
    assert_eq!(team.body["pending"], 0);
    // The employee's "Mon compte": one day used, one left, a convention to sign.
    let board = env.call_by(GetMyDashboard, &p, "/me/dashboard", "", None).await;
    assert_eq!(board.status, 200, "{}", board.raw);
    assert_eq!(board.body["days_used_label"], "Tu as déjà utilisé 1 jour de mission.");
    assert_eq!(board.body["days_left_label"], "1 jour");
    assert_eq!(board.body["todo"][1]["code"], "sign_convention");
    assert_eq!(board.body["todo"][1]["count"], 1);
    assert_eq!(board.body["missions"][0]["progress"]["current_step"], 3);
    assert_eq!(team.body["items"][0]["request_state_label"], "acceptée");
}

#[tokio::test]
async fn cancelling_a_date_or_the_engagement_tells_the_association_and_returns_the_days() {
    let (env, p, id, manager) = applied_on_5_january("Zoe", "CDI;2018-01-01;").await;
    let r = ask_dates(&env, &p, &id, &manager, &[("2026-01-22", "full_day"), ("2026-01-29", "full_day")]).await;
    assert_eq!(r.status, 201, "{}", r.raw);
    let cancel = format!("/engagements/{id}/cancellation");

    let one = env.call_by(CancelEngagement, &p, &cancel, "", Some(r#"{"date":"2026-01-22","reason":"Un empêchement"}"#)).await;
    assert_eq!(one.status, 200, "{}", one.raw);
    assert_eq!(one.body["dates"][0]["state"], "cancelled");
    assert_eq!(one.body["dates"][1]["state"], "requested");
    assert_eq!(one.body["state"], "awaiting_manager");
    let to_association: Vec<_> = emails_to("sophie.durand@apte.example")
        .await
        .into_iter()
        .filter(|m| m["body"].as_str().unwrap_or("").contains(&p.email) && m["subject"] == "Annulation : « Créer un crowdfunding »")
        .collect();
    assert_eq!(to_association.len(), 1);
    let html = to_association[0]["body"].as_str().unwrap();
    assert!(html.contains("la date du jeudi 22 janvier 2026") && html.contains("Un empêchement"), "{html}");
    assert!(
        emails_to("support@mecenat.example").await.iter().any(|m| m["body"].as_str().unwrap_or("").contains(&p.email)),
        "support is told"
    );
    // The day came back: a third date on another mission fits again.
    let other = env.call_by(ApplyToMission, &p, "/missions/elsa-compostage/applications", "", Some(CRAWL)).await;
    let other_id = other.body["id"].as_str().unwrap().to_string();
    let third = ask_dates(&env, &p, &other_id, &manager, &[("2026-03-05", "full_day")]).await;
    assert_eq!(third.status, 201, "{}", third.raw);

    let all = env.call_by(CancelEngagement, &p, &cancel, "", Some("{}")).await;
    assert_eq!(all.status, 200, "{}", all.raw);
    assert_eq!(all.body["state"], "cancelled");
    assert_eq!(all.body["requests"][0]["state"], "cancelled");
    // The manager's link now says the request was handled.
    let url = format!("{}/decisions/{}", local_api(&env).await, link_token(&manager).await);
    let first_link = emails_to(&manager).await.first().map(|m| m["body"].as_str().unwrap().to_string()).unwrap();
    let start = first_link.find("/decisions/").unwrap() + "/decisions/".len();
    let token: String = first_link[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    let base = url.rsplit_once('/').unwrap().0.to_string();
    let (status, _, page) = http_request("GET", &format!("{base}/{token}"), None, "").await.unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("annulée"), "{page}");
    let again = env.call_by(CancelEngagement, &p, &cancel, "", Some("{}")).await;
    assert_eq!(again.status, 409);
    let past =
        env.call_by(CancelEngagement, &p, &format!("/engagements/{other_id}/cancellation"), "", Some(r#"{"date":"2026-13-01"}"#)).await;
    assert_eq!(past.body["field"], "date");
    // Only the employee cancels.
    let r = env.call(CancelEngagement, Some(user("sophie")), &format!("/engagements/{other_id}/cancellation"), "", Some("{}")).await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn added_dates_make_a_new_convention_version_and_next_year_needs_the_assessment() {
    let env = TestEnv::new_at("2026-11-02T09:00:00Z").await;
    let (p, id) = applicant(&env, "Nora", "CDI;2018-01-01;").await;
    let manager = manager_address();
    let decide = |answer: &'static str| {
        let manager = manager.clone();
        let env = &env;
        async move {
            let url = format!("{}/decisions/{}", local_api(env).await, link_token(&manager).await);
            let (status, _, page) =
                http_request("POST", &url, Some("application/x-www-form-urlencoded"), &format!("decision={answer}")).await.unwrap();
            assert_eq!(status, 200, "{page}");
        }
    };
    // A period across 31 December needs two conventions.
    let across = ask_dates(&env, &p, &id, &manager, &[("2026-12-17", "full_day"), ("2027-01-07", "full_day")]).await;
    assert_eq!(across.body["field"], "dates[1].date", "{}", across.raw);
    assert!(across.body["detail"].as_str().unwrap().contains("Une convention couvre une année civile"));

    ask_dates(&env, &p, &id, &manager, &[("2026-11-12", "full_day")]).await;
    decide("accept").await;
    let sha = env.call_by(GetConvention, &p, &format!("/engagements/{id}/convention"), "", None).await.body["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    let body = format!(r#"{{"sha256":"{sha}"}}"#);
    let sign = format!("/engagements/{id}/convention/signatures");
    env.call_by(SignConvention, &p, &sign, "", Some(&body)).await;
    env.call(SignConvention, Some(user("sophie")), &sign, "", Some(&body)).await;
    assert_eq!(env.call(SignConvention, Some(user("isabelle")), &sign, "", Some(&body)).await.body["state"], "signed");

    // Adding a date: the manager validates it, a version 2 is to be signed, version 1 stays.
    let added = ask_dates(&env, &p, &id, &manager, &[("2026-12-10", "full_day")]).await;
    assert_eq!(added.status, 201, "{}", added.raw);
    decide("accept").await;
    let v2 = env.call_by(GetConvention, &p, &format!("/engagements/{id}/convention"), "", None).await;
    assert_eq!(v2.body["version"], 2);
    assert_ne!(v2.body["sha256"].as_str().unwrap(), sha);
    let (_, pdf) = platform_tests::harness::http_get_bytes(v2.body["url"].as_str().unwrap()).await.unwrap();
    let text = platform_tests::harness::pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("version 2")
            && text.contains("jeudi 12 novembre 2026")
            && text.contains("jeudi 10 décembre 2026")
            && text.contains("Durée totale : 2 jours"),
        "{text}"
    );
    assert!(env.app.documents.get(&format!("conventions/{id}/v1.pdf")).await.is_ok(), "the old version is kept");
    assert!(env.app.documents.get(&format!("signed/{id}/v1.pdf")).await.is_ok());
    // Version 1 still covers its date: the association attests it while version 2 awaits signatures.
    env.app.set_now("2026-11-13T09:00:00Z".parse().unwrap());
    let r = env
        .call(
            AttestAttendance,
            Some(user("sophie")),
            &format!("/engagements/{id}/attendance"),
            "",
            Some(r#"{"date":"2026-11-12","present":true}"#),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.raw);

    // Next year, the same mission: the 2026 assessment first.
    env.app.set_now("2027-01-04T09:00:00Z".parse().unwrap());
    let again = env.call_by(ApplyToMission, &p, "/missions/apte-crowdfunding/applications", "", Some(CRAWL)).await;
    assert_eq!(again.status, 409, "{}", again.raw);
    assert!(again.body["detail"].as_str().unwrap().contains("complète d'abord ton bilan 2026"), "{}", again.raw);
}

#[tokio::test]
async fn outsiders_get_404_on_every_engagement_endpoint_and_document() {
    let (env, p, id, manager) = applied_on_5_january("Eve", "CDI;2018-01-01;").await;
    let r = ask_dates(&env, &p, &id, &manager, &[("2026-01-22", "full_day")]).await;
    let request_id = r.body["requests"][0]["id"].as_str().unwrap().to_string();
    let url = format!("{}/decisions/{}", local_api(&env).await, link_token(&manager).await);
    http_request("POST", &url, Some("application/x-www-form-urlencoded"), "decision=accept").await.unwrap();
    let calls: Vec<(functions::routes::Endpoint, String, Option<String>)> = vec![
        (GetEngagement, format!("/engagements/{id}"), None),
        (RequestDates, format!("/engagements/{id}/date-requests"), Some(dates_body(&manager, &[("2026-02-05", "full_day")]))),
        (DecideTeamRequest, format!("/engagements/{id}/date-requests/{request_id}/decision"), Some(r#"{"decision":"refuse"}"#.into())),
        (GetConvention, format!("/engagements/{id}/convention"), None),
        (SignConvention, format!("/engagements/{id}/convention/signatures"), Some(format!(r#"{{"sha256":"{}"}}"#, "a".repeat(64)))),
        (AttestAttendance, format!("/engagements/{id}/attendance"), Some(r#"{"date":"2026-01-22","present":true}"#.into())),
        (
            SubmitAssessment,
            format!("/engagements/{id}/assessment"),
            Some(r#"{"relevance":"bonne","welcome":"bonne","matched_expertise":true}"#.into()),
        ),
        (CancelEngagement, format!("/engagements/{id}/cancellation"), Some("{}".into())),
    ];
    // Another employee of the same company, another company's employee and admin, another
    // association's referent.
    let colleague = env.new_employee("Colleague", "bpifrance.example", "lyon").await;
    for (endpoint, path, body) in &calls {
        let r = env.call_by(*endpoint, &colleague, path, "", body.as_deref()).await;
        assert!(r.status == 403 || r.status == 404, "colleague {endpoint:?}: {}", r.raw);
        for who in ["thomas", "veronique", "marc"] {
            let r = env.call(*endpoint, Some(user(who)), path, "", body.as_deref()).await;
            assert!(r.status == 403 || r.status == 404, "{who} {endpoint:?}: {}", r.raw);
        }
    }
    // Nothing changed.
    let e = state(&env, &p, &id).await;
    assert_eq!(e["state"], "awaiting_signatures");
    assert_eq!(e["signatures"].as_array().unwrap().len(), 0);
}

/// The e-mails to `address` whose body mentions `about` (shared addresses get many).
async fn mails_about(address: &str, about: &str) -> Vec<serde_json::Value> {
    emails_to(address).await.into_iter().filter(|m| m["body"].as_str().unwrap_or_default().contains(about)).collect()
}

#[tokio::test]
async fn e_mails_survive_ses_failing_and_a_restart_and_arrive_once() {
    let env = TestEnv::new_at("2026-01-05T09:00:00Z").await;
    let manager = manager_address();
    // SES answers 500 to every send while she applies and asks for her dates.
    let failing = platform_tests::harness::failing_endpoint(500, "InternalFailure").await;
    env.restart_deliverer(Some(&failing));
    let (maelys, id) = applicant(&env, "Maelys", "CDI;2019-09-02;").await;
    let asked = ask_dates(&env, &maelys, &id, &manager, &[("2026-01-22", "full_day")]).await;
    assert_eq!(asked.status, 201, "{}", asked.raw);
    // Stored, not sent, and not forgotten: two envelopes wait, with what went wrong.
    assert!(emails_to(&maelys.email).await.is_empty() && emails_to(&manager).await.is_empty());
    let pending = env.pending_envelopes().await;
    assert_eq!(pending.iter().map(|e| e.what.as_str()).collect::<Vec<_>>(), ["application", "date request"]);
    for e in &pending {
        assert!(e.attempts >= 1 && e.last_error.as_deref().unwrap_or_default().contains("InternalFailure"), "{e:?}");
    }

    // The process is killed; a new instance starts with SES healthy, and the sweep runs.
    env.restart_deliverer(None);
    let swept = env.sweep_all().await;
    assert_eq!(swept["delivered"], 2, "{swept}");
    assert_eq!(swept["oldest_pending_seconds"], 0, "{swept}");
    // Each e-mail once: the employee's two, the referent's, the manager's link.
    let mine = emails_to(&maelys.email).await;
    assert_eq!(mine.len(), 2, "{mine:?}");
    assert_eq!(mails_about("sophie.durand@apte.example", &maelys.email).await.len(), 1, "the referent is told once");
    let to_manager = emails_to(&manager).await;
    assert_eq!(to_manager.len(), 1);
    assert!(to_manager[0]["body"].as_str().unwrap().contains("/decisions/"), "the manager's link went out");
    // Again: nothing more.
    assert_eq!(env.sweep_all().await["delivered"], 0);
    env.deliver().await;
    assert_eq!(emails_to(&maelys.email).await.len(), 2);

    // The manager accepts while SES fails; then the stream delivers that batch twice at once
    // (streams are at least once): one e-mail.
    env.restart_deliverer(Some(&failing));
    let token = link_token(&manager).await;
    let decided = env.call(DecideDates, None, &format!("/decisions/{token}"), "", Some("decision=accept")).await;
    assert_eq!(decided.status, 200, "{}", decided.raw);
    let waiting = env.pending_envelopes().await;
    assert_eq!(waiting.len(), 1);
    env.restart_deliverer(None);
    let record = serde_json::json!({
        "eventName": "INSERT",
        "eventSource": "aws:dynamodb",
        "dynamodb": { "Keys": { "PK": { "S": format!("OUTBOX#{}", waiting[0].id) }, "SK": { "S": "OUTBOX" } }, "SequenceNumber": "1" }
    });
    let batch = serde_json::json!({ "Records": [record] });
    let deliverer = env.deliverer();
    let (a, b) = tokio::join!(
        functions::routes::run(functions::routes::Job::DeliverEmails, &deliverer, batch.clone()),
        functions::routes::run(functions::routes::Job::DeliverEmails, &deliverer, batch)
    );
    for answer in [a.unwrap(), b.unwrap()] {
        assert_eq!(answer["batchItemFailures"], serde_json::json!([]), "{answer}");
    }
    let accepted: Vec<_> = emails_to(&maelys.email)
        .await
        .into_iter()
        .filter(|m| m["body"].as_str().unwrap_or_default().contains("a accepté tes dates"))
        .collect();
    assert_eq!(accepted.len(), 1, "one e-mail for the decision: {accepted:?}");
    assert!(env.pending_envelopes().await.is_empty());
}

#[tokio::test]
async fn a_stream_record_that_cannot_be_delivered_is_reported_and_the_sweep_retries_it() {
    let env = TestEnv::new_at("2026-01-05T09:00:00Z").await;
    let nadia = env.new_employee("Nadia", "bpifrance.example", "paris-haussmann").await;
    // Throttled: the deliverer backs off, then reports the record for Lambda's retries.
    let throttling = platform_tests::harness::failing_endpoint(429, "TooManyRequestsException").await;
    env.restart_deliverer(Some(&throttling));
    let applied = env.call_by(ApplyToMission, &nadia, "/missions/apte-crowdfunding/applications", "", Some(CRAWL)).await;
    assert_eq!(applied.status, 201);
    let answers = env.deliver().await;
    assert!(answers.is_empty(), "already pumped by the call");
    let envelope = &env.pending_envelopes().await[0];
    let record = serde_json::json!({
        "eventName": "INSERT",
        "dynamodb": { "Keys": { "PK": { "S": format!("OUTBOX#{}", envelope.id) } }, "SequenceNumber": "42" }
    });
    let answer =
        functions::routes::run(functions::routes::Job::DeliverEmails, &env.deliverer(), serde_json::json!({ "Records": [record] }))
            .await
            .unwrap();
    assert_eq!(answer["batchItemFailures"], serde_json::json!([{ "itemIdentifier": "42" }]), "{answer}");
    // The sweep of a healthy instance delivers it; the claim of the failed try was released.
    env.restart_deliverer(None);
    assert_eq!(env.sweep_all().await["delivered"], 1);
    assert_eq!(emails_to(&nadia.email).await.len(), 1);
}

#[tokio::test]
async fn a_bouncing_manager_address_is_for_the_employee_to_correct_and_is_never_sent_to_again() {
    let (env, maelys, id, manager) = applied_on_5_january("Maelys", "CDI;2019-09-02;").await;
    let asked = ask_dates(&env, &maelys, &id, &manager, &[("2026-01-22", "full_day")]).await;
    assert_eq!(asked.status, 201, "{}", asked.raw);
    assert_eq!(emails_to(&manager).await.len(), 1);
    assert!(asked.body.get("warning").is_none());

    // SES reports the address bouncing for good.
    let report =
        env.run_job(functions::routes::Job::RecordMailFeedback, platform_tests::harness::bounce_event(&manager.to_uppercase())).await;
    assert_eq!(report["suppressed"], 1, "{report}");
    assert_eq!(report["requests_flagged"], 1, "{report}");
    // The engagement and the to-do list say so.
    let shown = state(&env, &maelys, &id).await;
    assert_eq!(shown["warning"], shared::texts::todo::MANAGER_UNREACHABLE, "{shown}");
    let dashboard = env.call_by(GetMyDashboard, &maelys, "/me/dashboard", "", None).await;
    let todo = dashboard.body["todo"].as_array().unwrap();
    let fix = todo.iter().find(|t| t["code"] == "fix_manager_email").expect("a to-do to fix the address");
    assert_eq!(fix["count"], 1);
    assert_eq!(fix["label"], "L'adresse de ton manager est introuvable : corrige-la et renvoie ta demande de dates");

    // The same address again is refused, field named; nothing is sent to it.
    let again = ask_dates(&env, &maelys, &id, &manager, &[("2026-01-22", "full_day")]).await;
    assert_eq!(again.status, 400, "{}", again.raw);
    assert_eq!(again.body["field"], "manager_email");
    // An envelope that still names it (queued before the bounce) skips it.
    shared::outbox::queue_alone(
        &env.app,
        "test",
        [shared::mail::OutgoingEmail {
            to: vec![manager.clone()],
            reply_to: None,
            subject: "Test".into(),
            html: "<p>x</p>".into(),
            text: "x".into(),
        }],
    )
    .await
    .unwrap();
    env.deliver().await;
    assert_eq!(emails_to(&manager).await.len(), 1, "nothing more to a suppressed address");
    // The corrected address: the flagged request is closed and a new one goes out.
    let other = manager_address();
    let fixed = ask_dates(&env, &maelys, &id, &other, &[("2026-01-22", "full_day")]).await;
    assert_eq!(fixed.status, 201, "{}", fixed.raw);
    assert!(fixed.body.get("warning").is_none());
    assert_eq!(emails_to(&other).await.len(), 1);
    let dashboard = env.call_by(GetMyDashboard, &maelys, "/me/dashboard", "", None).await;
    let fix = dashboard.body["todo"].as_array().unwrap().iter().find(|t| t["code"] == "fix_manager_email").cloned().unwrap();
    assert_eq!(fix["count"], 0);
}

#[tokio::test]
async fn a_link_page_answers_head_without_acting_and_says_what_it_allows() {
    let (env, maelys, id, manager) = applied_on_5_january("Maelys", "CDI;2019-09-02;").await;
    assert_eq!(ask_dates(&env, &maelys, &id, &manager, &[("2026-01-22", "full_day")]).await.status, 201);
    let base = local_api(&env).await;
    let url = format!("{base}/decisions/{}", link_token(&manager).await);
    // A mail scanner's HEAD: the page's status and type, no body, nothing decided.
    let (status, headers, body) = platform_tests::harness::http_request("HEAD", &url, None, "").await.unwrap();
    assert_eq!(status, 200);
    assert!(headers["content-type"].to_str().unwrap().starts_with("text/html"));
    assert!(body.is_empty(), "{body}");
    assert_eq!(state(&env, &maelys, &id).await["state"], "awaiting_manager");
    // OPTIONS: what the address answers, nothing looked up or decided.
    let (status, headers, body) = platform_tests::harness::http_request("OPTIONS", &url, None, "").await.unwrap();
    assert_eq!((status, body.as_str()), (204, ""));
    assert_eq!(headers["allow"].to_str().unwrap(), "GET, POST, HEAD, OPTIONS");
    assert_eq!(state(&env, &maelys, &id).await["state"], "awaiting_manager");
    // Another method: 405, with what the address answers.
    let (status, headers, _) = platform_tests::harness::http_request("PUT", &url, None, "").await.unwrap();
    assert_eq!(status, 405);
    assert_eq!(headers["allow"].to_str().unwrap(), "GET, POST, HEAD, OPTIONS");
    // The frontend's stand-in: a link to a screen lands somewhere in `make dev`.
    let (status, page) = platform_tests::harness::http_get(&format!("{base}/_front/missions/apte-crowdfunding"), None).await.unwrap();
    assert_eq!(status, 200);
    assert!(page.contains("/missions/{missionId}") && page.contains("apte-crowdfunding"), "{page}");
}

#[tokio::test]
async fn a_manager_who_has_not_answered_is_reminded_on_working_days_3_and_7_and_never_after_deciding() {
    use functions::routes::Job;
    let (env, p, id, manager) = applied_on_5_january("Relance", "CDI;2019-09-02;").await;
    // Monday 5 January 2026: day 3 is Thursday 8, day 7 Wednesday 14 (09:00 in Paris).
    assert_eq!(ask_dates(&env, &p, &id, &manager, &[("2026-01-22", "full_day")]).await.status, 201);
    let first = link_token(&manager).await;
    let job = || async { env.run_job(Job::RemindAssessments, platform_tests::harness::event_json_job(Job::RemindAssessments)).await };
    env.app.set_now("2026-01-07T12:00:00Z".parse().unwrap());
    assert_eq!(job().await["managers_reminded"], 0, "not before the third working day");
    // The operator sees what tomorrow's runs will send.
    let upcoming = env.call(ListUpcomingReminders, Some(user("camille")), "/reminders/upcoming", "", None).await;
    assert_eq!(upcoming.status, 200, "{}", upcoming.raw);
    let items = upcoming.body["items"].as_array().unwrap();
    assert!(
        items.iter().any(|i| i["kind"] == "manager_decision" && i["to"] == manager.as_str() && i["due_at"] == "2026-01-08T08:00:00Z"),
        "{}",
        upcoming.raw
    );
    assert_eq!(env.call(ListUpcomingReminders, Some(user("maelys")), "/reminders/upcoming", "", None).await.status, 403);
    let bad = env.call(ListUpcomingReminders, Some(user("camille")), "/reminders/upcoming", "hours=0", None).await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (400, Some("hours")));
    env.app.set_now("2026-01-08T08:30:00Z".parse().unwrap());
    assert_eq!(job().await["managers_reminded"], 1);
    assert_eq!(job().await["managers_reminded"], 0, "once, even when the job runs twice");
    let mails = emails_to(&manager).await;
    assert_eq!(mails.len(), 2, "the request and one reminder");
    assert!(mails[1]["subject"].as_str().unwrap().starts_with("Rappel : Relance Test attend ta réponse"), "{}", mails[1]);
    let reminder = link_token(&manager).await;
    assert_ne!(reminder, first, "a link of its own");
    let page = env.call(ShowDecision, None, &format!("/decisions/{reminder}"), "", None).await;
    assert!(page.status == 200 && page.raw.contains("Accepter la demande"), "the reminder's link opens the request: {}", page.raw);
    // The manager answers from the first e-mail: no reminder on day 7, and the reminder's link says so.
    let decided = env.call(DecideDates, None, &format!("/decisions/{first}"), "", Some("decision=accept")).await;
    assert_eq!(decided.status, 200, "{}", decided.raw);
    env.app.set_now("2026-01-14T09:00:00Z".parse().unwrap());
    let report = job().await;
    assert_eq!((report["managers_reminded"].as_u64(), report["managers_skipped"].as_u64()), (Some(0), Some(1)), "{report}");
    assert_eq!(emails_to(&manager).await.len(), 2, "never after the decision");
    let after = env.call(ShowDecision, None, &format!("/decisions/{reminder}"), "", None).await;
    assert!(after.raw.contains("déjà été traitée"), "{}", after.raw);
}

#[tokio::test]
async fn the_request_is_sent_again_once_a_day_and_an_expired_link_renews_to_the_address_on_record_only() {
    let (env, p, id, manager) = applied_on_5_january("Ines", "CDI;2018-01-01;").await;
    assert_eq!(ask_dates(&env, &p, &id, &manager, &[("2026-02-05", "full_day")]).await.status, 201);
    let first = link_token(&manager).await;
    let resend = format!("/engagements/{id}/manager-link");
    // Less than 24 hours after the request: refused, with the time left.
    env.app.set_now("2026-01-05T20:00:00Z".parse().unwrap());
    let early = env.call_by(ResendManagerLink, &p, &resend, "", None).await;
    assert_eq!(early.status, 409, "{}", early.raw);
    assert_eq!(
        early.body["detail"],
        "Un e-mail a déjà été envoyé il y a moins de 24 heures : tu pourras relancer dans 13 h 00 min, le mardi 6 janvier 2026 à 10:00."
    );
    assert_eq!(env.call(ResendManagerLink, Some(user("maelys")), &resend, "", None).await.status, 404, "only its employee");
    assert_eq!(env.call(ResendManagerLink, None, &resend, "", None).await.status, 401);
    // A day later: a new link, the first one dead at once.
    env.app.set_now("2026-01-06T09:30:00Z".parse().unwrap());
    let sent = env.call_by(ResendManagerLink, &p, &resend, "", None).await;
    assert_eq!(sent.status, 200, "{}", sent.raw);
    assert_eq!(sent.body["state"], "awaiting_manager");
    let second = link_token(&manager).await;
    assert_ne!(second, first);
    let old = env.call(ShowDecision, None, &format!("/decisions/{first}"), "", None).await;
    assert!(old.status == 410 && old.raw.contains("Lien remplacé"), "{}", old.raw);
    let old = env.call(DecideDates, None, &format!("/decisions/{first}"), "", Some("decision=accept")).await;
    assert_eq!(old.status, 410, "the old link decides nothing: {}", old.raw);
    assert_eq!(state(&env, &p, &id).await["state"], "awaiting_manager");
    let again = env.call_by(ResendManagerLink, &p, &resend, "", None).await;
    assert_eq!(again.status, 409, "a second time within 24 hours: {}", again.raw);
    assert!(again.body["detail"].as_str().unwrap().contains("tu pourras relancer dans 24 h 00 min"), "{}", again.raw);
    // The second link expires (14 days): its page offers a fresh one, with no address field.
    env.app.set_now("2026-01-21T09:00:00Z".parse().unwrap());
    let api = local_api(&env).await;
    let (status, _, page) = http_request("GET", &format!("{api}/decisions/{second}"), None, "").await.unwrap();
    assert_eq!(status, 410);
    assert!(page.contains("Ce lien a expiré") && page.contains("Recevoir un nouveau lien"), "{page}");
    assert!(page.contains(&format!("/decisions/{second}/renewal")), "the button POSTs to the renewal: {page}");
    assert!(!page.contains("<input"), "nothing to type: the address on record is used: {page}");
    let mails_before = emails_to(&manager).await.len();
    // An address slipped into the form is ignored: the link goes to the manager on record.
    let intruder = format!("intrus.{}@evil.example", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    let renewal = format!("{api}/decisions/{second}/renewal");
    let form = format!("email={}&manager_email={}", intruder, intruder);
    let (status, _, page) = http_request("POST", &renewal, Some("application/x-www-form-urlencoded"), &form).await.unwrap();
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Nouveau lien envoyé") && page.contains("mercredi 4 février 2026"), "{page}");
    env.deliver().await;
    assert!(emails_to(&intruder).await.is_empty(), "never to a typed address");
    let mails = emails_to(&manager).await;
    assert_eq!(mails.len(), mails_before + 1, "one new e-mail to the manager");
    let third = link_token(&manager).await;
    let live = env.call(ShowDecision, None, &format!("/decisions/{third}"), "", None).await;
    assert!(live.status == 200 && live.raw.contains("Accepter la demande"), "{}", live.raw);
    // The expired link was replaced: asking again from it renews nothing.
    let (status, _, page) = http_request("POST", &renewal, Some("application/x-www-form-urlencoded"), "").await.unwrap();
    assert!(status == 410 && page.contains("Lien remplacé"), "{status} {page}");
    assert_eq!(emails_to(&manager).await.len(), mails_before + 1);
    let decided = env.call(DecideDates, None, &format!("/decisions/{third}"), "", Some("decision=accept")).await;
    assert_eq!(decided.status, 200, "{}", decided.raw);
    assert_eq!(state(&env, &p, &id).await["state"], "awaiting_signatures");
}

#[tokio::test]
async fn signatories_are_reminded_until_they_sign_and_relancer_waits_24_hours() {
    use functions::routes::Job;
    let (env, p, id, manager) = applied_on_5_january("Rappelee", "CDI;2019-09-02;").await;
    // Monday 5 January 2026, first date Thursday 22: reminders on Wednesday 7 and Tuesday 20.
    assert_eq!(ask_dates(&env, &p, &id, &manager, &[("2026-01-22", "full_day")]).await.status, 201);
    let decided = env.call(DecideDates, None, &format!("/decisions/{}", link_token(&manager).await), "", Some("decision=accept")).await;
    assert_eq!(decided.status, 200, "{}", decided.raw);
    let conv = env.call_by(GetConvention, &p, &format!("/engagements/{id}/convention"), "", None).await;
    assert_eq!(conv.body["pending"], serde_json::json!(["employee", "association", "company"]));
    let body = format!(r#"{{"sha256":"{}"}}"#, conv.body["sha256"].as_str().unwrap());
    let sign = format!("/engagements/{id}/convention/signatures");
    assert_eq!(env.call_by(SignConvention, &p, &sign, "", Some(&body)).await.status, 200);
    let reminders_to =
        |who: &str| emails_about(who.to_string(), "Rappel : la convention « Créer un crowdfunding » attend ta signature", "Rappelee Test");
    let (referent, company) = ("sophie.durand@apte.example", "maqvt@bpifrance.example");
    // "Relancer": the employee reminds the association now; a second time within 24 hours is refused.
    let relancer = format!("/engagements/{id}/convention/reminders");
    env.app.set_now("2026-01-06T10:00:00Z".parse().unwrap());
    let nudged = env.call_by(RemindSignatory, &p, &relancer, "", Some(r#"{"signatory":"association"}"#)).await;
    assert_eq!(nudged.status, 200, "{}", nudged.raw);
    assert_eq!(nudged.body["next_possible_at"], "2026-01-07T10:00:00Z");
    let mails = reminders_to(referent).await;
    assert_eq!(mails.len(), 1, "the association is reminded now");
    assert!(mails[0]["body"].as_str().unwrap().contains("Une autre partie à la convention nous a demandé de te relancer"));
    assert!(mails[0]["body"].as_str().unwrap().contains(&format!("/engagements/{id}")), "with the link to the convention");
    env.app.set_now("2026-01-06T15:30:00Z".parse().unwrap());
    let again = env.call(RemindSignatory, Some(user("sophie")), &relancer, "", Some(r#"{"signatory":"association"}"#)).await;
    assert_eq!(again.status, 409, "{}", again.raw);
    assert_eq!(
        again.body["detail"],
        "Un e-mail a déjà été envoyé il y a moins de 24 heures : tu pourras relancer dans 18 h 30 min, le mercredi 7 janvier 2026 à 11:00."
    );
    let signed = env.call_by(RemindSignatory, &p, &relancer, "", Some(r#"{"signatory":"employee"}"#)).await;
    assert_eq!(signed.status, 409, "nobody who signed is reminded: {}", signed.raw);
    let bad = env.call_by(RemindSignatory, &p, &relancer, "", Some(r#"{"signatory":"manager"}"#)).await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (400, Some("signatory")));
    assert_eq!(env.call(RemindSignatory, Some(user("marc")), &relancer, "", Some(r#"{"signatory":"company"}"#)).await.status, 404);
    // Wednesday 7: the scheduled reminder goes to those who have not signed, once.
    let job = || async { env.run_job(Job::RemindAssessments, platform_tests::harness::event_json_job(Job::RemindAssessments)).await };
    let upcoming = env.call(ListUpcomingReminders, Some(user("camille")), "/reminders/upcoming", "", None).await;
    let kinds: Vec<_> = upcoming.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["engagement_id"] == id.as_str())
        .map(|i| (i["kind"].clone(), i["to"].clone()))
        .collect();
    assert!(kinds.contains(&("signature".into(), referent.into())) && kinds.contains(&("signature".into(), company.into())), "{kinds:?}");
    assert!(!kinds.contains(&("signature".into(), p.email.as_str().into())), "not the employee, who signed: {kinds:?}");
    env.app.set_now("2026-01-07T08:30:00Z".parse().unwrap());
    assert_eq!(job().await["signatories_reminded"], 1);
    assert_eq!(job().await["signatories_reminded"], 0, "once, even when the job runs twice");
    assert_eq!(reminders_to(referent).await.len(), 2);
    assert_eq!(reminders_to(company).await.len(), 1);
    assert!(reminders_to(&p.email).await.is_empty(), "the employee signed: never reminded");
    // The association signs; on Tuesday 20 the last reminder goes to the company only.
    assert_eq!(env.call(SignConvention, Some(user("sophie")), &sign, "", Some(&body)).await.status, 200);
    env.app.set_now("2026-01-20T08:30:00Z".parse().unwrap());
    assert_eq!(job().await["signatories_reminded"], 1);
    assert_eq!(reminders_to(referent).await.len(), 2, "the association signed");
    let company_mails = reminders_to(company).await;
    assert_eq!(company_mails.len(), 2);
    assert!(company_mails[1]["body"].as_str().unwrap().contains("La première journée de mission approche : le jeudi 22 janvier 2026"));
    // Signed by the three: nothing more to remind.
    assert_eq!(env.call(SignConvention, Some(user("isabelle")), &sign, "", Some(&body)).await.status, 200);
    let late = env.call_by(RemindSignatory, &p, &relancer, "", Some(r#"{"signatory":"company"}"#)).await;
    assert_eq!(late.status, 409);
}

#[tokio::test]
async fn a_private_calendar_feed_lists_the_accepted_days_until_it_is_replaced_or_revoked() {
    let (env, p, id, manager) = applied_on_5_january("Agenda", "CDI;2019-09-02;").await;
    assert_eq!(ask_dates(&env, &p, &id, &manager, &[("2026-01-22", "full_day"), ("2026-06-11", "full_day")]).await.status, 201);
    let decided = env.call(DecideDates, None, &format!("/decisions/{}", link_token(&manager).await), "", Some("decision=accept")).await;
    assert_eq!(decided.status, 200, "{}", decided.raw);
    let feed = env.call_by(CreateCalendarFeed, &p, "/me/calendar-feed", "", None).await;
    assert_eq!(feed.status, 201, "{}", feed.raw);
    let webcal = feed.body["webcal_url"].as_str().unwrap().to_string();
    assert!(webcal.starts_with("webcal://") && webcal.ends_with(".ics"), "{webcal}");
    let path = |url: &str| url.split_once("/calendars/").map(|(_, t)| format!("/calendars/{t}")).unwrap();
    let got = env.call(GetCalendarFeed, None, &path(&webcal), "", None).await;
    assert_eq!(got.status, 200, "{}", got.raw);
    let events = platform_tests::harness::calendar_events(got.raw.as_bytes());
    let days: Vec<_> =
        events.iter().map(|e| (e["start"].as_str().unwrap(), e["end"].as_str().unwrap(), e["tz"].as_str().unwrap())).collect();
    assert_eq!(
        days,
        [
            ("2026-01-22T09:00:00+01:00", "2026-01-22T17:30:00+01:00", "Europe/Paris"),
            ("2026-06-11T09:00:00+02:00", "2026-06-11T17:30:00+02:00", "Europe/Paris")
        ],
        "winter and summer time in Paris"
    );
    assert!(events[1]["summary"].as_str().unwrap().ends_with("(journée)"));
    // A new URL kills the old one at once; a revocation kills the new one.
    let again = env.call_by(CreateCalendarFeed, &p, "/me/calendar-feed", "", None).await;
    let second = again.body["webcal_url"].as_str().unwrap().to_string();
    assert_eq!(env.call(GetCalendarFeed, None, &path(&webcal), "", None).await.status, 404);
    assert_eq!(env.call(GetCalendarFeed, None, &path(&second), "", None).await.status, 200);
    assert_eq!(env.call_by(RevokeCalendarFeed, &p, "/me/calendar-feed", "", None).await.status, 204);
    let revoked = env.call(GetCalendarFeed, None, &path(&second), "", None).await;
    assert_eq!(revoked.status, 404, "{}", revoked.raw);
    assert_eq!(env.call(GetCalendarFeed, None, "/calendars/not-a-token.ics", "", None).await.status, 404);
    assert_eq!(env.call(CreateCalendarFeed, None, "/me/calendar-feed", "", None).await.status, 401);
}

#[tokio::test]
async fn a_new_place_makes_a_new_version_that_all_three_sign_again() {
    use functions::routes::Job;
    // After the demo missions were last written (the catalogue keeps the newest revision).
    let env = TestEnv::new_at("2026-11-02T09:00:00Z").await;
    let (p, id) = applicant(&env, "Deplacee", "CDI;2019-09-02;").await;
    let manager = manager_address();
    assert_eq!(ask_dates(&env, &p, &id, &manager, &[("2026-11-09", "full_day"), ("2026-11-19", "full_day")]).await.status, 201);
    let decided = env.call(DecideDates, None, &format!("/decisions/{}", link_token(&manager).await), "", Some("decision=accept")).await;
    assert_eq!(decided.status, 200, "{}", decided.raw);
    let convention = format!("/engagements/{id}/convention");
    let v1 = env.call_by(GetConvention, &p, &convention, "", None).await;
    let v1_body = format!(r#"{{"sha256":"{}"}}"#, v1.body["sha256"].as_str().unwrap());
    let sign = format!("/engagements/{id}/convention/signatures");
    for who in [None, Some(user("sophie")), Some(user("isabelle"))] {
        let r = match who {
            None => env.call_by(SignConvention, &p, &sign, "", Some(&v1_body)).await,
            Some(u) => env.call(SignConvention, Some(u), &sign, "", Some(&v1_body)).await,
        };
        assert_eq!(r.status, 200, "{}", r.raw);
    }
    assert_eq!(state(&env, &p, &id).await["state"], "signed");
    let (referent, company) = ("sophie.durand@apte.example", "maqvt@bpifrance.example");
    let revised_to = |who: &str| {
        emails_about(who.to_string(), "Nouveau lieu : la convention « Créer un crowdfunding » est à signer de nouveau", "Deplacee Test")
    };
    let sophie = Some(user("sophie"));
    let mission = "/missions/apte-crowdfunding";

    // Thursday 12 November, between the two days: a change that is not the place changes nothing.
    env.app.set_now("2026-11-12T09:00:00Z".parse().unwrap());
    let r = env.call(UpdateMission, sophie, mission, "", Some(r#"{"duration_label":"2 jours"}"#)).await;
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!(state(&env, &p, &id).await["state"], "signed");
    assert!(revised_to(&p.email).await.is_empty());

    // The mission moves to Lyon: version 2, to be signed again by the three.
    let lyon = r#"{"address":"12 rue de la République","postcode":"69002","city":"Lyon"}"#;
    let r = env.call(UpdateMission, sophie, mission, "", Some(lyon)).await;
    assert_eq!(r.status, 200, "{}", r.raw);
    let e = state(&env, &p, &id).await;
    assert_eq!(e["state"], "awaiting_signatures", "{e}");
    assert_eq!(e["place"]["city"], "Lyon");
    let v2 = env.call_by(GetConvention, &p, &convention, "", None).await;
    assert_eq!(v2.body["version"], 2, "{}", v2.raw);
    assert_eq!(v2.body["pending"], serde_json::json!(["employee", "association", "company"]), "earlier signatures do not carry over");
    let (_, pdf) = platform_tests::harness::http_get_bytes(v2.body["url"].as_str().unwrap()).await.unwrap();
    let text = platform_tests::harness::pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("version 2 — modèle"), "{text}");
    assert!(text.contains("Lieu de la mission : 12 rue de la République 69002 Lyon (à distance possible) Article 3"), "{text}");
    for to in [p.email.as_str(), referent, company] {
        let mails = revised_to(to).await;
        assert_eq!(mails.len(), 1, "{to}");
        let body = mails[0]["body"].as_str().unwrap();
        assert!(body.contains("Il est désormais : 12 rue de la République 69002 Lyon (à distance possible)."), "{body}");
        assert!(body.contains("version 2") && body.contains(&format!("/engagements/{id}")), "{body}");
    }
    // A retried request sends nothing twice and makes no version 3.
    let version = e["version"].clone();
    assert_eq!(env.call(UpdateMission, sophie, mission, "", Some(lyon)).await.status, 200);
    assert_eq!(state(&env, &p, &id).await["version"], version);
    assert_eq!(revised_to(referent).await.len(), 1);
    assert_eq!(env.call_by(GetConvention, &p, &convention, "", None).await.body["version"], 2);

    // The old version cannot be signed; the 9th, before the change, stays covered by it.
    let stale = env.call_by(SignConvention, &p, &sign, "", Some(&v1_body)).await;
    assert_eq!(stale.status, 409, "{}", stale.raw);
    let attested = env
        .call(AttestAttendance, sophie, &format!("/engagements/{id}/attendance"), "", Some(r#"{"date":"2026-11-09","present":true}"#))
        .await;
    assert_eq!(attested.status, 200, "{}", attested.raw);
    // Its signature reminders are scheduled: Monday 16 (2 working days), then Tuesday 17.
    let upcoming = env.call(ListUpcomingReminders, Some(user("camille")), "/reminders/upcoming", "hours=168", None).await;
    let due: Vec<(String, String)> = upcoming.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["engagement_id"] == id.as_str() && i["kind"] == "signature")
        .map(|i| (i["due_at"].as_str().unwrap()[..10].to_string(), i["to"].as_str().unwrap().to_string()))
        .collect();
    for day in ["2026-11-16", "2026-11-17"] {
        for to in [p.email.as_str(), referent, company] {
            assert!(due.contains(&(day.to_string(), to.to_string())), "{day} {to}: {due:?}");
        }
    }
    env.app.set_now("2026-11-16T08:30:00Z".parse().unwrap());
    let job = env.run_job(Job::RemindAssessments, platform_tests::harness::event_json_job(Job::RemindAssessments)).await;
    assert_eq!(job["signatories_reminded"], 1, "{job}");

    let v2_body = format!(r#"{{"sha256":"{}"}}"#, v2.body["sha256"].as_str().unwrap());
    assert_eq!(env.call_by(SignConvention, &p, &sign, "", Some(&v2_body)).await.status, 200);
    assert_eq!(env.call(SignConvention, sophie, &sign, "", Some(&v2_body)).await.status, 200);
    let last = env.call(SignConvention, Some(user("isabelle")), &sign, "", Some(&v2_body)).await;
    assert_eq!(last.body["state"], "signed", "{}", last.raw);
}

/// The e-mails sent to `who` with this subject whose body mentions `mention`.
async fn emails_about(who: String, subject: &'static str, mention: &'static str) -> Vec<serde_json::Value> {
    emails_to(&who).await.into_iter().filter(|m| m["subject"] == subject && m["body"].as_str().unwrap_or("").contains(mention)).collect()
}

//! Facilitation missions (SPEC E), first part: the operator's mission for a coordinator,
//! sessions planned before they happen, facilitators invited and registering themselves,
//! statuses, participants (JSON or pasted) with their convocation, the sign-in sheet PDF and
//! the signed scan's presigned upload.

use functions::routes::Endpoint::{self, *};
use platform_tests::browser::{open_one, Submit, Visit};
use platform_tests::demo::user;
use platform_tests::harness::{emails_to, http_get_bytes, http_request, pdf_text, Reply, TestEnv};

struct Who {
    sub: String,
    email: String,
}

fn someone(name: &str) -> Who {
    let id = &uuid::Uuid::new_v4().simple().to_string()[..10];
    Who { sub: format!("{name}-{id}"), email: format!("{name}.{id}@example.org") }
}

async fn call(env: &TestEnv, e: Endpoint, who: &Who, path: &str, query: &str, body: Option<&str>) -> Reply {
    env.call_as(e, &who.sub, &who.email, path, query, body).await
}

/// The coordinator registers 25 participants as JSON on a session (`<letter><i>.<tag>@<domain>`).
async fn register_25(env: &TestEnv, coordinator: &Who, session_path: &str, letter: &str, domain: &str) -> Reply {
    let tag = &coordinator.sub[6..];
    let people: Vec<String> =
        (1..=25).map(|i| format!(r#"{{"email":"{letter}{i}.{tag}@{domain}","first_name":"Prénom{i}","last_name":"Nom{i}"}}"#)).collect();
    let body = format!(r#"{{"participants":[{}]}}"#, people.join(","));
    call(env, RegisterParticipants, coordinator, &format!("{session_path}/participants"), "", Some(&body)).await
}

#[tokio::test]
async fn a_coordinator_plans_sessions_invites_facilitators_and_prints_sign_in_sheets() {
    let env = TestEnv::new_at("2026-12-01T09:00:00Z").await;
    let coordinator = someone("coline");
    let mission_body = format!(
        r#"{{"title":"Fresque du Climat chez Acme","client_name":"Acme Industries","client_kind":"business","coordinator_email":"{}","coordinator_name":"Coline Coordination","ordered_workshops":2,"ordered_trainings":1,"workshop_fee_cents":25000,"training_fee_cents":60000,"coordination_fee_cents":30000,"pre_test_url":"https://forms.example.org/pre-test"}}"#,
        coordinator.email
    );
    assert_eq!(
        call(&env, CreateFacilitationMission, &coordinator, "/facilitation-missions", "", Some(&mission_body)).await.status,
        403,
        "the operator only"
    );
    let created = env.call(CreateFacilitationMission, Some(user("camille")), "/facilitation-missions", "", Some(&mission_body)).await;
    assert_eq!(created.status, 201, "{}", created.raw);
    let mid = created.body["id"].as_str().unwrap().to_string();
    assert_eq!(emails_to(&coordinator.email).await[0]["subject"], "Ta mission « Fresque du Climat chez Acme » est prête");
    let mine = call(&env, ListFacilitationMissions, &coordinator, "/facilitation-missions", "", None).await;
    assert_eq!(mine.body["items"][0]["id"], mid.as_str());
    assert_eq!(mine.body["items"][0]["status_label"], "En cours");

    // Sessions: planned before they happen.
    let sessions_path = format!("/facilitation-missions/{mid}/sessions");
    let yesterday = r#"{"kind":"workshop","date":"2026-11-30","start":"09:00","end":"12:00","place":"Acme"}"#;
    let past = call(&env, CreateSession, &coordinator, &sessions_path, "", Some(yesterday)).await;
    assert_eq!((past.status, past.body["field"].as_str()), (400, Some("date")), "{}", past.raw);
    let outsider = someone("intrus");
    let next_week = r#"{"kind":"workshop","date":"2026-12-10","start":"09:00","end":"12:00","place":"Acme"}"#;
    let hidden = call(&env, CreateSession, &outsider, &sessions_path, "", Some(next_week)).await;
    assert_eq!(hidden.status, 404, "only the coordinator");
    let mut sids = Vec::new();
    for body in [
        r#"{"kind":"workshop","date":"2026-12-10","start":"09:00","end":"12:00","place":"Acme, salle Jupiter","other_facilitators":1}"#,
        r#"{"kind":"workshop","date":"2026-12-11","start":"14:00","end":"17:00","remote":true}"#,
        r#"{"kind":"training","title":"Formation animateur·rices Fresque","date":"2026-12-15","start":"09:00","end":"17:30","place":"Acme, salle Mars","language":"fr"}"#,
    ] {
        let r = call(&env, CreateSession, &coordinator, &sessions_path, "", Some(body)).await;
        assert_eq!(r.status, 201, "{}", r.raw);
        sids.push(r.body["id"].as_str().unwrap().to_string());
    }
    let dashboard = call(&env, GetFacilitationMission, &coordinator, &format!("/facilitation-missions/{mid}"), "", None).await;
    assert_eq!(dashboard.body["workshops"]["ordered"], 2);
    assert_eq!(dashboard.body["workshops"]["sessions"], 2);
    assert_eq!(dashboard.body["workshops"]["seats"], 3);
    assert_eq!(dashboard.body["trainings"]["sessions"], 1);
    assert_eq!(call(&env, GetFacilitationMission, &outsider, &format!("/facilitation-missions/{mid}"), "", None).await.status, 404);

    // Facilitators: invited by e-mail, registering themselves; the third is on the waiting list.
    let s1 = format!("/facilitation-missions/{mid}/sessions/{}", sids[0]);
    let (f1, f2, f3) = (someone("fanny"), someone("farid"), someone("flora"));
    let invited =
        call(&env, InviteFacilitators, &coordinator, &format!("{s1}/invitations"), "", Some(&format!(r#"{{"emails":["{}"]}}"#, f1.email)))
            .await;
    assert_eq!(invited.status, 201, "{}", invited.raw);
    let share_url = invited.body["share_url"].as_str().unwrap().to_string();
    let mail = &emails_to(&f1.email).await[0];
    assert!(mail["body"].as_str().unwrap().contains(&share_url), "the e-mail carries the link");
    let token = share_url.rsplit('/').next().unwrap().to_string();
    let register = |who: &'static str| format!(r#"{{"name":"{who}","country":"france"}}"#);
    let path = format!("/facilitation-invitations/{token}");
    assert_eq!(call(&env, RegisterFacilitator, &f1, &path, "", Some(&register("Fanny Animatrice"))).await.status, 201);
    assert_eq!(
        call(&env, RegisterFacilitator, &f2, &path, "", Some(r#"{"name":"Farid Facilitator","country":"international"}"#)).await.status,
        201
    );
    let third = call(&env, RegisterFacilitator, &f3, &path, "", Some(&register("Flora Fresque"))).await;
    assert_eq!(third.status, 200, "{}", third.raw);
    let statuses: Vec<&str> = third.body["facilitators"].as_array().unwrap().iter().map(|f| f["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["registered", "registered", "standby"]);
    let bad = call(
        &env,
        RegisterFacilitator,
        &f3,
        "/facilitation-invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "",
        Some(&register("Flora Fresque")),
    )
    .await;
    assert_eq!(bad.status, 404);

    // The coordinator changes statuses.
    let status_path = |f: &Who| format!("{s1}/facilitators/{}", f.sub);
    let wrong = call(&env, UpdateFacilitatorStatus, &coordinator, &status_path(&f2), "", Some(r#"{"status":"maybe"}"#)).await;
    assert_eq!(wrong.body["field"], "status");
    assert_eq!(
        call(&env, UpdateFacilitatorStatus, &coordinator, &status_path(&f2), "", Some(r#"{"status":"withdrawn"}"#)).await.status,
        200
    );
    let r = call(&env, UpdateFacilitatorStatus, &coordinator, &status_path(&f3), "", Some(r#"{"status":"confirmed"}"#)).await;
    assert_eq!(r.body["facilitators"][2]["status_label"], "confirmé·e");
    assert_eq!(
        call(&env, UpdateFacilitatorStatus, &f1, &status_path(&f3), "", Some(r#"{"status":"withdrawn"}"#)).await.status,
        404,
        "not a facilitator's decision"
    );

    // Participants: 25 as JSON, each convoked with the pre-training test; bad lists refused.
    let tag = &coordinator.sub[6..];
    let added = register_25(&env, &coordinator, &s1, "p", "acme.example").await;
    assert_eq!(added.status, 201, "{}", added.raw);
    assert_eq!(added.body["participants"].as_array().unwrap().len(), 25);
    let convocation = &emails_to(&format!("p7.{tag}@acme.example")).await[0];
    assert!(convocation["subject"].as_str().unwrap().starts_with("Convocation : Atelier — Fresque du Climat chez Acme"));
    assert!(convocation["body"].as_str().unwrap().contains("https://forms.example.org/pre-test"));
    // With the session as a calendar file, in Paris time.
    let events = platform_tests::harness::ics_events(convocation["raw_data"].as_str().expect("a raw message"), "session.ics");
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["tz"], "Europe/Paris");
    assert!(events[0]["summary"].as_str().unwrap().starts_with("Formation : « "), "{events:?}");
    let again = call(
        &env,
        RegisterParticipants,
        &coordinator,
        &format!("{s1}/participants"),
        "",
        Some(&format!(r#"{{"participants":[{{"email":"p1.{tag}@acme.example","first_name":"Prénom1","last_name":"Nom1"}}]}}"#)),
    )
    .await;
    assert_eq!((again.status, again.body["field"].as_str()), (400, Some("participants[0].email")), "{}", again.raw);
    let invalid = call(
        &env,
        RegisterParticipants,
        &coordinator,
        &format!("{s1}/participants"),
        "",
        Some(r#"{"participants":[{"email":"pas-une-adresse","first_name":"A","last_name":"B"}]}"#),
    )
    .await;
    assert_eq!(invalid.body["field"], "participants[0].email");
    let mut ev = platform_tests::harness::event_json(RegisterParticipants);
    ev["headers"]["content-type"] = "text/plain; charset=utf-8".into();
    ev["body"] = format!("ada.{tag}@acme.example;Ada;Lovelace\nsans-nom.{tag}@acme.example\n").into();
    ev["requestContext"]["authorizer"]["jwt"]["claims"]["sub"] = coordinator.sub.clone().into();
    ev["requestContext"]["authorizer"]["jwt"]["claims"]["email"] = coordinator.email.clone().into();
    ev["rawPath"] = format!("{s1}/participants").into();
    ev["pathParameters"] = serde_json::json!({"missionId": mid, "sessionId": sids[0]});
    let req = lambda_http::request::from_str(&ev.to_string()).unwrap();
    let pasted = platform_tests::harness::reply(functions::routes::dispatch(RegisterParticipants, &env.app, req).await);
    assert_eq!((pasted.status, pasted.body["field"].as_str()), (400, Some("ligne 2")), "{}", pasted.raw);

    // The sign-in sheet of one facilitator: everything the day needs, on as many pages as needed.
    let without = call(
        &env,
        GetSignInSheet,
        &coordinator,
        &format!("/facilitation-missions/{mid}/sessions/{}/sign-in-sheet", sids[1]),
        &format!("facilitator={}", f1.sub),
        None,
    )
    .await;
    assert_eq!(without.status, 409, "a business client's participants are registered first: {}", without.raw);
    let sheet_path = format!("{s1}/sign-in-sheet");
    let no_one = call(&env, GetSignInSheet, &coordinator, &sheet_path, "", None).await;
    assert_eq!(no_one.body["field"], "facilitator");
    let sheet = call(&env, GetSignInSheet, &coordinator, &sheet_path, &format!("facilitator={}", f1.sub), None).await;
    assert_eq!(sheet.status, 200, "{}", sheet.raw);
    let (status, pdf) = http_get_bytes(sheet.body["url"].as_str().unwrap()).await.unwrap();
    assert_eq!(status, 200);
    let text = pdf_text(&pdf);
    for expected in [
        "Feuille d'émargement",
        "Atelier — Fresque du Climat chez Acme",
        "Acme Industries",
        "Acme, salle Jupiter",
        "jeudi 10 décembre 2026",
        "matin de 09:00 à 12:00",
        "Fanny Animatrice",
        "NOM1 Prénom1",
        "NOM25 Prénom25",
        "Signature matin",
        "page 2 / 2",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    // The training body and the client apart, the language written out, the facilitator
    // signing per half day under the session's real times, the session on every page.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Organisme de formation : Réseau d'animation",
        "Client : Acme Industries",
        "Langue : français",
        "Animateur·rice Nom et prénom Signature matin (09:00–12:00) Fanny Animatrice",
    ] {
        assert!(flat.contains(expected), "{expected} missing from:\n{flat}");
    }
    let page_two = flat.split("page 1 / 2").nth(1).unwrap_or_default();
    assert!(
        page_two.contains("Atelier — Fresque du Climat chez Acme — jeudi 10 décembre 2026 — Acme, salle Jupiter — Réseau d'animation — animé par Fanny Animatrice"),
        "the session repeated on page 2: {page_two}"
    );
    assert!(!text.contains("après-midi de"), "a morning session has one half day");
    let own = call(&env, GetSignInSheet, &f1, &sheet_path, "", None).await;
    assert_eq!(own.status, 200, "a facilitator gets their own sheet");
    assert_eq!(call(&env, GetSignInSheet, &f2, &sheet_path, "", None).await.status, 404, "withdrawn");
    assert_eq!(call(&env, GetSignInSheet, &outsider, &sheet_path, "", None).await.status, 404);

    // The signed scan: a presigned PUT limited in type and size.
    let upload = format!("{s1}/signed-sheets");
    let wrong_type = call(&env, UploadSignedSheet, &f1, &upload, "", Some(r#"{"content_type":"application/zip","size":1000}"#)).await;
    assert_eq!(wrong_type.body["field"], "content_type");
    let too_big = call(&env, UploadSignedSheet, &f1, &upload, "", Some(r#"{"content_type":"application/pdf","size":20000000}"#)).await;
    assert_eq!(too_big.body["field"], "size");
    let scan = b"%PDF-1.4 scan signe".to_vec();
    let up =
        call(&env, UploadSignedSheet, &f1, &upload, "", Some(&format!(r#"{{"content_type":"application/pdf","size":{}}}"#, scan.len())))
            .await;
    assert_eq!(up.status, 201, "{}", up.raw);
    let url = up.body["url"].as_str().unwrap();
    assert!(url.contains("X-Amz-Signature") && url.contains("content-length"), "type and size signed: {url}");
    let (put_status, _, _) = http_request("PUT", url, Some("application/pdf"), std::str::from_utf8(&scan).unwrap()).await.unwrap();
    assert_eq!(put_status, 200);
    let stored = env.app.documents.get(up.body["key"].as_str().unwrap()).await.unwrap();
    assert_eq!(stored, scan);

    // A facilitator sees their own sessions.
    let my = call(&env, ListMyFacilitationSessions, &f1, "/me/facilitation-sessions", "", None).await;
    assert_eq!(my.body["items"].as_array().unwrap().len(), 1, "{}", my.raw);
    assert_eq!(my.body["items"][0]["status"], "registered");
}

/// Invites `who` to a session and registers them from the link.
async fn join(env: &TestEnv, coordinator: &Who, session_path: &str, who: &Who, name: &str, country: &str) {
    let invited = call(
        env,
        InviteFacilitators,
        coordinator,
        &format!("{session_path}/invitations"),
        "",
        Some(&format!(r#"{{"emails":["{}"]}}"#, who.email)),
    )
    .await;
    assert_eq!(invited.status, 201, "{}", invited.raw);
    let token = invited.body["share_url"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let r = call(
        env,
        RegisterFacilitator,
        who,
        &format!("/facilitation-invitations/{token}"),
        "",
        Some(&format!(r#"{{"name":"{name}","country":"{country}"}}"#)),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.raw);
}

async fn batch(env: &TestEnv, at: &str, month: &str) -> serde_json::Value {
    env.app.set_now(at.parse().unwrap());
    env.run_job(functions::routes::Job::RunRemunerationBatch, serde_json::json!({"month": month})).await
}

#[tokio::test]
async fn a_mission_runs_from_its_sessions_to_its_closing() {
    let env = TestEnv::new_at("2026-12-01T09:00:00Z").await;
    let coordinator = someone("coline");
    let body = format!(
        r#"{{"title":"Sensibilisation climat Globex","client_name":"Globex","client_kind":"business","coordinator_email":"{}","coordinator_name":"Coline Coordination","ordered_workshops":2,"ordered_trainings":1,"workshop_fee_cents":25000,"training_fee_cents":60000,"coordination_fee_cents":30000,"pre_test_url":"https://forms.example.org/globex"}}"#,
        coordinator.email
    );
    let mid = env.call(CreateFacilitationMission, Some(user("camille")), "/facilitation-missions", "", Some(&body)).await.body["id"]
        .as_str()
        .unwrap()
        .to_string();
    let sessions_path = format!("/facilitation-missions/{mid}/sessions");
    let mut paths = Vec::new();
    for body in [
        r#"{"kind":"workshop","date":"2026-12-10","start":"09:00","end":"12:00","place":"Globex, Lyon","other_facilitators":1}"#,
        r#"{"kind":"workshop","date":"2026-12-11","start":"14:00","end":"17:00","place":"Globex, Lyon","other_facilitators":1}"#,
        r#"{"kind":"training","date":"2026-12-15","start":"09:00","end":"17:00","place":"Globex, Lyon","other_facilitators":1}"#,
    ] {
        let r = call(&env, CreateSession, &coordinator, &sessions_path, "", Some(body)).await;
        paths.push(format!("{sessions_path}/{}", r.body["id"].as_str().unwrap()));
    }
    let (fanny, farid) = (someone("fanny"), someone("farid"));
    for p in &paths {
        join(&env, &coordinator, p, &fanny, "Fanny Animatrice", "france").await;
        join(&env, &coordinator, p, &farid, "Farid Facilitator", "international").await;
    }
    let tag = &coordinator.sub[6..];
    let added = register_25(&env, &coordinator, &paths[0], "g", "globex.example").await;
    let ids: Vec<String> = added.body["participants"].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 25);

    // Attendance: not before the session; then 24 present get their certificate, once.
    let attendance = format!("{}/attendance", paths[0]);
    let present = serde_json::json!({ "present": ids[..24] }).to_string();
    assert_eq!(call(&env, RecordAttendance, &fanny, &attendance, "", Some(&present)).await.status, 409, "not started yet");
    env.app.set_now("2026-12-10T11:00:00Z".parse().unwrap());
    let bad = call(&env, RecordAttendance, &fanny, &attendance, "", Some(r#"{"present":["nope"]}"#)).await;
    assert_eq!(bad.body["field"], "present[0]");
    // SES fails while attendance is recorded: the certificates wait in the outbox, and go
    // out once when a restarted instance's sweep finds SES healthy again.
    let is_certificate = |m: &serde_json::Value| m["raw_data"].as_str().is_some_and(|r| r.contains("attestation-presence-"));
    let failing = platform_tests::harness::failing_endpoint(500, "InternalFailure").await;
    env.restart_deliverer(Some(&failing));
    let recorded = call(&env, RecordAttendance, &fanny, &attendance, "", Some(&present)).await;
    assert_eq!(recorded.status, 200, "{}", recorded.raw);
    assert_eq!(recorded.body["certificates_sent"], 24);
    assert!(emails_to(&format!("g3.{tag}@globex.example")).await.iter().all(|m| !is_certificate(m)), "not sent while SES fails");
    assert_eq!(env.pending_envelopes().await.len(), 1, "one envelope with the 24 certificates");
    env.restart_deliverer(None);
    assert_eq!(env.sweep_all().await["emails_sent"], 24);
    assert_eq!(env.sweep_all().await["emails_sent"], 0, "once");
    let certificates = emails_to(&format!("g3.{tag}@globex.example")).await.into_iter().filter(|m| is_certificate(m)).count();
    assert_eq!(certificates, 1, "one certificate e-mail");
    let again = call(&env, RecordAttendance, &coordinator, &attendance, "", Some(&present)).await;
    assert_eq!(again.body["certificates_sent"], 0, "once");
    assert!(
        emails_to(&format!("g25.{tag}@globex.example"))
            .await
            .iter()
            .all(|m| !m["raw_data"].as_str().unwrap_or_default().contains("attestation")),
        "the absent one gets none"
    );
    let mail = emails_to(&format!("g3.{tag}@globex.example")).await.into_iter().find(|m| is_certificate(m)).expect("certificate e-mail");
    let raw = mail["raw_data"].as_str().unwrap();
    assert!(raw.contains("attestation-presence-2026-12-10.pdf"), "the certificate is attached");
    let sid0 = paths[0].rsplit('/').next().unwrap();
    let certificate = env.app.documents.get(&format!("certificates/{mid}/{sid0}/{}.pdf", ids[2])).await.unwrap();
    let text = pdf_text(&certificate);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Certificat de réalisation",
        "Organisme de formation : Réseau d'animation",
        "Stagiaire : Prénom3 Nom3",
        "Client : Globex",
        "Nature de l'action : action de formation",
        "Durée suivie : 3 h 00",
        "Fanny Animatrice",
        "Émetteur : Coline",
        "Fait à ",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }

    // The survey: the participant's own link, answered once.
    let body_text = platform_tests::harness::mime_text(raw);
    let survey_url = body_text.split_whitespace().find(|w| w.contains("/surveys/")).unwrap().to_string();
    let survey_path = survey_url.trim_start_matches("http://127.0.0.1:3000").to_string();
    let page = env.call(ShowSurvey, None, &survey_path, "", None).await;
    assert!(page.raw.contains("Prénom3") && page.raw.contains("rating"), "{}", page.raw);
    assert_eq!(env.call(SubmitSurvey, None, &survey_path, "", Some("rating=9")).await.status, 400);
    assert!(env
        .call(SubmitSurvey, None, &survey_path, "", Some("rating=5&recommend=yes&comment=Tr%C3%A8s+clair"))
        .await
        .raw
        .contains("Merci pour ton avis"));
    assert!(env.call(SubmitSurvey, None, &survey_path, "", Some("rating=1&recommend=no")).await.raw.contains("déjà répondu"));
    let other = emails_to(&format!("g4.{tag}@globex.example")).await.into_iter().find(|m| is_certificate(m)).unwrap();
    let other_url = platform_tests::harness::mime_text(other["raw_data"].as_str().unwrap())
        .split_whitespace()
        .find(|w| w.contains("/surveys/"))
        .unwrap()
        .to_string();
    // The other participant answers in a browser on a phone: 3 out of 5, would not recommend.
    let base = env.serve_locally().await;
    let submit = Submit {
        button: "Envoyer mon avis",
        check: vec!["input[name=rating][value='3']", "input[name=recommend][value=no]"],
        ..Default::default()
    };
    let url = format!("{base}{}", other_url.trim_start_matches("http://127.0.0.1:3000"));
    let thanks = open_one(Visit { name: "survey", url, submit: Some(submit) }).await.unwrap_or_default();
    assert!(thanks.contains("Merci pour ton avis"), "{thanks}");
    assert!(thanks.contains("Missions d'animation — Réseau d'animation"), "the network signs its pages: {thanks}");
    assert_eq!(env.call(ShowSurvey, None, "/surveys/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "", None).await.status, 404);
    let results = call(&env, GetSurveyResults, &coordinator, &format!("/facilitation-missions/{mid}/survey-results"), "", None).await;
    assert_eq!(results.body["sessions"][0]["answers"], 2, "{}", results.raw);
    assert_eq!(results.body["sessions"][0]["average_rating"], 4.0);
    assert_eq!(results.body["sessions"][0]["recommend_percent"], 50);
    assert_eq!(results.body["sessions"][0]["present"], 24);
    assert_eq!(results.body["facilitators"].as_array().unwrap().len(), 2);
    // The audit pack of the session: its sheet, the certificates, the survey, in one zip.
    let sheet =
        call(&env, GetSignInSheet, &coordinator, &format!("{}/sign-in-sheet", paths[0]), &format!("facilitator={}", fanny.sub), None).await;
    assert_eq!(sheet.status, 200, "{}", sheet.raw);
    let pack_path = format!("{}/audit-pack", paths[0]);
    assert_eq!(call(&env, GetAuditPack, &fanny, &pack_path, "", None).await.status, 404, "the coordinator's");
    let pack = call(&env, GetAuditPack, &coordinator, &pack_path, "", None).await;
    assert_eq!(pack.status, 200, "{}", pack.raw);
    let (status, zip) = platform_tests::harness::http_get_bytes(pack.body["url"].as_str().unwrap()).await.unwrap();
    assert_eq!(status, 200);
    let entries = platform_tests::harness::zip_entries(&zip);
    let names: Vec<&str> = entries.iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names[0], "LISEZ-MOI.txt", "{names:?}");
    assert!(names.contains(&"feuilles-emargement/feuille-1.pdf"), "{names:?}");
    assert!(names.contains(&"enquete-satisfaction.csv"), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("certificats-de-realisation/Nom3-Prénom3-")), "{names:?}");
    let survey = entries.iter().find(|e| e["name"] == "enquete-satisfaction.csv").unwrap()["text"].as_str().unwrap().to_string();
    assert!(survey.starts_with("note_sur_5;recommande;commentaire;repondu_le") && survey.contains("5;oui;Très clair"), "{survey}");
    assert!(entries[0]["text"].as_str().unwrap().contains("organisme de formation : Réseau d'animation"));
    assert_eq!(
        call(&env, GetSurveyResults, &fanny, &format!("/facilitation-missions/{mid}/survey-results"), "", None).await.status,
        404,
        "the coordinator's"
    );

    // Remunerations: the two ended sessions, once in December.
    let requests = format!("/facilitation-missions/{mid}/remuneration-requests");
    env.app.set_now("2026-12-12T10:00:00Z".parse().unwrap());
    let december = call(&env, RequestRemunerations, &coordinator, &requests, "", Some("{}")).await;
    assert_eq!(december.status, 201, "{}", december.raw);
    assert_eq!((december.body["month"].as_str(), december.body["facilitators"].as_u64()), (Some("2026-12"), Some(4)));
    let twice = call(&env, RequestRemunerations, &coordinator, &requests, "", Some(r#"{"anticipated":true}"#)).await;
    assert_eq!(twice.status, 409, "once a month");
    assert!(twice.body["detail"].as_str().unwrap().contains("une demande par mois"));
    let dashboard = call(&env, GetFacilitationMission, &coordinator, &format!("/facilitation-missions/{mid}"), "", None).await;
    assert_eq!(dashboard.body["sessions"][0]["facilitators"][0]["remuneration_requested"], true);
    assert_eq!(dashboard.body["sessions"][2]["facilitators"][0]["remuneration_requested"], false);

    // The December batch: the French provider has not given her billing details yet, so she
    // is asked for them instead of getting a statement; one invoice request for the other.
    let first = batch(&env, "2027-01-01T05:00:00Z", "2026-12").await;
    assert_eq!(
        (first["statements"].as_u64(), first["invoice_requests"].as_u64(), first["export_written"].as_bool()),
        (Some(0), Some(1), Some(true)),
        "{first}"
    );
    assert_eq!(first["awaiting_billing_details"], 1);
    let asked: Vec<_> = emails_to(&fanny.email)
        .await
        .into_iter()
        .filter(|m| m["subject"] == "Tes informations de facturation pour tes rétributions de décembre 2026")
        .collect();
    assert_eq!(asked.len(), 1, "asked once");
    assert!(asked[0]["body"].as_str().unwrap().contains("/me/billing-details"), "with the screen where to give them");
    let mine = call(&env, GetBillingDetails, &fanny, "/me/billing-details", "", None).await;
    assert_eq!((mine.status, mine.body["ready"].as_bool()), (200, Some(false)), "{}", mine.raw);
    assert!(mine.body["mandate_text"].as_str().unwrap().starts_with("Mandat d'autofacturation"));
    let details = r#"{"legal_name":"Fanny Animatrice EI","address":"3 rue des Lilas, 69003 Lyon","siret":"73282932000074","vat_regime":"franchise","iban":"FR76 3000 6000 0112 3456 7890 189","accept_mandate":true}"#;
    let bad = call(
        &env,
        UpdateBillingDetails,
        &fanny,
        "/me/billing-details",
        "",
        Some(&details.replace("00074", "00075").replace("true", "false")),
    )
    .await;
    assert_eq!(bad.status, 400, "{}", bad.raw);
    let fields: Vec<_> = bad.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["siret", "accept_mandate"], "{}", bad.raw);
    let saved = call(&env, UpdateBillingDetails, &fanny, "/me/billing-details", "", Some(details)).await;
    assert_eq!(saved.status, 200, "{}", saved.raw);
    assert_eq!((saved.body["ready"].as_bool(), saved.body["details"]["iban"].as_str()), (Some(true), Some("FR76 •••• 0189")));
    assert_eq!(saved.body["details"]["mandate"]["text_version"], "2026.1");
    assert!(!saved.raw.contains("1234567890189"), "the IBAN is never sent back whole");
    // The month's batch again: her statement now, nothing twice; and once more, nothing.
    let second = batch(&env, "2027-01-01T05:10:00Z", "2026-12").await;
    assert_eq!(
        (second["statements"].as_u64(), second["invoice_requests"].as_u64(), second["export_written"].as_bool()),
        (Some(1), Some(0), Some(false)),
        "{second}"
    );
    let third = batch(&env, "2027-01-01T05:20:00Z", "2026-12").await;
    assert_eq!((third["statements"].as_u64(), third["invoice_requests"].as_u64()), (Some(0), Some(0)), "{third}");
    let statements: Vec<_> = emails_to(&fanny.email)
        .await
        .into_iter()
        .filter(|m| m["raw_data"].as_str().is_some_and(|r| r.contains("autofacturation-2026-12.pdf")))
        .collect();
    assert_eq!(statements.len(), 1);
    let invoice_requests: Vec<_> =
        emails_to(&farid.email).await.into_iter().filter(|m| m["subject"] == "Ta facture pour décembre 2026 : à déposer").collect();
    assert_eq!(invoice_requests.len(), 1);
    // Its button opens the platform's deposit page, without an account; the form posts the PDF.
    let html = invoice_requests[0]["body"].as_str().unwrap();
    let start = html.find("/invoices/").expect("a link to the deposit page");
    let path: String = html[start..].chars().take_while(|c| !matches!(c, '"' | '\'' | '<' | ' ')).collect();
    let page = env.call(ShowInvoiceUpload, None, &path, "", None).await;
    assert_eq!(page.status, 200, "{}", page.raw);
    assert!(
        page.raw.contains("enctype=\"multipart/form-data\"")
            && page.raw.contains("Farid Facilitator")
            && page.raw.contains("décembre 2026")
            && page.raw.contains("Ce lien est valable jusqu"),
        "{}",
        page.raw
    );
    let multipart = |bytes: &str| {
        format!("--mecenat\r\nContent-Disposition: form-data; name=\"invoice\"; filename=\"facture.pdf\"\r\nContent-Type: application/pdf\r\n\r\n{bytes}\r\n--mecenat--\r\n")
    };
    let not_pdf = env.call(UploadInvoice, None, &path, "", Some(&multipart("bonjour"))).await;
    assert_eq!(not_pdf.status, 400, "{}", not_pdf.raw);
    assert!(not_pdf.raw.contains("pas un PDF"), "{}", not_pdf.raw);
    // Farid deposits it from a browser: the file chosen, the button tapped, the form posted.
    let file = std::env::temp_dir().join(format!("facture-{}.pdf", uuid::Uuid::new_v4().simple()));
    std::fs::write(&file, "%PDF-1.7 facture de Farid").unwrap();
    let submit = Submit { button: "Déposer ma facture", files: vec![("#invoice", file.display().to_string())], ..Default::default() };
    let sent = open_one(Visit { name: "invoice-upload", url: format!("{base}{path}"), submit: Some(submit) }).await.unwrap_or_default();
    assert!(sent.contains("Facture reçue"), "{sent}");
    let stored = env.app.documents.get(&shared::documents::keys::invoice("2026-12", &farid.sub)).await.unwrap();
    assert_eq!(stored, b"%PDF-1.7 facture de Farid");
    assert_eq!(env.call(ShowInvoiceUpload, None, "/invoices/not-a-token", "", None).await.status, 404);
    let statement = pdf_text(&env.app.documents.get(&shared::documents::keys::statement("2026-12", &fanny.sub)).await.unwrap());
    let flat = statement.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Facture — Autofacturation — décembre 2026",
        "Numéro : AF-2027-732829320-0001",
        "Date d'émission : vendredi 1er janvier 2027",
        "Nom ou raison sociale : Fanny Animatrice EI",
        "Adresse : 3 rue des Lilas, 69003 Lyon",
        "SIRET : 73282932000074",
        "Réseau d'animation",
        "mandat d'autofacturation accepté le",
        "(version 2026.1)",
        "30 jours",
        "Total hors taxes : 500,00 €",
        "TVA : 0,00 € — TVA non applicable, article 293 B du Code général des impôts",
        "Total toutes taxes comprises : 500,00 €",
        "Mention : Autofacturation.",
    ] {
        assert!(flat.contains(expected), "« {expected} » missing from the statement:\n{statement}");
    }
    assert!(statement.contains("Rétribution") && !statement.contains("Rétributio\n"), "no header word is cut: {statement}");
    let export = String::from_utf8(env.app.documents.get(&shared::documents::keys::export("2026-12")).await.unwrap()).unwrap();
    assert_eq!(export.lines().count(), 5, "a header and four lines: {export}");
    let bucket = &env.app.config.bucket_name;
    let billing: Vec<_> = emails_to("support@mecenat.example")
        .await
        .into_iter()
        .filter(|m| {
            m["raw_data"].as_str().and_then(|r| platform_tests::harness::mime_attachment(r, "remunerations-2026-12.csv"))
                == Some(export.as_bytes().to_vec())
        })
        .collect();
    assert_eq!(billing.len(), 1, "the billing team is told once");
    let subject = platform_tests::harness::mime_header(billing[0]["raw_data"].as_str().unwrap_or_default(), "Subject");
    assert!(subject.is_some_and(|s| s.contains("Export de facturation") || s.contains("=?")), "the export's subject");
    // The export travels with the e-mail: no link signed with the function's temporary
    // credentials (which would stop working within hours on AWS).
    let raw = billing[0]["raw_data"].as_str().expect("a raw message with its attachment");
    assert!(raw.contains("remunerations-2026-12.csv") && raw.contains("text/csv"), "the CSV is attached");
    assert!(!raw.contains(bucket.as_str()) && !raw.contains("X-Amz-Signature"), "no link into the bucket");
    let text = platform_tests::harness::mime_text(raw);
    assert!(text.contains("L'export est joint à cet e-mail"), "{text}");
    let open = call(&env, GetFacilitationMission, &coordinator, &format!("/facilitation-missions/{mid}"), "", None).await;
    assert_eq!(open.body["status_label"], "En cours", "the training's remunerations are still to request");

    // January: the training's remunerations; the January batch closes the mission and bills the coordination.
    env.app.set_now("2027-01-05T10:00:00Z".parse().unwrap());
    assert_eq!(call(&env, RequestRemunerations, &coordinator, &requests, "", Some("{}")).await.body["facilitators"], 2);
    let january = batch(&env, "2027-02-01T05:00:00Z", "2027-01").await;
    assert_eq!(january["missions_closed"], serde_json::json!([mid]), "{january}");
    let statement = pdf_text(&env.app.documents.get(&shared::documents::keys::statement("2027-01", &fanny.sub)).await.unwrap());
    assert!(statement.contains("AF-2027-732829320-0002"), "the issuer's next number in the year, no gap: {statement}");
    let export = String::from_utf8(env.app.documents.get(&shared::documents::keys::export("2027-01")).await.unwrap()).unwrap();
    assert!(export.contains("2027-01;coordination;Sensibilisation climat Globex;Globex;;;Coline Coordination"), "{export}");
    assert!(export.contains(";300,00;non"), "{export}");
    let closed = call(&env, GetFacilitationMission, &coordinator, &format!("/facilitation-missions/{mid}"), "", None).await;
    assert_eq!(closed.body["status_label"], "Clôturée");
    assert_eq!(
        call(
            &env,
            CreateSession,
            &coordinator,
            &sessions_path,
            "",
            Some(r#"{"kind":"workshop","date":"2027-03-10","start":"09:00","end":"12:00","place":"Globex"}"#)
        )
        .await
        .status,
        409
    );
    assert_eq!(batch(&env, "2027-02-01T05:30:00Z", "2027-01").await["export_written"], false, "a retried run does nothing again");
}

#[tokio::test]
async fn amounts_are_bounded_at_the_edge_and_a_failed_run_gives_its_lease_back() {
    let env = TestEnv::new().await;
    let mission = |fee: &str, workshops: &str| {
        format!(
            r#"{{"title":"Fresque","client_name":"Acme","client_kind":"business","coordinator_email":"coline@example.org","coordinator_name":"Coline Coordination","ordered_workshops":{workshops},"ordered_trainings":0,"workshop_fee_cents":{fee},"training_fee_cents":0,"coordination_fee_cents":0,"pre_test_url":"https://forms.example.org/pre-test"}}"#
        )
    };
    let huge = env
        .call(CreateFacilitationMission, Some(user("camille")), "/facilitation-missions", "", Some(&mission("9223372036854775808", "1")))
        .await;
    assert_eq!(huge.status, 400, "{}", huge.raw);
    assert_eq!(huge.body["field"], "workshop_fee_cents");
    assert!(huge.body["detail"].as_str().unwrap().contains("100\u{202f}000,00 €"), "{}", huge.raw);
    let many = env
        .call(CreateFacilitationMission, Some(user("camille")), "/facilitation-missions", "", Some(&mission("25000", "4294967295")))
        .await;
    assert_eq!(many.status, 400, "{}", many.raw);
    assert_eq!(many.body["field"], "ordered_workshops");
    assert_eq!(
        env.call(CreateFacilitationMission, Some(user("camille")), "/facilitation-missions", "", Some(&mission("10000000", "1")))
            .await
            .status,
        201
    );

    // A run that fails, even by panicking, releases its lease: the next run is not skipped.
    let lease = shared::store::leases::take(&env.app, "test-job", chrono::Duration::minutes(16)).await.unwrap().expect("the lease");
    let failed: Result<(), _> = lease.around(&env.app, async { panic!("an addition overflowed") }).await;
    assert!(failed.unwrap_err().to_string().contains("panicked"));
    assert!(shared::store::leases::take(&env.app, "test-job", chrono::Duration::minutes(16)).await.unwrap().is_some(), "free again");
}

#[tokio::test]
async fn each_audience_reads_its_own_footer() {
    let env = TestEnv::new().await;
    let coordinator = format!("coord.{}@example.org", &uuid::Uuid::new_v4().simple().to_string()[..10]);
    let body = format!(
        r#"{{"title":"Fresque","client_name":"Acme","client_kind":"business","coordinator_email":"{coordinator}","coordinator_name":"Coline Coordination","ordered_workshops":1,"ordered_trainings":0,"workshop_fee_cents":25000,"training_fee_cents":0,"coordination_fee_cents":0,"pre_test_url":"https://forms.example.org/pre-test"}}"#
    );
    assert_eq!(env.call(CreateFacilitationMission, Some(user("camille")), "/facilitation-missions", "", Some(&body)).await.status, 201);
    let mail = &emails_to(&coordinator).await[0];
    let html = mail["body"].as_str().unwrap();
    assert!(html.contains("mission d&#39;animation") || html.contains("mission d'animation"), "{html}");
    assert!(!html.contains("programme de mécénat de compétences de ton entreprise"), "not the employees' footer: {html}");
}

/// A month whose batch held statements for missing billing details is gone through again by
/// the next scheduled run, and forgotten once nothing is held any more.
#[tokio::test]
async fn the_scheduled_batch_goes_through_held_months_again() {
    let env = TestEnv::new_at("2026-09-01T09:00:00Z").await;
    let store = &env.app.store;
    shared::store::facilitation::set_month_held(store, "2019-03", true, env.app.now()).await.unwrap();
    assert!(shared::store::facilitation::held_months(store).await.unwrap().contains(&"2019-03".to_string()));
    env.app.set_now("2026-10-01T04:00:00Z".parse().unwrap());
    let report = env.run_job(functions::routes::Job::RunRemunerationBatch, serde_json::json!({})).await;
    assert_eq!(report["month"], "2026-09", "{report}");
    let again: Vec<_> =
        report["held_months_run_again"].as_array().unwrap().iter().map(|r| r["month"].as_str().unwrap().to_string()).collect();
    assert!(again.contains(&"2019-03".to_string()), "{report}");
    assert!(!shared::store::facilitation::held_months(store).await.unwrap().contains(&"2019-03".to_string()), "nothing held any more");
}

//! Facilitation missions (SPEC E), first part: the operator's mission for a coordinator,
//! sessions planned before they happen, facilitators invited and registering themselves,
//! statuses, participants (JSON or pasted) with their convocation, the sign-in sheet PDF and
//! the signed scan's presigned upload.

use platform_tests::demo::user;
use platform_tests::harness::{emails_to, http_get_bytes, http_request, pdf_text, Reply, TestEnv};
use shared::routes::Endpoint::{self, *};

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

#[tokio::test]
async fn a_coordinator_plans_sessions_invites_facilitators_and_prints_sign_in_sheets() {
    let env = TestEnv::new_at("2026-12-01T09:00:00Z").await;
    let coordinator = someone("coline");
    let mission_body = format!(
        r#"{{"title":"Fresque du Climat chez Acme","client_name":"Acme Industries","client_kind":"business","coordinator_email":"{}","coordinator_name":"Coline Coordination","ordered_workshops":2,"ordered_trainings":1,"workshop_fee_cents":25000,"training_fee_cents":60000,"coordination_fee_cents":30000,"pre_test_url":"https://forms.example.org/pre-test"}}"#,
        coordinator.email
    );
    assert_eq!(call(&env, CreateFacilitationMission, &coordinator, "/facilitation-missions", "", Some(&mission_body)).await.status, 403, "the operator only");
    let created = env.call(CreateFacilitationMission, Some(user("camille")), "/facilitation-missions", "", Some(&mission_body)).await;
    assert_eq!(created.status, 201, "{}", created.raw);
    let mid = created.body["id"].as_str().unwrap().to_string();
    assert_eq!(emails_to(&coordinator.email).await[0]["subject"], "Ta mission « Fresque du Climat chez Acme » est prête");
    let mine = call(&env, ListFacilitationMissions, &coordinator, "/facilitation-missions", "", None).await;
    assert_eq!(mine.body["items"][0]["id"], mid.as_str());
    assert_eq!(mine.body["items"][0]["status_label"], "En cours");

    // Sessions: planned before they happen.
    let sessions_path = format!("/facilitation-missions/{mid}/sessions");
    let past = call(&env, CreateSession, &coordinator, &sessions_path, "", Some(r#"{"kind":"workshop","date":"2026-11-30","start":"09:00","end":"12:00","place":"Acme"}"#)).await;
    assert_eq!((past.status, past.body["field"].as_str()), (400, Some("date")), "{}", past.raw);
    let outsider = someone("intrus");
    let hidden = call(&env, CreateSession, &outsider, &sessions_path, "", Some(r#"{"kind":"workshop","date":"2026-12-10","start":"09:00","end":"12:00","place":"Acme"}"#)).await;
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
    let invited = call(&env, InviteFacilitators, &coordinator, &format!("{s1}/invitations"), "", Some(&format!(r#"{{"emails":["{}"]}}"#, f1.email))).await;
    assert_eq!(invited.status, 201, "{}", invited.raw);
    let share_url = invited.body["share_url"].as_str().unwrap().to_string();
    let mail = &emails_to(&f1.email).await[0];
    assert!(mail["body"].as_str().unwrap().contains(&share_url), "the e-mail carries the link");
    let token = share_url.rsplit('/').next().unwrap().to_string();
    let register = |who: &'static str| format!(r#"{{"name":"{who}","country":"france"}}"#);
    let path = format!("/facilitation-invitations/{token}");
    assert_eq!(call(&env, RegisterFacilitator, &f1, &path, "", Some(&register("Fanny Animatrice"))).await.status, 201);
    assert_eq!(call(&env, RegisterFacilitator, &f2, &path, "", Some(r#"{"name":"Farid Facilitator","country":"international"}"#)).await.status, 201);
    let third = call(&env, RegisterFacilitator, &f3, &path, "", Some(&register("Flora Fresque"))).await;
    assert_eq!(third.status, 200, "{}", third.raw);
    let statuses: Vec<&str> = third.body["facilitators"].as_array().unwrap().iter().map(|f| f["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["registered", "registered", "standby"]);
    let bad = call(&env, RegisterFacilitator, &f3, "/facilitation-invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "", Some(&register("Flora Fresque"))).await;
    assert_eq!(bad.status, 404);

    // The coordinator changes statuses.
    let status_path = |f: &Who| format!("{s1}/facilitators/{}", f.sub);
    let wrong = call(&env, UpdateFacilitatorStatus, &coordinator, &status_path(&f2), "", Some(r#"{"status":"maybe"}"#)).await;
    assert_eq!(wrong.body["field"], "status");
    assert_eq!(call(&env, UpdateFacilitatorStatus, &coordinator, &status_path(&f2), "", Some(r#"{"status":"withdrawn"}"#)).await.status, 200);
    let r = call(&env, UpdateFacilitatorStatus, &coordinator, &status_path(&f3), "", Some(r#"{"status":"confirmed"}"#)).await;
    assert_eq!(r.body["facilitators"][2]["status_label"], "confirmé·e");
    assert_eq!(call(&env, UpdateFacilitatorStatus, &f1, &status_path(&f3), "", Some(r#"{"status":"withdrawn"}"#)).await.status, 404, "not a facilitator's decision");

    // Participants: 25 as JSON, each convoked with the pre-training test; bad lists refused.
    let tag = &coordinator.sub[6..];
    let people: Vec<String> = (1..=25).map(|i| format!(r#"{{"email":"p{i}.{tag}@acme.example","first_name":"Prénom{i}","last_name":"Nom{i}"}}"#)).collect();
    let added = call(&env, RegisterParticipants, &coordinator, &format!("{s1}/participants"), "", Some(&format!(r#"{{"participants":[{}]}}"#, people.join(",")))).await;
    assert_eq!(added.status, 201, "{}", added.raw);
    assert_eq!(added.body["participants"].as_array().unwrap().len(), 25);
    let convocation = &emails_to(&format!("p7.{tag}@acme.example")).await[0];
    assert!(convocation["subject"].as_str().unwrap().starts_with("Convocation : Atelier — Fresque du Climat chez Acme"));
    assert!(convocation["body"].as_str().unwrap().contains("https://forms.example.org/pre-test"));
    let again = call(&env, RegisterParticipants, &coordinator, &format!("{s1}/participants"), "", Some(&format!(r#"{{"participants":[{}]}}"#, people[0]))).await;
    assert_eq!((again.status, again.body["field"].as_str()), (400, Some("participants[0].email")), "{}", again.raw);
    let invalid = call(&env, RegisterParticipants, &coordinator, &format!("{s1}/participants"), "", Some(r#"{"participants":[{"email":"pas-une-adresse","first_name":"A","last_name":"B"}]}"#)).await;
    assert_eq!(invalid.body["field"], "participants[0].email");
    let mut ev = platform_tests::harness::event_json(RegisterParticipants);
    ev["headers"]["content-type"] = "text/plain; charset=utf-8".into();
    ev["body"] = format!("ada.{tag}@acme.example;Ada;Lovelace\nsans-nom.{tag}@acme.example\n").into();
    ev["requestContext"]["authorizer"]["jwt"]["claims"]["sub"] = coordinator.sub.clone().into();
    ev["requestContext"]["authorizer"]["jwt"]["claims"]["email"] = coordinator.email.clone().into();
    ev["rawPath"] = format!("{s1}/participants").into();
    ev["pathParameters"] = serde_json::json!({"missionId": mid, "sessionId": sids[0]});
    let req = lambda_http::request::from_str(&ev.to_string()).unwrap();
    let pasted = platform_tests::harness::reply(shared::routes::dispatch(RegisterParticipants, &env.app, req).await);
    assert_eq!((pasted.status, pasted.body["field"].as_str()), (400, Some("ligne 2")), "{}", pasted.raw);

    // The sign-in sheet of one facilitator: everything the day needs, on as many pages as needed.
    let sheet_path = format!("{s1}/sign-in-sheet");
    let no_one = call(&env, GetSignInSheet, &coordinator, &sheet_path, "", None).await;
    assert_eq!(no_one.body["field"], "facilitator");
    let sheet = call(&env, GetSignInSheet, &coordinator, &sheet_path, &format!("facilitator={}", f1.sub), None).await;
    assert_eq!(sheet.status, 200, "{}", sheet.raw);
    let (status, pdf) = http_get_bytes(sheet.body["url"].as_str().unwrap()).await.unwrap();
    assert_eq!(status, 200);
    let text = pdf_text(&pdf);
    for expected in ["Feuille d'émargement", "Atelier — Fresque du Climat chez Acme", "Acme Industries", "Acme, salle Jupiter", "jeudi 10 décembre 2026", "matin de 09:00 à 12:00", "Fanny Animatrice", "NOM1 Prénom1", "NOM25 Prénom25", "Signature matin", "page 2 / 2"] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
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
    let up = call(&env, UploadSignedSheet, &f1, &upload, "", Some(&format!(r#"{{"content_type":"application/pdf","size":{}}}"#, scan.len()))).await;
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

//! Preferences (C1), "Ces missions sont pour toi" (C2) and alert digests with one-click
//! unsubscribe (C3), read back from the emulator's SES.

use functions::routes::Endpoint::*;
use functions::routes::Job;
use platform_tests::browser::{open_one, Submit, Visit};
use platform_tests::demo::user;
use platform_tests::harness::{emails_to, mime_header, mime_text, Person, TestEnv};
use serde_json::Value;

use crate::referents::NEW_MISSION;

async fn prefs(env: &TestEnv, who: &Person, themes: &str, pro: &str, frequency: &str) {
    let body =
        format!(r#"{{"themes":[{themes}],"professional_expertises":[{pro}],"personal_expertises":[],"alert_frequency":"{frequency}"}}"#);
    let r = env.call_by(UpdateMyPreferences, who, "/me/preferences", "", Some(&body)).await;
    assert_eq!(r.status, 200, "{}", r.raw);
}

/// A referent creates and publishes a mission; returns its id.
async fn publish(env: &TestEnv, referent: &str, association: &str, title: &str, themes: &str, pro: &str) -> String {
    let mut body: Value = serde_json::from_str(NEW_MISSION).unwrap();
    body["title"] = title.into();
    body["themes"] = serde_json::from_str(&format!("[{themes}]")).unwrap();
    body["professional_expertises"] = serde_json::from_str(&format!("[{pro}]")).unwrap();
    body["personal_expertises"] = serde_json::json!([]);
    let r =
        env.call(CreateMission, Some(user(referent)), &format!("/associations/{association}/missions"), "", Some(&body.to_string())).await;
    assert_eq!(r.status, 201, "{}", r.raw);
    let id = r.body["id"].as_str().unwrap().to_string();
    let p = env.call(PublishMission, Some(user(referent)), &format!("/missions/{id}/publish"), "", None).await;
    assert_eq!(p.status, 200, "{}", p.raw);
    id
}

async fn run_digests(env: &TestEnv, at: &str) -> Value {
    env.app.set_now(at.parse().unwrap());
    env.run_job(Job::SendAlertDigests, serde_json::json!({"detail-type": "Scheduled Event"})).await
}

fn raw(mail: &Value) -> String {
    mail["raw_data"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn preferences_rank_recommendations_and_leave_out_applied_missions() {
    let env = TestEnv::new_at("2026-12-01T09:00:00Z").await;
    let me = env.new_employee("Prefs", "bpifrance.example", "paris-haussmann").await;
    let empty = env.call_by(GetMyPreferences, &me, "/me/preferences", "", None).await;
    assert_eq!(empty.body["alert_frequency"], "off");
    let none = env.call_by(ListRecommendations, &me, "/me/recommendations", "", None).await;
    assert_eq!(none.body["preferences_set"], false);
    assert!(none.body["message"].as_str().unwrap().contains("préférences"));

    // Bad input names its field.
    let bad = env
        .call_by(
            UpdateMyPreferences,
            &me,
            "/me/preferences",
            "",
            Some(r#"{"themes":["cuisine"],"professional_expertises":[],"personal_expertises":[],"alert_frequency":"hourly"}"#),
        )
        .await;
    assert_eq!(bad.status, 400);
    let fields: Vec<&str> = bad.body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["themes[0]", "alert_frequency"], "{}", bad.raw);
    let no_prefs = env
        .call_by(
            UpdateMyPreferences,
            &me,
            "/me/preferences",
            "",
            Some(r#"{"themes":[],"professional_expertises":[],"personal_expertises":[],"alert_frequency":"daily"}"#),
        )
        .await;
    assert_eq!(no_prefs.body["field"], "alert_frequency");
    let unregistered = env.call(GetMyPreferences, Some(user("recrue")), "/me/preferences", "", None).await;
    assert_eq!(unregistered.status, 403);

    prefs(&env, &me, r#""sante-handicap""#, r#""marketing-communication""#, "off").await;
    let got = env.call_by(GetMyPreferences, &me, "/me/preferences", "", None).await;
    assert_eq!(got.body["themes"][0]["label"], "santé / handicap");
    let rec = env.call_by(ListRecommendations, &me, "/me/recommendations", "limit=50", None).await;
    assert_eq!(rec.status, 200, "{}", rec.raw);
    let ids: Vec<&str> = rec.body["items"].as_array().unwrap().iter().map(|i| i["mission"]["id"].as_str().unwrap()).collect();
    // Crowdfunding shares a theme and an expertise (2 points); then the missions sharing one
    // value, newest first (1 point). Nothing else matches.
    assert_eq!(
        ids,
        ["apte-crowdfunding", "basiliade-cuisine", "basiliade-expression", "scsart-journalisme", "athena-ateliers"],
        "{}",
        rec.raw
    );
    assert_eq!(rec.body["items"][0]["score"], 2);
    assert_eq!(
        rec.body["items"][0]["reasons"],
        serde_json::json!(["Thématique : santé / handicap", "Expertise professionnelle : Marketing / Communication"])
    );

    // Once I applied to a mission, it is no longer recommended.
    let applied = env
        .call_by(
            ApplyToMission,
            &me,
            "/missions/apte-crowdfunding/applications",
            "",
            Some(r#"{"message":"Je peux aider sur la campagne."}"#),
        )
        .await;
    assert_eq!(applied.status, 201, "{}", applied.raw);
    let rec = env.call_by(ListRecommendations, &me, "/me/recommendations", "", None).await;
    assert_eq!(rec.body["items"][0]["mission"]["id"], "basiliade-cuisine");
    assert_eq!(rec.body["total"], 4);
}

#[tokio::test]
async fn digests_list_new_matching_missions_once_and_stop_after_one_click_unsubscribe() {
    let env = TestEnv::new_at("2026-12-01T09:00:00Z").await;
    let daily = env.new_employee("Quotidien", "bpifrance.example", "paris-haussmann").await;
    let instant = env.new_employee("Instant", "bpifrance.example", "paris-haussmann").await;
    prefs(&env, &daily, r#""sante-handicap""#, r#""marketing-communication""#, "daily").await;
    prefs(&env, &instant, r#""arts-culture""#, "", "immediately").await;
    let shown = env.call_by(GetMyPreferences, &daily, "/me/preferences", "", None).await;
    assert_eq!(shown.body["next_digest_at"], "2026-12-02T06:00:00Z", "07:00 in Paris");

    // Published after subscribing: a strong match, a weaker one, and one that matches nobody.
    env.app.set_now("2026-12-01T09:01:00Z".parse().unwrap());
    let concert = publish(
        &env,
        "sophie",
        "apte",
        "Organisez un concert solidaire",
        r#""arts-culture","sante-handicap""#,
        r#""marketing-communication""#,
    )
    .await;
    env.app.set_now("2026-12-01T09:30:00Z".parse().unwrap());
    let atelier = publish(&env, "marc", "basiliade", "Animez un atelier d'écriture", r#""sante-handicap""#, "").await;
    let _jardin = publish(&env, "marc", "basiliade", "Entretenez le jardin partagé", r#""environnement""#, "").await;

    // Immediately: the run after publication (a minute's settling) lists what is new. SES
    // fails during that run: the digest is claimed and queued once, and goes out when SES
    // is back, instead of being lost.
    let failing = platform_tests::harness::failing_endpoint(500, "InternalFailure").await;
    env.restart_deliverer(Some(&failing));
    let first = run_digests(&env, "2026-12-01T09:05:00Z").await;
    assert_eq!(first["sent"], 1, "{first}");
    assert!(emails_to(&instant.email).await.is_empty());
    assert_eq!(run_digests(&env, "2026-12-01T09:05:00Z").await["sent"], 0, "claimed: not queued twice");
    env.restart_deliverer(None);
    assert_eq!(env.sweep_all().await["delivered"], 1);
    let to_instant = emails_to(&instant.email).await;
    assert_eq!(to_instant.len(), 1);
    let text = mime_text(&raw(&to_instant[0]));
    assert!(text.contains("« Organisez un concert solidaire »"), "{text}");
    assert!(text.contains("Pour toi : Thématique : arts / culture"), "{text}");
    assert!(text.contains(&format!("/missions/{concert}")));
    assert!(mime_header(&raw(&to_instant[0]), "Subject").unwrap().contains("Nouvelle"), "RFC 2047-encoded subject");

    // A retried run, and two overlapping runs, send nothing again.
    let retry = run_digests(&env, "2026-12-01T09:05:00Z").await;
    assert_eq!(retry["sent"], 0, "{retry}");
    let (a, b) = tokio::join!(
        functions::routes::run(Job::SendAlertDigests, &env.app, serde_json::json!({})),
        functions::routes::run(Job::SendAlertDigests, &env.app, serde_json::json!({}))
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a["sent"].as_u64().unwrap() + b["sent"].as_u64().unwrap(), 0);
    assert!(a["skipped"].is_string() != b["skipped"].is_string(), "one run holds the lease, the other stops: {a} {b}");
    env.deliver().await;
    assert_eq!(emails_to(&instant.email).await.len(), 1);
    // Later publications that do not match the instant subscriber: still one e-mail.
    run_digests(&env, "2026-12-01T10:00:00Z").await;
    assert_eq!(emails_to(&instant.email).await.len(), 1);
    assert!(emails_to(&daily.email).await.is_empty(), "the daily digest waits for 07:00");

    // 07:00 in Paris: one digest, best match first, nothing unrelated.
    let morning = run_digests(&env, "2026-12-02T06:01:00Z").await;
    assert_eq!(morning["sent"], 1, "{morning}");
    run_digests(&env, "2026-12-02T06:03:00Z").await;
    let to_daily = emails_to(&daily.email).await;
    assert_eq!(to_daily.len(), 1, "once a day");
    let mime = raw(&to_daily[0]);
    assert_eq!(mime_header(&mime, "Subject").as_deref(), Some("2 nouvelles missions pour toi"));
    let text = mime_text(&mime);
    let (c, w) = (text.find("« Organisez un concert solidaire »").unwrap(), text.find("« Animez un atelier d'écriture »").unwrap());
    assert!(c < w, "the better match first: {text}");
    assert!(!text.contains("jardin"), "{text}");
    assert!(text.contains(&format!("/missions/{atelier}")));

    // RFC 8058 one-click unsubscribe: the headers, a GET that changes nothing, a POST without login.
    assert_eq!(mime_header(&mime, "List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
    let link = mime_header(&mime, "List-Unsubscribe").unwrap();
    let url = link.trim_start_matches('<').trim_end_matches('>');
    let path = url.trim_start_matches("http://127.0.0.1:3000");
    assert!(path.starts_with("/alerts/unsubscribe/"), "{url}");
    for _ in 0..3 {
        let page = env.call(ShowUnsubscribe, None, path, "", None).await;
        assert_eq!(page.status, 200);
        assert!(page.raw.contains("Me désabonner des alertes") && page.raw.contains(&daily.email), "{}", page.raw);
        assert!(page.raw.contains("Mécénat de compétences — Bpifrance"), "the employee's company signs the page: {}", page.raw);
    }
    let still = env.call_by(GetMyPreferences, &daily, "/me/preferences", "", None).await;
    assert_eq!(still.body["alert_frequency"], "daily", "a GET (mail scanners) changes nothing");
    // The employee opens the link in a browser and taps the button (the form posts the same
    // one-click body); a mail client posting RFC 8058's body gets the same 200 after it.
    let page = format!("{}{path}", env.serve_locally().await);
    let submit = Submit { button: "Me désabonner des alertes", ..Default::default() };
    let done = open_one(Visit { name: "unsubscribe", url: page, submit: Some(submit) }).await.unwrap_or_default();
    assert!(done.contains("Désabonnement confirmé"), "{done}");
    let again = env.call(Unsubscribe, None, path, "", Some("List-Unsubscribe=One-Click")).await;
    assert_eq!(again.status, 200, "a second POST answers 200 too");
    let off = env.call_by(GetMyPreferences, &daily, "/me/preferences", "", None).await;
    assert_eq!(off.body["alert_frequency"], "off");
    assert_eq!(off.body["themes"][0]["slug"], "sante-handicap", "the preferences stay");
    let bogus = env.call(Unsubscribe, None, "/alerts/unsubscribe/not-a-token", "", Some("List-Unsubscribe=One-Click")).await;
    assert_eq!(bogus.status, 404);

    // Later digests skip the unsubscribed employee.
    env.app.set_now("2026-12-02T09:00:00Z".parse().unwrap());
    publish(&env, "sophie", "apte", "Préparez le gala de printemps", r#""sante-handicap""#, r#""marketing-communication""#).await;
    run_digests(&env, "2026-12-03T06:01:00Z").await;
    assert_eq!(emails_to(&daily.email).await.len(), 1);
}

#[tokio::test]
async fn sharing_a_mission_reaches_colleagues_only_within_the_daily_limit() {
    let env = TestEnv::new_at("2026-12-01T09:00:00Z").await;
    let me = env.new_employee("Partage", "bpifrance.example", "paris-haussmann").await;
    let colleague = env.new_employee("Collegue", "bpifrance.example", "lyon").await;
    let r = env
        .call_by(
            ShareMission,
            &me,
            "/missions/apte-crowdfunding/shares",
            "",
            Some(&format!(r#"{{"recipients":["{}"],"message":"Pour toi !"}}"#, colleague.email)),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.raw);
    assert_eq!(r.body["remaining_today"], 19);
    let mails = emails_to(&colleague.email).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0]["subject"], "Partage Test te recommande la mission « Créer un crowdfunding »");
    let body = mails[0]["body"].as_str().unwrap();
    assert!(body.contains("Pour toi !") && body.contains("/missions/apte-crowdfunding"));

    // Outside the company, twice the same address, nobody: refused, field named.
    let outside =
        env.call_by(ShareMission, &me, "/missions/apte-crowdfunding/shares", "", Some(r#"{"recipients":["someone@gmail.example"]}"#)).await;
    assert_eq!((outside.status, outside.body["field"].as_str()), (400, Some("recipients[0]")));
    let same_twice = format!(r#"{{"recipients":["{0}","{0}"]}}"#, colleague.email);
    let twice = env.call_by(ShareMission, &me, "/missions/apte-crowdfunding/shares", "", Some(&same_twice)).await;
    assert_eq!(twice.body["field"], "recipients[1]");
    let nobody = env.call_by(ShareMission, &me, "/missions/apte-crowdfunding/shares", "", Some(r#"{"recipients":[]}"#)).await;
    assert_eq!(nobody.body["field"], "recipients");
    // A mission of another company's partner only: 404.
    let hidden = env
        .call_by(ShareMission, &me, "/missions/clubhouse-entretiens/shares", "", Some(&format!(r#"{{"recipients":["{}"]}}"#, me.email)))
        .await;
    assert_eq!(hidden.status, 404);

    // 20 recipients a day: 19 left, then refused with 429 and nothing sent.
    let ten: Vec<String> = (0..10).map(|i| format!(r#""c{i}-{}""#, colleague.email)).collect();
    let r = env
        .call_by(ShareMission, &me, "/missions/apte-crowdfunding/shares", "", Some(&format!(r#"{{"recipients":[{}]}}"#, ten.join(","))))
        .await;
    assert_eq!(r.body["remaining_today"], 9, "{}", r.raw);
    let r = env
        .call_by(ShareMission, &me, "/missions/apte-crowdfunding/shares", "", Some(&format!(r#"{{"recipients":[{}]}}"#, ten.join(","))))
        .await;
    assert_eq!(r.status, 429, "{}", r.raw);
    assert!(r.body["detail"].as_str().unwrap().contains("20"));
    assert!(emails_to(&format!("c9-{}", colleague.email)).await.len() == 1, "the refused request sent nothing");
    // The next day, sharing works again.
    env.app.set_now("2026-12-02T09:00:00Z".parse().unwrap());
    let r = env
        .call_by(ShareMission, &me, "/missions/apte-crowdfunding/shares", "", Some(&format!(r#"{{"recipients":["{}"]}}"#, me.email)))
        .await;
    assert_eq!(r.status, 201);
}

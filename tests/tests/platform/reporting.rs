//! The company's CSR reporting (issue 12): the report's figures, its CSV and the tax
//! valuation match a set of engagements built here; the export is built in the background
//! when large; the association's annual statement reads back with pdftotext.

use functions::routes::Endpoint::*;
use functions::routes::Job;
use platform_tests::demo::user;
use platform_tests::harness::{self, TestEnv};
use shared::domain::engagement::Engagement;

/// An engagement of a Bpifrance employee, with dates `(day, "full_day"|"half_day", state)`.
fn engagement(who: &str, entity: &str, association: &str, state: &str, dates: &[(&str, &str, &str)]) -> Engagement {
    let dates: Vec<serde_json::Value> =
        dates.iter().map(|(d, p, s)| serde_json::json!({"date": d, "part": p, "state": s, "request_id": "r1"})).collect();
    serde_json::from_value(serde_json::json!({
        "id": format!("report-{who}-{association}"), "year": 2026, "state": state,
        "employee": {"sub": format!("report-{who}"), "email": format!("{who}@bpifrance.example"), "first_name": who, "last_name": "Équipe"},
        "company_id": "bpifrance", "mission_id": format!("{association}-mission"), "mission_title": "Mission d'été",
        "association_id": association, "association_name": if association == "apte" { "APTE" } else { "Les Restos du Cœur" },
        "entity_id": entity, "themes": if association == "apte" { vec!["arts-culture"] } else { vec!["social-precarite"] },
        "referent": {"name": "Sophie Durand", "email": "sophie.durand@apte.example"},
        "message": "", "dates": dates, "created_at": "2026-01-05T09:00:00Z", "updated_at": "2026-06-05T09:00:00Z", "version": 3
    }))
    .unwrap()
}

/// Ana (Paris, 500 €/day): 1.5 days attested, assessed; Bob (Lyon, no cost): one accepted day,
/// one refused; Cy: cancelled; Dan (Paris, 800 €/day): 20 days attested in March, over the cap.
async fn year_of_engagements(env: &TestEnv) {
    let mut ana = engagement(
        "ana",
        "paris-haussmann",
        "apte",
        "completed",
        &[("2026-03-02", "full_day", "present"), ("2026-03-09", "half_day", "present")],
    );
    ana.assessment = Some(
        serde_json::from_value(serde_json::json!({"relevance": "tres_bonne", "welcome": "bonne", "matched_expertise": true, "sent_at": "2026-03-10T09:00:00Z"}))
            .unwrap(),
    );
    let bob = engagement("bob", "lyon", "apte", "signed", &[("2026-04-01", "full_day", "accepted"), ("2026-04-02", "full_day", "refused")]);
    let cy = engagement("cy", "lyon", "restos", "cancelled", &[("2026-05-04", "half_day", "cancelled")]);
    let march: Vec<String> = (1..=20).map(|d| format!("2026-03-{d:02}")).collect();
    let dan_dates: Vec<(&str, &str, &str)> = march.iter().map(|d| (d.as_str(), "full_day", "present")).collect();
    let dan = engagement("dan", "paris-haussmann", "apte", "completed", &dan_dates);
    for e in [ana, bob, cy, dan] {
        let write = shared::store::engagements::put_new(&env.app.store, &e).unwrap();
        env.app.store.transact("test engagements", vec![write]).await.unwrap().unwrap();
    }
    // Their day costs, imported by the company's admin with the HR attributes.
    let csv = "email;contrat;date_embauche;date_retraite;cout_journalier\nana@bpifrance.example;CDI;2019-09-02;;500\ndan@bpifrance.example;CDI;2015-01-05;;800,00\n";
    let r = env.call(ImportHrAttributes, Some(user("isabelle")), "/companies/bpifrance/hr-attributes", "", Some(csv)).await;
    assert_eq!(r.status, 200, "{}", r.raw);
}

#[tokio::test]
async fn the_report_and_its_valuation_count_what_the_engagements_hold() {
    let env = TestEnv::new_at("2026-11-20T09:00:00Z").await;
    year_of_engagements(&env).await;
    let admin = user("isabelle");
    let path = "/companies/bpifrance/report";
    for who in ["maelys", "veronique", "sophie"] {
        assert_eq!(env.call(GetCompanyReport, Some(user(who)), path, "", None).await.status, 403, "{who}");
    }
    for (query, field) in [
        ("year=1999", "year"),
        ("theme=sport", "theme"),
        ("entity=mars", "entity"),
        ("turnover_cents=-1", "turnover_cents"),
        ("colour=1", "colour"),
    ] {
        let r = env.call(GetCompanyReport, Some(admin), path, query, None).await;
        assert_eq!((r.status, r.body["field"].as_str()), (400, Some(field)), "{query}: {}", r.raw);
    }
    assert_eq!(env.call(GetCompanyReport, Some(user("camille")), "/companies/nope/report", "", None).await.status, 404);

    let r = env.call(GetCompanyReport, Some(admin), path, "year=2026&turnover_cents=10000000000", None).await;
    assert_eq!(r.status, 200, "{}", r.raw);
    let b = &r.body;
    assert_eq!((b["engagements"].as_u64(), b["applicants"].as_u64(), b["volunteers"].as_u64()), (Some(4), Some(4), Some(3)));
    assert_eq!((b["days"]["given"].as_f64(), b["days"]["attested"].as_f64()), (Some(22.5), Some(21.5)));
    assert_eq!((b["days"]["by_month"]["2026-03"].as_f64(), b["days"]["by_month"]["2026-04"].as_f64()), (Some(21.5), Some(1.0)));
    assert_eq!(
        (b["by_step"]["completed"].as_u64(), b["by_step"]["signed"].as_u64(), b["by_step"]["cancelled"].as_u64()),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(b["days"]["by_association"][0]["name"], "APTE");
    assert_eq!(b["days"]["by_association"][0]["days"], 22.5);
    assert_eq!(b["days"]["by_entity"][0]["name"], "Paris – Boulevard Haussmann");
    assert_eq!(b["days"]["by_theme"][0]["name"], "arts / culture", "{}", b["days"]["by_theme"]);
    assert_eq!((b["satisfaction"]["answered"].as_u64(), b["satisfaction"]["relevance"]["tres_bonne"].as_u64()), (Some(1), Some(1)));
    assert_eq!((b["cancellations"]["engagements"].as_u64(), b["cancellations"]["days"].as_f64()), (Some(1), Some(0.5)));
    // Valuation: Ana 1.5 × 500 € = 750 €; Dan 20 × 800 € = 16 000 €, capped at 3 × 4 005 € =
    // 12 015 € for March 2026. Total 12 765 €; 60 % = 7 659 €; ceiling 5 ‰ of 100 M€ = 500 000 €.
    let v = &b["valuation"];
    assert_eq!((v["uncapped_cents"].as_u64(), v["total_cents"].as_u64()), (Some(1_675_000), Some(1_276_500)), "{v}");
    assert_eq!(
        (v["reduction_cents"].as_u64(), v["ceiling_cents"].as_u64(), v["carried_forward_cents"].as_u64()),
        (Some(765_900), Some(50_000_000), Some(0))
    );
    assert_eq!(v["declaration_required"], true, "over 10 000 €");
    assert!(v["notice"].as_str().unwrap().contains("conseil fiscal"));
    // Filters: one entity, one association; the valuation stays the company's.
    let lyon = env.call(GetCompanyReport, Some(admin), path, "year=2026&entity=lyon", None).await.body;
    assert_eq!((lyon["engagements"].as_u64(), lyon["days"]["given"].as_f64()), (Some(2), Some(1.0)));
    let restos = env.call(GetCompanyReport, Some(admin), path, "association=restos", None).await.body;
    assert_eq!((restos["engagements"].as_u64(), restos["volunteers"].as_u64()), (Some(1), Some(0)), "{restos}");
    assert_eq!(restos["valuation"]["total_cents"], 1_276_500);
    let y2031 = env.call(GetCompanyReport, Some(user("camille")), path, "year=2027", None).await;
    assert_eq!((y2031.status, y2031.body["engagements"].as_u64()), (200, Some(0)), "{}", y2031.raw);
    assert!(y2031.body["valuation"].is_null() && y2031.body["valuation_unavailable"].as_str().unwrap().contains("2027"));
}

/// The CSV read back with Python's csv module, as a French spreadsheet reads it (UTF-8 with
/// BOM, `;`): the header and each line's cells.
fn read_as_a_spreadsheet(csv: &str) -> Vec<Vec<String>> {
    let script = "import csv,io,json,sys; data=sys.stdin.buffer.read(); assert data.startswith(b'\\xef\\xbb\\xbf'), 'BOM'; print(json.dumps(list(csv.reader(io.StringIO(data.decode('utf-8-sig'), newline=''), delimiter=';'))))";
    let mut child = std::process::Command::new("python3")
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(csv.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn check_rows(rows: &[Vec<String>]) {
    assert_eq!(rows[0][2], "Étape");
    assert_eq!(rows[0][13], "Coût journalier (€)");
    assert_eq!(rows.len(), 1 + 2 + 2 + 1 + 20, "one line per engagement-date");
    let days: f64 = rows[1..].iter().map(|r| r[11].replace(',', ".").parse::<f64>().unwrap()).sum();
    assert_eq!(days, 22.5, "the days column adds up to the report's days given");
    let ana = rows.iter().find(|r| r[4] == "ana@bpifrance.example" && r[10] == "demi-journée").unwrap();
    assert_eq!(
        (ana[3].as_str(), ana[5].as_str(), ana[11].as_str(), ana[13].as_str()),
        ("ana Équipe", "Paris – Boulevard Haussmann", "0,5", "500,00")
    );
    assert!(rows.iter().any(|r| r[6] == "Les Restos du Cœur" && r[12] == "annulée"), "accents intact");
}

#[tokio::test]
async fn the_csv_opens_in_a_french_spreadsheet_and_a_large_one_is_built_in_the_background() {
    let env = TestEnv::new_at("2026-11-20T09:00:00Z").await;
    year_of_engagements(&env).await;
    let admin = user("isabelle");
    let path = "/companies/bpifrance/report/export";
    for who in ["maelys", "veronique", "sophie"] {
        assert_eq!(env.call(ExportCompanyReport, Some(user(who)), path, "", None).await.status, 403, "{who}");
    }
    let bad = env.call(ExportCompanyReport, Some(admin), path, "theme=sport", None).await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (400, Some("theme")), "{}", bad.raw);
    assert!(bad.body["detail"].as_str().unwrap().contains("Valeurs possibles"), "in French: {}", bad.raw);
    let r = env.call(ExportCompanyReport, Some(admin), path, "year=2026", None).await;
    assert_eq!(r.status, 200, "{}", r.raw);
    assert!(r.content_type.starts_with("text/csv"), "{}", r.content_type);
    check_rows(&read_as_a_spreadsheet(&r.raw));
    let lyon = read_as_a_spreadsheet(&env.call(ExportCompanyReport, Some(admin), path, "entity=lyon", None).await.raw);
    assert_eq!(lyon.len(), 1 + 2 + 1);

    // Above the limit: 202, built by the job, announced once, downloaded from the e-mail's screen.
    let mut config = env.app.config.clone();
    config.report_inline_lines = 10;
    let small = shared::App::new(config, env.app.clients.clone()).with_fixed_clock(env.app.now());
    let req = harness::event_request(ExportCompanyReport, Some((admin.sub, admin.email)), path, "year=2026", None);
    let queued = harness::reply(functions::routes::dispatch(ExportCompanyReport, &small, req).await);
    assert_eq!((queued.status, queued.body["lines"].as_u64()), (202, Some(25)), "{}", queued.raw);
    let id = queued.body["id"].as_str().unwrap().to_string();
    let status = format!("/companies/bpifrance/report-exports/{id}");
    assert_eq!(env.call(GetReportExport, Some(admin), &status, "", None).await.body["status"], "pending");
    let event = harness::event_json_job(Job::BuildReportExports);
    assert_eq!(env.run_job(Job::BuildReportExports, event.clone()).await["built"], 1);
    assert_eq!(env.run_job(Job::BuildReportExports, event).await["built"], 0, "once");
    let mails: Vec<_> =
        harness::emails_to(admin.email).await.into_iter().filter(|m| m["subject"].as_str().unwrap().contains("bilan RSE")).collect();
    assert_eq!(mails.len(), 1);
    assert!(harness::links_of(&mails[0]).iter().any(|l| l.ends_with(&status)), "{:?}", harness::links_of(&mails[0]));
    let ready = env.call(GetReportExport, Some(admin), &status, "", None).await;
    assert_eq!(ready.body["status"], "ready", "{}", ready.raw);
    assert_eq!(env.call(GetReportExport, Some(user("veronique")), &status, "", None).await.status, 403);
    assert_eq!(env.call(GetReportExport, Some(user("camille")), &status.replace("bpifrance", "aubay"), "", None).await.status, 404);
    let (code, bytes) = harness::http_get_bytes(ready.body["url"].as_str().unwrap()).await.unwrap();
    assert_eq!(code, 200);
    check_rows(&read_as_a_spreadsheet(&String::from_utf8(bytes).unwrap()));
}

#[tokio::test]
async fn the_association_gets_its_annual_statement_of_the_days_given() {
    let env = TestEnv::new_at("2026-11-20T09:00:00Z").await;
    year_of_engagements(&env).await;
    let path = "/companies/bpifrance/associations/apte/statements/2026";
    assert_eq!(env.call(GetAssociationStatement, Some(user("marc")), path, "", None).await.status, 403, "another association");
    assert_eq!(env.call(GetAssociationStatement, Some(user("veronique")), path, "", None).await.status, 403, "another company");
    assert_eq!(env.call(GetAssociationStatement, Some(user("maelys")), path, "", None).await.status, 403);
    let bad = env.call(GetAssociationStatement, Some(user("isabelle")), &path.replace("2026", "20x6"), "", None).await;
    assert_eq!((bad.status, bad.body["field"].as_str()), (400, Some("year")), "{}", bad.raw);
    assert_eq!(env.call(GetAssociationStatement, Some(user("isabelle")), &path.replace("2026", "2025"), "", None).await.status, 404);
    let r = env.call(GetAssociationStatement, Some(user("sophie")), path, "", None).await;
    assert_eq!(r.status, 200, "{}", r.raw);
    assert_eq!((r.body["days"].as_f64(), r.body["valued_cents"].as_u64()), (Some(21.5), Some(1_276_500)));
    let (_, pdf) = harness::http_get_bytes(r.body["url"].as_str().unwrap()).await.unwrap();
    let text = harness::pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "RELEVÉ DE MÉCÉNAT DE COMPÉTENCES — ANNÉE 2026",
        "L'entreprise Bpifrance SA, RCS Créteil 507 523 678",
        "de l'association APTE",
        "ana Équipe 1,5 750,00 €",
        "dan Équipe 20 12 015,00 €",
        "Valorisation retenue (plafonds mensuels appliqués) : 12 765,00 €",
        "Cerfa n° 16216",
        "conseil fiscal",
    ] {
        assert!(text.contains(expected), "{expected}: {text}");
    }
    assert_eq!(env.call(GetAssociationStatement, Some(user("isabelle")), path, "", None).await.status, 200, "the company's admin too");
}

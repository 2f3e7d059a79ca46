//! `make dev`: provisions the local table, bucket and SES identity in the emulator from the
//! SAM template, loads the demo data, and serves every function under one local address.

use std::sync::Arc;

use platform_tests::{demo, harness, local};
use shared::aws::Clients;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    shared::telemetry::init();
    let endpoint = harness::emulator_endpoint();
    let port: u16 = std::env::var("LOCAL_API_PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(3000);
    let base_url = format!("http://127.0.0.1:{port}");
    let sdk = harness::sdk_config().await;
    let clients = Clients::from_sdk_config(&sdk);
    let config = harness::local_config("mecenat-local", "mecenat-local-documents", &base_url)?;
    let region = sdk.region().map(|r| r.to_string()).unwrap_or_else(|| "eu-west-3".into());
    harness::provision(&clients, &config, &region).await?;
    let n = demo::load(&clients.dynamo, &config.table_name).await?;
    let key = local::TokenKey::random();
    let app = Arc::new(shared::App::new(config, clients));
    // EventBridge's part: every scheduled function on its schedule.
    for job in functions::routes::JOBS {
        let (app, job) = (app.clone(), *job);
        let Some(every) = job.schedule().and_then(local::schedule_period) else { continue };
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                if let Err(e) = functions::routes::run(job, &app, serde_json::json!({})).await {
                    tracing::error!(error = %e, job = %job.name(), "scheduled function failed");
                }
            }
        });
    }
    // Lambda's part: the table's stream feeds deliver-emails, as the event source mapping does.
    let stream = platform_tests::stream::TableStream::of(&sdk, &app.clients.dynamo, &app.config.table_name).await?;
    let deliverer = app.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_millis(500));
        loop {
            tick.tick().await;
            if let Err(e) = stream.pump(&deliverer).await {
                tracing::error!(error = %e, "reading the table's stream failed");
            }
        }
    });
    let api = Arc::new(local::LocalApi { app, key: key.clone(), emulator: Some(endpoint.clone()) });
    let addr = local::spawn(api, port).await?;

    println!("\nMécénat de compétences — local platform");
    println!("  API            http://{addr}  (same routes as the deployed HTTP API)");
    println!("  AWS emulator   {endpoint}  (table mecenat-local, bucket mecenat-local-documents)");
    println!("  demo data      {n} items loaded\n");
    println!("Sign in as a demo user: send `Authorization: Bearer <token>`. Tokens for this run:");
    for u in demo::USERS {
        println!("  {:<10} {:<38} {}", u.key, u.email, u.what);
        println!("             {}", key.issue(u.sub, u.email));
    }
    println!("\nA token for anyone:   curl 'http://{addr}/_local/token?email=someone@bpifrance.example'");
    println!("Try:  TOKEN=$(curl -s 'http://{addr}/_local/token?as=maelys' | python3 -c 'import sys,json;print(json.load(sys.stdin)[\"token\"])')");
    println!("      curl -s -H \"Authorization: Bearer $TOKEN\" 'http://{addr}/missions?q=cuisine&themes=sante-handicap'");
    println!("E-mails sent:         curl -s http://{addr}/_local/emails   (or {endpoint}/_emulator/ses.json)");
    println!("Scheduled functions run on their schedule; run one now: curl -s http://{addr}/_local/run/send-alert-digests");
    println!("E-mails leave through the outbox (the table's stream feeds deliver-emails, as on AWS).");
    println!("Make an address bounce, as SES would report it: curl -s 'http://{addr}/_local/bounce?email=someone@aubay.example'");
    println!("\nCtrl-C stops everything.");
    tokio::signal::ctrl_c().await?;
    Ok(())
}

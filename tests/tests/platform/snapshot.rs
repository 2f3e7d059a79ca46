//! The scheduled catalogue snapshot: a cold instance loads the catalogue from S3 in one
//! request plus one Query for what changed since, and sees every later write.

use std::sync::Arc;

use functions::routes::Endpoint::*;
use functions::routes::{self, Job};
use platform_tests::demo::user;
use platform_tests::harness::TestEnv;
use shared::catalogue::SNAPSHOT_KEY;

use crate::ids;

fn scheduled_event() -> serde_json::Value {
    let text = std::fs::read_to_string(platform_tests::infra::root().join("events/snapshot-catalogue.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[tokio::test]
async fn a_cold_instance_loads_the_snapshot_then_only_what_changed() {
    let env = TestEnv::new().await;
    let report = routes::run(Job::SnapshotCatalogue, &env.app, scheduled_event()).await.unwrap();
    // 2 companies, 14 associations, 18 partnerships, 18 missions.
    assert_eq!(report["items"], 52, "{report}");
    assert!(env.app.documents.get(SNAPSHOT_KEY).await.unwrap().len() > 1000);

    // Running it again (a retry, an overlapping run) writes the same catalogue.
    let again = routes::run(Job::SnapshotCatalogue, &env.app, scheduled_event()).await.unwrap();
    assert_eq!(again["items"], 52);
    assert_eq!(again["watermark"], report["watermark"]);

    // A mission published after the snapshot.
    let created =
        env.call(CreateMission, Some(user("sophie")), "/associations/apte/missions", "", Some(crate::referents::NEW_MISSION)).await;
    let id = created.body["id"].as_str().unwrap().to_string();
    env.call(PublishMission, Some(user("sophie")), &format!("/missions/{id}/publish"), "", None).await;

    // A new instance (cold) of the search function, on the same table and bucket.
    let cold = Arc::new(shared::App::new(env.app.config.clone(), env.app.clients.clone()));
    env.reset_count();
    let reply = platform_tests::harness::reply(
        functions::routes::dispatch(
            SearchMissions,
            &cold,
            platform_tests::harness::event_request(
                SearchMissions,
                Some(("demo-maelys", "maelys.louvel@bpifrance.example")),
                "/missions",
                "q=concert",
                None,
            ),
        )
        .await,
    );
    assert_eq!(reply.status, 200, "{}", reply.raw);
    assert_eq!(ids(&reply), [id], "the mission published after the snapshot is found");
    assert_eq!(env.dynamo_count(), 2, "cold start: one Query per feed partition for the changes since the snapshot");
    let all = env.call(SearchMissions, Some(user("maelys")), "/missions", "limit=50", None).await;
    assert_eq!(all.body["total"], 15);
}

/// What a cold instance sent: each DynamoDB request's body, each S3 request's method and path.
#[derive(Debug, Clone, Default)]
struct Sent(Arc<std::sync::Mutex<Vec<String>>>);

impl aws_smithy_runtime_api::client::interceptors::Intercept for Sent {
    fn name(&self) -> &'static str {
        "Sent"
    }
    fn read_before_transmit(
        &self,
        ctx: &aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef<'_>,
        _rc: &aws_smithy_runtime_api::client::runtime_components::RuntimeComponents,
        _cfg: &mut aws_smithy_types::config_bag::ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        let r = ctx.request();
        let body = r.body().bytes().map(|b| String::from_utf8_lossy(b).into_owned()).unwrap_or_default();
        self.0.lock().unwrap().push(format!("{} {} {body}", r.method(), r.uri()));
        Ok(())
    }
}

/// A new instance whose DynamoDB and S3 requests are recorded.
async fn cold_instance(env: &TestEnv) -> (Arc<shared::App>, Sent, Sent) {
    let sdk = platform_tests::harness::sdk_config().await;
    let (dynamo_sent, s3_sent) = (Sent::default(), Sent::default());
    let dynamo =
        aws_sdk_dynamodb::Client::from_conf(aws_sdk_dynamodb::config::Builder::from(&sdk).interceptor(dynamo_sent.clone()).build());
    let s3 =
        aws_sdk_s3::Client::from_conf(aws_sdk_s3::config::Builder::from(&sdk).force_path_style(true).interceptor(s3_sent.clone()).build());
    let clients = shared::aws::Clients { dynamo, s3, ses: aws_sdk_sesv2::Client::new(&sdk) };
    (Arc::new(shared::App::new(env.app.config.clone(), clients)), dynamo_sent, s3_sent)
}

#[tokio::test]
async fn a_function_that_does_not_search_loads_no_mission_at_cold_start() {
    let env = TestEnv::new().await;
    routes::run(Job::SnapshotCatalogue, &env.app, scheduled_event()).await.unwrap();
    let maelys = Some(("demo-maelys", "maelys.louvel@bpifrance.example"));
    let feed =
        |sent: &Sent, partition: &str| sent.0.lock().unwrap().iter().filter(|b| b.contains(&format!("\"S\":\"{partition}\""))).count();
    let catalogue_gets = |sent: &Sent| sent.0.lock().unwrap().iter().filter(|r| r.starts_with("GET") && r.contains("catalogue/")).count();

    for (endpoint, path) in [(GetMyCompany, "/me/company"), (GetMyProfile, "/me"), (GetMission, "/missions/apte-crowdfunding")] {
        let (cold, dynamo, s3) = cold_instance(&env).await;
        let request = platform_tests::harness::event_request(endpoint, maelys, path, "", None);
        let reply = platform_tests::harness::reply(functions::routes::dispatch(endpoint, &cold, request).await);
        assert_eq!(reply.status, 200, "{endpoint:?}: {}", reply.raw);
        assert_eq!(catalogue_gets(&s3), 0, "{endpoint:?} read the catalogue snapshot: {:?}", s3.0.lock().unwrap());
        assert_eq!(feed(&dynamo, "CATALOG"), 0, "{endpoint:?} queried the missions' feed");
        assert_eq!(feed(&dynamo, "DIRECTORY"), 1, "{endpoint:?}: the directory, one Query");
    }
    assert!(
        platform_tests::harness::reply(
            functions::routes::dispatch(
                GetMyCompany,
                &cold_instance(&env).await.0,
                platform_tests::harness::event_request(GetMyCompany, maelys, "/me/company", "", None)
            )
            .await
        )
        .body["name"]
            .is_string(),
        "the directory knows the caller's company"
    );

    // The search function, for contrast, loads the snapshot and both partitions of the feed.
    let (cold, dynamo, s3) = cold_instance(&env).await;
    let request = platform_tests::harness::event_request(SearchMissions, maelys, "/missions", "", None);
    let reply = platform_tests::harness::reply(functions::routes::dispatch(SearchMissions, &cold, request).await);
    assert_eq!(reply.status, 200, "{}", reply.raw);
    assert_eq!(catalogue_gets(&s3), 1);
    assert_eq!((feed(&dynamo, "CATALOG"), feed(&dynamo, "DIRECTORY")), (1, 1));
}

/// `GET /me/company` as Maëlys on a new (cold) instance of its function.
async fn my_company_cold(env: &TestEnv) -> platform_tests::harness::Reply {
    let cold = Arc::new(shared::App::new(env.app.config.clone(), env.app.clients.clone()));
    let req = platform_tests::harness::event_request(
        GetMyCompany,
        Some(("demo-maelys", "maelys.louvel@bpifrance.example")),
        "/me/company",
        "",
        None,
    );
    platform_tests::harness::reply(functions::routes::dispatch(GetMyCompany, &cold, req).await)
}

#[tokio::test]
async fn the_snapshot_job_moves_the_directory_items_of_an_older_stack_to_their_partition() {
    let env = TestEnv::new().await;
    // As a stack from before the DIRECTORY partition wrote it: the company's item in CATALOG.
    let key = |pk: &str, sk: &str| {
        std::collections::HashMap::from([
            ("PK".to_string(), aws_sdk_dynamodb::types::AttributeValue::S(pk.into())),
            ("SK".to_string(), aws_sdk_dynamodb::types::AttributeValue::S(sk.into())),
        ])
    };
    env.app
        .clients
        .dynamo
        .update_item()
        .table_name(&env.table)
        .set_key(Some(key(&shared::keys::company("bpifrance"), shared::keys::PROFILE)))
        .update_expression("SET GSI2PK = :c")
        .expression_attribute_values(":c", aws_sdk_dynamodb::types::AttributeValue::S("CATALOG".into()))
        .send()
        .await
        .unwrap();
    let before = my_company_cold(&env).await;
    assert_ne!(before.status, 200, "the directory does not find a company left in CATALOG: {}", before.raw);

    let report = routes::run(Job::SnapshotCatalogue, &env.app, scheduled_event()).await.unwrap();
    assert_eq!(report["moved_to_directory"], 1, "{report}");
    let after = my_company_cold(&env).await;
    assert_eq!(after.status, 200, "{}", after.raw);
    assert_eq!(after.body["entities"].as_array().map(Vec::len), Some(5), "{}", after.raw);

    // A retried or later run moves nothing more.
    let again = routes::run(Job::SnapshotCatalogue, &env.app, scheduled_event()).await.unwrap();
    assert_eq!(again["moved_to_directory"], 0, "{again}");
}

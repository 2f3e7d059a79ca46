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
    assert_eq!(env.dynamo_count(), 1, "cold start: one Query for the changes since the snapshot");
    let all = env.call(SearchMissions, Some(user("maelys")), "/missions", "limit=50", None).await;
    assert_eq!(all.body["total"], 15);
}

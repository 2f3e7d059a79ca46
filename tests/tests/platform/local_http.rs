//! The local HTTP address of `make dev`: same routes, an authorizer that only lets signed
//! tokens through, and the handlers behind it.

use std::sync::Arc;

use platform_tests::harness::{http_get, TestEnv};
use platform_tests::local::{self, LocalApi, TokenKey};

#[tokio::test]
async fn the_local_api_serves_every_function_behind_one_address() {
    let env = TestEnv::new().await;
    let key = TokenKey::random();
    let api = Arc::new(LocalApi { app: env.app.clone(), key: key.clone(), emulator: None });
    let addr = local::spawn(api, 0).await.unwrap();
    let base = format!("http://{addr}");

    let (status, body) = http_get(&format!("{base}/missions"), None).await.unwrap();
    assert_eq!(status, 401, "{body}");
    // As API Gateway's JWT authorizer answers, and as openapi.yaml documents it.
    assert_eq!(body, r#"{"message":"Unauthorized"}"#);
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(platform_tests::infra::root().join("openapi.yaml")).unwrap()).unwrap();
    let documented = &doc["components"]["responses"]["Unauthorized"]["content"]["application/json"]["example"];
    assert_eq!(documented["message"], "Unauthorized");
    let (status, _) = http_get(&format!("{base}/missions"), Some("local.forged.token")).await.unwrap();
    assert_eq!(status, 401);

    let (status, body) = http_get(&format!("{base}/_local/token?as=maelys"), None).await.unwrap();
    assert_eq!(status, 200);
    let token = serde_json::from_str::<serde_json::Value>(&body).unwrap()["token"].as_str().unwrap().to_string();

    let (status, body) = http_get(&format!("{base}/missions?q=cuisine&themes=sante-handicap"), Some(&token)).await.unwrap();
    assert_eq!(status, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["total"], 2);

    let (status, body) = http_get(&format!("{base}/missions/apte-crowdfunding"), Some(&token)).await.unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Créer un crowdfunding"));

    let (status, body) = http_get(&format!("{base}/nowhere"), Some(&token)).await.unwrap();
    assert_eq!(status, 404);
    assert!(body.contains("Aucune ressource"));
    // A token for someone of another company sees other missions.
    let other = key.issue("demo-thomas", "thomas.bernard@aubay.example");
    let (_, body) = http_get(&format!("{base}/missions/athena-ateliers"), Some(&other)).await.unwrap();
    assert!(body.contains("n'existe pas"), "{body}");
}

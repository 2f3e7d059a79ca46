//! The route table, the function crates, the SAM template, the sample events and the
//! OpenAPI document describe the same API, one to one.

use std::collections::BTreeSet;

use platform_tests::infra::{root, template};
use serde_yaml::Value;
use shared::routes::ENDPOINTS;
use shared::scheduled::JOBS;

/// The DynamoDB actions and the other grants (`s3:Action:prefix`, `ses:SendEmail`) of a function's policies.
fn grants(f: &Value) -> (Vec<String>, Vec<String>) {
    let mut dynamo = Vec::new();
    let mut s3 = Vec::new();
    for policy in f["Properties"]["Policies"].as_sequence().cloned().unwrap_or_default() {
        for st in policy["Statement"].as_sequence().cloned().unwrap_or_default() {
            let resources: Vec<String> = st["Resource"].as_sequence().cloned().unwrap_or_default().iter().map(tagged_str).collect();
            for a in st["Action"].as_sequence().cloned().unwrap_or_default() {
                let a = a.as_str().unwrap_or_default();
                if let Some(d) = a.strip_prefix("dynamodb:") {
                    dynamo.push(d.to_string());
                } else if let Some(op) = a.strip_prefix("s3:") {
                    for r in &resources {
                        let prefix = r.trim_start_matches("!Sub ").trim_start_matches("${DocumentsBucket.Arn}/");
                        s3.push(format!("s3:{op}:{prefix}"));
                    }
                } else if a == "ses:SendEmail" || a == "ses:SendRawEmail" {
                    assert!(resources.iter().all(|r| r.contains(":identity/${MailDomain}") || r.contains(":configuration-set/${MailConfigurationSet}")), "{resources:?}");
                    s3.push(a.to_string());
                } else {
                    panic!("unexpected action {a}");
                }
            }
        }
    }
    dynamo.sort();
    s3.sort();
    (dynamo, s3)
}

fn sorted(list: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

fn tagged_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Tagged(t) => format!("!{} {}", t.tag.to_string().trim_start_matches('!'), tagged_str(&t.value)),
        other => format!("{other:?}"),
    }
}

#[test]
fn function_crates_match_the_route_table() {
    let dirs: BTreeSet<String> = std::fs::read_dir(root().join("functions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let expected: BTreeSet<String> =
        ENDPOINTS.iter().map(|e| e.crate_name()).chain(JOBS.iter().map(|j| j.crate_name())).collect();
    assert_eq!(dirs, expected);
    for j in JOBS {
        let main = std::fs::read_to_string(root().join("functions").join(j.crate_name()).join("src/main.rs")).unwrap();
        assert!(main.contains(&format!("run_scheduled(Job::{j:?})")), "{} runs another job", j.crate_name());
    }
    for e in ENDPOINTS {
        let main = std::fs::read_to_string(root().join("functions").join(e.crate_name()).join("src/main.rs")).unwrap();
        assert!(
            main.contains(&format!("run_http(Endpoint::{e:?}, shared::routes::handler::{})", e.function())),
            "{} runs another endpoint",
            e.crate_name()
        );
        assert!(main.lines().count() <= 12, "{}: main.rs only wires", e.crate_name());
        let manifest = std::fs::read_to_string(root().join("functions").join(e.crate_name()).join("Cargo.toml")).unwrap();
        assert!(manifest.contains(&format!("name = \"{}\"", e.crate_name())));
    }
}

#[test]
fn the_sam_template_deploys_every_function_with_its_route_and_least_privilege() {
    let t = template().unwrap();
    let resources = t["Resources"].as_mapping().unwrap();
    let functions: Vec<(&Value, &Value)> =
        resources.iter().filter(|(_, r)| r["Type"] == "AWS::Serverless::Function").collect();
    assert_eq!(functions.len(), ENDPOINTS.len() + JOBS.len(), "one function resource per endpoint and job");
    for j in JOBS {
        let name = format!("{j:?}Function");
        let f = &t["Resources"][name.as_str()];
        assert_eq!(f["Properties"]["CodeUri"], Value::from(format!("../functions/{}", j.crate_name())), "{name}");
        assert_eq!(f["Metadata"]["BuildProperties"]["Binary"], Value::from(j.crate_name()));
        assert_eq!(f["Properties"]["Events"]["Schedule"]["Properties"]["ScheduleExpression"], Value::from(j.schedule()), "{name}");
        assert_eq!(grants(f), (sorted(j.dynamodb_actions()), sorted(j.grants())), "{name}");
    }
    for e in ENDPOINTS {
        let name = format!("{e:?}Function");
        let f = &t["Resources"][name.as_str()];
        assert!(f.is_mapping(), "no resource {name}");
        assert_eq!(f["Properties"]["CodeUri"], Value::from(format!("../functions/{}", e.crate_name())), "{name}");
        assert_eq!(f["Metadata"]["BuildMethod"], "rust-cargolambda");
        assert_eq!(f["Metadata"]["BuildProperties"]["Binary"], Value::from(e.crate_name()));
        let api = &f["Properties"]["Events"]["Api"];
        assert_eq!(api["Type"], "HttpApi", "{name}");
        assert_eq!(api["Properties"]["Method"], Value::from(e.method()), "{name}");
        assert_eq!(api["Properties"]["Path"], Value::from(e.path()), "{name}");
        assert_eq!(tagged_str(&api["Properties"]["ApiId"]), "!Ref HttpApi");
        let no_authorizer = api["Properties"]["Auth"]["Authorizer"] == "NONE";
        assert_eq!(no_authorizer, e.is_public(), "{name}: only e-mail link routes skip the JWT authorizer");
        assert_eq!(
            grants(f),
            (sorted(e.dynamodb_actions()), sorted(e.grants())),
            "{name}: the policy grants exactly what the function uses"
        );
    }
    // Functions run on arm64 Amazon Linux 2023, with the configuration they validate at start.
    let globals = &t["Globals"]["Function"];
    assert_eq!(globals["Runtime"], "provided.al2023");
    assert_eq!(globals["Architectures"][0], "arm64");
    for var in ["TABLE_NAME", "BUCKET_NAME", "MAIL_FROM", "PUBLIC_BASE_URL", "SUPPORT_EMAIL"] {
        assert!(!globals["Environment"]["Variables"][var].is_null(), "{var}");
    }
}

#[test]
fn the_table_uses_the_key_names_of_the_keys_module() {
    use shared::keys;
    let t = template().unwrap();
    let props = &t["Resources"]["Table"]["Properties"];
    assert_eq!(props["KeySchema"][0]["AttributeName"], keys::PK);
    assert_eq!(props["KeySchema"][1]["AttributeName"], keys::SK);
    assert_eq!(props["TimeToLiveSpecification"]["AttributeName"], keys::TTL);
    let gsis = props["GlobalSecondaryIndexes"].as_sequence().unwrap();
    let names: Vec<&str> = gsis.iter().map(|g| g["IndexName"].as_str().unwrap()).collect();
    assert_eq!(names, [keys::GSI1, keys::GSI2, keys::GSI3]);
    assert_eq!(gsis[2]["KeySchema"][0]["AttributeName"], keys::GSI3PK);
    assert_eq!(gsis[0]["KeySchema"][0]["AttributeName"], keys::GSI1PK);
    assert_eq!(gsis[1]["KeySchema"][1]["AttributeName"], keys::GSI2SK);
    assert_eq!(props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"], true);
    assert_eq!(props["DeletionProtectionEnabled"], true);
    assert_eq!(props["BillingMode"], "PAY_PER_REQUEST");
    let bucket = &t["Resources"]["DocumentsBucket"]["Properties"];
    assert_eq!(bucket["VersioningConfiguration"]["Status"], "Enabled");
    for flag in ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"] {
        assert_eq!(bucket["PublicAccessBlockConfiguration"][flag], true, "{flag}");
    }
}

#[test]
fn every_function_has_a_sample_event() {
    for j in JOBS {
        let text = std::fs::read_to_string(root().join("events").join(format!("{}.json", j.crate_name()))).unwrap();
        let ev: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(ev["detail-type"], "Scheduled Event", "{}", j.crate_name());
    }
    for e in ENDPOINTS {
        let ev = platform_tests::harness::event_json(*e);
        assert_eq!(ev["routeKey"], format!("{} {}", e.method(), e.path()), "{}", e.crate_name());
        assert_eq!(ev["version"], "2.0");
        assert_eq!(ev["requestContext"]["authorizer"]["jwt"]["claims"]["sub"].is_string(), !e.is_public(), "{}", e.crate_name());
    }
}

#[test]
fn the_openapi_document_and_the_served_routes_agree() {
    let text = std::fs::read_to_string(root().join("openapi.yaml")).unwrap();
    let doc: Value = serde_yaml::from_str(&text).unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_mapping().unwrap() {
        for (method, op) in item.as_mapping().unwrap() {
            let method = method.as_str().unwrap();
            if !["get", "post", "put", "patch", "delete"].contains(&method) {
                continue;
            }
            let id = op["operationId"].as_str().unwrap_or_default().to_string();
            documented.insert((method.to_uppercase(), path.as_str().unwrap().to_string(), id));
        }
    }
    let served: BTreeSet<(String, String, String)> =
        ENDPOINTS.iter().map(|e| (e.method().to_string(), e.path().to_string(), e.function().to_string())).collect();
    assert_eq!(documented, served, "(method, path, operationId) of openapi.yaml vs shared/src/routes.rs");
    // Every documented error is a problem document.
    assert!(text.contains("application/problem+json"));
}

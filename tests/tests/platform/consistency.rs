//! The route table, the endpoint files, the SAM template, the sample events and the OpenAPI
//! document describe the same API, one to one; and the code keeps its import rules.

use std::collections::BTreeSet;

use functions::routes::ENDPOINTS;
use functions::routes::{Trigger, JOBS};
use platform_tests::infra::{root, template};
use serde_yaml::Value;

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
                } else if a == "s3:ListBucket" {
                    assert_eq!(resources, vec!["!GetAtt DocumentsBucket.Arn".to_string()], "ListBucket is on the bucket");
                    let prefixes = st["Condition"]["StringLike"]["s3:prefix"].as_sequence().cloned().unwrap_or_default();
                    assert!(!prefixes.is_empty(), "ListBucket is scoped by prefix: {st:?}");
                    for p in prefixes {
                        s3.push(format!("s3:ListBucket:{}", p.as_str().unwrap_or_default()));
                    }
                } else if let Some(op) = a.strip_prefix("s3:") {
                    for r in &resources {
                        let prefix = r.trim_start_matches("!Sub ").trim_start_matches("${DocumentsBucket.Arn}/");
                        s3.push(format!("s3:{op}:{prefix}"));
                    }
                } else if a == "ses:SendEmail" || a == "ses:SendRawEmail" {
                    assert!(
                        resources
                            .iter()
                            .all(|r| r.contains(":identity/${MailDomain}") || r.contains(":configuration-set/${MailConfigurationSet}")),
                        "{resources:?}"
                    );
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

fn sorted_owned(mut v: Vec<String>) -> Vec<String> {
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

/// The `.rs` files of `functions/src/<area>/`, as (area, name), `mod.rs` aside.
fn endpoint_files() -> BTreeSet<(String, String)> {
    let mut files = BTreeSet::new();
    for area in std::fs::read_dir(root().join("functions/src")).unwrap() {
        let area = area.unwrap();
        if !area.file_type().unwrap().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(area.path()).unwrap() {
            let name = file.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".rs").filter(|s| *s != "mod") {
                files.insert((area.file_name().to_string_lossy().into_owned(), stem.to_string()));
            }
        }
    }
    files
}

#[test]
fn a_url_leads_to_one_file_named_like_its_route() {
    let expected: BTreeSet<(String, String)> = ENDPOINTS
        .iter()
        .map(|e| (e.area().to_string(), e.function().to_string()))
        .chain(JOBS.iter().map(|j| ("jobs".to_string(), j.function().to_string())))
        .collect();
    assert_eq!(endpoint_files(), expected, "functions/src/<area>/<endpoint>.rs, one per route and job, and nothing else");
    for e in ENDPOINTS {
        let text = std::fs::read_to_string(root().join("functions/src").join(e.area()).join(format!("{}.rs", e.function()))).unwrap();
        assert!(text.contains("pub async fn handle("), "{}: one handler", e.function());
        assert!(
            text.lines().next().unwrap_or_default().starts_with(&format!("//! {} {}", e.method(), e.path())),
            "{}: starts with its route",
            e.function()
        );
    }
    for j in JOBS {
        let text = std::fs::read_to_string(root().join("functions/src/jobs").join(format!("{}.rs", j.function()))).unwrap();
        assert!(text.contains("pub async fn run(app: &App"), "{}", j.function());
    }
}

#[test]
fn one_binary_runs_every_function() {
    let manifest = std::fs::read_to_string(root().join("functions/Cargo.toml")).unwrap();
    assert_eq!(manifest.matches("[[bin]]").count(), 1, "functions/ builds one binary");
    assert!(manifest.contains("name = \"bootstrap\""));
    let main = std::fs::read_to_string(root().join("functions/src/main.rs")).unwrap();
    assert!(main.contains("functions::runtime::run_from_env()"), "the binary picks its endpoint or job from the environment");
    // Every function name designates exactly one endpoint or job.
    for e in ENDPOINTS {
        assert_eq!(functions::routes::function_named(&e.name()), Some(functions::routes::Function::Http(*e)));
    }
    for j in JOBS {
        assert_eq!(functions::routes::function_named(&j.name()), Some(functions::routes::Function::Scheduled(*j)));
    }
    let top: BTreeSet<String> = std::fs::read_dir(root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| ["Cargo.toml", "functions", "shared", "infra", "events", "tests"].contains(&n.as_str()))
        .collect();
    assert_eq!(top.len(), 6, "the top-level layout stays Cargo.toml, functions, shared, infra, events, tests");
}

#[test]
fn the_binary_refuses_to_start_without_a_known_function_name() {
    // `make test` builds the binary before the tests.
    let binary = root().join("target/debug/bootstrap");
    assert!(binary.exists(), "build it first: cargo build --bins");
    for (value, says) in
        [(None, "PLATFORM_FUNCTION is not set"), (Some("search_missions"), "PLATFORM_FUNCTION=\\\"search_missions\\\" names no endpoint")]
    {
        let mut cmd = std::process::Command::new(&binary);
        cmd.env_remove("PLATFORM_FUNCTION").env_remove("AWS_LAMBDA_RUNTIME_API");
        if let Some(v) = value {
            cmd.env("PLATFORM_FUNCTION", v);
        }
        let out = cmd.output().unwrap();
        assert!(!out.status.success(), "{value:?} must fail the cold start");
        let logs = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(logs.contains(says), "{value:?}: {logs}");
    }
}

/// Every `.rs` file under a directory, with its text.
fn sources(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let rel = path.strip_prefix(root()).unwrap().to_string_lossy().into_owned();
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out
}

#[test]
fn only_the_store_talks_to_dynamodb_the_documents_to_s3_and_the_mail_to_ses() {
    let allowed = |path: &str, sdk: &str| match sdk {
        "aws_sdk_dynamodb" => path.starts_with("shared/src/store/"),
        "aws_sdk_s3" => path.starts_with("shared/src/documents/"),
        "aws_sdk_sesv2" => path == "shared/src/mail.rs",
        _ => false,
    };
    let mut offences = Vec::new();
    for (path, text) in sources("functions/src").into_iter().chain(sources("shared/src")) {
        for sdk in ["aws_sdk_dynamodb", "aws_sdk_s3", "aws_sdk_sesv2", "serde_dynamo"] {
            let sdk_of = if sdk == "serde_dynamo" { "aws_sdk_dynamodb" } else { sdk };
            if text.contains(sdk) && !allowed(&path, sdk_of) {
                offences.push(format!("{path} uses {sdk}"));
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");
}

#[test]
fn no_endpoint_imports_another_and_the_domain_imports_only_itself() {
    let mut offences = Vec::new();
    for (path, text) in sources("functions/src") {
        let is_endpoint = path.matches('/').count() == 3 && !path.ends_with("/mod.rs");
        // `use super::*;` is a file's own test module looking at the file.
        let reaches_out = text.lines().any(|l| l.contains("crate::") || (l.contains("super::") && l.trim() != "use super::*;"));
        if is_endpoint && reaches_out {
            offences.push(format!("{path} imports from the functions crate: what endpoints share belongs in shared/"));
        }
    }
    for (path, text) in sources("shared/src/domain") {
        for (n, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(i) = rest.find("crate::") {
                let after = &rest[i + "crate::".len()..];
                if !after.starts_with("domain") {
                    offences.push(format!(
                        "{path}:{}: the domain imports `crate::{}`",
                        n + 1,
                        after.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or_default()
                    ));
                }
                rest = after;
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");
}

#[test]
fn the_sam_template_deploys_every_function_with_its_route_and_least_privilege() {
    let t = template().unwrap();
    let resources = t["Resources"].as_mapping().unwrap();
    let functions: Vec<(&Value, &Value)> = resources.iter().filter(|(_, r)| r["Type"] == "AWS::Serverless::Function").collect();
    assert_eq!(functions.len(), ENDPOINTS.len() + JOBS.len(), "one function resource per endpoint and job");
    for j in JOBS {
        let name = format!("{j:?}Function");
        let f = &t["Resources"][name.as_str()];
        assert_eq!(f["Properties"]["Environment"]["Variables"]["PLATFORM_FUNCTION"], Value::from(j.name()), "{name}");
        assert!(f["Properties"]["CodeUri"].is_null() && f["Metadata"].is_null(), "{name}: runs the one binary of the template");
        let events = &f["Properties"]["Events"];
        match j.trigger() {
            Trigger::Schedule(expression) => {
                let schedule = &events["Schedule"]["Properties"];
                assert_eq!(events["Schedule"]["Type"], "ScheduleV2", "{name}");
                assert_eq!(schedule["ScheduleExpression"], Value::from(expression), "{name}");
                assert_eq!(tagged_str(&schedule["GroupName"]), "!Ref ScheduleGroup", "{name}: the stack's own schedule group");
                assert_eq!(tagged_str(&schedule["DeadLetterConfig"]["Arn"]), "!GetAtt JobFailuresQueue.Arn", "{name}");
            }
            Trigger::TableStream => {
                let stream = &events["Outbox"]["Properties"];
                assert_eq!(events["Outbox"]["Type"], "DynamoDB", "{name}");
                assert_eq!(tagged_str(&stream["Stream"]), "!GetAtt Table.StreamArn", "{name}");
                assert_eq!(stream["FunctionResponseTypes"][0], "ReportBatchItemFailures", "{name}");
                assert_eq!(stream["BisectBatchOnFunctionError"], true, "{name}");
                assert!(stream["MaximumRetryAttempts"].as_u64().is_some_and(|n| n > 0), "{name}");
                assert!(stream["MaximumRecordAgeInSeconds"].as_u64().is_some(), "{name}");
                assert_eq!(stream["DestinationConfig"]["OnFailure"]["Type"], "SQS", "{name}");
                assert_eq!(tagged_str(&stream["DestinationConfig"]["OnFailure"]["Destination"]), "!GetAtt DeliveryFailuresQueue.Arn");
            }
            Trigger::MailFeedback => {
                assert_eq!(events["Feedback"]["Type"], "SNS", "{name}");
                assert_eq!(tagged_str(&events["Feedback"]["Properties"]["Topic"]), "!Ref MailFeedbackTopic", "{name}");
            }
        }
        if j.trigger() != Trigger::TableStream {
            // Asynchronous invocations: a run that still fails after its retries is kept.
            let on_failure = &f["Properties"]["EventInvokeConfig"]["DestinationConfig"]["OnFailure"];
            assert_eq!(tagged_str(&on_failure["Destination"]), "!GetAtt JobFailuresQueue.Arn", "{name}: failed runs are visible");
        }
        for metric in ["Errors", "Throttles"] {
            let alarm = &t["Resources"][format!("{j:?}{metric}Alarm").as_str()]["Properties"];
            assert_eq!(alarm["MetricName"], metric, "{name}: an alarm on its {metric}");
            assert_eq!(tagged_str(&alarm["Dimensions"][0]["Value"]), format!("!Ref {name}"), "{name}");
        }
        assert_eq!(grants(f), (sorted(j.dynamodb_actions()), sorted_owned(j.grants())), "{name}");
    }
    for e in ENDPOINTS {
        let name = format!("{e:?}Function");
        let f = &t["Resources"][name.as_str()];
        assert!(f.is_mapping(), "no resource {name}");
        assert_eq!(f["Properties"]["Environment"]["Variables"]["PLATFORM_FUNCTION"], Value::from(e.name()), "{name}");
        assert!(f["Properties"]["CodeUri"].is_null() && f["Metadata"].is_null(), "{name}: runs the one binary of the template");
        let api = &f["Properties"]["Events"]["Api"];
        assert_eq!(api["Type"], "HttpApi", "{name}");
        assert_eq!(api["Properties"]["Method"], Value::from(e.method()), "{name}");
        assert_eq!(api["Properties"]["Path"], Value::from(e.path()), "{name}");
        assert_eq!(tagged_str(&api["Properties"]["ApiId"]), "!Ref HttpApi");
        let head = &f["Properties"]["Events"]["Head"]["Properties"];
        assert_eq!(!head.is_null(), e.answers_head(), "{name}: the e-mail links' pages also answer HEAD");
        let options = &f["Properties"]["Events"]["Options"]["Properties"];
        assert_eq!(!options.is_null(), e.answers_head(), "{name}: the e-mail links' pages also answer OPTIONS");
        if e.answers_head() {
            assert_eq!(
                (head["Method"].as_str(), head["Path"].as_str(), head["Auth"]["Authorizer"].as_str()),
                (Some("HEAD"), Some(e.path()), Some("NONE"))
            );
            assert_eq!(
                (options["Method"].as_str(), options["Path"].as_str(), options["Auth"]["Authorizer"].as_str()),
                (Some("OPTIONS"), Some(e.path()), Some("NONE"))
            );
        }
        let no_authorizer = api["Properties"]["Auth"]["Authorizer"] == "NONE";
        assert_eq!(no_authorizer, e.is_public(), "{name}: only e-mail link routes skip the JWT authorizer");
        assert_eq!(
            grants(f),
            (sorted(e.dynamodb_actions()), sorted_owned(e.grants())),
            "{name}: the policy grants exactly what the function uses"
        );
    }
    // Functions run on arm64 Amazon Linux 2023, with the configuration they validate at start.
    let globals = &t["Globals"]["Function"];
    assert_eq!(globals["CodeUri"], "../target/lambda/bootstrap/bootstrap.zip", "every function uses the one artifact of make deploy-build");
    assert_eq!(globals["Handler"], "bootstrap");
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
    assert_eq!(names, [keys::GSI1, keys::GSI2, keys::GSI3, keys::GSI4]);
    assert_eq!(gsis[2]["KeySchema"][0]["AttributeName"], keys::GSI3PK);
    assert_eq!(gsis[3]["KeySchema"][1]["AttributeName"], keys::GSI4SK);
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
        let text = std::fs::read_to_string(root().join("events").join(format!("{}.json", j.name()))).unwrap();
        let ev: serde_json::Value = serde_json::from_str(&text).unwrap();
        match j.trigger() {
            Trigger::Schedule(_) => assert_eq!(ev["detail-type"], "Scheduled Event", "{}", j.name()),
            Trigger::TableStream => {
                assert_eq!(ev["Records"][0]["eventSource"], "aws:dynamodb", "{}", j.name());
                assert_eq!(shared::outbox::announced(&ev).len(), 1, "the sample announces one envelope");
            }
            Trigger::MailFeedback => {
                assert_eq!(ev["Records"][0]["EventSource"], "aws:sns", "{}", j.name());
                assert_eq!(shared::domain::email::undeliverable(&ev).len(), 1, "the sample reports one bounce");
            }
        }
    }
    for e in ENDPOINTS {
        let ev = platform_tests::harness::event_json(*e);
        assert_eq!(ev["routeKey"], format!("{} {}", e.method(), e.path()), "{}", e.name());
        assert_eq!(ev["version"], "2.0");
        assert_eq!(ev["requestContext"]["authorizer"]["jwt"]["claims"]["sub"].is_string(), !e.is_public(), "{}", e.name());
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

/// What the frontend team builds on: every operation says who may call it, every success
/// that answers JSON has a schema, every protected operation lists the authorizer's 401,
/// every operation with an id in its path lists 404 and a pattern for the id, and the public
/// operations are exactly the e-mail-link pages of the route table.
#[test]
fn the_openapi_document_describes_every_operation_completely() {
    let doc: Value = serde_yaml::from_str(&std::fs::read_to_string(root().join("openapi.yaml")).unwrap()).unwrap();
    let resolve = |v: &Value| -> Value {
        match v["$ref"].as_str() {
            Some(r) => r.trim_start_matches("#/").split('/').fold(doc.clone(), |node, part| node[part].clone()),
            None => v.clone(),
        }
    };
    let mut problems = Vec::new();
    let mut public = BTreeSet::new();
    for (path, item) in doc["paths"].as_mapping().unwrap() {
        let path = path.as_str().unwrap();
        let path_params: Vec<Value> = item["parameters"].as_sequence().cloned().unwrap_or_default();
        for (method, op) in item.as_mapping().unwrap() {
            let method = method.as_str().unwrap();
            if !["get", "post", "put", "patch", "delete"].contains(&method) {
                continue;
            }
            let name = format!("{} {path}", method.to_uppercase());
            if !op["description"].as_str().unwrap_or_default().starts_with("**Who may call:**") {
                problems.push(format!("{name}: no description saying who may call it"));
            }
            let responses = op["responses"].as_mapping().unwrap();
            let has = |code: &str| responses.contains_key(Value::from(code));
            for (code, response) in responses {
                let code = code.as_str().unwrap_or_default();
                let response = resolve(response);
                if code.starts_with('2') && code != "204" {
                    let content = response["content"].as_mapping().cloned().unwrap_or_default();
                    if content.is_empty() {
                        problems.push(format!("{name} {code}: no content described"));
                    }
                    for (media, entry) in content {
                        if media.as_str().unwrap_or_default().contains("json") && entry["schema"].is_null() {
                            problems.push(format!("{name} {code}: a JSON answer without schema"));
                        }
                    }
                }
            }
            let is_public = op["security"].as_sequence().is_some_and(|s| s.is_empty());
            if is_public {
                public.insert(name.clone());
            } else if !has("401") {
                problems.push(format!("{name}: no 401"));
            }
            let params: Vec<Value> = path_params.iter().chain(op["parameters"].as_sequence().into_iter().flatten()).map(&resolve).collect();
            for p in params.iter().filter(|p| p["in"] == "path") {
                if !has("404") {
                    problems.push(format!("{name}: an id in the path and no 404"));
                }
                if p["name"] != "token" && p["schema"]["pattern"].is_null() {
                    problems.push(format!("{name}: path parameter {} without its pattern", p["name"].as_str().unwrap_or_default()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "openapi.yaml:\n{}", problems.join("\n"));
    let links: BTreeSet<String> = functions::routes::PUBLIC.iter().map(|e| format!("{} {}", e.method(), e.path())).collect();
    assert_eq!(public, links, "the public operations are the e-mail-link pages");
    for e in functions::routes::ENDPOINTS.iter().filter(|e| e.answers_head()) {
        for method in ["head", "options"] {
            let op = &doc["paths"][e.path()][method];
            assert!(op["security"].as_sequence().is_some_and(|s| s.is_empty()), "{method} {}: documented, public", e.path());
        }
    }
}

#[test]
fn only_the_outbox_sends_email() {
    for (path, text) in sources("functions/src").into_iter().chain(sources("shared/src")) {
        if path.ends_with("shared/src/outbox.rs") || path.ends_with("shared/src/mail.rs") {
            continue;
        }
        assert!(
            !text.contains("mailer.send") && !text.contains(".mailer"),
            "{path}: e-mails go through the outbox (shared::outbox::queue)"
        );
    }
    let senders: Vec<String> = ENDPOINTS
        .iter()
        .map(|e| (format!("{e:?}"), e.grants()))
        .chain(JOBS.iter().map(|j| (format!("{j:?}"), j.grants())))
        .filter(|(_, g)| g.iter().any(|g| g.starts_with("ses:")))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(senders, vec!["DeliverEmails".to_string(), "SweepOutbox".to_string()], "only the deliverers may call SES");
}

#[test]
fn the_stack_can_be_operated_alarms_dead_letters_retention_access_logs_tracing() {
    let t = template().unwrap();
    let r = &t["Resources"];
    let globals = &t["Globals"]["Function"];
    assert_eq!(globals["Tracing"], "Active");
    assert_eq!(
        tagged_str(&globals["LoggingConfig"]["LogGroup"]),
        "!Ref FunctionsLogGroup",
        "every function logs to the group whose retention is set"
    );
    for group in ["FunctionsLogGroup", "ApiAccessLogGroup"] {
        assert_eq!(tagged_str(&r[group]["Properties"]["RetentionInDays"]), "!Ref LogRetentionDays", "{group}");
    }
    // Access logs: JSON, with the request id and the route, never the path (tokens).
    let access = &r["HttpApi"]["Properties"]["AccessLogSettings"];
    assert_eq!(tagged_str(&access["DestinationArn"]), "!GetAtt ApiAccessLogGroup.Arn");
    let format = access["Format"].as_str().unwrap().replace(['\n', ' '], "");
    let line: serde_json::Value = serde_json::from_str(&format).expect("the access log format is one JSON object");
    for field in ["requestId", "routeKey", "status", "responseLatency", "integrationRequestId"] {
        assert!(line.get(field).is_some(), "access logs have {field}");
    }
    assert!(!format.contains("$context.path") && !format.contains("querystring"), "no path or query string: the links' tokens are there");
    // Every alarm tells the operator's topic; the ones the runbook describes exist.
    let alarms: Vec<(&Value, &Value)> = r.as_mapping().unwrap().iter().filter(|(_, v)| v["Type"] == "AWS::CloudWatch::Alarm").collect();
    for (name, alarm) in &alarms {
        assert_eq!(tagged_str(&alarm["Properties"]["AlarmActions"][0]), "!Ref AlarmTopicArn", "{name:?}");
    }
    let metric = |n: &str| r[n]["Properties"]["MetricName"].as_str().map(str::to_string);
    assert_eq!(metric("ApiServerErrorsAlarm").as_deref(), Some("5xx"));
    assert_eq!(metric("OutboxAgeAlarm").as_deref(), Some("OldestPendingSeconds"));
    assert_eq!(r["OutboxAgeAlarm"]["Properties"]["TreatMissingData"], "breaching", "a sweep that stopped running alarms too");
    assert_eq!(metric("MailBounceRateAlarm").as_deref(), Some("Reputation.BounceRate"));
    assert_eq!(metric("MailComplaintRateAlarm").as_deref(), Some("Reputation.ComplaintRate"));
    for (alarm, queue) in [("DeliveryFailuresAlarm", "DeliveryFailuresQueue"), ("JobFailuresAlarm", "JobFailuresQueue")] {
        assert_eq!(metric(alarm).as_deref(), Some("ApproximateNumberOfMessagesVisible"));
        assert_eq!(tagged_str(&r[alarm]["Properties"]["Dimensions"][0]["Value"]), format!("!GetAtt {queue}.QueueName"));
    }
    // The outbox's stream, and bounces back from SES.
    assert_eq!(r["Table"]["Properties"]["StreamSpecification"]["StreamViewType"], "KEYS_ONLY");
    let feedback = &r["MailFeedbackDestination"]["Properties"];
    assert_eq!(tagged_str(&feedback["ConfigurationSetName"]), "!Ref MailConfigurationSet");
    assert_eq!(tagged_str(&feedback["EventDestination"]["SnsDestination"]["TopicARN"]), "!Ref MailFeedbackTopic");
    // Old object versions and abandoned uploads do not pile up.
    let rules = r["DocumentsBucket"]["Properties"]["LifecycleConfiguration"]["Rules"].as_sequence().unwrap();
    assert!(rules.iter().any(|rule| rule["NoncurrentVersionExpiration"]["NoncurrentDays"].as_u64().is_some() && rule["Prefix"].is_null()));
    assert!(rules.iter().any(|rule| rule["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"].as_u64().is_some()));
}

#[test]
fn every_security_check_skipped_is_justified_in_the_readme() {
    let config = std::fs::read_to_string(root().join(".checkov.yaml")).unwrap();
    let skipped: Vec<&str> = config.lines().filter_map(|l| l.trim().strip_prefix("- CKV_")).collect();
    assert!(!skipped.is_empty());
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme.split("### Security checks").nth(1).expect("a README section on the security checks");
    for id in skipped {
        assert!(section.contains(&format!("CKV_{id}")), "CKV_{id} is skipped without a justification in the README");
    }
}

/// Signed conventions cannot be replaced or deleted, not even through the functions' own
/// permissions: the bucket policy denies every PutObject on `signed/` that lacks
/// `If-None-Match: *` and every deletion, to any principal; no function is granted a deletion
/// there; and the code writes those keys only through `Documents::put_once`.
#[test]
fn signed_conventions_are_write_once_for_everyone_functions_included() {
    let t = template().unwrap();
    let r = &t["Resources"];
    let statements = r["DocumentsBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"].as_sequence().unwrap();
    let signed = "!Sub ${DocumentsBucket.Arn}/signed/*";
    let deny = |action: &str| {
        statements.iter().find(|s| {
            s["Effect"] == "Deny"
                && s["Principal"] == "*"
                && tagged_str(&s["Resource"]) == signed
                && (s["Action"] == action || s["Action"].as_sequence().is_some_and(|a| a.iter().any(|x| x == action)))
        })
    };
    let put = deny("s3:PutObject").expect("a Deny of PutObject on signed/*");
    assert_eq!(put["Condition"]["Null"]["s3:if-none-match"], "true", "only a write that cannot replace is let through");
    for action in ["s3:DeleteObject", "s3:DeleteObjectVersion"] {
        let st = deny(action).unwrap_or_else(|| panic!("a Deny of {action} on signed/*"));
        assert!(st["Condition"].is_null(), "{action} is denied unconditionally");
    }
    let rules = r["DocumentsBucket"]["Properties"]["LifecycleConfiguration"]["Rules"].as_sequence().unwrap();
    let retention = rules.iter().find(|rule| rule["Prefix"] == "signed/").expect("a lifecycle rule for signed/");
    assert!(retention["ExpirationInDays"].as_u64().unwrap() >= 7 * 366, "kept beyond the retention (6 years after the year)");
    for (name, f) in r.as_mapping().unwrap() {
        if f["Type"] == "AWS::Serverless::Function" {
            let (_, s3) = grants(f);
            assert!(!s3.iter().any(|g| g.starts_with("s3:Delete") && g.ends_with("signed/*")), "{name:?} may not delete signed/");
        }
    }
    for (path, text) in sources("functions/src").into_iter().chain(sources("shared/src")) {
        if path == "shared/src/documents/keys.rs" {
            continue;
        }
        for line in text.lines().filter(|l| ["signed_convention(", "signature_evidence(", "signed_original("].iter().any(|k| l.contains(k)))
        {
            assert!(
                !line.contains(".put(") && !line.contains("store_pdf") && !line.contains("delete"),
                "{path}: a signed key is written only through put_once: {line}"
            );
        }
        assert!(!text.contains("keys::SIGNED") || path == "shared/src/documents/keys.rs", "{path}: no one lists or deletes signed/");
    }
}

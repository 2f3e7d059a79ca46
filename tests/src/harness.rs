//! The integration-test harness: each test gets its own table and bucket in the emulator
//! (started by `make test`, found through `AWS_ENDPOINT_URL`), loaded with the demo data,
//! an `App` wired to real SDK clients, and helpers to send it real API Gateway v2 events
//! from `events/`. A DynamoDB interceptor counts the requests each call makes.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use aws_config::{BehaviorVersion, SdkConfig};
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use functions::routes::{self, Endpoint};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use lambda_http::Body;
use serde_json::Value;
use shared::aws::Clients;
use shared::config::Config;
use shared::App;

use crate::demo::DemoUser;
use crate::infra::{self, BoxError};

/// Counts DynamoDB requests sent (each attempt, retries included).
#[derive(Debug, Clone, Default)]
pub struct RequestCounter(pub Arc<AtomicUsize>);

impl Intercept for RequestCounter {
    fn name(&self) -> &'static str {
        "RequestCounter"
    }
    fn read_before_transmit(
        &self,
        _ctx: &BeforeTransmitInterceptorContextRef<'_>,
        _rc: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), aws_smithy_runtime_api::box_error::BoxError> {
        self.0.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }
}

pub fn emulator_endpoint() -> String {
    std::env::var("AWS_ENDPOINT_URL").expect("AWS_ENDPOINT_URL is not set: run the tests with `make test`, which starts the emulator")
}

pub async fn sdk_config() -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest()).load().await
}

/// Configuration for a local stack: a table, a bucket, and the local sender and base URL.
pub fn local_config(table: &str, bucket: &str, base_url: &str) -> Result<Config, shared::config::ConfigError> {
    let base_url = base_url.to_string();
    let (table, bucket) = (table.to_string(), bucket.to_string());
    Config::from_lookup(move |k| match k {
        "TABLE_NAME" => Some(table.clone()),
        "BUCKET_NAME" => Some(bucket.clone()),
        "MAIL_FROM" => Some("Mécénat de compétences <no-reply@mecenat.example>".into()),
        "SUPPORT_EMAIL" => Some("support@mecenat.example".into()),
        "PUBLIC_BASE_URL" => Some(base_url.clone()),
        // The frontend's screens: locally, the local API's stand-in under /_front.
        "FRONTEND_URL" => Some(format!("{base_url}{}", crate::local::FRONTEND_PREFIX)),
        "CATALOGUE_MAX_AGE_MS" => Some("0".into()),
        _ => None,
    })
}

/// Creates the table, bucket and SES identity a configuration names, from the template.
pub async fn provision(clients: &Clients, config: &Config, region: &str) -> Result<(), BoxError> {
    infra::create_table(&clients.dynamo, &config.table_name).await?;
    infra::create_bucket(&clients.s3, &config.bucket_name, region).await?;
    infra::create_mail_identity(&clients.ses, &config.mail_from).await?;
    Ok(())
}

pub struct TestEnv {
    pub app: Arc<App>,
    pub dynamo_requests: RequestCounter,
    pub table: String,
    /// The `deliver-emails` function's own instance (its own clients, uncounted), fed by the
    /// table's stream after every call, as Lambda's event source mapping feeds it.
    deliverer: std::sync::RwLock<Arc<App>>,
    stream: crate::stream::TableStream,
    sdk: SdkConfig,
}

/// A response as a test reads it.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: Value,
    pub raw: String,
}

impl TestEnv {
    /// A fresh table and bucket with the demo data, and an app using them.
    pub async fn new() -> TestEnv {
        Self::try_new().await.expect("test environment")
    }

    /// The same, with the app's clock fixed at `at` (move it with `app.set_now`).
    pub async fn new_at(at: &str) -> TestEnv {
        let at: chrono::DateTime<chrono::Utc> = at.parse().expect("an RFC 3339 instant");
        Self::try_new_with(Some(at)).await.expect("test environment")
    }

    pub async fn try_new() -> Result<TestEnv, BoxError> {
        Self::try_new_with(None).await
    }

    async fn try_new_with(clock: Option<chrono::DateTime<chrono::Utc>>) -> Result<TestEnv, BoxError> {
        let _ = emulator_endpoint();
        let sdk = sdk_config().await;
        let counter = RequestCounter::default();
        let dynamo =
            aws_sdk_dynamodb::Client::from_conf(aws_sdk_dynamodb::config::Builder::from(&sdk).interceptor(counter.clone()).build());
        let clients = Clients { dynamo, s3: shared::aws::s3_client(&sdk), ses: aws_sdk_sesv2::Client::new(&sdk) };
        let id = uuid::Uuid::new_v4().simple().to_string();
        let table = format!("test-{id}");
        let config = local_config(&table, &format!("test-{}", &id[..20]), TEST_BASE_URL)?;
        let region = sdk.region().map(|r| r.to_string()).unwrap_or_else(|| "eu-west-3".into());
        provision(&clients, &config, &region).await?;
        crate::demo::load(&clients.dynamo, &table).await?;
        let deliverer = Arc::new(App::new(config.clone(), Clients::from_sdk_config(&sdk)));
        let stream = crate::stream::TableStream::of(&sdk, &clients.dynamo, &table).await?;
        let app = App::new(config, clients);
        let app = Arc::new(match clock {
            Some(at) => app.with_fixed_clock(at),
            None => app,
        });
        counter.0.store(0, Ordering::SeqCst);
        Ok(TestEnv { app, dynamo_requests: counter, table, deliverer: std::sync::RwLock::new(deliverer), stream, sdk })
    }

    /// What the table's stream announced since the last time, delivered by `deliver-emails`
    /// (its answers: the `batchItemFailures` of each batch).
    /// Serves this environment's functions behind a local HTTP address, as `make dev` does
    /// (for a browser or a plain HTTP client); its base URL.
    pub async fn serve_locally(&self) -> String {
        let api = Arc::new(crate::local::LocalApi { app: self.app.clone(), key: crate::local::TokenKey::random(), emulator: None });
        format!("http://{}", crate::local::spawn(api, 0).await.expect("a loopback port"))
    }

    pub async fn deliver(&self) -> Vec<Value> {
        let deliverer = self.deliverer();
        self.stream.pump(&deliverer).await.expect("the table's stream and deliver-emails")
    }

    pub fn deliverer(&self) -> Arc<App> {
        self.deliverer.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// From now on the deliverer sends through `ses_endpoint` (a failing one, to inject SES
    /// faults), or through the emulator again (`None`), as a restarted instance would: a new
    /// `App`, new clients. The SDK's own retries are off with a failing endpoint, so that a
    /// test does not wait for them (the outbox's retries are what is tested).
    pub fn restart_deliverer(&self, ses_endpoint: Option<&str>) {
        let mut clients = Clients::from_sdk_config(&self.sdk);
        if let Some(url) = ses_endpoint {
            let conf = aws_sdk_sesv2::config::Builder::from(&self.sdk)
                .endpoint_url(url)
                .retry_config(aws_config::retry::RetryConfig::disabled())
                .build();
            clients.ses = aws_sdk_sesv2::Client::from_conf(conf);
        }
        let app = Arc::new(App::new(self.app.config.clone(), clients));
        *self.deliverer.write().unwrap_or_else(|p| p.into_inner()) = app;
    }

    /// The sweep, run by the deliverer's instance over every pending envelope whatever its age
    /// (what an operator's `{"all": true}` does).
    pub async fn sweep_all(&self) -> Value {
        routes::run(routes::Job::SweepOutbox, &self.deliverer(), serde_json::json!({ "all": true }))
            .await
            .unwrap_or_else(|e| panic!("sweep: {e}"))
    }

    /// The envelopes not delivered yet, oldest first.
    pub async fn pending_envelopes(&self) -> Vec<shared::outbox::Envelope> {
        let mut out = Vec::new();
        for p in shared::store::outbox::pending(&self.app.store, None, 100).await.expect("pending envelopes") {
            out.extend(shared::store::outbox::get(&self.app.store, &p.id).await.expect("an envelope"));
        }
        out
    }

    /// Runs a scheduled or triggered job as its function would, then delivers what it queued.
    pub async fn run_job(&self, job: routes::Job, event: Value) -> Value {
        let report = routes::run(job, &self.app, event).await.unwrap_or_else(|e| panic!("{job:?}: {e}"));
        self.deliver().await;
        report
    }

    pub fn dynamo_count(&self) -> usize {
        self.dynamo_requests.0.load(Ordering::SeqCst)
    }

    pub fn reset_count(&self) {
        self.dynamo_requests.0.store(0, Ordering::SeqCst)
    }

    /// Sends `endpoint` the sample event of `events/<function>.json`, edited: the caller's
    /// claims, the concrete path with its parameters, the query string and the body.
    pub async fn call(&self, endpoint: Endpoint, caller: Option<&DemoUser>, path: &str, query: &str, body: Option<&str>) -> Reply {
        let req = event_request(endpoint, caller.map(|u| (u.sub, u.email)), path, query, body);
        let r = reply(routes::dispatch(endpoint, &self.app, req).await);
        record(endpoint, &r);
        self.deliver().await;
        r
    }

    /// The same with claims of someone who is not a demo user.
    pub async fn call_as(&self, endpoint: Endpoint, sub: &str, email: &str, path: &str, query: &str, body: Option<&str>) -> Reply {
        let req = event_request(endpoint, Some((sub, email)), path, query, body);
        let r = reply(routes::dispatch(endpoint, &self.app, req).await);
        record(endpoint, &r);
        self.deliver().await;
        r
    }
}

/// Every answer the stories get, one JSON line each in `target/test-artifacts/responses/`:
/// `make test` checks them all against openapi.yaml afterwards (the status is documented for
/// the operation, the body matches its schema), so that the document stays true of what the
/// handlers really answer, successes included.
fn record(endpoint: Endpoint, r: &Reply) {
    use std::io::Write;
    static FILE: std::sync::OnceLock<Option<std::sync::Mutex<std::fs::File>>> = std::sync::OnceLock::new();
    let file = FILE.get_or_init(|| {
        let dir = crate::infra::root().join("target/test-artifacts/responses");
        std::fs::create_dir_all(&dir).ok()?;
        let path = dir.join(format!("{}.jsonl", std::process::id()));
        std::fs::File::create(path).ok().map(std::sync::Mutex::new)
    });
    let Some(file) = file else { return };
    let line = serde_json::json!({
        "method": endpoint.method(),
        "path": endpoint.path(),
        "status": r.status,
        "content_type": r.content_type,
        "body": if r.content_type.contains("json") { r.body.clone() } else { Value::Null },
    });
    if let Ok(mut f) = file.lock() {
        let _ = writeln!(f, "{line}");
    }
}

/// A loopback HTTP endpoint that answers every request with `status` and the AWS error
/// `code` (SES failing: 500 `InternalFailure`; throttling: 429 `TooManyRequestsException`):
/// where a test points a client to inject faults the emulator cannot show.
pub async fn failing_endpoint(status: u16, code: &'static str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let addr = listener.local_addr().expect("its address");
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else { return };
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |_req: hyper::Request<hyper::body::Incoming>| async move {
                    hyper::Response::builder()
                        .status(status)
                        .header("content-type", "application/json")
                        .header("x-amzn-errortype", code)
                        .body(http_body_util::Full::new(Bytes::from(format!(r#"{{"message":"{code} (injected)"}}"#))))
                });
                let _ = hyper::server::conn::http1::Builder::new().serve_connection(hyper_util::rt::TokioIo::new(stream), service).await;
            });
        }
    });
    format!("http://{addr}")
}

/// A person created for one test, so that the e-mails they get are theirs alone.
#[derive(Debug, Clone)]
pub struct Person {
    pub sub: String,
    pub email: String,
    pub first_name: String,
}

impl TestEnv {
    /// Registers a new employee of a demo company (domain `bpifrance.example` or `aubay.example`).
    pub async fn new_employee(&self, first_name: &str, domain: &str, entity: &str) -> Person {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let person = Person {
            sub: format!("test-{id}"),
            email: format!("{}.{}@{domain}", first_name.to_lowercase(), &id[..12]),
            first_name: first_name.to_string(),
        };
        let body = format!(
            r#"{{"first_name":"{first_name}","last_name":"Test","entity_id":"{entity}","phone":"06 10 20 30 40","gdpr_consent":true,"gdpr_consent_version":"{}"}}"#,
            shared::texts::consent::VERSION
        );
        let r = self.call_as(Endpoint::RegisterEmployee, &person.sub, &person.email, "/me/registration", "", Some(&body)).await;
        assert_eq!(r.status, 201, "registration of {}: {}", person.email, r.raw);
        person
    }

    pub async fn call_by(&self, endpoint: Endpoint, who: &Person, path: &str, query: &str, body: Option<&str>) -> Reply {
        self.call_as(endpoint, &who.sub, &who.email, path, query, body).await
    }
}

/// The public base URL of the test stacks (their e-mails' links start with it).
pub const TEST_BASE_URL: &str = "http://127.0.0.1:3000";

/// The e-mails sent so far to `address`, oldest first. Every link of every e-mail a story
/// reads is checked: it must open something that works for its reader (`link_problems`).
pub async fn emails_to(address: &str) -> Vec<Value> {
    let all = sent_emails(&emulator_endpoint()).await.expect("read the emulator's e-mails");
    let mine: Vec<Value> = all
        .into_iter()
        .filter(|m| {
            let to = &m["destinations"]["ToAddresses"];
            to.as_array().is_some_and(|a| a.iter().any(|x| x.as_str() == Some(address)))
                || m["destinations"].as_array().is_some_and(|a| a.iter().any(|x| x.as_str() == Some(address)))
        })
        .collect();
    for m in &mine {
        let problems = link_problems(m);
        assert!(problems.is_empty(), "links that would not open for their reader: {problems:?}\nin {m}");
    }
    mine
}

/// The links of an e-mail (its HTML body, or the text part of a raw message).
/// The token of the last link under `path` (`/decisions/`) e-mailed to `address`.
pub async fn last_link_token(address: &str, path: &str) -> String {
    let mails = emails_to(address).await;
    let html = mails.last().unwrap_or_else(|| panic!("no mail to {address}"))["body"].as_str().unwrap_or_default().to_string();
    let start = html.find(path).unwrap_or_else(|| panic!("no link to {path} in {html}")) + path.len();
    html[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

pub fn links_of(mail: &Value) -> Vec<String> {
    let text = match mail["raw_data"].as_str() {
        Some(raw) => mime_text(raw),
        None => mail["body"].as_str().unwrap_or_default().replace("&amp;", "&"),
    };
    let mut links = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find("http") {
        let candidate: String =
            rest[i..].chars().take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '<' | '>' | ')')).collect();
        rest = &rest[i + candidate.len().max(4)..];
        if candidate.starts_with("http://") || candidate.starts_with("https://") {
            links.push(candidate.trim_end_matches(['.', ',', ';']).to_string());
        }
    }
    links
}

/// The links of an e-mail that would not open for the person who receives it: under the
/// platform's address, a link must be a documented screen of the frontend (`shared::links::
/// SCREENS`) or a page that needs no account (a public GET route); anything else (an API
/// route that wants a bearer token) answers 401 in a browser.
pub fn link_problems(mail: &Value) -> Vec<String> {
    let frontend = format!("{TEST_BASE_URL}{}", crate::local::FRONTEND_PREFIX);
    links_of(mail)
        .into_iter()
        .filter(|link| {
            let path = |prefix: &str| link[prefix.len()..].split(['?', '#']).next().unwrap_or_default().to_string();
            if link.starts_with(&frontend) {
                shared::links::screen_of(&path(&frontend)).is_none()
            } else if link.starts_with(TEST_BASE_URL) {
                !routes::route("GET", &path(TEST_BASE_URL)).is_some_and(|(e, _)| e.is_public())
            } else {
                false
            }
        })
        .collect()
}

/// The SNS event SES's configuration set sends for a permanent bounce of `email`.
pub fn bounce_event(email: &str) -> Value {
    let message = serde_json::json!({
        "eventType": "Bounce",
        "bounce": { "bounceType": "Permanent", "bounceSubType": "General", "bouncedRecipients": [{ "emailAddress": email }] },
        "mail": { "destination": [email] }
    });
    serde_json::json!({ "Records": [{ "EventSource": "aws:sns", "Sns": { "Type": "Notification", "Message": message.to_string() } }] })
}

pub fn event_json(endpoint: Endpoint) -> Value {
    let path = infra::root().join("events").join(format!("{}.json", endpoint.name()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sample EventBridge event of a scheduled job (`events/<job>.json`).
pub fn event_json_job(job: routes::Job) -> Value {
    let path = infra::root().join("events").join(format!("{}.json", job.function().replace('_', "-")));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A `lambda_http::Request` parsed from an edited API Gateway v2 event.
pub fn event_request(
    endpoint: Endpoint,
    claims: Option<(&str, &str)>,
    path: &str,
    query: &str,
    body: Option<&str>,
) -> lambda_http::Request {
    let ev = event_value(endpoint, claims, path, query, body);
    lambda_http::request::from_str(&ev.to_string()).expect("a valid API Gateway v2 event")
}

/// The endpoint's sample API Gateway v2 event (`events/`), edited: caller, path, query, body.
pub fn event_value(endpoint: Endpoint, claims: Option<(&str, &str)>, path: &str, query: &str, body: Option<&str>) -> Value {
    let mut ev = event_json(endpoint);
    ev["rawPath"] = Value::from(path);
    ev["requestContext"]["http"]["path"] = Value::from(path);
    ev["rawQueryString"] = Value::from(query);
    match claims {
        Some((sub, email)) => {
            ev["requestContext"]["authorizer"]["jwt"]["claims"]["sub"] = Value::from(sub);
            ev["requestContext"]["authorizer"]["jwt"]["claims"]["email"] = Value::from(email);
        }
        None => {
            if let Some(ctx) = ev["requestContext"].as_object_mut() {
                ctx.remove("authorizer");
            }
        }
    }
    let params = endpoint.match_path(path).unwrap_or_else(|| panic!("{path} is not a path of {endpoint:?}"));
    if params.is_empty() {
        if let Some(o) = ev.as_object_mut() {
            o.remove("pathParameters");
        }
    } else {
        ev["pathParameters"] = Value::Object(params.into_iter().map(|(k, v)| (k, Value::from(v))).collect());
    }
    match body {
        Some(b) => ev["body"] = Value::from(b),
        None => {
            if let Some(o) = ev.as_object_mut() {
                o.remove("body");
            }
        }
    }
    ev
}

/// Attributes of stored items that no response may show: keys, index attributes, the hash of
/// a link's token, the allowance ledger, the state to return to.
pub const INTERNAL_ATTRIBUTES: &[&str] = &[
    "token_hash",
    "ledger",
    "state_before",
    "PK",
    "SK",
    "GSI1PK",
    "GSI1SK",
    "GSI2PK",
    "GSI2SK",
    "GSI3PK",
    "GSI3SK",
    "GSI4PK",
    "GSI4SK",
    "entity_type",
    "claimed_until",
    "lease_id",
];

/// The internal attributes a JSON body shows, with their paths.
pub fn internal_state(body: &Value, path: &str) -> Vec<String> {
    match body {
        Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| {
                let here = format!("{path}.{k}");
                let mut found = if INTERNAL_ATTRIBUTES.contains(&k.as_str()) { vec![here.clone()] } else { vec![] };
                found.extend(internal_state(v, &here));
                found
            })
            .collect(),
        Value::Array(items) => items.iter().enumerate().flat_map(|(i, v)| internal_state(v, &format!("{path}[{i}]"))).collect(),
        _ => vec![],
    }
}

pub fn reply(resp: lambda_http::Response<Body>) -> Reply {
    let status = resp.status().as_u16();
    let content_type = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let raw = match resp.into_body() {
        Body::Text(t) => t,
        Body::Binary(b) => String::from_utf8_lossy(&b).into_owned(),
        _ => String::new(),
    };
    let body = serde_json::from_str(&raw).unwrap_or(Value::Null);
    // Every response of every story: a view built for its reader, no stored item's internals.
    let leaked = internal_state(&body, "");
    assert!(leaked.is_empty(), "the response shows internal state {leaked:?}: {raw}");
    Reply { status, content_type, body, raw }
}

/// Any HTTP request on loopback: status, headers and body.
pub async fn http_request(
    method: &str,
    url: &str,
    content_type: Option<&str>,
    body: &str,
) -> Result<(u16, hyper::HeaderMap, String), BoxError> {
    let client =
        hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build_http::<http_body_util::Full<Bytes>>();
    let mut req = hyper::Request::builder().method(method).uri(url);
    if let Some(ct) = content_type {
        req = req.header("content-type", ct);
    }
    let resp = client.request(req.body(http_body_util::Full::new(Bytes::from(body.to_string())))?).await?;
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let bytes = resp.into_body().collect().await?.to_bytes();
    Ok((status, headers, String::from_utf8_lossy(&bytes).into_owned()))
}

/// The bytes at a URL on loopback (a presigned S3 URL of the emulator).
pub async fn http_get_bytes(url: &str) -> Result<(u16, Vec<u8>), BoxError> {
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let resp = client.request(hyper::Request::get(url).body(Empty::new())?).await?;
    let status = resp.status().as_u16();
    Ok((status, resp.into_body().collect().await?.to_bytes().to_vec()))
}

/// The text of a PDF, as `pdftotext -layout` reads it.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("pdf-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("doc.pdf");
    std::fs::write(&file, pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext is installed by `make test` (poppler-utils)");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A plain HTTP GET on loopback (the emulator's /moto-api/, the local API).
pub async fn http_get(url: &str, bearer: Option<&str>) -> Result<(u16, String), BoxError> {
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let mut req = hyper::Request::get(url);
    if let Some(t) = bearer {
        req = req.header("authorization", format!("Bearer {t}"));
    }
    let resp = client.request(req.body(Empty::new())?).await?;
    let status = resp.status().as_u16();
    let bytes = resp.into_body().collect().await?.to_bytes();
    Ok((status, String::from_utf8_lossy(&bytes).into_owned()))
}

/// E-mails the emulator's SES received: `{from, to, subject, body}` (Simple) or `{from, to, raw}` (Raw).
/// Read from the emulator's SES part of moto's `/moto-api/data.json` (`scripts/emulator.py`):
/// the whole data.json walks every object the emulator holds, all tests' tables included.
pub async fn sent_emails(endpoint: &str) -> Result<Vec<Value>, BoxError> {
    let (status, text) = http_get(&format!("{}/_emulator/ses.json", endpoint.trim_end_matches('/')), None).await?;
    if status != 200 {
        return Err(format!("the emulator's sent e-mails: HTTP {status} (is it scripts/emulator.py?)").into());
    }
    let data: Value = serde_json::from_str(&text)?;
    let mut out = Vec::new();
    let ses = &data["ses"];
    for kind in ["Message", "RawMessage"] {
        if let Some(by_account) = ses[kind].as_object() {
            for v in by_account.values() {
                let list: Vec<Value> = match v {
                    Value::Array(a) => a.clone(),
                    Value::Object(o) => o.values().cloned().collect(),
                    _ => vec![],
                };
                out.extend(list);
            }
        } else if let Some(list) = ses[kind].as_array() {
            out.extend(list.iter().cloned());
        }
    }
    // A raw message reads like a simple one too: its decoded subject, its text part.
    for m in &mut out {
        if let Some(raw) = m["raw_data"].as_str().map(str::to_string) {
            m["subject"] = Value::from(mime_header(&raw, "Subject").map(|s| decode_words(&s)).unwrap_or_default());
            m["body"] = Value::from(mime_text(&raw));
        }
    }
    Ok(out)
}

/// A header value with its RFC 2047 encoded words (`=?utf-8?B?…?=`, `=?utf-8?Q?…?=`) decoded.
pub fn decode_words(value: &str) -> String {
    use base64::Engine;
    let mut out = Vec::new();
    let mut rest = value;
    let mut after_word = false;
    while !rest.is_empty() {
        let Some(start) = rest.find("=?") else {
            out.extend_from_slice(rest.as_bytes());
            break;
        };
        let between = &rest[..start];
        if !(after_word && between.trim().is_empty()) {
            out.extend_from_slice(between.as_bytes());
        }
        let word = &rest[start + 2..];
        let parts: Vec<&str> = word.splitn(3, '?').collect();
        let Some(end) = parts.get(2).and_then(|t| t.find("?=")) else {
            out.extend_from_slice(&rest.as_bytes()[start..]);
            break;
        };
        let text = &parts[2][..end];
        match parts[1].to_ascii_uppercase().as_str() {
            "B" => out.extend(base64::engine::general_purpose::STANDARD.decode(text).unwrap_or_default()),
            _ => out.extend(shared::http::decode_escapes(&text.replace('_', " "), b'=').into_bytes()),
        }
        after_word = true;
        rest = &parts[2][end + 2..];
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The events of the calendar file (`.ics`) attached to a raw message, parsed by Python's
/// `icalendar` (a standard parser, not ours): summary, start and end with their time zone,
/// location, for each event.
pub fn ics_events(raw: &str, filename: &str) -> Vec<Value> {
    let ics = mime_attachment(raw, filename).unwrap_or_else(|| panic!("no attachment {filename}"));
    calendar_events(&ics)
}

/// The entries of a zip archive (name, size, first bytes), as Python's `zipfile` reads them
/// (and checks their CRC).
pub fn zip_entries(zip: &[u8]) -> Vec<Value> {
    let script = r#"
import io, json, sys, zipfile
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
assert z.testzip() is None
print(json.dumps([{"name": i.filename, "size": i.file_size, "text": z.read(i).decode("utf-8", "replace")[:400]} for i in z.infolist()]))
"#;
    run_python(script, zip)
}

fn run_python(script: &str, input: &[u8]) -> Vec<Value> {
    let python = crate::infra::root().join(".venv/bin/python");
    let mut child = std::process::Command::new(&python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{} cannot run ({e}): run the tests with `make test`, which installs it", python.display()));
    use std::io::Write;
    child.stdin.take().expect("stdin").write_all(input).expect("write the input");
    let output = child.wait_with_output().expect("python");
    assert!(output.status.success(), "Python could not read it");
    serde_json::from_slice(&output.stdout).expect("JSON")
}

/// The events of a calendar file, as Python's `icalendar` reads them.
pub fn calendar_events(ics: &[u8]) -> Vec<Value> {
    let script = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = []
for e in cal.walk("VEVENT"):
    start, end = e.decoded("DTSTART"), e.decoded("DTEND")
    out.append({"summary": str(e.get("SUMMARY")), "location": str(e.get("LOCATION", "")), "start": start.isoformat(), "end": end.isoformat(), "tz": str(start.tzinfo), "uid": str(e.get("UID"))})
print(json.dumps(out))
"#;
    run_python(script, ics)
}

/// A header of a raw MIME message (unfolded), e.g. `List-Unsubscribe`.
pub fn mime_header(raw: &str, name: &str) -> Option<String> {
    let head = raw.split("\r\n\r\n").next().unwrap_or_default().replace("\r\n ", " ").replace("\r\n\t", " ");
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// The decoded `text/plain` part of a raw MIME message (quoted-printable, base64 or 8bit).
pub fn mime_text(raw: &str) -> String {
    for part in raw.split("\r\n--") {
        let Some((head, body)) = part.split_once("\r\n\r\n") else { continue };
        let head_l = head.to_ascii_lowercase();
        if !head_l.contains("content-type: text/plain") {
            continue;
        }
        let body = body.split("\r\n--").next().unwrap_or_default();
        if head_l.contains("content-transfer-encoding: base64") {
            use base64::Engine;
            let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
            let bytes = base64::engine::general_purpose::STANDARD.decode(compact).unwrap_or_default();
            return String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
        }
        if head_l.contains("content-transfer-encoding: quoted-printable") {
            let joined = body.replace("=\r\n", "");
            return shared::http::decode_escapes(&joined, b'=').replace("\r\n", "\n");
        }
        return body.replace("\r\n", "\n");
    }
    String::new()
}

/// The bytes of the attachment named `filename` in a raw MIME message.
pub fn mime_attachment(raw: &str, filename: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let part = raw.split("\r\n--").find(|p| p.split_once("\r\n\r\n").is_some_and(|(head, _)| head.contains(filename)))?;
    let (head, body) = part.split_once("\r\n\r\n")?;
    let head = head.to_ascii_lowercase();
    if head.contains("content-transfer-encoding: quoted-printable") {
        return Some(shared::http::decode_escapes(&body.replace("=\r\n", ""), b'=').into_bytes());
    }
    if !head.contains("content-transfer-encoding: base64") {
        return Some(body.as_bytes().to_vec());
    }
    let compact: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD.decode(compact).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_are_decoded() {
        assert_eq!(decode_words("=?utf-8?B?VGVzIGRhdGVzIHNvbnQgdmFsaWTDqWVz?="), "Tes dates sont validées");
        assert_eq!(decode_words("=?utf-8?Q?valid=C3=A9es?= =?utf-8?Q?_ici?= fin"), "validées ici fin");
        assert_eq!(decode_words("plain"), "plain");
    }

    #[test]
    fn a_link_to_an_api_route_is_a_link_that_does_not_open() {
        let mail = |body: &str| serde_json::json!({ "body": body });
        let bad = mail(r#"<a href="http://127.0.0.1:3000/missions/apte-crowdfunding">Voir la mission</a>"#);
        assert_eq!(link_problems(&bad), vec!["http://127.0.0.1:3000/missions/apte-crowdfunding".to_string()]);
        let screen = mail(r#"<a href="http://127.0.0.1:3000/_front/missions/apte-crowdfunding">Voir</a>"#);
        assert!(link_problems(&screen).is_empty());
        let unknown_screen = mail(r#"<a href="http://127.0.0.1:3000/_front/admin">x</a>"#);
        assert_eq!(link_problems(&unknown_screen).len(), 1);
        let page = mail("Ouvre http://127.0.0.1:3000/decisions/abc. Merci");
        assert!(link_problems(&page).is_empty());
        assert!(link_problems(&mail("https://forms.example.org/pre-test")).is_empty(), "links elsewhere are not ours to check");
    }
}

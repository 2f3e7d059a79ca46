//! The local API: every function of the route table behind one HTTP address, with the
//! same routes as the deployed HTTP API, and a local-only token issuer standing in for the
//! JWT authorizer. Requests become the API Gateway v2 requests the functions receive
//! (path parameters, query string, `requestContext.authorizer.jwt.claims`).
//!
//! Local tokens are `local.<claims>.<HMAC-SHA256>` signed with a key drawn at start-up.
//! Only this server understands them: a deployed stack's authorizer checks the identity
//! provider's signatures and rejects them.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use functions::routes::{self, ENDPOINTS};
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use lambda_http::aws_lambda_events::apigw::{
    ApiGatewayRequestAuthorizer, ApiGatewayRequestAuthorizerJwtDescription, ApiGatewayV2httpRequestContext,
};
use lambda_http::request::RequestContext;
use lambda_http::{Body, RequestExt};
use sha2::Sha256;
use shared::App;
use tokio::net::TcpListener;

use crate::infra::BoxError;

#[derive(Clone)]
pub struct TokenKey(Arc<Vec<u8>>);

impl TokenKey {
    pub fn random() -> Self {
        TokenKey(Arc::new(uuid::Uuid::new_v4().as_bytes().iter().chain(uuid::Uuid::new_v4().as_bytes()).copied().collect()))
    }

    fn mac(&self, payload: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(payload.as_bytes());
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    /// A token for these claims (`sub`, `email` at least).
    pub fn issue(&self, sub: &str, email: &str) -> String {
        let claims = serde_json::json!({ "sub": sub, "email": email, "email_verified": "true", "iss": "local-dev" });
        let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
        format!("local.{payload}.{}", self.mac(&payload))
    }

    /// The claims of a token this key signed.
    pub fn verify(&self, token: &str) -> Option<HashMap<String, String>> {
        let rest = token.strip_prefix("local.")?;
        let (payload, sig) = rest.split_once('.')?;
        let expected = self.mac(payload);
        if expected.len() != sig.len() || !expected.bytes().zip(sig.bytes()).fold(true, |ok, (a, b)| ok & (a == b)) {
            return None;
        }
        let json: serde_json::Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).ok()?).ok()?;
        let map = json.as_object()?;
        Some(map.iter().map(|(k, v)| (k.clone(), v.as_str().map(String::from).unwrap_or_else(|| v.to_string()))).collect())
    }
}

/// Where the local API serves its stand-in for the frontend's screens (`FRONTEND_URL` locally).
pub const FRONTEND_PREFIX: &str = "/_front";

/// The stand-in for a frontend screen: which screen, which ids, and the API call the real
/// screen would make (a newcomer clicking a local e-mail's link lands somewhere).
pub fn frontend_stand_in(path: &str) -> Option<String> {
    let (template, params) = shared::links::screen_of(path)?;
    let what = shared::links::SCREENS.iter().find(|(t, _)| *t == template).map(|(_, w)| *w).unwrap_or_default();
    let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
    let ids: String = params.iter().map(|(k, v)| format!("<li><code>{k}</code> = <code>{}</code></li>", esc(v))).collect();
    // The API call behind the screen: the same path on the API, but for the invitations,
    // which the screen accepts with a POST (no link to follow then).
    const ACCEPTED_BY_POST: &[(&str, &str)] =
        &[("/invitations/{token}", "/facilitation-invitations/"), ("/role-invitations/{token}", "/role-invitations/")];
    let post = ACCEPTED_BY_POST.iter().find(|(t, _)| *t == template).map(|(_, api)| format!("POST {api}{}", esc(&params[0].1)));
    let api = post.clone().unwrap_or_else(|| format!("GET {}", esc(path)));
    Some(format!(
        r#"<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Écran du frontend</title></head><body style="font-family:Arial,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;line-height:1.5"><h1>Écran du frontend : {template}</h1><p>Ici, le frontend hébergé affiche {what}.</p><ul>{ids}</ul><p>Il appellerait l'API : <code>{api}</code> (avec le jeton de la personne connectée ; en local : <code>/_local/token</code>).</p><p><a href="{api_path}">Voir la réponse de l'API</a> (un jeton est demandé).</p></body></html>"#,
        api_path = if post.is_some() { String::new() } else { esc(path) },
    ))
}

pub struct LocalApi {
    pub app: Arc<App>,
    pub key: TokenKey,
    /// Where the emulator is, to show the e-mails it received.
    pub emulator: Option<String>,
}

type Resp = hyper::Response<Full<Bytes>>;

/// The period of an EventBridge `rate(...)` expression; `None` for a `cron(...)` one (run
/// those on demand).
pub fn schedule_period(expression: &str) -> Option<std::time::Duration> {
    let inner = expression.trim().strip_prefix("rate(")?.trim_end_matches(')');
    let mut parts = inner.split_whitespace();
    let n: u64 = parts.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let unit = match parts.next().unwrap_or("minutes").trim_end_matches('s') {
        "second" => 1,
        "hour" => 3600,
        "day" => 86_400,
        _ => 60,
    };
    Some(std::time::Duration::from_secs(n.max(1) * unit))
}

fn respond(status: u16, content_type: &str, body: impl Into<Bytes>) -> Resp {
    hyper::Response::builder()
        .status(status)
        .header("content-type", content_type)
        .body(Full::new(body.into()))
        .unwrap_or_else(|_| hyper::Response::new(Full::new(Bytes::new())))
}

fn decode_component(s: &str) -> String {
    shared::http::percent_decode(&s.replace('+', " "))
}

pub fn parse_query(raw: &str) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    for pair in raw.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        map.entry(decode_component(k)).or_default().push(decode_component(v));
    }
    map
}

impl LocalApi {
    pub async fn handle(&self, req: hyper::Request<Incoming>) -> Resp {
        let (parts, body) = req.into_parts();
        let bytes = match body.collect().await {
            Ok(b) => b.to_bytes(),
            Err(_) => return respond(400, "text/plain", "bad body"),
        };
        self.handle_parts(parts, bytes).await
    }

    pub async fn handle_parts(&self, parts: http::request::Parts, bytes: Bytes) -> Resp {
        let path = parts.uri.path().to_string();
        let raw_query = parts.uri.query().unwrap_or_default().to_string();
        let query = parse_query(&raw_query);
        if let Some(local) = path.strip_prefix("/_local/") {
            return self.local_route(local, &query).await;
        }
        if let Some(screen) = path.strip_prefix(FRONTEND_PREFIX) {
            return match frontend_stand_in(screen) {
                Some(page) => respond(200, "text/html; charset=utf-8", page),
                None => respond(404, "text/plain; charset=utf-8", "Aucun écran du frontend à cette adresse."),
            };
        }
        let Some((endpoint, params)) = routes::route(parts.method.as_str(), &path) else {
            let known_path = ENDPOINTS.iter().any(|e| e.match_path(&path).is_some());
            let problem = if known_path {
                shared::ApiError::MethodNotAllowed
            } else {
                shared::ApiError::NotFound(shared::texts::err::ROUTE_NOT_FOUND.into())
            };
            let r = problem.into_response();
            let mut resp = respond(r.status().as_u16(), "application/problem+json; charset=utf-8", body_bytes(r.into_body()));
            if known_path {
                // A 405 says what the address answers.
                let allow = functions::routes::Endpoint::allowed_on(&path).join(", ");
                if let Ok(v) = hyper::header::HeaderValue::from_str(&allow) {
                    resp.headers_mut().insert(hyper::header::ALLOW, v);
                }
            }
            return resp;
        };
        // The JWT authorizer: no valid token, no call (API Gateway answers 401 itself).
        let token =
            parts.headers.get("authorization").and_then(|v| v.to_str().ok()).map(|v| v.trim_start_matches("Bearer ").trim().to_string());
        let claims = token.and_then(|t| self.key.verify(&t));
        if claims.is_none() && !endpoint.is_public() {
            return respond(401, "application/json", r#"{"message":"Unauthorized"}"#);
        }
        let mut builder = http::Request::builder().method(parts.method.clone()).uri(parts.uri.clone());
        for (k, v) in parts.headers.iter() {
            builder = builder.header(k, v);
        }
        let body = if bytes.is_empty() {
            Body::Empty
        } else {
            match String::from_utf8(bytes.to_vec()) {
                Ok(t) => Body::Text(t),
                Err(e) => Body::Binary(e.into_bytes()),
            }
        };
        let Ok(request) = builder.body(body) else { return respond(400, "text/plain", "bad request") };
        let mut ctx = ApiGatewayV2httpRequestContext::default();
        if let Some(claims) = claims.filter(|_| !endpoint.is_public()) {
            let mut jwt = ApiGatewayRequestAuthorizerJwtDescription::default();
            jwt.claims = claims;
            let mut authorizer = ApiGatewayRequestAuthorizer::default();
            authorizer.jwt = Some(jwt);
            ctx.authorizer = Some(authorizer);
        }
        ctx.route_key = Some(format!("{} {}", endpoint.method(), endpoint.path()));
        ctx.http.method = parts.method.clone();
        ctx.http.path = Some(path.clone());
        ctx.http.source_ip = Some("127.0.0.1".into());
        ctx.http.user_agent = parts.headers.get("user-agent").and_then(|v| v.to_str().ok()).map(String::from);
        let request = request
            .with_path_parameters(params.into_iter().collect::<HashMap<String, String>>())
            .with_query_string_parameters(query)
            .with_request_context(RequestContext::ApiGatewayV2(ctx));
        let response = routes::dispatch(endpoint, &self.app, request).await;
        let (rparts, rbody) = response.into_parts();
        let mut out = hyper::Response::builder().status(rparts.status);
        for (k, v) in rparts.headers.iter() {
            out = out.header(k, v);
        }
        out.body(Full::new(body_bytes(rbody))).unwrap_or_else(|_| respond(500, "text/plain", "bad response"))
    }

    async fn local_route(&self, route: &str, query: &HashMap<String, Vec<String>>) -> Resp {
        let first = |k: &str| query.get(k).and_then(|v| v.first()).cloned();
        match route {
            "token" => {
                let (sub, email) = match (first("as"), first("email")) {
                    (Some(key), _) => match crate::demo::USERS.iter().find(|u| u.key == key) {
                        Some(u) => (u.sub.to_string(), u.email.to_string()),
                        None => return respond(404, "application/json", r#"{"message":"unknown demo user"}"#),
                    },
                    (None, Some(email)) => (first("sub").unwrap_or_else(|| format!("local-{email}")), email),
                    _ => return respond(400, "application/json", r#"{"message":"use ?as=<demo user> or ?email=<address>"}"#),
                };
                let token = self.key.issue(&sub, &email);
                respond(200, "application/json", serde_json::json!({ "token": token, "sub": sub, "email": email }).to_string())
            }
            "emails" => match &self.emulator {
                Some(endpoint) => match crate::harness::sent_emails(endpoint).await {
                    Ok(mails) => respond(200, "application/json; charset=utf-8", serde_json::to_string_pretty(&mails).unwrap_or_default()),
                    Err(e) => respond(502, "text/plain", e.to_string()),
                },
                None => respond(404, "text/plain", "no emulator"),
            },
            // SES's feedback is not emulated: report an address as bouncing for good.
            "bounce" => {
                let Some(email) = first("email") else {
                    return respond(400, "application/json", r#"{"message":"use ?email=<address>"}"#);
                };
                let event = crate::harness::bounce_event(&email);
                match functions::routes::run(functions::routes::Job::RecordMailFeedback, &self.app, event).await {
                    Ok(report) => respond(200, "application/json", report.to_string()),
                    Err(e) => respond(500, "text/plain", e.to_string()),
                }
            }
            // EventBridge is not emulated: run a scheduled function now.
            job if job.starts_with("run/") => {
                let name = &job["run/".len()..];
                let Some(j) = functions::routes::JOBS.iter().find(|j| j.name() == name) else {
                    return respond(404, "text/plain", "unknown scheduled function");
                };
                match functions::routes::run(*j, &self.app, serde_json::json!({})).await {
                    Ok(report) => respond(200, "application/json", report.to_string()),
                    Err(e) => respond(500, "text/plain", e.to_string()),
                }
            }
            _ => respond(404, "text/plain", "unknown local route"),
        }
    }
}

fn body_bytes(body: Body) -> Bytes {
    match body {
        Body::Empty => Bytes::new(),
        Body::Text(t) => Bytes::from(t),
        Body::Binary(b) => Bytes::from(b),
        _ => Bytes::new(),
    }
}

/// Serves the local API until the process ends.
pub async fn serve(api: Arc<LocalApi>, listener: TcpListener) -> Result<(), BoxError> {
    loop {
        let (stream, _) = listener.accept().await?;
        let api = api.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let api = api.clone();
                async move { Ok::<_, Infallible>(api.handle(req).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// Binds a loopback port (0: any free one) and serves in the background.
pub async fn spawn(api: Arc<LocalApi>, port: u16) -> Result<SocketAddr, BoxError> {
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let addr = listener.local_addr()?;
    tokio::spawn(serve(api, listener));
    Ok(addr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_verify_only_with_their_key() {
        let key = TokenKey::random();
        let t = key.issue("demo-maelys", "maelys.louvel@bpifrance.example");
        let claims = key.verify(&t).unwrap();
        assert_eq!(claims["sub"], "demo-maelys");
        assert!(TokenKey::random().verify(&t).is_none());
        let tampered = t.replace("local.", "local.x");
        assert!(key.verify(&tampered).is_none());
    }

    #[test]
    fn schedules_read_as_periods() {
        assert_eq!(schedule_period("rate(2 minutes)").map(|d| d.as_secs()), Some(120));
        assert_eq!(schedule_period("rate(1 hour)").map(|d| d.as_secs()), Some(3600));
        assert_eq!(schedule_period("cron(0 6 1 * ? *)"), None);
    }

    #[test]
    fn the_frontend_stand_in_names_the_api_call_behind_each_screen() {
        let mission = frontend_stand_in("/missions/apte-crowdfunding").unwrap();
        assert!(mission.contains("GET /missions/apte-crowdfunding") && mission.contains(r#"href="/missions/apte-crowdfunding""#));
        let role = frontend_stand_in("/role-invitations/abc").unwrap();
        assert!(role.contains("POST /role-invitations/abc") && role.contains(r#"href="""#), "{role}");
        assert!(frontend_stand_in("/invitations/xyz").unwrap().contains("POST /facilitation-invitations/xyz"));
        assert!(frontend_stand_in("/nowhere").is_none());
    }

    #[test]
    fn query_strings_decode() {
        let q = parse_query("q=atelier+cuisine&themes=sante-handicap&themes=arts-culture&x=%C3%A9");
        assert_eq!(q["q"], ["atelier cuisine"]);
        assert_eq!(q["themes"].len(), 2);
        assert_eq!(q["x"], ["é"]);
    }
}

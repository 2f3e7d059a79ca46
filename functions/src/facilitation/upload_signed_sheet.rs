//! POST /facilitation-missions/{missionId}/sessions/{sessionId}/signed-sheets — a presigned
//! PUT for the signed scan: PDF, JPEG or PNG, at most 10 MB, its type and size signed.

use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use shared::app::App;
use shared::areas::facilitation::*;
use shared::error::ApiResult;
use shared::error::Errors;
use shared::http;
use shared::texts::err;

pub const MAX_BYTES: i64 = 10 * 1024 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    facilitator: Option<String>,
    content_type: String,
    size: i64,
}

#[derive(Serialize)]
struct Upload {
    method: &'static str,
    url: String,
    key: String,
    headers: std::collections::BTreeMap<&'static str, String>,
    expires_in_seconds: u64,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let [mission_id, session_id] = http::path_ids(&req, ["missionId", "sessionId"])?;
    let input: Input = http::json_body(&req)?;
    let mut e = Errors::new();
    let types = [("application/pdf", "pdf"), ("image/jpeg", "jpg"), ("image/png", "png")];
    let ext = e.check(shared::domain::validate::one_of("content_type", &input.content_type, &types));
    if !(1..=MAX_BYTES).contains(&input.size) {
        e.add("size", err::SCAN_TOO_LARGE);
    }
    e.finish()?;
    let (_, session, role) = session_for(app, &caller, &mission_id, &session_id).await?;
    let f = sheet_facilitator(&session, &role, input.facilitator.as_deref())?;
    let key = shared::documents::keys::signed_sheet(&session.mission_id, &session.id, &f.sub, ext.unwrap_or("pdf"));
    let ttl = 900;
    let url = app.documents.presigned_put(&key, &input.content_type, Some(input.size), std::time::Duration::from_secs(ttl)).await?;
    let headers =
        std::collections::BTreeMap::from([("content-type", input.content_type.clone()), ("content-length", input.size.to_string())]);
    http::json(201, &Upload { method: "PUT", url, key, headers, expires_in_seconds: ttl })
}

//! GET /engagements/{engagementId}/convention — the tripartite convention of the current
//! version (one per calendar year; adding dates makes a new version, the old ones are kept),
//! generated once the manager accepted dates, stored privately in S3 under a versioned key,
//! handed to the three parties through a 5-minute presigned URL with its SHA-256.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::convention::{ensure, URL_TTL};
use shared::areas::engagements::engagement_for;
use shared::error::ApiResult;
use shared::http;

#[derive(Serialize)]
struct ConventionView {
    version: usize,
    sha256: String,
    url: String,
    expires_in: u64,
    signatures: Vec<shared::domain::engagement::Signature>,
    /// The final document with its signature page, once the three parties signed.
    signed_url: Option<String>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "engagementId")?;
    let (engagement, _) = engagement_for(app, &caller, &id).await?;
    let (version, sha256, _) = ensure(app, &engagement).await?;
    let url = app
        .documents
        .presigned_get(
            &shared::documents::keys::convention(&engagement.id, version),
            &format!("convention-{}-v{version}.pdf", engagement.year),
            URL_TTL,
        )
        .await?;
    let signatures: Vec<_> = engagement.signatures.iter().filter(|s| s.version == version).cloned().collect();
    let signed_url = if signatures.len() == 3 {
        let key = shared::documents::keys::signed_convention(&engagement.id, version);
        Some(app.documents.presigned_get(&key, &format!("convention-{}-v{version}-signee.pdf", engagement.year), URL_TTL).await?)
    } else {
        None
    };
    http::ok(&ConventionView { version, sha256, url, expires_in: URL_TTL.as_secs(), signatures, signed_url })
}

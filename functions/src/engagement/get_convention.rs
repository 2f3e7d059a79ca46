//! GET /engagements/{engagementId}/convention — the tripartite convention of the current
//! version (one per calendar year; adding dates makes a new version, the old ones are kept),
//! generated once the manager accepted dates, stored privately in S3 under a versioned key,
//! handed to the three parties through a 5-minute presigned URL with its SHA-256, with who
//! signed and who has not yet; once signed, the signed copy and its evidence file (stored
//! once in the write-once prefix, written here if the signing call could not).

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::convention::{ensure, ensure_signed, URL_TTL};
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
    /// The parties who have not signed this version yet.
    pending: Vec<shared::domain::engagement::Signatory>,
    /// The final document with its evidence page, once the three parties signed.
    signed_url: Option<String>,
    /// The evidence file (JSON), once the three parties signed.
    evidence_url: Option<String>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "engagementId")?;
    let (engagement, _) = engagement_for(app, &caller, &id).await?;
    let current = ensure(app, &engagement).await?;
    let version = current.version;
    let url = app
        .documents
        .presigned_get(
            &shared::documents::keys::convention(&engagement.id, version),
            &format!("convention-{}-v{version}.pdf", engagement.year),
            URL_TTL,
        )
        .await?;
    let signatures: Vec<_> = engagement.signatures.iter().filter(|s| s.version == version).cloned().collect();
    let (signed_url, evidence_url) = if signatures.len() == 3 {
        let signed = ensure_signed(app, &engagement, &current).await?;
        let name = format!("convention-{}-v{version}", engagement.year);
        (
            Some(app.documents.presigned_get(&signed.pdf_key, &format!("{name}-signee.pdf"), URL_TTL).await?),
            Some(app.documents.presigned_get(&signed.evidence_key, &format!("{name}-preuve.json"), URL_TTL).await?),
        )
    } else {
        (None, None)
    };
    let pending = engagement.pending_signatories();
    let sha256 = current.sha256;
    http::ok(&ConventionView { version, sha256, url, expires_in: URL_TTL.as_secs(), signatures, pending, signed_url, evidence_url })
}

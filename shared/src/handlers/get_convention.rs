//! GET /engagements/{engagementId}/convention — the tripartite convention of the current
//! version (one per calendar year; adding dates makes a new version, the old ones are kept),
//! generated once the manager accepted dates, stored privately in S3 under a versioned key,
//! handed to the three parties through a 5-minute presigned URL with its SHA-256.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use crate::app::App;
use crate::domain::engagement::Engagement;
use crate::error::{ApiError, ApiResult};
use crate::handlers::engagement_views::engagement_for;
use crate::http;
use crate::pdf;
use crate::texts::convention;

pub const URL_TTL: std::time::Duration = std::time::Duration::from_secs(300);

#[derive(Serialize)]
struct ConventionView {
    version: usize,
    sha256: String,
    url: String,
    expires_in: u64,
    signatures: Vec<crate::domain::engagement::Signature>,
    /// The final document with its signature page, once the three parties signed.
    signed_url: Option<String>,
}

pub fn key(engagement_id: &str, version: usize) -> String {
    format!("conventions/{engagement_id}/v{version}.pdf")
}

/// The current version's PDF and SHA-256: read from S3, or generated and stored the first
/// time (the same data always gives the same document).
pub async fn ensure(app: &App, engagement: &Engagement) -> ApiResult<(usize, String, Vec<u8>)> {
    let version = engagement.convention_version();
    if version == 0 {
        return Err(ApiError::Conflict("La convention est éditée une fois les dates validées par le manager.".into()));
    }
    let key = key(&engagement.id, version);
    if let Some(bytes) = app.documents.get_if_exists(&key).await? {
        return Ok((version, crate::documents::sha256_hex(&bytes), bytes));
    }
    let place = place_of(app, engagement).await?;
    let (company, association) = {
        let state = app.catalogue.cached(&app.store).await?;
        (state.company(&engagement.company_id).cloned(), state.association(&engagement.association_id).cloned())
    };
    let (Some(company), Some(association)) = (company, association) else {
        return Err(ApiError::Conflict("L'entreprise ou l'association de cette mission n'est plus référencée.".into()));
    };
    let bytes = pdf::render(&convention::blocks(engagement, &company, &association, &place, version), convention::FOOTER)?;
    let sha = crate::documents::sha256_hex(&bytes);
    app.documents.put_pdf(&key, bytes.clone(), &sha).await?;
    Ok((version, sha, bytes))
}

/// Where the mission takes place, as the convention states it.
pub async fn place_of(app: &App, engagement: &Engagement) -> ApiResult<String> {
    let state = app.catalogue.cached(&app.store).await?;
    Ok(state
        .mission(&engagement.mission_id)
        .map(|m| {
            let m = &m.mission;
            let mut parts: Vec<String> = [m.address.clone(), m.postcode.clone(), m.city.clone()].into_iter().flatten().collect();
            if m.remote_possible {
                parts.push("(à distance possible)".into());
            }
            parts.join(" ")
        })
        .unwrap_or_default())
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "engagementId")?;
    let (engagement, _) = engagement_for(app, &caller, &id).await?;
    let (version, sha256, _) = ensure(app, &engagement).await?;
    let url = app
        .documents
        .presigned_get(&key(&engagement.id, version), &format!("convention-{}-v{version}.pdf", engagement.year), URL_TTL)
        .await?;
    let signatures: Vec<_> = engagement.signatures.iter().filter(|s| s.version == version).cloned().collect();
    let signed_url = if signatures.len() == 3 {
        let key = crate::handlers::sign_convention::signed_key(&engagement.id, version);
        Some(app.documents.presigned_get(&key, &format!("convention-{}-v{version}-signee.pdf", engagement.year), URL_TTL).await?)
    } else {
        None
    };
    http::ok(&ConventionView { version, sha256, url, expires_in: URL_TTL.as_secs(), signatures, signed_url })
}

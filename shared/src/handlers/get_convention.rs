//! GET /engagements/{engagementId}/convention — the tripartite convention of the current
//! version (one per calendar year; adding dates makes a new version, the old ones are kept),
//! generated once the manager accepted dates, stored privately in S3 under a versioned key,
//! handed to the three parties through a 5-minute presigned URL with its SHA-256.

use lambda_http::{Body, Request, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::app::App;
use crate::domain::engagement::RequestState;
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
}

pub fn key(engagement_id: &str, version: usize) -> String {
    format!("conventions/{engagement_id}/v{version}.pdf")
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "engagementId")?;
    let (engagement, _) = engagement_for(app, &caller, &id).await?;
    let version = engagement.requests.iter().filter(|r| r.state == RequestState::Accepted).count();
    if version == 0 {
        return Err(ApiError::Conflict("La convention est éditée une fois les dates validées par le manager.".into()));
    }
    let key = key(&engagement.id, version);
    let bytes = match app.documents.get_if_exists(&key).await? {
        Some(bytes) => bytes,
        None => {
            let (company, association, place) = {
                let state = app.catalogue.cached(&app.store).await?;
                let company = state.company(&engagement.company_id).cloned();
                let association = state.association(&engagement.association_id).cloned();
                let place = state
                    .mission(&engagement.mission_id)
                    .map(|m| {
                        let m = &m.mission;
                        let mut parts: Vec<String> = [m.address.clone(), m.postcode.clone(), m.city.clone()].into_iter().flatten().collect();
                        if m.remote_possible {
                            parts.push("(à distance possible)".into());
                        }
                        parts.join(" ")
                    })
                    .unwrap_or_default();
                (company, association, place)
            };
            let (Some(company), Some(association)) = (company, association) else {
                return Err(ApiError::Conflict("L'entreprise ou l'association de cette mission n'est plus référencée.".into()));
            };
            let bytes = pdf::render(&convention::blocks(&engagement, &company, &association, &place, version), convention::FOOTER)?;
            let sha = hex(&Sha256::digest(&bytes));
            app.documents.put_pdf(&key, bytes.clone(), &sha).await?;
            bytes
        }
    };
    let sha256 = hex(&Sha256::digest(&bytes));
    let url = app.documents.presigned_get(&key, &format!("convention-{}-v{version}.pdf", engagement.year), URL_TTL).await?;
    http::ok(&ConventionView { version, sha256, url, expires_in: URL_TTL.as_secs() })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

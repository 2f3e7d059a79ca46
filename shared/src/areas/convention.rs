//! The convention of an engagement: its current version's PDF, generated once and stored,
//! and the place it states.

use crate::app::App;
use crate::domain::engagement::Engagement;
use crate::error::{ApiError, ApiResult};
use crate::texts::convention;

/// How long a presigned document URL lasts.
pub const URL_TTL: std::time::Duration = std::time::Duration::from_secs(300);

/// The current version's PDF and SHA-256: read from S3, or generated and stored the first
/// time (the same data always gives the same document).
pub async fn ensure(app: &App, engagement: &Engagement) -> ApiResult<(usize, String, Vec<u8>)> {
    let version = engagement.convention_version();
    if version == 0 {
        return Err(ApiError::Conflict(crate::texts::err::CONVENTION_NOT_YET.into()));
    }
    let key = crate::documents::keys::convention(&engagement.id, version);
    if let Some(bytes) = app.documents.get_if_exists(&key).await? {
        return Ok((version, crate::documents::sha256_hex(&bytes), bytes));
    }
    let place = place_of(app, engagement).await?;
    // The parties' legal details as they are now (a consistent read, not the catalogue's
    // cache of a few seconds): the document is written once.
    let company: Option<crate::domain::company::Company> =
        app.store.get_as(&crate::keys::company(&engagement.company_id), crate::keys::PROFILE).await?;
    let association: Option<crate::domain::association::Association> =
        app.store.get_as(&crate::keys::association(&engagement.association_id), crate::keys::PROFILE).await?;
    let (Some(company), Some(association)) = (company, association) else {
        return Err(ApiError::Conflict(crate::texts::err::PARTIES_GONE.into()));
    };
    let pdf =
        app.documents.store_pdf(&key, &convention::blocks(engagement, &company, &association, &place, version), convention::FOOTER).await?;
    Ok((version, pdf.sha256, pdf.bytes))
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
                parts.push(crate::texts::REMOTE_POSSIBLE.into());
            }
            parts.join(" ")
        })
        .unwrap_or_default())
}

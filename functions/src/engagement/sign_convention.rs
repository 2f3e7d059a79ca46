//! POST /engagements/{engagementId}/convention/signatures — each of the three parties (the
//! employee, a referent of the association, the company's signatory) signs the current
//! version online, confirming the SHA-256 of the document they read. Each signature keeps
//! who (the authenticated identity and how the token was issued), when, the IP address, the
//! user agent, the document's SHA-256 and the clauses' version. With the third, the
//! engagement is signed, and the signed copy with its evidence page, the exact document read
//! and the evidence file are stored once in the write-once `signed/` prefix.

use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use shared::app::App;
use shared::areas::convention::{ensure, ensure_signed};
use shared::areas::engagements::{engagement_and_user_for, put_if_version, Party};
use shared::domain::engagement::{Signatory, Signature};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::{emails, err};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SignInput {
    sha256: Option<String>,
}

#[derive(Serialize)]
struct Signed {
    version: usize,
    signatures: Vec<Signature>,
    complete: bool,
    state: shared::domain::engagement::EngagementState,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, id, input): (_, _, SignInput) = http::caller_id_body(&req, "engagementId")?;
    let claimed = input.sha256.map(|s| s.trim().to_lowercase()).filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()));
    let Some(claimed) = claimed else { return Err(ApiError::field("sha256", err::BAD_SHA256)) };
    let (mut engagement, party, user) = engagement_and_user_for(app, &caller, &id).await?;
    let current = ensure(app, &engagement).await?;
    let (version, sha) = (current.version, current.sha256.clone());
    if claimed != sha {
        return Err(ApiError::Conflict(err::convention_changed(version)));
    }
    let (signatory, name) = match party {
        Party::Employee => (Signatory::Employee, engagement.employee.full_name()),
        Party::Referent => (Signatory::Association, user.as_ref().map(|u| u.full_name()).unwrap_or_default()),
        Party::CompanySignatory => (Signatory::Company, user.as_ref().map(|u| u.full_name()).unwrap_or_default()),
    };
    let (ip, user_agent) = http::client_of(&req);
    let expected_version = engagement.version;
    let now = app.now();
    let complete = engagement.sign(Signature {
        version,
        signatory,
        name,
        email: caller.email.as_str().to_string(),
        sub: caller.sub.clone(),
        signed_at: now,
        ip,
        user_agent,
        sha256: sha,
        text_version: current.text_version.clone(),
        authentication: Some(http::authentication(&req)),
    })?;
    let signatures: Vec<Signature> = engagement.signatures.iter().filter(|s| s.version == version).cloned().collect();
    let mut writes = vec![put_if_version(&app.store, &engagement, expected_version)?];
    if complete {
        let to: Vec<String> = signatures.iter().map(|s| s.email.clone()).collect();
        let letter = emails::convention_signed(to, &engagement.mission_title, &engagement.employee.full_name(), engagement.year, version);
        writes.extend(shared::outbox::queue(app, "convention signed", vec![letter]).await?);
    }
    if app.store.transact("TransactWriteItems signature", writes).await?.is_err() {
        return Err(ApiError::Conflict(err::CONCURRENT_SIGNATURE.into()));
    }
    if complete {
        ensure_signed(app, &engagement, &current).await?;
    }
    http::ok(&Signed { version, signatures, complete, state: engagement.state })
}

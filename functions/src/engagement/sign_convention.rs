//! POST /engagements/{engagementId}/convention/signatures — each of the three parties (the
//! employee, a referent of the association, the company's signatory) signs the current
//! version online, confirming the SHA-256 of the document they read. Each signature keeps
//! who, when, the IP address, the user agent and the document's SHA-256. With the third, the
//! engagement is signed and a final PDF with a signature page is stored beside the original.

use lambda_http::request::RequestContext;
use lambda_http::{Body, Request, RequestExt, Response};
use serde::{Deserialize, Serialize};

use shared::app::App;
use shared::areas::convention::{ensure, place_of};
use shared::areas::engagements::{engagement_and_user_for, save_if_version, Party};
use shared::domain::engagement::{Signatory, Signature};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::pdf::{self, Block};
use shared::texts::{self, convention, emails};

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
    let caller = http::caller(&req)?;
    let id = http::path_id(&req, "engagementId")?;
    let input: SignInput = http::json_body(&req)?;
    let claimed = input.sha256.map(|s| s.trim().to_lowercase()).filter(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()));
    let Some(claimed) = claimed else {
        return Err(ApiError::field(
            "sha256",
            "Le champ « sha256 » doit être l'empreinte SHA-256 (64 caractères hexadécimaux) de la convention lue.",
        ));
    };
    let (mut engagement, party, user) = engagement_and_user_for(app, &caller, &id).await?;
    let (version, sha, _) = ensure(app, &engagement).await?;
    if claimed != sha {
        return Err(ApiError::Conflict(format!(
            "La convention a changé depuis ta lecture : relis la version {version} avant de la signer."
        )));
    }
    let (signatory, name) = match party {
        Party::Employee => (Signatory::Employee, engagement.employee.full_name()),
        Party::Referent => (Signatory::Association, user.as_ref().map(|u| u.full_name()).unwrap_or_default()),
        Party::CompanySignatory => (Signatory::Company, user.as_ref().map(|u| u.full_name()).unwrap_or_default()),
    };
    let (ip, context_agent) = match req.request_context_ref() {
        Some(RequestContext::ApiGatewayV2(ctx)) => (ctx.http.source_ip.clone().unwrap_or_default(), ctx.http.user_agent.clone()),
        _ => (String::new(), None),
    };
    let user_agent = req
        .headers()
        .get(::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(String::from)
        .or(context_agent)
        .unwrap_or_default()
        .chars()
        .take(512)
        .collect();
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
        sha256: sha.clone(),
    })?;
    if !save_if_version(&app.store, &engagement, expected_version).await? {
        return Err(ApiError::Conflict("Une autre signature vient d'être enregistrée : recharge la convention puis réessaie.".into()));
    }
    let signatures: Vec<Signature> = engagement.signatures.iter().filter(|s| s.version == version).cloned().collect();
    if complete {
        // The final document: the original's text, then the signature page.
        let mut blocks = final_blocks(app, &engagement, version).await?;
        blocks.push(Block::Heading("Signatures électroniques".into()));
        blocks.push(Block::Paragraph("Empreinte SHA-256 du document signé :".into()));
        blocks.push(Block::Paragraph(sha.clone()));
        for s in &signatures {
            blocks.push(Block::Space(6.0));
            blocks.push(Block::Field(format!("Pour {}", s.signatory.label()), format!("{} ({})", s.name, s.email)));
            blocks.push(Block::Field(
                "Signé le".into(),
                format!("{} à {} UTC", texts::date_fr(s.signed_at.date_naive()), s.signed_at.format("%H:%M:%S")),
            ));
            blocks.push(Block::Field("Adresse IP".into(), s.ip.clone()));
            blocks.push(Block::Field("Navigateur".into(), s.user_agent.clone()));
        }
        let bytes = pdf::render(&blocks, convention::FOOTER)?;
        let final_sha = shared::documents::sha256_hex(&bytes);
        app.documents.put_pdf(&shared::documents::keys::signed_convention(&engagement.id, version), bytes, &final_sha).await?;
        let to: Vec<String> = signatures.iter().map(|s| s.email.clone()).collect();
        let letter = emails::convention_signed(to, &engagement.mission_title, &engagement.employee.full_name(), engagement.year, version);
        if let Err(e) = app.mailer.send(&letter).await {
            tracing::error!(error = %e, "convention e-mail not sent");
        }
    }
    http::ok(&Signed { version, signatures, complete, state: engagement.state })
}

async fn final_blocks(app: &App, engagement: &shared::domain::engagement::Engagement, version: usize) -> ApiResult<Vec<Block>> {
    let state = app.catalogue.cached(&app.store).await?;
    let (Some(company), Some(association)) =
        (state.company(&engagement.company_id).cloned(), state.association(&engagement.association_id).cloned())
    else {
        return Err(ApiError::Conflict("L'entreprise ou l'association de cette mission n'est plus référencée.".into()));
    };
    drop(state);
    Ok(convention::blocks(engagement, &company, &association, &place_of(app, engagement).await?, version))
}

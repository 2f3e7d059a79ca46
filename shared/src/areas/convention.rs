//! The convention of an engagement: its current version's PDF, generated once and stored,
//! and what it states.

use crate::app::App;
use crate::domain::engagement::{Engagement, Signatory};
use crate::error::{ApiError, ApiResult};
use crate::texts::convention;

/// How long a presigned document URL lasts.
pub const URL_TTL: std::time::Duration = std::time::Duration::from_secs(300);

/// A version of an engagement's convention as stored.
#[derive(Debug, Clone)]
pub struct Convention {
    pub version: usize,
    pub sha256: String,
    pub bytes: Vec<u8>,
    /// The clauses' version it was generated under (`None` for one generated before 2026.2).
    pub text_version: Option<String>,
}

/// The S3 metadata that records a convention's clauses' version.
const TEXT_VERSION_META: &str = "text-version";

/// The current version's PDF and SHA-256: read from S3, or generated and stored the first
/// time (the same data always gives the same document).
pub async fn ensure(app: &App, engagement: &Engagement) -> ApiResult<Convention> {
    let version = engagement.convention_version();
    if version == 0 {
        return Err(ApiError::Conflict(crate::texts::err::CONVENTION_NOT_YET.into()));
    }
    let key = crate::documents::keys::convention(&engagement.id, version);
    if let Some((bytes, meta)) = app.documents.get_with_metadata(&key).await? {
        let text_version = meta.get(TEXT_VERSION_META).cloned();
        return Ok(Convention { version, sha256: crate::documents::sha256_hex(&bytes), bytes, text_version });
    }
    let blocks = blocks_of(app, engagement, version).await?;
    let pdf = app.documents.store_pdf_tagged(&key, &blocks, convention::FOOTER, &[(TEXT_VERSION_META, convention::TEXT_VERSION)]).await?;
    Ok(Convention { version, sha256: pdf.sha256, bytes: pdf.bytes, text_version: Some(convention::TEXT_VERSION.into()) })
}

/// The longest description the convention repeats as the tasks.
const MAX_TASKS: usize = 1500;

/// The convention's text of a version: the parties' legal details as they are now (a
/// consistent read, not the catalogue's cache of a few seconds: the document is written
/// once), the mission's place and tasks, and the employee's qualification from the HR file.
pub async fn blocks_of(app: &App, engagement: &Engagement, version: usize) -> ApiResult<Vec<crate::pdf::Block>> {
    let company: Option<crate::domain::company::Company> =
        app.store.get_as(&crate::keys::company(&engagement.company_id), crate::keys::PROFILE).await?;
    let association: Option<crate::domain::association::Association> =
        app.store.get_as(&crate::keys::association(&engagement.association_id), crate::keys::PROFILE).await?;
    let (Some(company), Some(association)) = (company, association) else {
        return Err(ApiError::Conflict(crate::texts::err::PARTIES_GONE.into()));
    };
    let hr: Option<crate::domain::allowance::HrAttributes> =
        app.store.get_as(&crate::keys::company(&engagement.company_id), &crate::keys::hr(&engagement.employee.email)).await?;
    let facts = facts_of(app, engagement, hr.and_then(|h| h.qualification)).await?;
    Ok(convention::blocks(engagement, &company, &association, &facts, version))
}

/// What the convention states of the mission (its place as the engagement records it, its
/// tasks as the mission describes them now: one read of the mission) and of the employee
/// (the qualification given).
async fn facts_of(app: &App, engagement: &Engagement, qualification: Option<String>) -> ApiResult<convention::Facts> {
    let mission = crate::store::missions::get(&app.store, &engagement.mission_id).await?;
    let tasks = mission.as_ref().map(|m| shorten(&m.description, MAX_TASKS)).unwrap_or_else(|| engagement.mission_title.clone());
    let place = match &engagement.place {
        Some(p) => crate::texts::place_fr(p),
        None => mission.map(|m| crate::texts::place_fr(&m.place())).unwrap_or_default(),
    };
    Ok(convention::Facts { place, tasks, qualification })
}

/// At most `max` characters, cut after a whole word.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{} …", cut.rsplit_once(char::is_whitespace).map_or(cut.as_str(), |(head, _)| head))
}

/// Where the mission takes place, as the engagement records it (an engagement from before
/// places were recorded: as the mission says it now, one read).
pub async fn place_of(app: &App, engagement: &Engagement) -> ApiResult<String> {
    if let Some(p) = &engagement.place {
        return Ok(crate::texts::place_fr(p));
    }
    let mission = crate::store::missions::get(&app.store, &engagement.mission_id).await?;
    Ok(mission.map(|m| crate::texts::place_fr(&m.place())).unwrap_or_default())
}

/// The signed copy of a version and its evidence file, in the write-once `signed/` prefix.
#[derive(Debug, Clone)]
pub struct Signed {
    pub pdf_key: String,
    pub evidence_key: String,
}

/// Stores, once, what proves a version was signed by the three parties: the exact document
/// they read (`…/v<n>-lu.pdf`), the signed copy (the convention's text then the evidence
/// page) and the evidence file (JSON). Each is written with `If-None-Match: *`: a retry, or
/// the next reader healing a copy a failed call left unwritten, leaves what exists as it is.
pub async fn ensure_signed(app: &App, engagement: &Engagement, current: &Convention) -> ApiResult<Signed> {
    use crate::documents::keys;
    let version = current.version;
    let signed = Signed {
        pdf_key: keys::signed_convention(&engagement.id, version),
        evidence_key: keys::signature_evidence(&engagement.id, version),
    };
    if app.documents.exists(&signed.evidence_key).await? {
        return Ok(signed);
    }
    let signatures: Vec<_> = engagement.signatures.iter().filter(|s| s.version == version).cloned().collect();
    let text_version = current.text_version.clone().unwrap_or_else(|| convention::EARLIER_TEXT_VERSION.into());
    app.documents.put_once(&keys::signed_original(&engagement.id, version), current.bytes.clone(), "application/pdf").await?;
    let mut blocks = blocks_of(app, engagement, version).await?;
    blocks.extend(convention::signature_page(&current.sha256, &text_version, &signatures));
    let pdf = crate::pdf::render(&blocks, convention::FOOTER)?;
    let signed_sha256 = if app.documents.put_once(&signed.pdf_key, pdf.clone(), "application/pdf").await? {
        crate::documents::sha256_hex(&pdf)
    } else {
        crate::documents::sha256_hex(&app.documents.get(&signed.pdf_key).await?)
    };
    // The earlier versions' hashes from their stored documents; the current one is in hand.
    let mut versions = Vec::new();
    for v in 1..version {
        let sha256 = app.documents.get_if_exists(&keys::convention(&engagement.id, v)).await?.map(|b| crate::documents::sha256_hex(&b));
        versions.push(serde_json::json!({ "version": v, "sha256": sha256 }));
    }
    versions.push(serde_json::json!({ "version": version, "sha256": current.sha256 }));
    let evidence = serde_json::json!({
        "engagement_id": engagement.id,
        "mission": engagement.mission_title,
        "year": engagement.year,
        "version": version,
        "text_version": text_version,
        "document": { "key": keys::signed_original(&engagement.id, version), "sha256": current.sha256 },
        "signed_document": { "key": signed.pdf_key, "sha256": signed_sha256 },
        "versions": versions,
        "signatures": engagement.signatures,
        "generated_at": app.now(),
    });
    let bytes = serde_json::to_vec_pretty(&evidence).map_err(|e| ApiError::unexpected("evidence JSON", e))?;
    app.documents.put_once(&signed.evidence_key, bytes, "application/json").await?;
    Ok(signed)
}

/// The mission `before` now takes place as `after` says: each open engagement of it records
/// the new place, and one whose convention covers days to come gets a new version (the
/// domain's `follow_place`), written with the e-mails to its three parties and, once it can
/// be signed, its signature reminders. Run on every change that says the place, even the
/// same one, so that a retried request finishes what an interrupted one began (an
/// engagement that states the place already is left as it is: nothing is sent twice). How
/// many got a new version.
pub async fn follow_mission_place(
    app: &App,
    before: &crate::domain::mission::Mission,
    after: &crate::domain::mission::Mission,
) -> ApiResult<usize> {
    use crate::domain::engagement::{EngagementState, PlaceChange};
    let (old, new) = (before.place(), after.place());
    let mut revised = 0;
    // The index lists them (eventually consistent); each is read again before it is written.
    let listed = crate::store::engagements::engagements_of_mission(&app.store, &after.association_id, &after.id).await?;
    for id in listed.iter().filter(|e| e.state.is_open() && e.place.as_ref().unwrap_or(&old) != &new).map(|e| &e.id) {
        let (old, new) = (&old, &new);
        let done = crate::store::retrying(crate::texts::err::CONCURRENT_UPDATE, move || async move {
            let Some(mut e) = crate::store::engagements::get(&app.store, id).await? else { return Ok(Some(false)) };
            let (expected, now) = (e.version, app.now());
            let change = e.follow_place(new, old, now)?;
            if change == PlaceChange::Unchanged {
                return Ok(Some(false));
            }
            let mut items = vec![crate::store::engagements::put_if_version(&app.store, &e, expected)?];
            if change == PlaceChange::NewVersion {
                let (url, place, signable) = (
                    crate::links::engagement(&app.config, &e.id),
                    crate::texts::place_fr(new),
                    e.state == EngagementState::AwaitingSignatures,
                );
                let mut letters = Vec::new();
                for party in Signatory::ALL {
                    let to = signatory_addresses(app, &e, party).await?;
                    if !to.is_empty() {
                        letters.push(crate::texts::emails::convention_revised(to, &e, &place, signable, &url));
                    }
                }
                items.extend(crate::outbox::queue(app, "convention revised", letters).await?);
                if signable {
                    let due = crate::domain::reminders::signature_reminders(now, e.first_date_to_sign());
                    items.extend(crate::store::reminders::schedule_signatures(&app.store, &e.id, e.convention_version(), &due)?);
                }
            }
            let written = app.store.transact("TransactWriteItems place change", items).await?.is_ok();
            Ok(written.then_some(change == PlaceChange::NewVersion))
        })
        .await?;
        revised += usize::from(done);
    }
    Ok(revised)
}

/// Where a party that has not signed is reminded: the employee; the engagement's referent;
/// for the company, its programme contact when that is an e-mail address (the platform
/// keeps no list of a company's signatories: any of its admins may sign).
pub async fn signatory_addresses(app: &App, engagement: &Engagement, signatory: Signatory) -> ApiResult<Vec<String>> {
    Ok(match signatory {
        Signatory::Employee => vec![engagement.employee.email.clone()],
        Signatory::Association => vec![engagement.referent.email.as_str().to_string()],
        Signatory::Company => {
            let directory = app.directory.cached(&app.store).await?;
            let contact = directory.company(&engagement.company_id).and_then(|c| c.programme_contact.clone());
            contact
                .and_then(|c| crate::domain::email::Email::parse("programme_contact", &c).ok())
                .map(|e| e.to_string())
                .into_iter()
                .collect()
        }
    })
}

/// The reminders to sign the current version, each to the party that has not signed, with
/// the link to the engagement: the letters to queue (none when all signed).
pub async fn signature_reminders(
    app: &App,
    engagement: &Engagement,
    only: Option<Signatory>,
    why: crate::texts::emails::SignatureReminder,
) -> ApiResult<Vec<crate::mail::OutgoingEmail>> {
    let url = crate::links::engagement(&app.config, &engagement.id);
    let first_date = engagement.first_date_to_sign();
    let mut letters = Vec::new();
    for party in engagement.pending_signatories().into_iter().filter(|p| only.is_none_or(|o| o == *p)) {
        let to = signatory_addresses(app, engagement, party).await?;
        if !to.is_empty() {
            letters.push(crate::texts::emails::signature_reminder(to, party, engagement, first_date, why, &url));
        }
    }
    Ok(letters)
}

//! POST /engagements/{engagementId}/assessment — step 4 "Je complète mon bilan": once the
//! association attested every date, the employee answers the guide's three questions. The
//! assessment is stored as a PDF, downloadable at any time, and closes the engagement.

use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use shared::app::App;
use shared::areas::convention::URL_TTL;
use shared::areas::engagements::{engagement_for, save_if_version, EngagementView, Party, NOT_FOUND};
use shared::domain::engagement::{next, Assessment, EngagementEvent, Rating};
use shared::domain::validate;
use shared::error::{ApiError, ApiResult, Errors};
use shared::http;
use shared::texts::convention;
use shared::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssessmentInput {
    relevance: Option<String>,
    welcome: Option<String>,
    welcome_reasons: Option<String>,
    matched_expertise: Option<bool>,
    mismatch_reasons: Option<String>,
}

#[derive(Serialize)]
struct Sent {
    #[serde(flatten)]
    engagement: EngagementView,
    assessment_url: String,
}

use shared::documents::keys::assessment as key;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, id, input): (_, _, AssessmentInput) = http::caller_id_body(&req, "engagementId")?;
    let mut e = Errors::new();
    let rating = |e: &mut Errors, field: &str, v: Option<&str>| match v {
        Some(v) => e.check(Rating::parse(field, v)),
        None => {
            e.add(field, shared::texts::err::required(field));
            None
        }
    };
    let relevance = rating(&mut e, "relevance", input.relevance.as_deref());
    let welcome = rating(&mut e, "welcome", input.welcome.as_deref());
    let welcome_reasons = e.check(validate::optional_text("welcome_reasons", input.welcome_reasons.as_deref(), 2000)).flatten();
    let mismatch_reasons = e.check(validate::optional_text("mismatch_reasons", input.mismatch_reasons.as_deref(), 2000)).flatten();
    if input.matched_expertise.is_none() {
        e.add("matched_expertise", shared::texts::err::required("matched_expertise"));
    }
    e.finish()?;
    let (mut engagement, party) = engagement_for(app, &caller, &id).await?;
    if party != Party::Employee {
        return Err(ApiError::NotFound(NOT_FOUND.into()));
    }
    let expected_version = engagement.version;
    let now = app.now();
    engagement.state = next(engagement.state, EngagementEvent::AssessmentSent)?;
    engagement.assessment = Some(Assessment {
        relevance: relevance.unwrap_or(Rating::Bonne),
        welcome: welcome.unwrap_or(Rating::Bonne),
        welcome_reasons,
        matched_expertise: input.matched_expertise.unwrap_or(true),
        mismatch_reasons,
        sent_at: now,
        pdf_key: key(&engagement.id, expected_version + 1),
    });
    engagement.updated_at = now;
    engagement.version += 1;
    let pdf_key = key(&engagement.id, expected_version + 1);
    app.documents.store_pdf(&pdf_key, &convention::assessment_blocks(&engagement), convention::ASSESSMENT_FOOTER).await?;
    if !save_if_version(&app.store, &engagement, expected_version).await? {
        return Err(ApiError::Conflict(err::ASSESSMENT_ALREADY_SENT.into()));
    }
    let url = app.documents.presigned_get(&pdf_key, &format!("bilan-{}.pdf", engagement.year), URL_TTL).await?;
    http::json(201, &Sent { engagement: EngagementView::of(engagement), assessment_url: url })
}

//! GET /me/recommendations — "Ces missions sont pour toi": the published missions of my
//! company's partners that share at least one value with my preferences, best match first
//! (then newest), each with its reasons; missions I already applied to are left out.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::alerts::Masks;
use shared::app::App;
use shared::areas::engagements::engagements_of;
use shared::areas::preferences::*;
use shared::areas::views::MissionCard;
use shared::domain::mission::Mission;
use shared::domain::preferences::rank;
use shared::error::ApiResult;
use shared::http::Query;

#[derive(Serialize)]
struct Recommended {
    mission: MissionCard,
    score: u32,
    reasons: Vec<String>,
}

#[derive(Serialize)]
struct Page {
    preferences_set: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'static str>,
    total: usize,
    items: Vec<Recommended>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = shared::http::caller(&req)?;
    let query = Query::of(&req, &["limit"])?;
    let limit = query.integer("limit", 1, 50)?.unwrap_or(12) as usize;
    let user = shared::areas::access::registered_employee(app, &caller).await?;
    let preferences = subscription_of(app, &caller.sub).await?.map(|s| s.preferences).unwrap_or_default();
    if preferences.is_empty() {
        return shared::http::ok(&Page {
            preferences_set: false,
            message: Some(shared::texts::preferences::NO_PREFERENCES),
            total: 0,
            items: vec![],
        });
    }
    let applied: std::collections::HashSet<String> =
        engagements_of(&app.store, &caller.sub).await?.into_iter().map(|e| e.mission_id).collect();
    let company_id = user.company_id.clone().unwrap_or_default();
    let mut state = app.catalogue.cached(&app.store).await?;
    let published = state.published_for(&company_id);
    // Matched by masks first (no mission decoded), then scored with reasons.
    let mine = Masks::of_preferences(&preferences);
    let candidates: Vec<&Mission> = published
        .iter()
        .filter(|m| mine.score(m.masks()) > 0 && !applied.contains(&m.id))
        .map(|m| m.mission())
        .collect::<ApiResult<_>>()?;
    let mut matched: Vec<_> = candidates.into_iter().map(|m| (preferences.score(m), m, ())).filter(|(s, _, _)| s.score > 0).collect();
    rank(&mut matched);
    let total = matched.len();
    let items = matched
        .into_iter()
        .take(limit)
        .map(|(s, m, _)| Recommended {
            mission: MissionCard::of(m, state.association(&m.association_id).map(|a| a.as_ref())),
            score: s.score,
            reasons: s.reason_labels(),
        })
        .collect();
    shared::http::ok(&Page { preferences_set: true, message: None, total, items })
}

//! GET /associations/{associationId} — one association: its card, its published missions,
//! and for an employee the prefilled proposal message ("Je propose mes compétences") with
//! the "one association at a time" warning when it applies.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::directory::*;
use shared::areas::views::MissionCard;
use shared::domain::mission::MissionStatus;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::err;

#[derive(Serialize)]
struct Detail {
    #[serde(flatten)]
    entry: DirectoryEntry,
    missions: Vec<MissionCard>,
    #[serde(skip_serializing_if = "Option::is_none")]
    proposal_draft: Option<String>,
    warnings: Vec<&'static str>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let association_id = http::path_id(&req, "associationId")?;
    let (detail_entry, missions, company) = {
        let state = app.directory.cached(&app.store).await?;
        let viewer = viewer(app, &state, &caller).await?;
        let a = state
            .association(&association_id)
            .filter(|a| viewer.sees(&state, &a.id))
            .cloned()
            .ok_or_else(|| ApiError::NotFound(err::ASSOCIATION_NOT_FOUND.into()))?;
        let mut published = shared::store::missions::of_association(&app.store, &a.id).await?;
        published.retain(|m| m.status == MissionStatus::Published);
        published.sort_by(|x, y| (y.published_at, &y.id).cmp(&(x.published_at, &x.id)));
        let missions: Vec<MissionCard> = published.iter().map(|m| MissionCard::of(m, Some(&a))).collect();
        let company = match &viewer {
            Viewer::Employee(c) => Some(c.name.clone()),
            Viewer::Operator => None,
        };
        let counts = std::collections::HashMap::from([(a.id.clone(), missions.len())]);
        (entry(&state, &viewer, &a, &counts), missions, company)
    };
    let (proposal_draft, warnings) = match company {
        Some(company) => {
            let busy = busy_elsewhere(app, &caller.sub, &association_id).await?;
            (Some(shared::texts::proposal_draft(&company)), if busy { vec![ONE_AT_A_TIME] } else { vec![] })
        }
        None => (None, vec![]),
    };
    http::ok(&Detail { entry: detail_entry, missions, proposal_draft, warnings })
}

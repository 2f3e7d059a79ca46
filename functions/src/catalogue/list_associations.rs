//! GET /associations — the directory: partner associations, filtered by themes, regions and
//! keywords (accent- and case-insensitive, on name, description and city), by name.

use std::sync::Arc;

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::directory::*;
use shared::domain::association::Association;
use shared::error::ApiResult;
use shared::http;
use shared::http::Query;
use shared::taxonomy::{self, REGIONS, THEMES};
use shared::text;

#[derive(Serialize)]
struct Page {
    total: usize,
    items: Vec<DirectoryEntry>,
    next_page: Option<i64>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let query = Query::of(&req, &["themes", "regions", "q", "page", "limit"])?;
    let mut errors = shared::error::Errors::new();
    let themes = errors.check(THEMES.parse_list("themes", &query.list("themes"), 0, THEMES.entries.len())).unwrap_or_default();
    let regions = errors.check(REGIONS.parse_list("regions", &query.list("regions"), 0, REGIONS.entries.len())).unwrap_or_default();
    errors.finish()?;
    let words = query.text("q").map(|q| text::query_terms(&q)).unwrap_or_default();
    let page = query.integer("page", 1, 10_000)?.unwrap_or(1);
    let limit = query.integer("limit", 1, 100)?.unwrap_or(24);
    let mut state = app.catalogue.cached(&app.store).await?;
    let viewer = viewer(app, &state, &caller).await?;
    let mut matching: Vec<Arc<Association>> = state
        .associations()
        .filter(|a| viewer.sees(&state, &a.id))
        .filter(|a| themes.is_empty() || themes.contains(&a.theme.as_str()))
        .filter(|a| regions.is_empty() || taxonomy::place_of_postcode(&a.postcode).is_some_and(|p| regions.contains(&p.region)))
        .filter(|a| {
            let terms = text::document_terms([a.name.as_str(), a.description.as_str(), a.city.as_str()]);
            words.iter().all(|w| terms.iter().any(|t| t.starts_with(w.as_str())))
        })
        .cloned()
        .collect();
    matching.sort_by_cached_key(|a| (text::tokens(&a.name).join(" "), a.id.clone()));
    let total = matching.len();
    let start = ((page - 1) * limit) as usize;
    let counts = published_counts(&mut state);
    let items: Vec<DirectoryEntry> = matching.iter().skip(start).take(limit as usize).map(|a| entry(&state, &viewer, a, &counts)).collect();
    let next_page = (start + items.len() < total).then_some(page + 1);
    http::ok(&Page { total, items, next_page })
}

//! GET /missions — search the catalogue (B2): associations, themes, professional and personal
//! expertises, regions and French keywords, in any combination; total count; newest first;
//! cursor pagination; only missions of the caller's company's partner associations.
//! Open to every employee of a member company, registered or not (A3).

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::{access, views::SearchResults};
use shared::catalogue::{Cursor, SearchQuery};
use shared::domain::validate;
use shared::error::{ApiError, ApiResult, Errors};
use shared::http::{self, Query};
use shared::taxonomy::{Taxonomy, PERSONAL_EXPERTISES, PROFESSIONAL_EXPERTISES, REGIONS, THEMES};
use shared::text;
use shared::texts;

pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 50;
const PARAMS: &[&str] = &["association", "themes", "professional_expertises", "personal_expertises", "regions", "q", "limit", "cursor"];

fn facet(e: &mut Errors, q: &Query, t: Taxonomy) -> u32 {
    let values = q.list(t.name);
    e.check(t.parse_list(t.name, &values, 0, t.entries.len())).map(|v| t.mask(&v)).unwrap_or(0)
}

fn parse(req: &Request) -> ApiResult<SearchQuery> {
    let q = Query::of(req, PARAMS)?;
    let mut e = Errors::new();
    let associations: Vec<String> = q.list("association").iter().filter_map(|a| e.check(validate::id("association", a))).collect();
    let themes = facet(&mut e, &q, THEMES);
    let professional = facet(&mut e, &q, PROFESSIONAL_EXPERTISES);
    let personal = facet(&mut e, &q, PERSONAL_EXPERTISES);
    let regions = facet(&mut e, &q, REGIONS);
    let keywords = q.text("q").unwrap_or_default();
    if keywords.chars().count() > 200 {
        e.add("q", texts::err::length("q", 0, 200));
    }
    let limit = match q.integer("limit", 1, MAX_LIMIT) {
        Ok(l) => l.unwrap_or(DEFAULT_LIMIT) as usize,
        Err(ApiError::Validation(v)) => {
            v.into_iter().for_each(|f| e.add(f.field, f.message));
            0
        }
        Err(other) => return Err(other),
    };
    let after = match q.text("cursor") {
        None => None,
        Some(raw) => match Cursor::decode("cursor", &raw) {
            Ok(c) => Some(c),
            Err(_) => {
                e.add("cursor", texts::err::BAD_CURSOR);
                None
            }
        },
    };
    e.finish()?;
    Ok(SearchQuery { associations, themes, professional, personal, regions, terms: text::query_terms(&keywords), limit, after })
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let query = parse(&req)?;
    let mut state = app.catalogue.fresh(&app.store).await?;
    let company = access::employee_company(&state, &caller)?;
    let page = state.search(&company.id, &query);
    http::ok(&SearchResults::of(&state, &page)?)
}

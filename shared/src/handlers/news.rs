//! "L'actu solidaire" (C4): dated solidarity events of the month, each linked to missions,
//! managed by the operator; employees see those of a month with the linked missions their
//! company can see.

use chrono::{DateTime, NaiveDate, Utc};
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use crate::app::App;
use crate::catalogue::State;
use crate::domain::user::Role;
use crate::domain::validate;
use crate::error::{ApiError, ApiResult, Errors};
use crate::handlers::access;
use crate::handlers::directory::{viewer, Viewer};
use crate::handlers::views::MissionCard;
use crate::http;
use crate::keys;
use crate::store::{self, s};
use crate::texts::err;

pub const MAX_LINKED_MISSIONS: usize = 12;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NewsItem {
    pub id: String,
    pub date: NaiveDate,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    pub mission_ids: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The body of POST /news and PUT /news/{newsId}.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewsInput {
    date: String,
    title: String,
    description: Option<String>,
    #[serde(default)]
    mission_ids: Vec<String>,
}

/// A date field "AAAA-MM-JJ".
pub fn date(field: &str, v: &str) -> Result<NaiveDate, crate::error::FieldError> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| crate::error::FieldError::new(field, err::bad_date(field)))
}

/// Mission ids an operator links: each a published mission, none twice.
pub fn linked_missions(state: &State, field: &str, ids: &[String], e: &mut Errors) -> Vec<String> {
    if ids.len() > MAX_LINKED_MISSIONS {
        e.add(field, err::count(field, 0, MAX_LINKED_MISSIONS));
        return vec![];
    }
    let mut out: Vec<String> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let f = format!("{field}[{i}]");
        let published = state.mission(id).is_some_and(|m| m.mission.status == crate::domain::mission::MissionStatus::Published);
        if !published {
            e.add(f, err::unknown_mission(field, id));
        } else if out.contains(id) {
            e.add(f, err::duplicate_value(field, id));
        } else {
            out.push(id.clone());
        }
    }
    out
}

/// The linked missions the viewer may see, as cards.
pub fn mission_cards(state: &State, viewer: &Viewer, ids: &[String]) -> Vec<MissionCard> {
    ids.iter()
        .filter_map(|id| match viewer {
            Viewer::Employee(c) => state.visible_mission(&c.id, id),
            Viewer::Operator => state.mission(id),
        })
        .map(|m| MissionCard::of(&m.mission, state.association(&m.mission.association_id).map(|a| a.as_ref())))
        .collect()
}

impl NewsInput {
    fn validate(self, state: &State, id: String, created_at: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<NewsItem> {
        let mut e = Errors::new();
        let date = e.check(date("date", &self.date));
        let title = e.check(validate::line("title", Some(&self.title), 3, 150));
        let description = e.check(validate::optional_text("description", self.description.as_deref(), 2000)).flatten();
        let mission_ids = linked_missions(state, "mission_ids", &self.mission_ids, &mut e);
        e.finish()?;
        Ok(NewsItem {
            id,
            date: date.unwrap_or_default(),
            title: title.unwrap_or_default(),
            description,
            mission_ids,
            created_at,
            updated_at: now,
        })
    }
}

fn item(n: &NewsItem) -> ApiResult<store::Item> {
    let mut item = store::item("News", &keys::news(&n.id), keys::NEWS_SK, n)?;
    item.insert(keys::GSI1PK.into(), s(keys::NEWS_FEED));
    item.insert(keys::GSI1SK.into(), s(keys::dated(&n.date.to_string(), &n.id)));
    Ok(item)
}

#[derive(Serialize)]
struct NewsView {
    #[serde(flatten)]
    news: NewsItem,
    date_label: String,
    missions: Vec<MissionCard>,
}

fn news_view(state: &State, viewer: &Viewer, n: NewsItem) -> NewsView {
    let missions = mission_cards(state, viewer, &n.mission_ids);
    NewsView { date_label: crate::texts::date_fr(n.date), missions, news: n }
}

/// GET /news — the events of a month (`?month=AAAA-MM`, this month by default), by date.
pub mod list_news {
    use super::*;
    use crate::http::Query;

    #[derive(Serialize)]
    struct Page {
        month: String,
        items: Vec<NewsView>,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let query = Query::of(&req, &["month"])?;
        let first = match query.text("month") {
            Some(m) => NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").map_err(|_| ApiError::field("month", err::bad_month("month")))?,
            None => {
                let today = app.now().with_timezone(&chrono_tz::Europe::Paris).date_naive();
                today.with_day0(0).unwrap_or(today)
            }
        };
        let month = first.format("%Y-%m").to_string();
        let q = app
            .store
            .client
            .query()
            .table_name(&app.store.table)
            .index_name(keys::GSI1)
            .key_condition_expression("GSI1PK = :pk AND begins_with(GSI1SK, :month)")
            .expression_attribute_values(":pk", s(keys::NEWS_FEED))
            .expression_attribute_values(":month", s(format!("{month}-")));
        let news: Vec<NewsItem> = app.store.query_all("Query news", q).await?.into_iter().map(store::from_item).collect::<ApiResult<_>>()?;
        let state = app.catalogue.cached(&app.store).await?;
        let viewer = viewer(app, &state, &caller).await?;
        let items = news.into_iter().map(|n| news_view(&state, &viewer, n)).collect();
        http::ok(&Page { month, items })
    }

    use chrono::Datelike;
}

/// POST /news — the operator adds an event.
pub mod create_news {
    use super::*;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let input: NewsInput = http::json_body(&req)?;
        access::require_role(app, &caller, Role::Operator).await?;
        let now = app.now();
        let state = app.catalogue.cached(&app.store).await?;
        let news = input.validate(&state, uuid::Uuid::now_v7().to_string(), now, now)?;
        app.store.put_new("PutItem news", item(&news)?).await?;
        http::json(201, &news_view(&state, &Viewer::Operator, news))
    }
}

/// PUT /news/{newsId} — the operator replaces an event.
pub mod update_news {
    use super::*;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let id = http::path_id(&req, "newsId")?;
        let input: NewsInput = http::json_body(&req)?;
        access::require_role(app, &caller, Role::Operator).await?;
        let current: NewsItem = app.store.get_as(&keys::news(&id), keys::NEWS_SK).await?.ok_or_else(|| ApiError::NotFound(err::NEWS_NOT_FOUND.into()))?;
        let state = app.catalogue.cached(&app.store).await?;
        let news = input.validate(&state, id, current.created_at, app.now())?;
        if !app.store.replace_existing("PutItem news", item(&news)?).await? {
            return Err(ApiError::NotFound(err::NEWS_NOT_FOUND.into()));
        }
        http::ok(&news_view(&state, &Viewer::Operator, news))
    }
}

/// DELETE /news/{newsId} — the operator removes an event.
pub mod delete_news {
    use super::*;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let id = http::path_id(&req, "newsId")?;
        access::require_role(app, &caller, Role::Operator).await?;
        if !app.store.delete_existing("DeleteItem news", &keys::news(&id), keys::NEWS_SK).await? {
            return Err(ApiError::NotFound(err::NEWS_NOT_FOUND.into()));
        }
        http::no_content()
    }
}

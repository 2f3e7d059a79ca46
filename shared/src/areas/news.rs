//! "L'actu solidaire" (C4): dated solidarity events of the month, each linked to missions,
//! managed by the operator; employees see those of a month with the linked missions their
//! company can see.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::areas::directory::Viewer;
use crate::areas::views::MissionCard;
use crate::catalogue::Named;
use crate::domain::validate;
use crate::error::{ApiResult, Errors};
use crate::store::{self};
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
    pub(crate) mission_ids: Vec<String>,
}

/// A date field "AAAA-MM-JJ".
pub fn date(field: &str, v: &str) -> Result<NaiveDate, crate::error::FieldError> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| crate::error::FieldError::new(field, err::bad_date(field)))
}

/// Mission ids an operator links: each a published mission, none twice.
pub fn linked_missions(state: &Named, field: &str, ids: &[String], e: &mut Errors) -> Vec<String> {
    if ids.len() > MAX_LINKED_MISSIONS {
        e.add(field, err::count(field, 0, MAX_LINKED_MISSIONS));
        return vec![];
    }
    let mut out: Vec<String> = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let f = format!("{field}[{i}]");
        let published = state.mission(id).is_some_and(|m| m.status == crate::domain::mission::MissionStatus::Published);
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
pub fn mission_cards(state: &Named, viewer: &Viewer, ids: &[String]) -> Vec<MissionCard> {
    ids.iter()
        .filter_map(|id| match viewer {
            Viewer::Employee(c) => state.visible_mission(&c.id, id),
            Viewer::Operator => state.mission(id),
        })
        .map(|m| MissionCard::in_catalogue(state, m))
        .collect()
}

impl NewsInput {
    pub fn validate(self, state: &Named, id: String, created_at: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<NewsItem> {
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

pub fn item(n: &NewsItem) -> ApiResult<store::Item> {
    store::community::news_item(&n.id, n.date, n)
}

#[derive(Serialize)]
pub struct NewsView {
    #[serde(flatten)]
    news: NewsItem,
    date_label: String,
    missions: Vec<MissionCard>,
}

pub fn news_view(state: &Named, viewer: &Viewer, n: NewsItem) -> NewsView {
    let missions = mission_cards(state, viewer, &n.mission_ids);
    NewsView { date_label: crate::texts::date_fr(n.date), missions, news: n }
}

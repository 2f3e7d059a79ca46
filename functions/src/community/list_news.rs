//! GET /news — the events of a month (`?month=AAAA-MM`, this month by default), by date.

use chrono::NaiveDate;
use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::directory::viewer;
use shared::areas::news::*;
use shared::catalogue::Named;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::http::Query;
use shared::texts::err;

#[derive(Serialize)]
struct Page {
    month: String,
    items: Vec<NewsView>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let query = Query::of(&req, &["month"])?;
    let first = match query.text("month") {
        Some(m) => {
            NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").map_err(|_| ApiError::field("month", err::bad_month("month")))?
        }
        None => {
            let today = app.now().with_timezone(&chrono_tz::Europe::Paris).date_naive();
            today.with_day0(0).unwrap_or(today)
        }
    };
    let month = first.format("%Y-%m").to_string();
    let news: Vec<NewsItem> = shared::store::community::news_of_month(&app.store, &month).await?;
    let ids: Vec<String> = news.iter().flat_map(|n| n.mission_ids.iter().cloned()).collect();
    let missions = Named::read(&app.store, &ids).await?;
    let directory = app.directory.cached(&app.store).await?;
    let viewer = viewer(app, &directory, &caller).await?;
    let state = Named::new(&directory, missions);
    let items = news.into_iter().map(|n| news_view(&state, &viewer, n)).collect();
    http::ok(&Page { month, items })
}

use chrono::Datelike;

//! GET /me/quizzes — "Mes quiz": the quizzes I answered, latest first.

use chrono::{DateTime, NaiveDate, Utc};
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};
use shared::app::App;
use shared::catalogue::State;
use shared::domain::user::Role;
use shared::domain::validate;
use shared::error::{ApiError, ApiResult, Errors};
use shared::areas::access;
use shared::areas::directory::{viewer, Viewer};
use shared::areas::news::{date, linked_missions, mission_cards};
use shared::areas::views::MissionCard;
use shared::http;
use shared::keys;
use shared::store::{self, s};
use shared::texts::err;
use shared::areas::quizzes::*;

#[derive(Serialize)]
struct Item {
    #[serde(flatten)]
    answer: Answer,
    missions: Vec<MissionCard>,
}

#[derive(Serialize)]
struct Page {
    total: usize,
    correct: usize,
    items: Vec<Item>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let user = access::registered_employee(app, &caller).await?;
    let mut answers = my_answers(app, &caller.sub).await?;
    answers.sort_by(|a, b| b.answered_at.cmp(&a.answered_at));
    let state = app.catalogue.cached(&app.store).await?;
    let viewer = match user.company_id.as_deref().and_then(|c| state.company(c)) {
        Some(c) => Viewer::Employee(c.clone()),
        None => return Err(ApiError::Forbidden(err::NOT_REGISTERED.into())),
    };
    let correct = answers.iter().filter(|a| a.correct).count();
    let items: Vec<Item> = answers
        .into_iter()
        .map(|a| Item { missions: mission_cards(&state, &viewer, &a.mission_ids), answer: a })
        .collect();
    http::ok(&Page { total: items.len(), correct, items })
}

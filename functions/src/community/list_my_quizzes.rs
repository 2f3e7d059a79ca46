//! GET /me/quizzes — "Mes quiz": the quizzes I answered, latest first.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::access;
use shared::areas::directory::Viewer;
use shared::areas::news::mission_cards;
use shared::areas::quizzes::*;
use shared::areas::views::MissionCard;
use shared::catalogue::Named;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::err;

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
    answers.sort_by_key(|a| std::cmp::Reverse(a.answered_at));
    let ids: Vec<String> = answers.iter().flat_map(|a| a.mission_ids.iter().cloned()).collect();
    let missions = Named::read(&app.store, &ids).await?;
    let directory = app.directory.cached(&app.store).await?;
    let state = Named::new(&directory, missions);
    let viewer = match user.company_id.as_deref().and_then(|c| state.company(c)) {
        Some(c) => Viewer::Employee(c.clone()),
        None => return Err(ApiError::Forbidden(err::NOT_REGISTERED.into())),
    };
    let correct = answers.iter().filter(|a| a.correct).count();
    let items: Vec<Item> =
        answers.into_iter().map(|a| Item { missions: mission_cards(&state, &viewer, &a.mission_ids), answer: a }).collect();
    http::ok(&Page { total: items.len(), correct, items })
}

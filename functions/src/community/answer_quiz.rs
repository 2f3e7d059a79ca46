//! POST /quizzes/{quizId}/answers — a registered employee answers an opened quiz, once;
//! the reply reveals the right answer, the explanation and the linked missions.

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::access;
use shared::areas::directory::Viewer;
use shared::areas::quizzes::*;
use shared::catalogue::Named;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::keys;
use shared::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    answer: i64,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, id, input): (_, _, Input) = http::caller_id_body(&req, "quizId")?;
    let user = access::registered_employee(app, &caller).await?;
    let quiz: Quiz = app
        .store
        .get_as(&keys::quiz(&id), keys::QUIZ_SK)
        .await?
        .filter(|q: &Quiz| q.opens_on <= today(app))
        .ok_or_else(|| ApiError::NotFound(err::QUIZ_NOT_FOUND.into()))?;
    let chosen = shared::domain::quiz::choice(input.answer, quiz.options.len())
        .ok_or_else(|| ApiError::field("answer", err::answer_out_of_range(quiz.options.len())))?;
    let answer = Answer {
        quiz_id: quiz.id.clone(),
        question: quiz.question.clone(),
        options: quiz.options.clone(),
        chosen,
        answer: quiz.answer,
        correct: shared::domain::quiz::is_right(chosen, quiz.answer),
        explanation: quiz.explanation.clone(),
        mission_ids: quiz.mission_ids.clone(),
        answered_at: app.now(),
    };
    if !shared::store::community::put_quiz_answer(&app.store, &caller.sub, &quiz.id, &answer).await? {
        return Err(ApiError::Conflict(err::QUIZ_ALREADY_ANSWERED.into()));
    }
    let missions = Named::read(&app.store, &quiz.mission_ids).await?;
    let directory = app.directory.cached(&app.store).await?;
    let state = Named::new(&directory, missions);
    let viewer = match user.company_id.as_deref().and_then(|c| state.company(c)) {
        Some(c) => Viewer::Employee(c.clone()),
        None => return Err(ApiError::Forbidden(err::NOT_REGISTERED.into())),
    };
    http::json(201, &quiz_view(&state, &viewer, quiz, false, Some(&answer)))
}

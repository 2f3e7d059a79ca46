//! The CSR quiz (C5): the operator schedules a quiz every 15 days or so (question, options,
//! answer, explanation, linked missions, opening date); employees answer once and find
//! their answers in "Mes quiz".

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
use crate::handlers::news::{date, linked_missions, mission_cards};
use crate::handlers::views::MissionCard;
use crate::http;
use crate::keys;
use crate::store::{self, s};
use crate::texts::err;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Quiz {
    pub id: String,
    pub question: String,
    pub options: Vec<String>,
    /// Index of the right option.
    pub answer: usize,
    pub explanation: String,
    pub mission_ids: Vec<String>,
    /// The day it opens (Paris); the current quiz is the latest opened.
    pub opens_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An employee's answer, with the quiz as it was answered ("Mes quiz" in one Query).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Answer {
    pub quiz_id: String,
    pub question: String,
    pub options: Vec<String>,
    pub chosen: usize,
    pub answer: usize,
    pub correct: bool,
    pub explanation: String,
    pub mission_ids: Vec<String>,
    pub answered_at: DateTime<Utc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuizInput {
    question: String,
    options: Vec<String>,
    answer: i64,
    explanation: String,
    #[serde(default)]
    mission_ids: Vec<String>,
    opens_on: String,
}

impl QuizInput {
    fn validate(self, state: &State, id: String, created_at: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<Quiz> {
        let mut e = Errors::new();
        let question = e.check(validate::text("question", Some(&self.question), 5, 500));
        let mut options = Vec::new();
        if !(2..=6).contains(&self.options.len()) {
            e.add("options", err::count("options", 2, 6));
        }
        for (i, o) in self.options.iter().enumerate() {
            if let Some(o) = e.check(validate::line(&format!("options[{i}]"), Some(o), 1, 200)) {
                options.push(o);
            }
        }
        if self.answer < 0 || self.answer as usize >= self.options.len().max(1) {
            e.add("answer", err::answer_out_of_range(self.options.len()));
        }
        let explanation = e.check(validate::text("explanation", Some(&self.explanation), 5, 2000));
        let mission_ids = linked_missions(state, "mission_ids", &self.mission_ids, &mut e);
        let opens_on = e.check(date("opens_on", &self.opens_on));
        e.finish()?;
        Ok(Quiz {
            id,
            question: question.unwrap_or_default(),
            options,
            answer: self.answer as usize,
            explanation: explanation.unwrap_or_default(),
            mission_ids,
            opens_on: opens_on.unwrap_or_default(),
            created_at,
            updated_at: now,
        })
    }
}

fn item(q: &Quiz) -> ApiResult<store::Item> {
    let mut item = store::item("Quiz", &keys::quiz(&q.id), keys::QUIZ_SK, q)?;
    item.insert(keys::GSI1PK.into(), s(keys::QUIZZES));
    item.insert(keys::GSI1SK.into(), s(keys::dated(&q.opens_on.to_string(), &q.id)));
    Ok(item)
}

fn today(app: &App) -> NaiveDate {
    app.now().with_timezone(&chrono_tz::Europe::Paris).date_naive()
}

/// A quiz as shown: to an employee, the right answer and the explanation only once answered.
#[derive(Serialize)]
struct QuizView {
    id: String,
    question: String,
    options: Vec<String>,
    opens_on: NaiveDate,
    current: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explanation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    my_answer: Option<MyAnswer>,
    missions: Vec<MissionCard>,
}

#[derive(Serialize)]
struct MyAnswer {
    chosen: usize,
    correct: bool,
    answered_at: DateTime<Utc>,
}

fn quiz_view(state: &State, viewer: &Viewer, q: Quiz, current: bool, mine: Option<&Answer>) -> QuizView {
    let reveal = matches!(viewer, Viewer::Operator) || mine.is_some();
    QuizView {
        missions: mission_cards(state, viewer, &q.mission_ids),
        id: q.id,
        question: q.question,
        options: q.options,
        opens_on: q.opens_on,
        current,
        answer: reveal.then_some(q.answer),
        explanation: reveal.then_some(q.explanation),
        my_answer: mine.map(|a| MyAnswer { chosen: a.chosen, correct: a.correct, answered_at: a.answered_at }),
    }
}

async fn my_answers(app: &App, sub: &str) -> ApiResult<Vec<Answer>> {
    let q = app
        .store
        .client
        .query()
        .table_name(&app.store.table)
        .key_condition_expression("PK = :pk AND begins_with(SK, :prefix)")
        .expression_attribute_values(":pk", s(keys::user(sub)))
        .expression_attribute_values(":prefix", s(keys::QUIZ_ANSWER_PREFIX));
    app.store.query_all("Query quiz answers", q).await?.into_iter().map(store::from_item).collect()
}

/// GET /quizzes — opened quizzes, newest first (the first is the current one), with my
/// answers; the operator also sees the scheduled ones, with their answers.
pub mod list_quizzes {
    use super::*;

    #[derive(Serialize)]
    struct Page {
        items: Vec<QuizView>,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        crate::http::Query::of(&req, &[])?;
        let viewer = {
            let state = app.catalogue.cached(&app.store).await?;
            viewer(app, &state, &caller).await?
        };
        let q = app
            .store
            .client
            .query()
            .table_name(&app.store.table)
            .index_name(keys::GSI1)
            .scan_index_forward(false)
            .expression_attribute_values(":pk", s(keys::QUIZZES));
        let q = match viewer {
            Viewer::Operator => q.key_condition_expression("GSI1PK = :pk"),
            Viewer::Employee(_) => q
                .key_condition_expression("GSI1PK = :pk AND GSI1SK <= :today")
                .expression_attribute_values(":today", s(format!("{}~", today(app)))),
        };
        let quizzes: Vec<Quiz> = app.store.query_all("Query quizzes", q).await?.into_iter().map(store::from_item).collect::<ApiResult<_>>()?;
        let answers = match viewer {
            Viewer::Employee(_) => my_answers(app, &caller.sub).await?,
            Viewer::Operator => vec![],
        };
        let today = today(app);
        let current = quizzes.iter().find(|q| q.opens_on <= today).map(|q| q.id.clone());
        let state = app.catalogue.cached(&app.store).await?;
        let items = quizzes
            .into_iter()
            .map(|q| {
                let mine = answers.iter().find(|a| a.quiz_id == q.id);
                let is_current = current.as_deref() == Some(q.id.as_str());
                quiz_view(&state, &viewer, q, is_current, mine)
            })
            .collect();
        http::ok(&Page { items })
    }
}

/// POST /quizzes — the operator schedules a quiz.
pub mod create_quiz {
    use super::*;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let input: QuizInput = http::json_body(&req)?;
        access::require_role(app, &caller, Role::Operator).await?;
        let now = app.now();
        let state = app.catalogue.cached(&app.store).await?;
        let quiz = input.validate(&state, uuid::Uuid::now_v7().to_string(), now, now)?;
        app.store.put_new("PutItem quiz", item(&quiz)?).await?;
        http::json(201, &quiz_view(&state, &Viewer::Operator, quiz, false, None))
    }
}

/// PUT /quizzes/{quizId} — the operator replaces a quiz (answers already given keep the
/// version they answered).
pub mod update_quiz {
    use super::*;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let id = http::path_id(&req, "quizId")?;
        let input: QuizInput = http::json_body(&req)?;
        access::require_role(app, &caller, Role::Operator).await?;
        let current: Quiz = app.store.get_as(&keys::quiz(&id), keys::QUIZ_SK).await?.ok_or_else(|| ApiError::NotFound(err::QUIZ_NOT_FOUND.into()))?;
        let state = app.catalogue.cached(&app.store).await?;
        let quiz = input.validate(&state, id, current.created_at, app.now())?;
        if !app.store.replace_existing("PutItem quiz", item(&quiz)?).await? {
            return Err(ApiError::NotFound(err::QUIZ_NOT_FOUND.into()));
        }
        http::ok(&quiz_view(&state, &Viewer::Operator, quiz, false, None))
    }
}

/// DELETE /quizzes/{quizId} — the operator removes a quiz.
pub mod delete_quiz {
    use super::*;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let id = http::path_id(&req, "quizId")?;
        access::require_role(app, &caller, Role::Operator).await?;
        if !app.store.delete_existing("DeleteItem quiz", &keys::quiz(&id), keys::QUIZ_SK).await? {
            return Err(ApiError::NotFound(err::QUIZ_NOT_FOUND.into()));
        }
        http::no_content()
    }
}

/// POST /quizzes/{quizId}/answers — a registered employee answers an opened quiz, once;
/// the reply reveals the right answer, the explanation and the linked missions.
pub mod answer_quiz {
    use super::*;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        answer: i64,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let id = http::path_id(&req, "quizId")?;
        let input: Input = http::json_body(&req)?;
        let user = access::registered_employee(app, &caller).await?;
        let quiz: Quiz = app
            .store
            .get_as(&keys::quiz(&id), keys::QUIZ_SK)
            .await?
            .filter(|q: &Quiz| q.opens_on <= today(app))
            .ok_or_else(|| ApiError::NotFound(err::QUIZ_NOT_FOUND.into()))?;
        if input.answer < 0 || input.answer as usize >= quiz.options.len() {
            return Err(ApiError::field("answer", err::answer_out_of_range(quiz.options.len())));
        }
        let chosen = input.answer as usize;
        let answer = Answer {
            quiz_id: quiz.id.clone(),
            question: quiz.question.clone(),
            options: quiz.options.clone(),
            chosen,
            answer: quiz.answer,
            correct: chosen == quiz.answer,
            explanation: quiz.explanation.clone(),
            mission_ids: quiz.mission_ids.clone(),
            answered_at: app.now(),
        };
        let r = app
            .store
            .client
            .put_item()
            .table_name(&app.store.table)
            .set_item(Some(store::item("QuizAnswer", &keys::user(&caller.sub), &keys::quiz_answer(&quiz.id), &answer)?))
            .condition_expression("attribute_not_exists(PK)")
            .send()
            .await;
        match r {
            Ok(_) => {}
            Err(e) if store::is_conditional_failure(&e) => return Err(ApiError::Conflict(err::QUIZ_ALREADY_ANSWERED.into())),
            Err(e) => return Err(store::sdk_error("PutItem quiz answer", e)),
        }
        let state = app.catalogue.cached(&app.store).await?;
        let viewer = match user.company_id.as_deref().and_then(|c| state.company(c)) {
            Some(c) => Viewer::Employee(c.clone()),
            None => return Err(ApiError::Forbidden(err::NOT_REGISTERED.into())),
        };
        http::json(201, &quiz_view(&state, &viewer, quiz, false, Some(&answer)))
    }
}

/// GET /me/quizzes — "Mes quiz": the quizzes I answered, latest first.
pub mod list_my_quizzes {
    use super::*;

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
}

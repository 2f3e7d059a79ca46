//! The CSR quiz (C5): the operator schedules a quiz every 15 days or so (question, options,
//! answer, explanation, linked missions, opening date); employees answer once and find
//! their answers in "Mes quiz".

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::app::App;
use crate::areas::directory::Viewer;
use crate::areas::news::{date, linked_missions, mission_cards};
use crate::areas::views::MissionCard;
use crate::catalogue::Named;
use crate::domain::validate;
use crate::error::{ApiResult, Errors};
use crate::keys;
use crate::store::{self};
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
    pub(crate) mission_ids: Vec<String>,
    opens_on: String,
}

impl QuizInput {
    pub fn validate(self, state: &Named, id: String, created_at: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<Quiz> {
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

pub fn item(q: &Quiz) -> ApiResult<store::Item> {
    store::community::quiz_item(&q.id, q.opens_on, q)
}

pub fn today(app: &App) -> NaiveDate {
    app.now().with_timezone(&chrono_tz::Europe::Paris).date_naive()
}

/// A quiz as shown: to an employee, the right answer and the explanation only once answered.
#[derive(Serialize)]
pub struct QuizView {
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
pub struct MyAnswer {
    chosen: usize,
    correct: bool,
    answered_at: DateTime<Utc>,
}

pub fn quiz_view(state: &Named, viewer: &Viewer, q: Quiz, current: bool, mine: Option<&Answer>) -> QuizView {
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

pub async fn my_answers(app: &App, sub: &str) -> ApiResult<Vec<Answer>> {
    app.store.query_prefix("Query quiz answers", &keys::user(sub), keys::QUIZ_ANSWER_PREFIX).await
}

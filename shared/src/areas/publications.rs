//! What the operator's news items and quizzes share: created, replaced and deleted the same
//! way, by the operator only; each kind says its key, its item, its input and its view.

use chrono::{DateTime, Utc};
use lambda_http::{Body, Request, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::app::App;
use crate::areas::access;
use crate::areas::directory::Viewer;
use crate::catalogue::State;
use crate::domain::user::Role;
use crate::error::{ApiError, ApiResult};
use crate::http;
use crate::store::Item;

/// A kind of operator publication (news, quiz).
pub trait Publication: Sized + DeserializeOwned {
    /// What the operator sends to create or replace one.
    type Input: DeserializeOwned;
    type View: Serialize;
    /// The path parameter of its id (`newsId`).
    const ID: &'static str;
    const PUT: &'static str;
    const DELETE: &'static str;
    const NOT_FOUND: &'static str;

    fn key(id: &str) -> (String, &'static str);
    fn created_at(&self) -> DateTime<Utc>;
    fn validate(input: Self::Input, state: &State, id: String, created_at: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<Self>;
    fn item(&self) -> ApiResult<Item>;
    fn operator_view(self, state: &State) -> Self::View;
}

/// Creates one (201).
pub async fn create<P: Publication>(app: &App, req: &Request) -> ApiResult<Response<Body>> {
    let (caller, input): (_, P::Input) = http::caller_and_body(req)?;
    access::require_role(app, &caller, Role::Operator).await?;
    let (now, state) = (app.now(), app.catalogue.cached(&app.store).await?);
    let p = P::validate(input, &state, uuid::Uuid::now_v7().to_string(), now, now)?;
    app.store.put_new(P::PUT, p.item()?).await?;
    http::json(201, &p.operator_view(&state))
}

/// Replaces one, keeping when it was created (404 if there is none).
pub async fn replace<P: Publication>(app: &App, req: &Request) -> ApiResult<Response<Body>> {
    let (caller, id, input): (_, _, P::Input) = http::caller_id_body(req, P::ID)?;
    access::require_role(app, &caller, Role::Operator).await?;
    let (pk, sk) = P::key(&id);
    let current: P = app.store.get_as(&pk, sk).await?.ok_or_else(|| ApiError::NotFound(P::NOT_FOUND.into()))?;
    let state = app.catalogue.cached(&app.store).await?;
    let p = P::validate(input, &state, id, current.created_at(), app.now())?;
    if !app.store.replace_existing(P::PUT, p.item()?).await? {
        return Err(ApiError::NotFound(P::NOT_FOUND.into()));
    }
    http::ok(&p.operator_view(&state))
}

/// Deletes one (204; 404 if there is none).
pub async fn delete<P: Publication>(app: &App, req: &Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(req)?;
    let id = http::path_id(req, P::ID)?;
    access::require_role(app, &caller, Role::Operator).await?;
    let (pk, sk) = P::key(&id);
    if !app.store.delete_existing(P::DELETE, &pk, sk).await? {
        return Err(ApiError::NotFound(P::NOT_FOUND.into()));
    }
    http::no_content()
}

impl Publication for crate::areas::news::NewsItem {
    type Input = crate::areas::news::NewsInput;
    type View = crate::areas::news::NewsView;
    const ID: &'static str = "newsId";
    const PUT: &'static str = "PutItem news";
    const DELETE: &'static str = "DeleteItem news";
    const NOT_FOUND: &'static str = crate::texts::err::NEWS_NOT_FOUND;

    fn key(id: &str) -> (String, &'static str) {
        (crate::keys::news(id), crate::keys::NEWS_SK)
    }
    fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    fn validate(input: Self::Input, state: &State, id: String, created_at: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<Self> {
        input.validate(state, id, created_at, now)
    }
    fn item(&self) -> ApiResult<Item> {
        crate::areas::news::item(self)
    }
    fn operator_view(self, state: &State) -> Self::View {
        crate::areas::news::news_view(state, &Viewer::Operator, self)
    }
}

impl Publication for crate::areas::quizzes::Quiz {
    type Input = crate::areas::quizzes::QuizInput;
    type View = crate::areas::quizzes::QuizView;
    const ID: &'static str = "quizId";
    const PUT: &'static str = "PutItem quiz";
    const DELETE: &'static str = "DeleteItem quiz";
    const NOT_FOUND: &'static str = crate::texts::err::QUIZ_NOT_FOUND;

    fn key(id: &str) -> (String, &'static str) {
        (crate::keys::quiz(id), crate::keys::QUIZ_SK)
    }
    fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    fn validate(input: Self::Input, state: &State, id: String, created_at: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<Self> {
        input.validate(state, id, created_at, now)
    }
    fn item(&self) -> ApiResult<Item> {
        crate::areas::quizzes::item(self)
    }
    fn operator_view(self, state: &State) -> Self::View {
        crate::areas::quizzes::quiz_view(state, &Viewer::Operator, self, false, None)
    }
}

//! What the operator's news items and quizzes share: created, replaced and deleted the same
//! way, by the operator only; each kind says its key, its item, its input and its view.

use chrono::{DateTime, Utc};
use lambda_http::{Body, Request, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::app::App;
use crate::areas::access;
use crate::areas::directory::Viewer;
use crate::catalogue::Named;
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
    /// The missions the input links (to be read before it is validated).
    fn linked(input: &Self::Input) -> &[String];
    fn validate(input: Self::Input, state: &Named, id: String, created_at: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<Self>;
    fn item(&self) -> ApiResult<Item>;
    fn operator_view(self, state: &Named) -> Self::View;
}

/// The missions an input links, read (none when it links more than it may: validation refuses it).
async fn linked_missions<P: Publication>(app: &App, input: &P::Input) -> ApiResult<Vec<crate::domain::mission::Mission>> {
    let ids = P::linked(input);
    if ids.len() > crate::areas::news::MAX_LINKED_MISSIONS {
        return Ok(vec![]);
    }
    Named::read(&app.store, ids).await
}

/// Creates one (201).
pub async fn create<P: Publication>(app: &App, req: &Request) -> ApiResult<Response<Body>> {
    let (caller, input): (_, P::Input) = http::caller_and_body(req)?;
    access::require_role(app, &caller, Role::Operator).await?;
    let (now, missions) = (app.now(), linked_missions::<P>(app, &input).await?);
    let directory = app.directory.cached(&app.store).await?;
    let state = Named::new(&directory, missions);
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
    let missions = linked_missions::<P>(app, &input).await?;
    let directory = app.directory.cached(&app.store).await?;
    let state = Named::new(&directory, missions);
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

/// The `Publication` of a kind: its types, id parameter, operation names, key, not-found text,
/// item and operator view.
macro_rules! publication {
    ($ty:ty, $input:ty, $view:ty, $id:literal, $what:literal, $key:expr, $not_found:expr, $item:expr, $view_of:expr) => {
        impl Publication for $ty {
            type Input = $input;
            type View = $view;
            const ID: &'static str = $id;
            const PUT: &'static str = concat!("PutItem ", $what);
            const DELETE: &'static str = concat!("DeleteItem ", $what);
            const NOT_FOUND: &'static str = $not_found;

            fn key(id: &str) -> (String, &'static str) {
                $key(id)
            }
            fn created_at(&self) -> DateTime<Utc> {
                self.created_at
            }
            fn linked(input: &Self::Input) -> &[String] {
                &input.mission_ids
            }
            fn validate(input: Self::Input, state: &Named, id: String, created_at: DateTime<Utc>, now: DateTime<Utc>) -> ApiResult<Self> {
                input.validate(state, id, created_at, now)
            }
            fn item(&self) -> ApiResult<Item> {
                $item(self)
            }
            fn operator_view(self, state: &Named) -> Self::View {
                $view_of(state, self)
            }
        }
    };
}

use crate::areas::news::{NewsInput, NewsItem, NewsView};
use crate::areas::quizzes::{Quiz, QuizInput, QuizView};

publication! {
    NewsItem, NewsInput, NewsView, "newsId", "news", |id| (crate::keys::news(id), crate::keys::NEWS_SK),
    crate::texts::err::NEWS_NOT_FOUND, crate::areas::news::item, |state, n| crate::areas::news::news_view(state, &Viewer::Operator, n)
}

publication! {
    Quiz, QuizInput, QuizView, "quizId", "quiz", |id| (crate::keys::quiz(id), crate::keys::QUIZ_SK),
    crate::texts::err::QUIZ_NOT_FOUND, crate::areas::quizzes::item,
    |state, q| crate::areas::quizzes::quiz_view(state, &Viewer::Operator, q, false, None)
}

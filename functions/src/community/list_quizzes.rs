//! GET /quizzes — opened quizzes, newest first (the first is the current one), with my
//! answers; the operator also sees the scheduled ones, with their answers.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::directory::{viewer, Viewer};
use shared::areas::quizzes::*;
use shared::catalogue::Named;
use shared::error::ApiResult;
use shared::http;

#[derive(Serialize)]
struct Page {
    items: Vec<QuizView>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    shared::http::Query::of(&req, &[])?;
    let viewer = {
        let directory = app.directory.cached(&app.store).await?;
        viewer(app, &directory, &caller).await?
    };
    let until = match viewer {
        Viewer::Operator => None,
        Viewer::Employee(_) => Some(today(app).to_string()),
    };
    let quizzes: Vec<Quiz> = shared::store::community::quizzes(&app.store, until.as_deref()).await?;
    let answers = match viewer {
        Viewer::Employee(_) => my_answers(app, &caller.sub).await?,
        Viewer::Operator => vec![],
    };
    let today = today(app);
    let current = quizzes.iter().find(|q| q.opens_on <= today).map(|q| q.id.clone());
    let ids: Vec<String> = quizzes.iter().flat_map(|q| q.mission_ids.iter().cloned()).collect();
    let missions = Named::read(&app.store, &ids).await?;
    let directory = app.directory.cached(&app.store).await?;
    let state = Named::new(&directory, missions);
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

//! GET /surveys/{token} — the participant's satisfaction survey (a page; changes nothing).

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::facilitation_followup::*;
use shared::error::ApiResult;
use shared::http;
use shared::texts::pages;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    match survey_link(app, &req).await? {
        SurveyLink::Live { session, participant, .. } => {
            let date = shared::texts::date_fr(session.date);
            http::html(200, pages::survey(&participant.first_name, &session.title, &date, &app.config.network_name))
        }
        other => survey_dead_end(&other, &app.config.network_name),
    }
}

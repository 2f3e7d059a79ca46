//! GET /surveys/{token} — the participant's satisfaction survey (a page; changes nothing).

use chrono::Duration;
use lambda_http::{Body, Request, RequestExt, Response};
use serde::{Deserialize, Serialize};
use shared::app::App;
use shared::domain::facilitation::{month_of, remuneration_due, FacilitationMission, MissionStatus, RemunerationRequest, Session};
use shared::error::{ApiError, ApiResult, Errors};
use shared::areas::facilitation::{coordinated, mission_item, save_session, session_for, session_item, session_view};
use shared::http;
use shared::keys;
use shared::store::{self, s};
use shared::texts::{emails, err, facilitation_documents as docs, pages};
use shared::areas::facilitation_followup::*;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    match survey_link(app, &req).await? {
        SurveyLink::Live { session, participant, .. } => {
            http::html(200, pages::survey(&participant.first_name, &session.title, &shared::texts::date_fr(session.date)))
        }
        other => survey_dead_end(&other),
    }
}

//! GET /facilitation-missions/{missionId}/survey-results — the coordinator's results, per
//! session and per facilitator: answers, average rating (out of 5), share who recommend.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::facilitation::coordinated;
use shared::areas::facilitation_followup::*;
use shared::domain::facilitation::{survey_stats, SurveyStats};
use shared::error::ApiResult;
use shared::http;

#[derive(Serialize)]
struct BySession {
    session_id: String,
    title: String,
    date: chrono::NaiveDate,
    present: usize,
    #[serde(flatten)]
    stats: SurveyStats,
}

#[derive(Serialize)]
struct ByFacilitator {
    facilitator: String,
    name: String,
    #[serde(flatten)]
    stats: SurveyStats,
}

#[derive(Serialize)]
struct Results {
    sessions: Vec<BySession>,
    facilitators: Vec<ByFacilitator>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let mission_id = http::path_id(&req, "missionId")?;
    let (_, sessions) = coordinated(app, &caller, &mission_id).await?;
    let answers: Vec<SurveyAnswer> = shared::store::facilitation::survey_answers(&app.store, &mission_id).await?;
    let by_session = sessions
        .iter()
        .map(|x| BySession {
            session_id: x.id.clone(),
            title: x.title.clone(),
            date: x.date,
            present: x.participants.iter().filter(|p| p.present == Some(true)).count(),
            stats: survey_stats(answers.iter().filter(|a| a.session_id == x.id), true),
        })
        .collect();
    let mut people: Vec<(String, String)> = answers.iter().flat_map(|a| a.facilitators.clone()).collect();
    people.sort();
    people.dedup_by(|a, b| a.0 == b.0);
    let by_facilitator = people
        .into_iter()
        .map(|(sub, name)| ByFacilitator {
            stats: survey_stats(answers.iter().filter(|a| a.facilitators.iter().any(|f| f.0 == sub)), false),
            facilitator: sub,
            name,
        })
        .collect();
    http::ok(&Results { sessions: by_session, facilitators: by_facilitator })
}

//! GET /facilitation-missions/{missionId}/survey-results — the coordinator's results, per
//! session and per facilitator: answers, average rating (out of 5), share who recommend.

use lambda_http::{Body, Request, Response};
use serde::Serialize;
use shared::app::App;
use shared::areas::facilitation::coordinated;
use shared::areas::facilitation_followup::*;
use shared::error::ApiResult;
use shared::http;

#[derive(Serialize, Default)]
struct Stats {
    answers: usize,
    average_rating: Option<f64>,
    recommend_percent: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    comments: Vec<String>,
}

fn stats<'a>(answers: impl Iterator<Item = &'a SurveyAnswer>, with_comments: bool) -> Stats {
    let list: Vec<&SurveyAnswer> = answers.collect();
    if list.is_empty() {
        return Stats::default();
    }
    let n = list.len();
    Stats {
        answers: n,
        average_rating: Some((list.iter().map(|a| a.rating as f64).sum::<f64>() / n as f64 * 10.0).round() / 10.0),
        recommend_percent: Some((list.iter().filter(|a| a.recommend).count() * 100 / n) as u32),
        comments: if with_comments { list.iter().filter_map(|a| a.comment.clone()).collect() } else { vec![] },
    }
}

#[derive(Serialize)]
struct BySession {
    session_id: String,
    title: String,
    date: chrono::NaiveDate,
    present: usize,
    #[serde(flatten)]
    stats: Stats,
}

#[derive(Serialize)]
struct ByFacilitator {
    facilitator: String,
    name: String,
    #[serde(flatten)]
    stats: Stats,
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
            stats: stats(answers.iter().filter(|a| a.session_id == x.id), true),
        })
        .collect();
    let mut people: Vec<(String, String)> = answers.iter().flat_map(|a| a.facilitators.clone()).collect();
    people.sort();
    people.dedup_by(|a, b| a.0 == b.0);
    let by_facilitator = people
        .into_iter()
        .map(|(sub, name)| ByFacilitator {
            stats: stats(answers.iter().filter(|a| a.facilitators.iter().any(|f| f.0 == sub)), false),
            facilitator: sub,
            name,
        })
        .collect();
    http::ok(&Results { sessions: by_session, facilitators: by_facilitator })
}

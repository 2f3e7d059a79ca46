//! POST /surveys/{token} — the participant's answer, once (form fields `rating` 1–5,
//! `recommend` yes/no, `comment`).

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::facilitation_followup::*;
use shared::error::ApiResult;
use shared::http;
use shared::store::tokens;
use shared::texts::{err, pages};

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let link = survey_link(app, &req).await?;
    let network = &app.config.network_name;
    let SurveyLink::Live { hash, mission, session, participant } = &link else { return survey_dead_end(&link, network) };
    let form = http::form_body(&req)?;
    let rating = form.get("rating").and_then(|r| r.parse::<u8>().ok()).filter(|r| (1..=5).contains(r));
    let recommend = match form.get("recommend").map(String::as_str) {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    };
    let (Some(rating), Some(recommend)) = (rating, recommend) else {
        return http::html(400, pages::network_message(pages::SURVEY, &pages::survey_invalid_answer(err::SURVEY_FIELDS), network));
    };
    let comment = form.get("comment").map(|c| c.trim().chars().take(2000).collect::<String>()).filter(|c| !c.is_empty());
    let answer = SurveyAnswer {
        session_id: session.id.clone(),
        participant_id: participant.id.clone(),
        facilitators: session.active_facilitators().map(|f| (f.sub.clone(), f.name.clone())).collect(),
        rating,
        recommend,
        comment,
        answered_at: app.now(),
    };
    let answer = shared::store::facilitation::survey_answer_in_tx(&app.store, &mission.id, &session.id, &participant.id, &answer)?;
    let writes = vec![tokens::consume(&app.store, hash, app.now())?, answer];
    match app.store.transact("TransactWriteItems survey", writes).await? {
        Ok(()) => http::html(200, pages::network_message(pages::SURVEY_THANKS, pages::SURVEY_THANKS_TEXT, network)),
        Err(cancelled) if !cancelled.failed.is_empty() => survey_dead_end(&SurveyLink::Answered, network),
        Err(cancelled) => Err(cancelled.unexpected("TransactWriteItems survey")),
    }
}

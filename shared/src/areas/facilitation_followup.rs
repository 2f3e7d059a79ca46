//! After the sessions (SPEC E6, E7): attendance with certificates and satisfaction surveys,
//! survey results, and remuneration requests.

use lambda_http::{Body, Request, RequestExt, Response};

use crate::app::App;

pub use crate::domain::facilitation::SurveyAnswer;
use crate::domain::facilitation::{FacilitationMission, Session};
use crate::error::ApiResult;
use crate::http;
use crate::texts::pages;

// Built once per request and matched at once: boxing the live variant would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum SurveyLink {
    Invalid,
    Answered,
    Live { hash: String, mission: FacilitationMission, session: Session, participant: crate::domain::facilitation::Participant },
}

pub async fn survey_link(app: &App, req: &Request) -> ApiResult<SurveyLink> {
    use crate::store::tokens::{find, Found, Purpose};
    let plain = req.path_parameters().first("token").unwrap_or_default().to_string();
    let bound = |t: &crate::store::tokens::StoredToken| {
        t.get("mission_id").is_some() && t.get("session_id").is_some() && t.get("participant_id").is_some()
    };
    let token = match find(&app.store, &plain, Purpose::Survey, app.now()).await? {
        Found::Used(t) if bound(&t) => return Ok(SurveyLink::Answered),
        Found::Live(t) if bound(&t) => t,
        _ => return Ok(SurveyLink::Invalid),
    };
    let (Some(mid), Some(sid), Some(pid)) = (token.get("mission_id"), token.get("session_id"), token.get("participant_id")) else {
        return Ok(SurveyLink::Invalid);
    };
    let hash = token.hash.clone();
    let Some((mission, sessions)) = crate::areas::facilitation::mission_and_sessions(&app.store, mid).await? else {
        return Ok(SurveyLink::Invalid);
    };
    let Some(session) = sessions.into_iter().find(|x| x.id == sid) else { return Ok(SurveyLink::Invalid) };
    let Some(participant) = session.participants.iter().find(|p| p.id == pid).cloned() else { return Ok(SurveyLink::Invalid) };
    Ok(SurveyLink::Live { hash, mission, session, participant })
}

pub fn survey_dead_end(link: &SurveyLink, network: &str) -> ApiResult<Response<Body>> {
    match link {
        SurveyLink::Answered => http::html(200, pages::network_message(pages::SURVEY_THANKS, pages::SURVEY_DONE_TEXT, network)),
        _ => http::html(404, pages::network_message(pages::INVALID, pages::SURVEY_INVALID_TEXT, network)),
    }
}

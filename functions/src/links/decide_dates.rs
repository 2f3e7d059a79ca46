//! POST /decisions/{token} — the manager accepts or refuses (with an optional comment),
//! exactly once: the token is consumed by a conditional write in the same transaction as the
//! engagement's change, so a repeated or concurrent POST finds the request already handled.

use lambda_http::{Body, Request, RequestExt, Response};

use shared::app::App;
use shared::areas::decision;
use shared::areas::decision_link::{self, Link};
use shared::domain::engagement::RequestState;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::pages;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let token = req.path_parameters().first("token").unwrap_or_default().to_string();
    let form = http::form_body(&req)?;
    let outcome = match form.get("decision").map(String::as_str) {
        Some("accept") => RequestState::Accepted,
        Some("refuse") => RequestState::Refused,
        _ => return Err(ApiError::field("decision", shared::texts::err::BAD_PAGE_DECISION)),
    };
    let comment = form.get("comment").map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    if comment.as_ref().is_some_and(|c| c.chars().count() > 1000) {
        return Err(ApiError::field("comment", shared::texts::err::length("comment", 0, 1000)));
    }
    let link = decision_link::lookup(app, &token).await?;
    let Link::Live { engagement, request, .. } = link else {
        let (status, page) = decision_link::dead_end(app, &link, &token);
        return http::html(status, page);
    };
    let name = engagement.employee.full_name();
    match decision::apply(app, *engagement, &request, outcome, comment, true).await? {
        decision::Outcome::AlreadyHandled => {
            http::html(200, pages::message(pages::ALREADY, &pages::already_text(shared::texts::JUST_HANDLED)))
        }
        decision::Outcome::Decided(_) if outcome == RequestState::Accepted => {
            http::html(200, pages::message(pages::DONE_ACCEPTED, &pages::accepted_text(&name)))
        }
        decision::Outcome::Decided(_) => http::html(200, pages::message(pages::DONE_REFUSED, &pages::refused_text(&name))),
    }
}

//! What the two decision endpoints share: finding the request behind a link's token.

use crate::app::App;
use crate::domain::engagement::{DateRequest, Engagement, RequestState};
use crate::error::ApiResult;
use crate::store::engagements;
use crate::store::tokens::{self, Found, Purpose};
use crate::texts::pages;

pub enum Link {
    /// Malformed, unknown, or for something else.
    Invalid,
    /// Already used (the decision taken).
    Used(String),
    Expired,
    /// A live link: the engagement and the pending request.
    Live {
        engagement: Box<Engagement>,
        request: DateRequest,
    },
}

/// Two reads: the token, then its engagement.
pub async fn lookup(app: &App, plain: &str) -> ApiResult<Link> {
    let token = match tokens::find(&app.store, plain, Purpose::DateDecision, app.now()).await? {
        Found::Invalid => return Ok(Link::Invalid),
        Found::Used(t) => return Ok(Link::Used(t.decision.unwrap_or_default())),
        Found::Expired(_) => return Ok(Link::Expired),
        Found::Live(t) => t,
    };
    let (Some(engagement_id), Some(request_id)) = (token.get("engagement_id"), token.get("request_id")) else {
        return Ok(Link::Invalid);
    };
    let Some(engagement) = engagements::get(&app.store, engagement_id).await? else {
        return Ok(Link::Invalid);
    };
    let Some(request) = engagement.requests.iter().find(|r| r.id == request_id).cloned() else { return Ok(Link::Invalid) };
    if request.state != RequestState::Pending {
        return Ok(Link::Used(request.state.label().to_string()));
    }
    Ok(Link::Live { engagement: Box::new(engagement), request })
}

/// The page for a link that cannot be acted on, with its status.
pub fn dead_end(link: &Link) -> (u16, String) {
    match link {
        Link::Invalid => (404, pages::message(pages::INVALID, pages::INVALID_TEXT)),
        Link::Expired => (410, pages::message(pages::EXPIRED, pages::EXPIRED_TEXT)),
        Link::Used(state) => (200, pages::message(pages::ALREADY, &pages::already_text(&decision_label(state)))),
        Link::Live { .. } => (500, String::new()),
    }
}

use crate::texts::decision_label;

pub use crate::texts::request_dates_labels;

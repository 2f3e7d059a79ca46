//! What the two decision endpoints share: finding the request behind a link's token.

use crate::app::App;
use crate::domain::engagement::{DateRequest, Engagement, RequestState};
use crate::error::ApiResult;
use crate::keys;
use crate::store;
use crate::texts::pages;
use crate::tokens;

pub enum Link {
    /// Malformed, unknown, or for something else.
    Invalid,
    /// Already used (the decision taken).
    Used(String),
    Expired,
    /// A live link: the engagement and the pending request.
    Live { engagement: Box<Engagement>, request: DateRequest },
}

/// Two reads: the token, then its engagement.
pub async fn lookup(app: &App, plain: &str) -> ApiResult<Link> {
    if !tokens::well_formed(plain) {
        return Ok(Link::Invalid);
    }
    let hash = tokens::hash(plain);
    let Some(token) = app.store.get(&keys::token(&hash), keys::TOKEN_SK).await? else { return Ok(Link::Invalid) };
    if store::string(&token, "purpose") != Some("date_decision") {
        return Ok(Link::Invalid);
    }
    if let Some(decision) = store::string(&token, "decision") {
        return Ok(Link::Used(decision.to_string()));
    }
    let expires = token.get(keys::TTL).and_then(|v| v.as_n().ok()).and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
    if expires <= app.now().timestamp() {
        return Ok(Link::Expired);
    }
    let (Some(engagement_id), Some(request_id)) = (store::string(&token, "engagement_id"), store::string(&token, "request_id")) else {
        return Ok(Link::Invalid);
    };
    let Some(engagement) = app.store.get_as::<Engagement>(&keys::engagement(engagement_id), keys::ENGAGEMENT_SK).await? else {
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

fn decision_label(d: &str) -> String {
    match d {
        "accept" | "acceptée" => "acceptée".into(),
        "refuse" | "refusée" => "refusée".into(),
        other => other.into(),
    }
}

pub fn request_dates_labels(engagement: &Engagement, request_id: &str) -> Vec<String> {
    engagement
        .dates
        .iter()
        .filter(|d| d.request_id == request_id)
        .map(|d| crate::texts::mission_day_fr(d.date, d.part))
        .collect()
}

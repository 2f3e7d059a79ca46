//! What the two decision endpoints share: finding the request behind a link's token.

use crate::app::App;
use crate::domain::engagement::{DateRequest, Engagement, RequestState};
use crate::domain::error::{DomainError, Refusal};
use crate::error::ApiResult;
use crate::store::engagements;
use crate::store::tokens::{self, Found, Purpose};
use crate::texts::pages;

pub enum Link {
    /// Malformed, unknown, or for something else.
    Invalid,
    /// Already used (the decision taken).
    Used(String),
    /// A newer link was sent for the same request: this one is dead.
    Replaced,
    /// Expired; with the request it was for when that request still awaits the manager and
    /// this was its latest link (a fresh one can then be sent to the address on record).
    Expired(Option<Box<(Engagement, DateRequest)>>),
    /// A live link: the engagement and the pending request.
    Live { engagement: Box<Engagement>, request: DateRequest },
}

/// Two reads: the token, then its engagement.
pub async fn lookup(app: &App, plain: &str) -> ApiResult<Link> {
    let (token, live) = match tokens::find(&app.store, plain, Purpose::DateDecision, app.now()).await? {
        Found::Invalid => return Ok(Link::Invalid),
        Found::Used(t) => return Ok(Link::Used(t.decision.unwrap_or_default())),
        Found::Expired(t) => (t, false),
        Found::Live(t) => (t, true),
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
    if token.get("link").unwrap_or("0") != request.link_generation.to_string() {
        return Ok(Link::Replaced);
    }
    if !live || request.expires_at <= app.now() {
        return Ok(Link::Expired(Some(Box::new((engagement, request)))));
    }
    Ok(Link::Live { engagement: Box::new(engagement), request })
}

/// The page for a link that cannot be acted on, with its status; an expired link whose
/// request still awaits the manager offers a fresh one (`renewal`, a POST).
pub fn dead_end(app: &App, link: &Link, token: &str) -> (u16, String) {
    match link {
        Link::Invalid => (404, pages::message(pages::INVALID, pages::INVALID_TEXT)),
        Link::Replaced => (410, pages::message(pages::REPLACED, pages::REPLACED_TEXT)),
        Link::Expired(None) => (410, pages::message(pages::EXPIRED, pages::EXPIRED_TEXT)),
        Link::Expired(Some(_)) => (410, pages::expired_renewable(&crate::links::decision_renewal(&app.config, token))),
        Link::Used(state) => (200, pages::message(pages::ALREADY, &pages::already_text(&decision_label(state)))),
        Link::Live { .. } => (500, String::new()),
    }
}

use crate::texts::decision_label;

pub use crate::texts::request_dates_labels;

/// The pending request's manager gets a new link, to the address on record
/// (`Engagement::renew_manager_link`), with its reminders, in one transaction with the
/// engagement: every earlier link and reminder is dead at once. A refusal of the domain
/// (too soon, nothing pending, days past, a bouncing address) is returned as such, for the
/// caller to show.
pub async fn renew(app: &App, mut engagement: Engagement) -> ApiResult<Result<(Engagement, DateRequest), Refusal>> {
    let now = app.now();
    let expected_version = engagement.version;
    let (token, record) = crate::tokens::issue(now, app.config.manager_link_ttl)?;
    let request = match engagement.renew_manager_link(record.hash.clone(), record.expires_at, now) {
        Ok(request) => request,
        Err(DomainError::Conflict(refusal)) => return Ok(Err(refusal)),
        Err(e) => return Err(e.into()),
    };
    let generation = request.link_generation.to_string();
    let bound = [("engagement_id", engagement.id.as_str()), ("request_id", request.id.as_str()), ("link", generation.as_str())];
    let mut items = vec![
        crate::areas::engagements::put_if_version(&app.store, &engagement, expected_version)?,
        tokens::put_in_tx(&app.store, &record, Purpose::DateDecision, &bound)?,
    ];
    let due = crate::domain::reminders::manager_reminders(now, request.expires_at);
    items.extend(crate::store::reminders::schedule_manager(&app.store, &engagement.id, &request.id, request.link_generation, &due)?);
    let link = crate::links::decision(&app.config, &token.0);
    let letters = crate::texts::emails::date_request_letters(&engagement, &request, &link);
    items.extend(crate::outbox::queue(app, "manager link sent again", letters).await?);
    if app.store.transact("TransactWriteItems new manager link", items).await?.is_err() {
        return Err(crate::error::ApiError::Conflict(crate::texts::err::CROSSED_REQUEST.into()));
    }
    Ok(Ok((engagement, request)))
}

//! One-click unsubscribe from alert digests (C3, RFC 8058), without an account.
//!
//! Every digest carries its own link: a 256-bit token, stored hashed, bound to the
//! subscriber, valid for a year, used once. A GET only shows a confirmation page (mail
//! scanners fetch links); a POST — the mail client's one-click
//! `List-Unsubscribe=One-Click`, or the page's button — unsubscribes and answers 200 with a
//! page, never a redirect. Posting again answers 200 too.

use chrono::{DateTime, Duration, Utc};
use lambda_http::{Body, Request, RequestExt, Response};

use crate::app::App;
use crate::error::ApiResult;
use crate::keys;
use crate::store::tokens::{Found, Purpose};
use crate::store::{self};
use crate::texts::pages;
use crate::tokens::{self, PlainToken};

/// How long an unsubscribe link works after the digest that carries it.
pub fn link_ttl() -> Duration {
    Duration::days(365)
}

/// A new link for `sub`, stored (only its hash) before the e-mail that carries it is sent.
/// One PutItem; if the e-mail is then not sent, the unused token simply expires.
pub async fn issue(app: &App, sub: &str, now: DateTime<Utc>) -> ApiResult<PlainToken> {
    let (token, record) = tokens::issue(now, link_ttl())?;
    store::tokens::put(&app.store, &record, Purpose::Unsubscribe, &[("sub", sub)]).await?;
    Ok(token)
}

pub fn url(app: &App, token: &PlainToken) -> String {
    crate::links::unsubscribe(&app.config, &token.0)
}

pub enum Link {
    Invalid,
    Expired,
    Used,
    Live { hash: String, sub: String, email: String, company_id: String },
}

pub async fn lookup(app: &App, req: &Request) -> ApiResult<Link> {
    let plain = req.path_parameters().first("token").unwrap_or_default().to_string();
    let token = match store::tokens::find(&app.store, &plain, Purpose::Unsubscribe, app.now()).await? {
        Found::Live(token) => token,
        Found::Used(t) if t.get("sub").is_some() => return Ok(Link::Used),
        Found::Expired(t) if t.get("sub").is_some() => return Ok(Link::Expired),
        _ => return Ok(Link::Invalid),
    };
    let Some(sub) = token.get("sub") else { return Ok(Link::Invalid) };
    let hash = token.hash.clone();
    let subscription = app.store.get_as::<crate::alerts::Subscription>(&keys::user(sub), keys::PREFERENCES_SK).await?;
    let (email, company_id) = subscription.map(|s| (s.email, s.company_id)).unwrap_or_default();
    Ok(Link::Live { hash, sub: sub.to_string(), email, company_id })
}

pub fn dead_end(link: &Link) -> ApiResult<Response<Body>> {
    match link {
        Link::Invalid => crate::http::html(404, pages::message(pages::INVALID, pages::UNSUBSCRIBE_INVALID_TEXT)),
        Link::Expired => crate::http::html(410, pages::message(pages::EXPIRED, pages::UNSUBSCRIBE_EXPIRED_TEXT)),
        Link::Used | Link::Live { .. } => crate::http::html(200, pages::message(pages::UNSUBSCRIBED, pages::UNSUBSCRIBED_TEXT)),
    }
}

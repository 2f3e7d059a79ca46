//! One-click unsubscribe from alert digests (C3, RFC 8058), without an account.
//!
//! Every digest carries its own link: a 256-bit token, stored hashed, bound to the
//! subscriber, valid for a year, used once. A GET only shows a confirmation page (mail
//! scanners fetch links); a POST — the mail client's one-click
//! `List-Unsubscribe=One-Click`, or the page's button — unsubscribes and answers 200 with a
//! page, never a redirect. Posting again answers 200 too.

use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem, Update};
use chrono::{DateTime, Duration, Utc};
use lambda_http::{Body, Request, RequestExt, Response};

use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::{self, s};
use crate::texts::pages;
use crate::tokens::{self, PlainToken};

pub const PURPOSE: &str = "unsubscribe";

/// How long an unsubscribe link works after the digest that carries it.
pub fn link_ttl() -> Duration {
    Duration::days(365)
}

/// A new link for `sub`, stored (only its hash) before the e-mail that carries it is sent.
/// One PutItem; if the e-mail is then not sent, the unused token simply expires.
pub async fn issue(app: &App, sub: &str, now: DateTime<Utc>) -> ApiResult<PlainToken> {
    let (token, record) = tokens::issue(now, link_ttl())?;
    app.store.put_new("PutItem unsubscribe token", tokens::item(&record, PURPOSE, &[("sub", sub)])).await?;
    Ok(token)
}

pub fn url(app: &App, token: &PlainToken) -> String {
    format!("{}/alerts/unsubscribe/{}", app.config.public_base_url, token.0)
}

enum Link {
    Invalid,
    Expired,
    Used,
    Live { hash: String, sub: String, email: String },
}

async fn lookup(app: &App, req: &Request) -> ApiResult<Link> {
    let plain = req.path_parameters().first("token").unwrap_or_default().to_string();
    if !tokens::well_formed(&plain) {
        return Ok(Link::Invalid);
    }
    let hash = tokens::hash(&plain);
    let Some(token) = app.store.get(&keys::token(&hash), keys::TOKEN_SK).await? else { return Ok(Link::Invalid) };
    let (Some(PURPOSE), Some(sub)) = (store::string(&token, "purpose"), store::string(&token, "sub")) else {
        return Ok(Link::Invalid);
    };
    if token.contains_key("used_at") {
        return Ok(Link::Used);
    }
    let expires = token.get(keys::TTL).and_then(|v| v.as_n().ok()).and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
    if expires <= app.now().timestamp() {
        return Ok(Link::Expired);
    }
    let email = app
        .store
        .get_as::<crate::alerts::Subscription>(&keys::user(sub), keys::PREFERENCES_SK)
        .await?
        .map(|s| s.email)
        .unwrap_or_default();
    Ok(Link::Live { hash, sub: sub.to_string(), email })
}

fn dead_end(link: &Link) -> ApiResult<Response<Body>> {
    match link {
        Link::Invalid => crate::http::html(404, pages::message(pages::INVALID, pages::UNSUBSCRIBE_INVALID_TEXT)),
        Link::Expired => crate::http::html(410, pages::message(pages::EXPIRED, pages::UNSUBSCRIBE_EXPIRED_TEXT)),
        Link::Used | Link::Live { .. } => crate::http::html(200, pages::message(pages::UNSUBSCRIBED, pages::UNSUBSCRIBED_TEXT)),
    }
}

/// GET /alerts/unsubscribe/{token} — shows the confirmation page; changes nothing.
pub mod show_unsubscribe {
    use super::*;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        match lookup(app, &req).await? {
            Link::Live { email, .. } => crate::http::html(200, pages::unsubscribe(&email)),
            other => dead_end(&other),
        }
    }
}

/// POST /alerts/unsubscribe/{token} — unsubscribes, once; 200 with a page.
pub mod unsubscribe {
    use super::*;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let link = lookup(app, &req).await?;
        let Link::Live { hash, sub, .. } = &link else { return dead_end(&link) };
        let now = app.now();
        let use_token = tokens::consume(&app.store.table, hash, now)?;
        // Off, and out of the digest function's index; the version tells concurrent writers.
        let stop = Update::builder()
            .table_name(&app.store.table)
            .set_key(Some(store::key(&keys::user(sub), keys::PREFERENCES_SK)))
            .update_expression("SET alert_frequency = :off, updated_at = :now, version = version + :one REMOVE GSI1PK, GSI1SK, alert_cursor, alert_due")
            .condition_expression("attribute_exists(PK)")
            .expression_attribute_values(":off", s("off"))
            .expression_attribute_values(":now", s(keys::timestamp(now)))
            .expression_attribute_values(":one", AttributeValue::N("1".into()))
            .build()
            .map_err(|e| ApiError::unexpected("build update", e))?;
        let result = app
            .store
            .client
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().update(use_token).build())
            .transact_items(TransactWriteItem::builder().update(stop).build())
            .send()
            .await;
        match result {
            Ok(_) => {
                tracing::info!(sub = %sub, "unsubscribed from alerts");
                dead_end(&Link::Used)
            }
            // Used meanwhile by a concurrent POST, or no preferences any more: nothing to stop.
            Err(e) if store::cancellation_codes(&e).is_some_and(|c| c.iter().flatten().any(|c| c == "ConditionalCheckFailed")) => dead_end(&Link::Used),
            Err(e) => Err(store::sdk_error("TransactWriteItems unsubscribe", e)),
        }
    }
}

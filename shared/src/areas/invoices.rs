//! An international provider's invoice for a month (SPEC E8), deposited from the e-mail's
//! link without an account: the link's token (7 days, stored hashed, bound to the month and
//! the provider) opens a page with a form; the form posts the PDF (at most `MAX_BYTES`), which
//! is stored under the month's invoices. Depositing again before the link expires replaces
//! the invoice (the bucket keeps the previous version).

use chrono::{DateTime, Duration, Utc};
use lambda_http::{Body, Request, RequestExt, Response};

use crate::app::App;
use crate::error::ApiResult;
use crate::store::tokens::{Found, Purpose};
use crate::texts::pages;
use crate::tokens;

/// The largest invoice accepted: Lambda takes at most 6 MB of request, which API Gateway
/// sends base64-encoded.
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// How long the link works.
pub fn link_ttl() -> Duration {
    Duration::days(7)
}

/// A new link for a provider's month, stored (its hash only).
pub async fn issue(app: &App, month: &str, sub: &str, name: &str, now: DateTime<Utc>) -> ApiResult<String> {
    let (token, record) = tokens::issue(now, link_ttl())?;
    crate::store::tokens::put(&app.store, &record, Purpose::InvoiceUpload, &[("month", month), ("sub", sub), ("name", name)]).await?;
    Ok(crate::links::invoice_upload(&app.config, &token.0))
}

pub enum Link {
    Invalid,
    Expired,
    Live { month: String, sub: String, name: String, expires_at: chrono::DateTime<chrono::Utc> },
}

pub async fn lookup(app: &App, req: &Request) -> ApiResult<Link> {
    let plain = req.path_parameters().first("token").unwrap_or_default().to_string();
    Ok(match crate::store::tokens::find(&app.store, &plain, Purpose::InvoiceUpload, app.now()).await? {
        Found::Live(t) | Found::Used(t) => match (t.get("month"), t.get("sub")) {
            (Some(month), Some(sub)) => Link::Live {
                month: month.to_string(),
                sub: sub.to_string(),
                name: t.get("name").unwrap_or_default().to_string(),
                expires_at: t.expires_at,
            },
            _ => Link::Invalid,
        },
        Found::Expired(_) => Link::Expired,
        Found::Invalid => Link::Invalid,
    })
}

pub fn dead_end(link: &Link, network: &str) -> ApiResult<Response<Body>> {
    match link {
        Link::Expired => crate::http::html(410, pages::network_message(pages::EXPIRED, pages::INVOICE_EXPIRED_TEXT, network)),
        _ => crate::http::html(404, pages::network_message(pages::INVALID, pages::INVOICE_INVALID_TEXT, network)),
    }
}

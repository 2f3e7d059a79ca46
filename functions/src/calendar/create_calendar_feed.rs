//! POST /me/calendar-feed — a private calendar feed of the caller's accepted mission days
//! and the sessions they facilitate: a `webcal:` URL to subscribe to (and its `https:` form).
//! The URL is the credential (256 random bits, stored hashed, a year); asking again gives a
//! new one and the earlier one stops working at once.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::error::ApiResult;
use shared::http;

/// How long a feed's URL works (then a new one is asked for).
const FEED_TTL: chrono::Duration = chrono::Duration::days(365);

#[derive(Serialize)]
struct Feed {
    webcal_url: String,
    url: String,
    expires_at: chrono::DateTime<chrono::Utc>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let (token, record) = shared::tokens::issue(app.now(), FEED_TTL)?;
    let writes = shared::store::calendar_feeds::create(&app.store, &caller.sub, &record)?;
    if let Err(c) = app.store.transact("TransactWriteItems calendar feed", writes).await? {
        return Err(c.unexpected("TransactWriteItems calendar feed"));
    }
    let (webcal_url, url) = shared::links::calendar_feed(&app.config, &token.0);
    http::json(201, &Feed { webcal_url, url, expires_at: record.expires_at })
}

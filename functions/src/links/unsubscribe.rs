//! POST /alerts/unsubscribe/{token} — unsubscribes, once; 200 with a page.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::unsubscribe::*;
use shared::error::ApiResult;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let link = lookup(app, &req).await?;
    let Link::Live { hash, sub, .. } = &link else { return dead_end(&link) };
    let now = app.now();
    match shared::store::preferences::unsubscribe(&app.store, hash, sub, now).await? {
        Ok(()) => {
            tracing::info!(sub = %sub, "unsubscribed from alerts");
            dead_end(&Link::Used)
        }
        // Used meanwhile by a concurrent POST, or no preferences any more: nothing to stop.
        Err(cancelled) if !cancelled.failed.is_empty() => dead_end(&Link::Used),
        Err(cancelled) => Err(cancelled.unexpected("TransactWriteItems unsubscribe")),
    }
}

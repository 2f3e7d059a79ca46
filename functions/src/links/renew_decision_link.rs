//! POST /decisions/{token}/renewal — the button of an expired link's page, when its request
//! still awaits the manager: a fresh link goes by e-mail to the address the request was sent
//! to (nothing typed on the page is used), at most once per 24 hours; the earlier links die
//! at once. The GET of the expired link only shows the button.

use lambda_http::{Body, Request, RequestExt, Response};

use shared::app::App;
use shared::areas::decision_link::{self, Link};
use shared::error::ApiResult;
use shared::http;
use shared::texts::pages;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let token = req.path_parameters().first("token").unwrap_or_default().to_string();
    let link = decision_link::lookup(app, &token).await?;
    let found = match link {
        Link::Expired(Some(found)) => found,
        Link::Live { .. } => return http::html(200, pages::message(pages::STILL_LIVE, pages::STILL_LIVE_TEXT)),
        other => {
            let (status, page) = decision_link::dead_end(app, &other, &token);
            return http::html(status, page);
        }
    };
    let (engagement, _) = *found;
    match decision_link::renew(app, engagement).await? {
        Ok((_, request)) => {
            let valid_until = shared::texts::date_fr(request.expires_at.with_timezone(&chrono_tz::Europe::Paris).date_naive());
            http::html(200, pages::message(pages::RENEWED, &pages::renewed_text(&valid_until)))
        }
        Err(refusal) => http::html(409, pages::message(pages::EXPIRED, &pages::renewal_refused_text(&refusal))),
    }
}

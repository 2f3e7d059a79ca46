//! GET /calendars/{token} — the calendar feed a calendar application subscribes to (no
//! account: the URL is the credential): the person's accepted mission days, in Europe/Paris,
//! and the facilitation sessions they facilitate. A revoked, replaced or unknown feed: 404.

use lambda_http::{Body, Request, RequestExt, Response};

use shared::app::App;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::store::tokens::{self, Found, Purpose};

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let plain = req.path_parameters().first("token").unwrap_or_default().trim_end_matches(".ics").to_string();
    let gone = || ApiError::NotFound(shared::texts::err::CALENDAR_FEED_UNKNOWN.into());
    let Found::Live(token) = tokens::find(&app.store, &plain, Purpose::CalendarFeed, app.now()).await? else { return Err(gone()) };
    let sub = token.get("sub").ok_or_else(gone)?.to_string();
    if !shared::store::calendar_feeds::is_current(&app.store, &sub, &token.hash).await? {
        return Err(gone());
    }
    let mut engagements = Vec::new();
    for e in shared::areas::engagements::engagements_of(&app.store, &sub).await? {
        let place = shared::areas::convention::place_of(app, &e).await?;
        let url = shared::links::engagement(&app.config, &e.id);
        engagements.push((e, place, url));
    }
    let mut sessions = Vec::new();
    for r in shared::store::facilitation::sessions_of_facilitator(&app.store, &sub).await? {
        sessions.extend(shared::store::facilitation::session(&app.store, &r.mission_id, &r.session_id).await?);
    }
    http::calendar(shared::texts::personal_calendar(&engagements, &sessions, app.now()))
}

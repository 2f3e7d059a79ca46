//! GET /decisions/{token} — the manager's confirmation page, from the e-mail link, without
//! an account. It only shows (employee, mission, association, dates) and changes nothing:
//! mail scanners fetch links. The form's buttons POST to the same address.

use lambda_http::{Body, Request, RequestExt, Response};

use shared::app::App;
use shared::areas::decision_link::{self, Link};
use shared::error::ApiResult;
use shared::http;
use shared::texts::pages;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let token = req.path_parameters().first("token").unwrap_or_default().to_string();
    let link = decision_link::lookup(app, &token).await?;
    let Link::Live { engagement, request, .. } = &link else {
        let (status, page) = decision_link::dead_end(app, &link, &token);
        return http::html(status, page);
    };
    let company = app.directory.cached(&app.store).await?.company(&engagement.company_id).cloned();
    let valid_until = shared::texts::date_fr(request.expires_at.with_timezone(&chrono_tz::Europe::Paris).date_naive());
    http::html(
        200,
        pages::decision(
            &engagement.employee.full_name(),
            &pages::Brand::of(company.as_deref()),
            &engagement.mission_title,
            &engagement.association_name,
            &decision_link::request_dates_labels(engagement, &request.id),
            &request.message,
            &valid_until,
        ),
    )
}

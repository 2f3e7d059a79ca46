//! GET /invoices/{token} — an international provider's invoice deposit page (a form that
//! posts the PDF to the same address); changes nothing.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::invoices::*;
use shared::error::ApiResult;
use shared::texts::{month_fr, pages};

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    match lookup(app, &req).await? {
        Link::Live { month, name, expires_at, .. } => {
            let until = shared::texts::date_fr(expires_at.with_timezone(&chrono_tz::Europe::Paris).date_naive());
            shared::http::html(200, pages::invoice_upload(&name, &month_fr(&month), &until, &app.config.network_name))
        }
        other => dead_end(&other, &app.config.network_name),
    }
}

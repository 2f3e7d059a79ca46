//! GET /invoices/{token} — an international provider's invoice deposit page (a form that
//! posts the PDF to the same address); changes nothing.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::invoices::*;
use shared::error::ApiResult;
use shared::texts::{month_fr, pages};

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    match lookup(app, &req).await? {
        Link::Live { month, name, .. } => shared::http::html(200, pages::invoice_upload(&name, &month_fr(&month))),
        other => dead_end(&other),
    }
}

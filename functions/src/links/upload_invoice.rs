//! POST /invoices/{token} — the deposit form's PDF (multipart, at most 4 MB), stored as the
//! provider's invoice for the month; 200 with a page. A file that is not a PDF, or too
//! large, gets the form's page again with the reason.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::invoices::*;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::{month_fr, pages};

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let link = lookup(app, &req).await?;
    let network = &app.config.network_name;
    let Link::Live { month, sub, .. } = &link else { return dead_end(&link, network) };
    let refused = |status: u16, text: &str| http::html(status, pages::network_message(pages::INVOICE_REFUSED, text, network));
    let file = match http::multipart_file(&req, "invoice", MAX_BYTES) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return refused(400, pages::INVOICE_MISSING),
        Err(ApiError::PayloadTooLarge) => return refused(413, pages::INVOICE_TOO_LARGE),
        Err(e) => return Err(e),
    };
    if !file.starts_with(b"%PDF-") {
        return refused(400, pages::INVOICE_NOT_A_PDF);
    }
    app.documents.put(&shared::documents::keys::invoice(month, sub), file, "application/pdf").await?;
    tracing::info!(%month, "invoice deposited");
    http::html(200, pages::network_message(pages::INVOICE_RECEIVED, &pages::invoice_received_text(&month_fr(month)), network))
}

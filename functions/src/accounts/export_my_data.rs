//! GET /me/data — "Mes données": everything the platform holds about the caller (GDPR).

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::personal_data;
use shared::error::ApiResult;
use shared::http;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    http::ok(&personal_data::export(app, &caller.sub, caller.email.as_str()).await?)
}

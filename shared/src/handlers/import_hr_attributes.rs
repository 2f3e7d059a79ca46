//! PUT /companies/{companyId}/hr-attributes — a company admin imports the HR attributes the
//! allowance depends on, as CSV (`email;contrat;date_embauche;date_retraite`). Every line is
//! checked first; one bad line rejects the file, naming each bad line. Re-importing replaces.

use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};
use lambda_http::{Body, Request, Response};
use serde::Serialize;

use crate::app::App;
use crate::domain::allowance::HrAttributes;
use crate::domain::hr;
use crate::domain::user::Role;
use crate::error::{ApiError, ApiResult};
use crate::handlers::access;
use crate::http;
use crate::keys;
use crate::store;

#[derive(Serialize)]
struct HrItem<'a> {
    email: &'a str,
    company_id: &'a str,
    #[serde(flatten)]
    attributes: &'a HrAttributes,
}

#[derive(Serialize)]
struct Imported {
    imported: usize,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let company_id = http::path_id(&req, "companyId")?;
    let csv = http::text_body(&req, &["text/csv", "text/plain"])?;
    let admin = access::require_role(app, &caller, Role::CompanyAdmin).await?;
    if admin.company_id.as_deref() != Some(company_id.as_str()) {
        return Err(ApiError::Forbidden("Tu n'es pas administrateur·rice de cette entreprise.".into()));
    }
    let rows = hr::parse_csv(csv).map_err(ApiError::Validation)?;
    let mut requests = Vec::with_capacity(rows.len());
    for (email, attributes) in &rows {
        let item = store::item(
            "HrAttributes",
            &keys::company(&company_id),
            &keys::hr(email.as_str()),
            &HrItem { email: email.as_str(), company_id: &company_id, attributes },
        )?;
        let put = PutRequest::builder().set_item(Some(item)).build().map_err(|e| ApiError::unexpected("build put", e))?;
        requests.push(WriteRequest::builder().put_request(put).build());
    }
    for chunk in requests.chunks(25) {
        let mut pending = chunk.to_vec();
        for _ in 0..8 {
            if pending.is_empty() {
                break;
            }
            let out = app
                .store
                .client
                .batch_write_item()
                .request_items(&app.store.table, pending)
                .send()
                .await
                .map_err(|e| store::sdk_error("BatchWriteItem HR", e))?;
            pending = out.unprocessed_items.and_then(|mut u| u.remove(&app.store.table)).unwrap_or_default();
        }
        if !pending.is_empty() {
            return Err(ApiError::Unavailable("BatchWriteItem HR: unprocessed items".into()));
        }
    }
    http::ok(&Imported { imported: rows.len() })
}

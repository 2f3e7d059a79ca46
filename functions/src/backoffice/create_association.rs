//! POST /associations — the operator adds a partner association (B7 fields, eligibility,
//! RNA or SIREN/SIRET number checked); audited. Companies see its missions once a
//! partnership is started.

use lambda_http::{Body, Request, Response};

use shared::app::App;
use shared::areas::{access, audit};
use shared::domain::association::AssociationInput;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::store::companies;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, input): (_, AssociationInput) = http::caller_and_body(&req)?;
    access::require_role(app, &caller, Role::Operator).await?;
    let association = input.validate()?;
    let now = app.now();
    let audit = audit::entry(&caller, &req, now, "association.created", audit::association_scope(&association.id), &association)?;
    let writes = companies::create_association(&app.store, &association, &audit, now)?;
    match app.store.transact("TransactWriteItems create association", writes).await? {
        Ok(()) => http::json(201, &association),
        Err(c) if c.failed("association") => Err(ApiError::Conflict(err::ASSOCIATION_ID_TAKEN.into())),
        Err(c) => Err(c.unexpected("TransactWriteItems create association")),
    }
}

//! POST /associations/{associationId}/skill-proposals — sends the employee's message to the
//! association (reply-to the employee) and the association's contact to the employee.

use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use shared::app::App;
use shared::areas::directory::*;
use shared::domain::association::Association;
use shared::domain::validate;
use shared::error::Errors;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::emails;
use shared::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    message: String,
    phone: Option<String>,
}

#[derive(Serialize)]
struct Sent {
    id: String,
    association: AssociationContact,
    warnings: Vec<&'static str>,
}

#[derive(Serialize)]
struct AssociationContact {
    id: String,
    name: String,
    email: String,
    phone: Option<String>,
    address: String,
    website: Option<String>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, association_id, input): (_, _, Input) = http::caller_id_body(&req, "associationId")?;
    let (user, company_id) = shared::areas::access::registered_employee_and_company(app, &caller).await?;
    let (association, company) = {
        let state = app.directory.cached(&app.store).await?;
        let a = state
            .association(&association_id)
            .filter(|a| state.partners(&company_id, &a.id))
            .cloned()
            .ok_or_else(|| ApiError::NotFound(err::ASSOCIATION_NOT_FOUND.into()))?;
        (a, state.company(&company_id).map(|c| c.name.clone()).unwrap_or_default())
    };
    let mut e = Errors::new();
    let message = e.check(validate::text("message", Some(&input.message), 20, 3000));
    let phone = e.check(validate::phone("phone", input.phone.as_deref().or(user.phone.as_deref()))).flatten();
    e.finish()?;
    let message = message.unwrap_or_default();
    let busy = busy_elsewhere(app, &caller.sub, &association_id).await?;
    shared::store::counters::count_today(app, &caller.sub, "proposal", 1, PROPOSALS_PER_DAY, err::proposal_limit(PROPOSALS_PER_DAY))
        .await?;

    let now = app.now();
    let proposal = Proposal {
        id: uuid::Uuid::now_v7().to_string(),
        association_id: association.id.clone(),
        association_name: association.name.clone(),
        message: message.clone(),
        sent_at: now,
    };
    let letters = emails::proposal_letters(&association, &user, phone.as_deref(), &company, &message);
    let mut writes = vec![shared::store::community::put_proposal(&app.store, &caller.sub, &proposal.id, now, PROPOSAL_ENTITY, &proposal)?];
    writes.extend(shared::outbox::queue(app, "skill proposal", letters).await?);
    if let Err(c) = app.store.transact("TransactWriteItems proposal", writes).await? {
        return Err(c.unexpected("TransactWriteItems proposal"));
    }
    let warnings = if busy { vec![ONE_AT_A_TIME] } else { vec![] };
    http::json(201, &Sent { id: proposal.id, association: AssociationContact::of(&association), warnings })
}

impl AssociationContact {
    fn of(a: &Association) -> Self {
        AssociationContact {
            id: a.id.clone(),
            name: a.name.clone(),
            email: a.contact_email.clone(),
            phone: a.contact_phone.clone(),
            address: shared::texts::address_of(a),
            website: a.website.clone(),
        }
    }
}

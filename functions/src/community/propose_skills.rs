//! POST /associations/{associationId}/skill-proposals — sends the employee's message to the
//! association (reply-to the employee) and the association's contact to the employee.

use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};
use shared::app::App;
use shared::areas::directory::*;
use shared::domain::validate;
use shared::error::Errors;
use shared::error::{ApiError, ApiResult};
use shared::http::{self};
use shared::keys;
use shared::store::{self, s};
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
    let caller = http::caller(&req)?;
    let association_id = http::path_id(&req, "associationId")?;
    let input: Input = http::json_body(&req)?;
    let user = shared::areas::access::registered_employee(app, &caller).await?;
    let company_id = user.company_id.clone().unwrap_or_default();
    let (association, company) = {
        let state = app.catalogue.cached(&app.store).await?;
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
    let mut item = store::item(PROPOSAL_ENTITY, &keys::user(&caller.sub), &keys::skill_proposal(now, &proposal.id), &proposal)?;
    // Beside the employee's engagements, so that one Query reads both.
    item.insert(keys::GSI1PK.into(), s(keys::engagements_of(&caller.sub)));
    item.insert(keys::GSI1SK.into(), s(keys::skill_proposal(now, &proposal.id)));
    app.store.put("PutItem proposal", item).await?;

    let address = format!("{}, {} {}", association.address, association.postcode, association.city);
    let mut contact = vec![("E-mail", association.contact_email.clone()), ("Adresse", address.clone())];
    if let Some(p) = &association.contact_phone {
        contact.push(("Téléphone", p.clone()));
    }
    if let Some(w) = &association.website {
        contact.push(("Site web", w.clone()));
    }
    let letters = [
        emails::skills_to_association(
            &association.contact_email,
            &association.name,
            &user.full_name(),
            user.email.as_str(),
            phone.as_deref(),
            &company,
            &message,
        ),
        emails::skills_sent_to_employee(user.email.as_str(), &user.first_name, &association.name, contact),
    ];
    for letter in &letters {
        if let Err(e) = app.mailer.send(letter).await {
            tracing::error!(error = %e, subject = %letter.subject, "proposal e-mail not sent");
        }
    }
    http::json(
        201,
        &Sent {
            id: proposal.id,
            association: AssociationContact {
                id: association.id.clone(),
                name: association.name.clone(),
                email: association.contact_email.clone(),
                phone: association.contact_phone.clone(),
                address,
                website: association.website.clone(),
            },
            warnings: if busy { vec![ONE_AT_A_TIME] } else { vec![] },
        },
    )
}

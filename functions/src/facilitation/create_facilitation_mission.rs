//! POST /facilitation-missions — the operator gives a won opportunity to its coordinator:
//! client, what was ordered, the fees.

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::facilitation::*;
use shared::domain::email::Email;
use shared::domain::facilitation::{euros, FacilitationMission, MissionStatus, Quantities, MAX_FEE_CENTS};
use shared::domain::facilitation::{Client, ClientKind, Coordinator};
use shared::domain::user::Role;
use shared::domain::validate;
use shared::error::ApiResult;
use shared::error::Errors;
use shared::http;
use shared::texts::err;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    title: String,
    client_name: String,
    client_kind: String,
    coordinator_email: String,
    coordinator_name: String,
    ordered_workshops: u32,
    ordered_trainings: u32,
    workshop_fee_cents: u64,
    training_fee_cents: u64,
    coordination_fee_cents: u64,
    pre_test_url: String,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, input): (_, Input) = http::caller_and_body(&req)?;
    shared::areas::access::require_role(app, &caller, Role::Operator).await?;
    let mut e = Errors::new();
    let title = e.check(validate::line("title", Some(&input.title), 3, 150));
    let client_name = e.check(validate::line("client_name", Some(&input.client_name), 2, 150));
    let kinds = [
        ("business", ClientKind::Business),
        ("association", ClientKind::Association),
        ("public_sector", ClientKind::PublicSector),
        ("education", ClientKind::Education),
    ];
    let kind = e.check(validate::one_of("client_kind", &input.client_kind, &kinds));
    let email = e.check(Email::parse("coordinator_email", &input.coordinator_email));
    let name = e.check(validate::line("coordinator_name", Some(&input.coordinator_name), 2, 120));
    // Every convocation carries the pre-training test.
    let pre_test_url = e.check(validate::url("pre_test_url", Some(input.pre_test_url.as_str()))).flatten();
    if input.pre_test_url.trim().is_empty() {
        e.add("pre_test_url", err::required("pre_test_url"));
    }
    if input.ordered_workshops > 1000 || input.ordered_trainings > 1000 || (input.ordered_workshops == 0 && input.ordered_trainings == 0) {
        e.add("ordered_workshops", err::ORDER_EMPTY);
    }
    // Bounded at the edge, so that no sum of a month's remunerations can overflow.
    for (field, cents) in [
        ("workshop_fee_cents", input.workshop_fee_cents),
        ("training_fee_cents", input.training_fee_cents),
        ("coordination_fee_cents", input.coordination_fee_cents),
    ] {
        if cents > MAX_FEE_CENTS {
            e.add(field, err::fee_too_high(&euros(MAX_FEE_CENTS)));
        }
    }
    e.finish()?;
    let mission = FacilitationMission {
        id: uuid::Uuid::now_v7().to_string(),
        title: title.unwrap_or_default(),
        client: Client { name: client_name.unwrap_or_default(), kind: kind.unwrap_or(ClientKind::Business) },
        coordinator: Coordinator { email: email.map(|m| m.as_str().to_string()).unwrap_or_default(), name: name.unwrap_or_default() },
        ordered: Quantities { workshops: input.ordered_workshops, trainings: input.ordered_trainings },
        workshop_fee_cents: input.workshop_fee_cents,
        training_fee_cents: input.training_fee_cents,
        coordination_fee_cents: input.coordination_fee_cents,
        pre_test_url,
        status: MissionStatus::Open,
        remuneration_months: vec![],
        closed_at: None,
        coordination_billed_month: None,
        created_at: app.now(),
        version: 1,
    };
    let letter = shared::texts::emails::facilitation_mission_assigned(
        &mission.coordinator.email,
        &mission.coordinator.name,
        &mission.title,
        &mission.client.name,
        &shared::links::facilitation_mission(&app.config, &mission.id),
    );
    let mut writes = vec![shared::store::TxWrite::put(&app.store, "mission", mission_item(&mission)?, shared::store::Expect::New)?];
    writes.extend(shared::outbox::queue(app, "facilitation mission", vec![letter]).await?);
    if let Err(c) = app.store.transact("TransactWriteItems facilitation mission", writes).await? {
        return Err(c.unexpected("TransactWriteItems facilitation mission"));
    }
    http::json(201, &dashboard(mission, &[]))
}

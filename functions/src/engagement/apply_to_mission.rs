//! POST /missions/{missionId}/applications — step 1 "Je postule": a registered employee
//! applies with a prefilled form (phone, message). The association's referent receives the
//! employee's contact, the employee the referent's. One application per mission and calendar
//! year; a warning when another application is still open ("contacte une association à la
//! fois").

use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use shared::app::App;
use shared::areas::engagements::EngagementView;
use shared::domain::engagement::{check_next_year, paris_year, Employee, Engagement};
use shared::domain::validate;
use shared::error::{ApiError, ApiResult, Errors};
use shared::http;
use shared::store::engagements;
use shared::texts::{emails, err};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Application {
    phone: Option<String>,
    message: Option<String>,
}

#[derive(Serialize)]
struct Applied {
    #[serde(flatten)]
    engagement: EngagementView,
    warnings: Vec<String>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, mission_id, input): (_, _, Application) = http::caller_id_body(&req, "missionId")?;
    let (user, company_id) = shared::areas::access::registered_employee_and_company(app, &caller).await?;
    let stored = shared::store::missions::get(&app.store, &mission_id).await?;
    let (mission, association, company_name) = {
        let directory = shared::areas::access::directory_showing(app, &company_id, stored.as_ref()).await?;
        let m = shared::areas::access::visible(&directory, &company_id, stored)?;
        let association = directory.association(&m.association_id).map(|a| a.name.clone()).unwrap_or_default();
        let company = directory.company(&company_id).map(|c| c.name.clone()).unwrap_or_default();
        (m, association, company)
    };
    let mut e = Errors::new();
    let message = e.check(validate::text("message", input.message.as_deref(), 1, 2000));
    let phone = e.check(validate::phone("phone", input.phone.as_deref().or(user.phone.as_deref()))).flatten();
    e.finish()?;

    let now = app.now();
    let year = paris_year(now);
    let (mine, others) = shared::areas::engagements::activity_of(&app.store, &caller.sub).await?;
    check_next_year(&mine, &mission_id, year)?;
    let open_elsewhere = shared::areas::directory::busy_in(&mine, others, &mission.association_id, now);
    let employee = Employee {
        sub: caller.sub.clone(),
        email: user.email.as_str().to_string(),
        first_name: user.first_name.clone(),
        last_name: user.last_name.clone(),
        phone,
    };
    let id = uuid::Uuid::now_v7().to_string();
    let engagement = Engagement {
        entity_id: user.entity_id.clone(),
        ..Engagement::application(id, employee, company_id, &mission, association.clone(), message.unwrap_or_default(), now)
    };
    let mission_url = shared::links::mission(&app.config, &mission.id);
    let letters = shared::outbox::queue(app, "application", emails::application_letters(&engagement, &company_name, &mission_url)).await?;
    if let Err(cancelled) = engagements::apply(&app.store, &engagement, letters).await? {
        return Err(if cancelled.failed("guard") {
            ApiError::Conflict(err::already_applied(year))
        } else {
            cancelled.unexpected("TransactWriteItems application")
        });
    }

    let warnings = if open_elsewhere { vec![shared::texts::ONE_ASSOCIATION_AT_A_TIME.to_string()] } else { vec![] };
    http::json(201, &Applied { engagement: EngagementView::of(engagement), warnings })
}

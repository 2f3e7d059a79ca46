//! POST /missions/{missionId}/shares — B5: send a mission by e-mail to oneself or to
//! colleagues (addresses of the caller's company), one e-mail per recipient, with an
//! optional message. At most `DAILY_LIMIT` recipients per person and Paris day, counted by
//! a conditional write before anything is sent.

use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use shared::app::App;
use shared::areas::access;
use shared::domain::email::Email;
use shared::domain::validate;
use shared::error::{ApiResult, Errors};
use shared::http;
use shared::keys;
use shared::texts::{emails, err};

pub const DAILY_LIMIT: u32 = 20;
pub const MAX_RECIPIENTS: usize = 10;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Share {
    recipients: Vec<String>,
    message: Option<String>,
}

#[derive(Serialize)]
struct Shared {
    sent_to: Vec<String>,
    remaining_today: u32,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, mission_id, input): (_, _, Share) = http::caller_id_body(&req, "missionId")?;
    let user: Option<shared::domain::user::User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    let stored = shared::store::missions::get(&app.store, &mission_id).await?;
    let (company, mission, association) = {
        let company = access::employee_company(&*app.directory.cached(&app.store).await?, &caller)?;
        let directory = access::directory_showing(app, &company.id, stored.as_ref()).await?;
        let m = access::visible(&directory, &company.id, stored)?;
        let association = directory.association(&m.association_id).cloned();
        (company, m, association)
    };

    let mut e = Errors::new();
    if input.recipients.is_empty() || input.recipients.len() > MAX_RECIPIENTS {
        e.add("recipients", err::count("recipients", 1, MAX_RECIPIENTS));
    }
    let mut recipients: Vec<String> = Vec::new();
    for (i, r) in input.recipients.iter().enumerate() {
        let field = format!("recipients[{i}]");
        if let Some(addr) = e.check(Email::parse(&field, r)) {
            if !company.email_domains.iter().any(|d| d.eq_ignore_ascii_case(addr.domain())) {
                e.add(field.clone(), err::not_a_colleague(&field));
            } else if recipients.contains(&addr.as_str().to_string()) {
                e.add(field.clone(), err::duplicate_value("recipients", addr.as_str()));
            } else {
                recipients.push(addr.as_str().to_string());
            }
        }
    }
    let message = e.check(validate::optional_text("message", input.message.as_deref(), 1000)).flatten();
    e.finish()?;

    let remaining = shared::store::counters::count_today(
        app,
        &caller.sub,
        "share",
        recipients.len() as u32,
        DAILY_LIMIT,
        err::share_limit(DAILY_LIMIT),
    )
    .await?;
    let sender = user.as_ref().map(|u| u.full_name()).unwrap_or_else(|| caller.email.as_str().to_string());
    let line = shared::alerts::mission_line(&app.config, &mission, association.as_deref(), vec![]);
    let letters = recipients.iter().map(|r| emails::mission_shared(r, &sender, caller.email.as_str(), &line, message.as_deref()));
    shared::outbox::queue_alone(app, "mission share", letters).await?;
    http::json(201, &Shared { sent_to: recipients, remaining_today: remaining })
}

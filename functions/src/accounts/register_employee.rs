//! POST /me/registration — an employee registers (A2): names, entity of the company, GDPR
//! consent to the current text. The e-mail is the one the identity provider vouches for; its
//! domain must be one of the company's. Registering twice is refused (409).

use lambda_http::{Body, Request, Response};
use serde::Deserialize;

use shared::app::App;
use shared::areas::{access, views::Profile};
use shared::domain::user::{Consent, Role, User};
use shared::domain::validate;
use shared::error::{ApiError, ApiResult, Errors};
use shared::http;
use shared::texts::{consent, err};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Registration {
    first_name: Option<String>,
    last_name: Option<String>,
    entity_id: Option<String>,
    phone: Option<String>,
    gdpr_consent: Option<bool>,
    gdpr_consent_version: Option<String>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, input): (_, Registration) = http::caller_and_body(&req)?;
    let company = {
        let state = app.directory.cached(&app.store).await?;
        access::employee_company(&state, &caller)
            .map_err(|_| ApiError::field("email", err::email_domain_not_allowed(caller.email.domain())))?
    };
    let mut e = Errors::new();
    let first_name = e.check(validate::line("first_name", input.first_name.as_deref(), 1, 80));
    let last_name = e.check(validate::line("last_name", input.last_name.as_deref(), 1, 80));
    let entity_id = input.entity_id.unwrap_or_default();
    if company.entity(&entity_id).is_none() {
        e.add("entity_id", err::unknown_entity("entity_id"));
    }
    let phone = e.check(validate::phone("phone", input.phone.as_deref())).flatten();
    if input.gdpr_consent != Some(true) {
        e.add("gdpr_consent", err::consent_required());
    } else if input.gdpr_consent_version.as_deref() != Some(consent::VERSION) {
        e.add("gdpr_consent_version", err::consent_version(consent::VERSION));
    }
    e.finish()?;
    let now = app.now();
    let user = User {
        sub: caller.sub.clone(),
        email: caller.email.clone(),
        first_name: first_name.unwrap_or_default(),
        last_name: last_name.unwrap_or_default(),
        role: Role::Employee,
        company_id: Some(company.id.clone()),
        entity_id: Some(entity_id),
        association_id: None,
        phone,
        consent: Some(Consent { accepted_at: now, version: consent::VERSION.to_string() }),
        created_at: now,
        updated_at: now,
        last_seen_at: Some(now),
        inactivity_warnings: 0,
    };
    if !shared::store::users::register(&app.store, &user).await? {
        // Someone invited as the company's admin has a profile already: the registration
        // completes it, once.
        let existing: Option<User> = app.store.get_as(&shared::keys::user(&caller.sub), shared::keys::PROFILE).await?;
        let user = match existing {
            // (Or whose admin role was taken back before they registered.)
            Some(admin)
                if matches!(admin.role, Role::CompanyAdmin | Role::Employee)
                    && admin.company_id == user.company_id
                    && admin.consent.is_none() =>
            {
                let completed = User { role: admin.role, created_at: admin.created_at, ..user };
                if !shared::store::users::complete_registration(&app.store, &completed, admin.updated_at).await? {
                    return Err(ApiError::Conflict(err::ALREADY_REGISTERED.into()));
                }
                completed
            }
            _ => return Err(ApiError::Conflict(err::ALREADY_REGISTERED.into())),
        };
        return http::json(201, &Profile::of(user.email.as_str(), Some(&user), Some(&company), None));
    }
    http::json(201, &Profile::of(user.email.as_str(), Some(&user), Some(&company), None))
}

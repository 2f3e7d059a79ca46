//! PUT /me/preferences — replaces my preferences and alert frequency. Subscribing starts
//! from now: the first alert lists missions published after it.

use lambda_http::{Body, Request, Response};

use shared::alerts::Subscription;
use shared::app::App;
use shared::areas::preferences::*;
use shared::domain::preferences::PreferencesInput;
use shared::domain::preferences::{Frequency, Preferences};
use shared::domain::user::User;
use shared::error::ApiResult;
use shared::store;
use shared::texts::err;

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = shared::http::caller(&req)?;
    let user = shared::areas::access::registered_employee(app, &caller).await?;
    let input: PreferencesInput = shared::http::json_body(&req)?;
    let (preferences, frequency) = input.validate()?;
    // The digest function may move the cursor meanwhile: retry on a fresh read.
    let (user, caller, preferences) = (&user, &caller, &preferences);
    let next = store::retrying(err::CONCURRENT_PREFERENCES, move || async move {
        let current = subscription_of(app, &caller.sub).await?;
        let next = updated(user, current.as_ref(), preferences.clone(), frequency, app.now());
        let written = app.store.put_versioned("PutItem preferences", next.item()?, current.map(|c| c.version)).await?;
        Ok(written.then_some(next))
    })
    .await?;
    shared::http::ok(&PreferencesView::of(Some(&next)))
}

fn updated(
    user: &User,
    current: Option<&Subscription>,
    preferences: Preferences,
    frequency: Frequency,
    now: chrono::DateTime<chrono::Utc>,
) -> Subscription {
    let base = current.cloned().unwrap_or_else(|| Subscription {
        sub: user.sub.clone(),
        email: String::new(),
        first_name: String::new(),
        company_id: String::new(),
        preferences: Preferences::default(),
        alert_frequency: Frequency::Off,
        alert_cursor: None,
        alert_due: None,
        last_digest_at: None,
        updated_at: now,
        version: 0,
    });
    let mut next = base.with_frequency(frequency, now);
    next.preferences = preferences;
    next.email = user.email.as_str().to_string();
    next.first_name = user.first_name.clone();
    next.company_id = user.company_id.clone().unwrap_or_default();
    next.updated_at = now;
    next.version += 1;
    next
}

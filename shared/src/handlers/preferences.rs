//! Mission preferences and alerts (C1, C3) and "Ces missions sont pour toi" (C2).

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use crate::alerts::Subscription;
use crate::app::App;
use crate::domain::preferences::{Frequency, Preferences};
use crate::domain::user::User;
use crate::error::{ApiError, ApiResult};
use crate::handlers::views::{labels, Label};
use crate::keys;
use crate::store;
use crate::taxonomy::{PERSONAL_EXPERTISES, PROFESSIONAL_EXPERTISES, THEMES};
use crate::texts::err;

#[derive(Debug, Serialize)]
pub struct PreferencesView {
    pub themes: Vec<Label>,
    pub professional_expertises: Vec<Label>,
    pub personal_expertises: Vec<Label>,
    pub alert_frequency: Frequency,
    pub alert_frequency_label: &'static str,
    /// When the next daily or weekly digest is due (none for immediate alerts).
    pub next_digest_at: Option<chrono::DateTime<chrono::Utc>>,
    pub last_digest_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl PreferencesView {
    pub fn of(s: Option<&Subscription>) -> Self {
        let empty = Preferences::default();
        let p = s.map(|s| &s.preferences).unwrap_or(&empty);
        let frequency = s.map(|s| s.alert_frequency).unwrap_or_default();
        PreferencesView {
            themes: labels(THEMES, &p.themes),
            professional_expertises: labels(PROFESSIONAL_EXPERTISES, &p.professional_expertises),
            personal_expertises: labels(PERSONAL_EXPERTISES, &p.personal_expertises),
            alert_frequency: frequency,
            alert_frequency_label: frequency.label(),
            next_digest_at: s.filter(|s| matches!(s.alert_frequency, Frequency::Daily | Frequency::Weekly)).and_then(|s| s.alert_due),
            last_digest_at: s.and_then(|s| s.last_digest_at),
        }
    }
}

pub async fn subscription_of(app: &App, sub: &str) -> ApiResult<Option<Subscription>> {
    app.store.get_as(&keys::user(sub), keys::PREFERENCES_SK).await
}

/// GET /me/preferences — my preferences and alert frequency.
pub mod get_my_preferences {
    use super::*;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = crate::http::caller(&req)?;
        crate::handlers::access::registered_employee(app, &caller).await?;
        let s = subscription_of(app, &caller.sub).await?;
        crate::http::ok(&PreferencesView::of(s.as_ref()))
    }
}

/// PUT /me/preferences — replaces my preferences and alert frequency. Subscribing starts
/// from now: the first alert lists missions published after it.
pub mod update_my_preferences {
    use aws_sdk_dynamodb::types::AttributeValue;

    use super::*;
    use crate::domain::preferences::PreferencesInput;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = crate::http::caller(&req)?;
        let user = crate::handlers::access::registered_employee(app, &caller).await?;
        let input: PreferencesInput = crate::http::json_body(&req)?;
        let (preferences, frequency) = input.validate()?;
        // The digest function may move the cursor meanwhile: retry on a fresh read.
        for _ in 0..3 {
            let current = subscription_of(app, &caller.sub).await?;
            let next = updated(&user, current.as_ref(), preferences.clone(), frequency, app.now());
            let put = app.store.client.put_item().table_name(&app.store.table).set_item(Some(next.item()?));
            let put = match &current {
                None => put.condition_expression("attribute_not_exists(PK)"),
                Some(c) => put
                    .condition_expression("#v = :v")
                    .expression_attribute_names("#v", "version")
                    .expression_attribute_values(":v", AttributeValue::N(c.version.to_string())),
            };
            match put.send().await {
                Ok(_) => return crate::http::ok(&PreferencesView::of(Some(&next))),
                Err(e) if store::is_conditional_failure(&e) => continue,
                Err(e) => return Err(store::sdk_error("PutItem preferences", e)),
            }
        }
        Err(ApiError::Conflict(err::CONCURRENT_PREFERENCES.into()))
    }

    fn updated(user: &User, current: Option<&Subscription>, preferences: Preferences, frequency: Frequency, now: chrono::DateTime<chrono::Utc>) -> Subscription {
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
}

/// GET /me/recommendations — "Ces missions sont pour toi": the published missions of my
/// company's partners that share at least one value with my preferences, best match first
/// (then newest), each with its reasons; missions I already applied to are left out.
pub mod list_recommendations {
    use super::*;
    use crate::domain::preferences::rank;
    use crate::handlers::engagement_views::engagements_of;
    use crate::handlers::views::MissionCard;
    use crate::http::Query;

    #[derive(Serialize)]
    struct Recommended {
        mission: MissionCard,
        score: u32,
        reasons: Vec<String>,
    }

    #[derive(Serialize)]
    struct Page {
        preferences_set: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        message: Option<&'static str>,
        total: usize,
        items: Vec<Recommended>,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = crate::http::caller(&req)?;
        let query = Query::of(&req, &["limit"])?;
        let limit = query.integer("limit", 1, 50)?.unwrap_or(12) as usize;
        let user = crate::handlers::access::registered_employee(app, &caller).await?;
        let preferences = subscription_of(app, &caller.sub).await?.map(|s| s.preferences).unwrap_or_default();
        if preferences.is_empty() {
            return crate::http::ok(&Page { preferences_set: false, message: Some(crate::texts::preferences::NO_PREFERENCES), total: 0, items: vec![] });
        }
        let applied: std::collections::HashSet<String> =
            engagements_of(app, &caller.sub).await?.into_iter().map(|e| e.mission_id).collect();
        let company_id = user.company_id.clone().unwrap_or_default();
        let mut state = app.catalogue.cached(&app.store).await?;
        let published = state.published_for(&company_id);
        let mut matched: Vec<_> = published
            .iter()
            .filter(|m| !applied.contains(&m.mission.id))
            .map(|m| (preferences.score(&m.mission), &m.mission, ()))
            .filter(|(s, _, _)| s.score > 0)
            .collect();
        rank(&mut matched);
        let total = matched.len();
        let items = matched
            .into_iter()
            .take(limit)
            .map(|(s, m, _)| Recommended {
                mission: MissionCard::of(m, state.association(&m.association_id).map(|a| a.as_ref())),
                score: s.score,
                reasons: s.reasons,
            })
            .collect();
        crate::http::ok(&Page { preferences_set: true, message: None, total, items })
    }
}

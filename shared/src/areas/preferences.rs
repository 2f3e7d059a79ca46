//! Mission preferences and alerts (C1, C3) and "Ces missions sont pour toi" (C2).

use serde::Serialize;

use crate::alerts::Subscription;
use crate::app::App;
use crate::areas::views::{labels, Label};
use crate::domain::preferences::{Frequency, Preferences};
use crate::error::ApiResult;
use crate::taxonomy::{PERSONAL_EXPERTISES, PROFESSIONAL_EXPERTISES, THEMES};

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
    crate::store::preferences::subscription_of(&app.store, sub).await
}

//! Preferences and alert subscriptions as stored (C1, C3), and the digest e-mail with its
//! one-click unsubscribe (RFC 8058).
//!
//! One item per user (`USER#<sub>` / `PREFERENCES`) holds the preferences, the frequency and
//! the subscriber's cursor: every mission published up to `alert_cursor` has been dealt with
//! (sent, or found not to match). While subscribed, the item sits in a sparse index partition
//! the digest function queries: immediate subscribers sorted by cursor (only those behind the
//! newest publication are read), daily and weekly ones by when their digest is due.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::preferences::{next_due, Frequency, Preferences};
use crate::error::ApiResult;
use crate::keys;
use crate::store::{self, s, Item};
use crate::taxonomy::{PERSONAL_EXPERTISES, PROFESSIONAL_EXPERTISES, THEMES};

pub const ENTITY: &str = "Preferences";

/// The stored preferences and subscription of one user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    pub sub: String,
    pub email: String,
    pub first_name: String,
    pub company_id: String,
    pub preferences: Preferences,
    pub alert_frequency: Frequency,
    /// Missions published up to this instant have been dealt with.
    #[serde(default)]
    pub alert_cursor: Option<DateTime<Utc>>,
    /// When the next daily or weekly digest is due.
    #[serde(default)]
    pub alert_due: Option<DateTime<Utc>>,
    #[serde(default)]
    pub last_digest_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    /// Incremented by every write (the user's and the digest function's); writes are
    /// conditional on it.
    pub version: u64,
}

impl Subscription {
    /// The index partition and sort key while subscribed.
    pub fn index_key(&self) -> Option<(&'static str, String)> {
        match self.alert_frequency {
            Frequency::Off => None,
            Frequency::Immediately => Some((keys::ALERTS_IMMEDIATE, keys::alert_sort(self.alert_cursor?, &self.sub))),
            Frequency::Daily | Frequency::Weekly => Some((keys::ALERTS_SCHEDULED, keys::alert_sort(self.alert_due?, &self.sub))),
        }
    }

    pub fn item(&self) -> ApiResult<Item> {
        let mut item = store::item(ENTITY, &keys::user(&self.sub), keys::PREFERENCES_SK, self)?;
        if let Some((pk, sk)) = self.index_key() {
            item.insert(keys::GSI1PK.into(), s(pk));
            item.insert(keys::GSI1SK.into(), s(sk));
        }
        Ok(item)
    }

    /// The subscription after the user chose `frequency` at `now`: a new subscriber starts
    /// from now (no back catalogue); a change of frequency keeps the cursor.
    pub fn with_frequency(mut self, frequency: Frequency, now: DateTime<Utc>) -> Subscription {
        let was = self.alert_frequency;
        self.alert_frequency = frequency;
        match frequency {
            Frequency::Off => {
                self.alert_cursor = None;
                self.alert_due = None;
            }
            _ => {
                if was == Frequency::Off || self.alert_cursor.is_none() {
                    self.alert_cursor = Some(now);
                }
                if was != frequency || self.alert_due.is_none() {
                    self.alert_due = Some(next_due(frequency, now));
                }
            }
        }
        self
    }
}

/// Bit masks of a set of preferences or of a mission, for scoring many pairs quickly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Masks {
    pub themes: u32,
    pub professional: u32,
    pub personal: u32,
}

impl Masks {
    pub fn of(themes: &[String], professional: &[String], personal: &[String]) -> Masks {
        Masks {
            themes: THEMES.mask(themes),
            professional: PROFESSIONAL_EXPERTISES.mask(professional),
            personal: PERSONAL_EXPERTISES.mask(personal),
        }
    }

    pub fn of_preferences(p: &Preferences) -> Masks {
        Masks::of(&p.themes, &p.professional_expertises, &p.personal_expertises)
    }

    /// Shared values: the same score as `Preferences::score`.
    pub fn score(self, other: Masks) -> u32 {
        (self.themes & other.themes).count_ones()
            + (self.professional & other.professional).count_ones()
            + (self.personal & other.personal).count_ones()
    }
}

/// A letter with RFC 8058 one-click unsubscribe: `List-Unsubscribe: <url>` and
/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (sent as raw MIME by the outbox).
pub fn with_unsubscribe(email: crate::mail::OutgoingEmail, unsubscribe_url: &str) -> crate::outbox::Letter {
    crate::outbox::Letter::from(email)
        .with_header("List-Unsubscribe", format!("<{unsubscribe_url}>"))
        .with_header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click".into())
}

/// A mission as one entry of an e-mail (digest or share).
pub fn mission_line(
    config: &crate::config::Config,
    m: &crate::domain::mission::Mission,
    association: Option<&crate::domain::association::Association>,
    reasons: Vec<String>,
) -> crate::texts::emails::MissionLine {
    use crate::texts::mission_labels;
    let place = match (&m.city, &m.department) {
        (Some(c), Some(d)) => format!("{c} ({d})"),
        (Some(c), None) => c.clone(),
        _ => mission_labels::REMOTE_POSSIBLE.to_string(),
    };
    crate::texts::emails::MissionLine {
        title: m.title.clone(),
        association: association.map(|a| a.name.clone()).unwrap_or_default(),
        place,
        duration: m.duration_label.clone(),
        reasons,
        url: crate::links::mission(config, &m.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn subscription() -> Subscription {
        Subscription {
            sub: "u1".into(),
            email: "maelys@bpifrance.example".into(),
            first_name: "Maëlys".into(),
            company_id: "bpifrance".into(),
            preferences: Preferences { themes: vec!["sante-handicap".into()], ..Default::default() },
            alert_frequency: Frequency::Off,
            alert_cursor: None,
            alert_due: None,
            last_digest_at: None,
            updated_at: utc("2026-01-05T09:00:00Z"),
            version: 1,
        }
    }

    #[test]
    fn subscribing_starts_from_now_and_changing_frequency_keeps_the_cursor() {
        let now = utc("2026-01-05T09:00:00Z");
        let s = subscription().with_frequency(Frequency::Daily, now);
        assert_eq!(s.alert_cursor, Some(now));
        assert_eq!(s.alert_due, Some(utc("2026-01-06T06:00:00Z")));
        assert_eq!(s.index_key().unwrap().0, keys::ALERTS_SCHEDULED);
        let later = utc("2026-01-07T09:00:00Z");
        let s = s.with_frequency(Frequency::Immediately, later);
        assert_eq!(s.alert_cursor, Some(now));
        let (pk, sk) = s.index_key().unwrap();
        assert_eq!((pk, sk.as_str()), (keys::ALERTS_IMMEDIATE, "2026-01-05T09:00:00.000Z#u1"));
        let s = s.with_frequency(Frequency::Off, later);
        assert_eq!(s.index_key(), None);
        assert!(!s.item().unwrap().contains_key(keys::GSI1PK));
    }

    #[test]
    fn masks_score_like_the_preferences() {
        let a = Masks::of(&["sante-handicap".into(), "environnement".into()], &["marketing-communication".into()], &[]);
        let b =
            Masks::of(&["sante-handicap".into()], &["marketing-communication".into(), "informatique-web".into()], &["jardinage".into()]);
        assert_eq!(a.score(b), 2);
        assert_eq!(a.score(Masks::default()), 0);
    }

    #[test]
    fn the_digest_mime_carries_one_click_unsubscribe() {
        let email = crate::mail::OutgoingEmail {
            to: vec!["maelys@bpifrance.example".into()],
            reply_to: None,
            subject: "2 nouvelles missions pour toi".into(),
            html: "<p>Bonjour Maëlys</p>".into(),
            text: "Bonjour Maëlys".into(),
        };
        let letter = with_unsubscribe(email, "https://api.example/alerts/unsubscribe/abc");
        let mime =
            crate::mail::mime("Mécénat <no-reply@example.com>", &letter.email, &letter.headers, &[], utc("2026-01-05T09:00:00Z")).unwrap();
        let text = String::from_utf8(mime).unwrap();
        assert!(text.contains("List-Unsubscribe: <https://api.example/alerts/unsubscribe/abc>\r\n"), "{text}");
        assert!(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
        assert!(text.contains("multipart/alternative"));
        assert!(text.contains("<no-reply@example.com>"));
        assert_eq!(crate::mail::split_address("no-reply@example.com"), (None, "no-reply@example.com"));
    }
}

//! Mission preferences (C1), the match of a mission with them (C2: "Ces missions sont pour
//! toi", and the alert digests of C3), and when a digest is next due.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use serde::{Deserialize, Serialize};

use super::error::{DomainResult, Errors, FieldError, Problem};
use super::mission::Mission;
use super::taxonomy::{Taxonomy, PERSONAL_EXPERTISES, PROFESSIONAL_EXPERTISES, THEMES};

/// How often an employee wants the e-mail alert of newly published matching missions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    #[default]
    Off,
    /// Shortly after publication (the next run of the digest function, every few minutes).
    Immediately,
    /// Every morning at 07:00, Paris time.
    Daily,
    /// Every Monday at 07:00, Paris time.
    Weekly,
}

impl Frequency {
    pub const ALL: [(&'static str, Frequency); 4] =
        [("off", Frequency::Off), ("immediately", Frequency::Immediately), ("daily", Frequency::Daily), ("weekly", Frequency::Weekly)];

    pub fn parse(field: &str, value: &str) -> Result<Frequency, FieldError> {
        Self::ALL.iter().find(|(s, _)| *s == value).map(|(_, f)| *f).ok_or_else(|| {
            FieldError::new(field, Problem::UnknownValue { value: value.to_string(), allowed: "off, immediately, daily, weekly".into() })
        })
    }
}

/// What an employee likes: values of the three taxonomies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    pub themes: Vec<String>,
    pub professional_expertises: Vec<String>,
    pub personal_expertises: Vec<String>,
}

/// The body of `PUT /me/preferences`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreferencesInput {
    pub themes: Vec<String>,
    pub professional_expertises: Vec<String>,
    pub personal_expertises: Vec<String>,
    pub alert_frequency: String,
}

impl PreferencesInput {
    pub fn validate(self) -> DomainResult<(Preferences, Frequency)> {
        let mut e = Errors::new();
        let list = |e: &mut Errors, t: &Taxonomy, field: &str, v: &[String]| {
            e.check(t.parse_list(field, v, 0, t.entries.len())).map(|l| l.into_iter().map(String::from).collect::<Vec<_>>())
        };
        let themes = list(&mut e, &THEMES, "themes", &self.themes);
        let professional = list(&mut e, &PROFESSIONAL_EXPERTISES, "professional_expertises", &self.professional_expertises);
        let personal = list(&mut e, &PERSONAL_EXPERTISES, "personal_expertises", &self.personal_expertises);
        let frequency = e.check(Frequency::parse("alert_frequency", &self.alert_frequency));
        if let (Some(t), Some(p), Some(q), Some(f)) = (&themes, &professional, &personal, frequency) {
            if f != Frequency::Off && t.is_empty() && p.is_empty() && q.is_empty() {
                e.add("alert_frequency", Problem::AlertWithoutPreferences);
            }
        }
        e.finish()?;
        let prefs = Preferences {
            themes: themes.unwrap_or_default(),
            professional_expertises: professional.unwrap_or_default(),
            personal_expertises: personal.unwrap_or_default(),
        };
        Ok((prefs, frequency.unwrap_or_default()))
    }
}

/// How well a mission matches: one point per shared value, and which.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    pub score: u32,
    pub reasons: Vec<Reason>,
}

/// What kind of value a mission shares with the preferences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ReasonKind {
    Theme,
    ProfessionalExpertise,
    PersonalExpertise,
}

/// One shared value: its kind and its label in the taxonomy (`texts` words the reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub kind: ReasonKind,
    pub value: String,
}

impl Preferences {
    pub fn is_empty(&self) -> bool {
        self.themes.is_empty() && self.professional_expertises.is_empty() && self.personal_expertises.is_empty()
    }

    /// The values the mission shares with these preferences, each a reason ("Thématique :
    /// Santé / handicap"). A mission with no shared value does not match (score 0).
    pub fn score(&self, m: &Mission) -> Match {
        let mut reasons = Vec::new();
        let mut shared = |mine: &[String], theirs: &[String], t: &Taxonomy, kind: ReasonKind| {
            for v in mine.iter().filter(|v| theirs.contains(v)) {
                reasons.push(Reason { kind, value: t.label_of(v).unwrap_or(v).to_string() });
            }
        };
        shared(&self.themes, &m.themes, &THEMES, ReasonKind::Theme);
        shared(&self.professional_expertises, &m.professional_expertises, &PROFESSIONAL_EXPERTISES, ReasonKind::ProfessionalExpertise);
        shared(&self.personal_expertises, &m.personal_expertises, &PERSONAL_EXPERTISES, ReasonKind::PersonalExpertise);
        Match { score: reasons.len() as u32, reasons }
    }
}

/// Ranks matched missions: best match first, then newest published, then id (stable).
pub fn rank<T>(items: &mut [(Match, &Mission, T)]) {
    items.sort_by(|(ma, a, _), (mb, b, _)| mb.score.cmp(&ma.score).then(b.published_at.cmp(&a.published_at)).then(b.id.cmp(&a.id)));
}

/// The hour, Paris time, at which daily and weekly digests become due.
pub const DIGEST_HOUR: u32 = 7;

/// When the next digest of a subscriber is due, strictly after `after`. Immediate alerts are
/// due as soon as something is published, so this is `after` itself.
pub fn next_due(frequency: Frequency, after: DateTime<Utc>) -> DateTime<Utc> {
    let paris = chrono_tz::Europe::Paris;
    let local = after.with_timezone(&paris);
    let at = |date: chrono::NaiveDate| {
        let naive = date.and_time(NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0).unwrap_or_default());
        paris.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc))
    };
    let step = match frequency {
        Frequency::Off | Frequency::Immediately => return after,
        Frequency::Daily => 1,
        Frequency::Weekly => 7,
    };
    let mut date = local.date_naive();
    if frequency == Frequency::Weekly {
        while date.weekday() != Weekday::Mon {
            date = date.pred_opt().unwrap_or(date);
        }
    }
    // The first 07:00 (or Monday 07:00) strictly after `after`.
    for _ in 0..3 {
        if let Some(t) = at(date).filter(|t| *t > after) {
            return t;
        }
        date += Duration::days(step);
    }
    after + Duration::days(step)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::mission::tests::fields;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn mission(themes: &[&str], pro: &[&str], perso: &[&str]) -> Mission {
        let mut f = fields();
        f.themes = Some(themes.iter().map(|s| s.to_string()).collect());
        f.professional_expertises = Some(pro.iter().map(|s| s.to_string()).collect());
        f.personal_expertises = Some(perso.iter().map(|s| s.to_string()).collect());
        f.create("m".into(), "a".into(), utc("2026-01-05T09:00:00Z")).unwrap()
    }

    fn input(themes: &[&str], pro: &[&str], freq: &str) -> PreferencesInput {
        PreferencesInput {
            themes: themes.iter().map(|s| s.to_string()).collect(),
            professional_expertises: pro.iter().map(|s| s.to_string()).collect(),
            personal_expertises: vec![],
            alert_frequency: freq.into(),
        }
    }

    #[test]
    fn the_score_counts_shared_values_and_says_which() {
        let (p, _) = input(&["sante-handicap", "environnement"], &["marketing-communication"], "off").validate().unwrap();
        let m = p.score(&mission(&["sante-handicap"], &["marketing-communication", "audit-conseil-moa"], &[]));
        assert_eq!(m.score, 2);
        assert_eq!(
            m.reasons,
            vec![
                Reason { kind: ReasonKind::Theme, value: "santé / handicap".into() },
                Reason { kind: ReasonKind::ProfessionalExpertise, value: "Marketing / Communication".into() }
            ]
        );
        assert_eq!(p.score(&mission(&["arts-culture"], &[], &["atelier-cuisine"])).score, 0);
    }

    #[test]
    fn bad_preferences_name_their_field() {
        let e = input(&["nope"], &[], "hourly").validate().unwrap_err();
        let text = format!("{e:?}");
        assert!(text.contains("themes[0]") && text.contains("alert_frequency"), "{text}");
        let e = input(&[], &[], "daily").validate().unwrap_err();
        assert!(format!("{e:?}").contains("alert_frequency"));
        assert!(input(&["sante-handicap", "sante-handicap"], &[], "off").validate().is_err());
    }

    #[test]
    fn digests_are_due_at_seven_paris_time() {
        // Winter: 07:00 Paris = 06:00 UTC.
        assert_eq!(next_due(Frequency::Daily, utc("2026-01-05T05:59:00Z")), utc("2026-01-05T06:00:00Z"));
        assert_eq!(next_due(Frequency::Daily, utc("2026-01-05T06:00:00Z")), utc("2026-01-06T06:00:00Z"));
        // Summer: 05:00 UTC.
        assert_eq!(next_due(Frequency::Daily, utc("2026-07-01T12:00:00Z")), utc("2026-07-02T05:00:00Z"));
        // Monday 5 January 2026; from a Wednesday, the next Monday.
        assert_eq!(next_due(Frequency::Weekly, utc("2026-01-07T10:00:00Z")), utc("2026-01-12T06:00:00Z"));
        assert_eq!(next_due(Frequency::Weekly, utc("2026-01-05T05:00:00Z")), utc("2026-01-05T06:00:00Z"));
        assert_eq!(next_due(Frequency::Immediately, utc("2026-01-05T05:00:00Z")), utc("2026-01-05T05:00:00Z"));
    }

    #[test]
    fn ranking_puts_the_best_match_first_then_the_newest() {
        let mut a = mission(&["sante-handicap"], &[], &[]);
        a.id = "a".into();
        a.published_at = Some(utc("2026-01-01T00:00:00Z"));
        let mut b = a.clone();
        b.id = "b".into();
        b.published_at = Some(utc("2026-01-02T00:00:00Z"));
        let mut c = a.clone();
        c.id = "c".into();
        let one = Match { score: 1, reasons: vec![] };
        let two = Match { score: 2, reasons: vec![] };
        let mut items = vec![(one.clone(), &a, ()), (one, &b, ()), (two, &c, ())];
        rank(&mut items);
        let ids: Vec<&str> = items.iter().map(|(_, m, _)| m.id.as_str()).collect();
        assert_eq!(ids, vec!["c", "b", "a"]);
    }
}

//! Erasing a person (GDPR right to erasure, SPEC A4): what of their engagements is kept for
//! the legal retention period, anonymised, and how any stored text naming them is scrubbed.
//!
//! - **Kept**: an engagement's facts (company, association, mission, dates, their states,
//!   the assessment's ratings) stay for the company's report and the association's
//!   statements; the signed conventions and the assessments' PDFs stay in S3, unchanged, for
//!   their retention period: **6 years after the end of the engagement's calendar year** (the
//!   tax administration's right of inspection, LPF art. L102 B, covers the documents behind
//!   the valuation; it also exceeds the 5-year civil limitation). Then the scheduled purge
//!   deletes them and the engagement.
//! - **Anonymised**: the employee's name, e-mail, phone and identifier, every free text they
//!   wrote (application message, messages to their manager, the assessment's reasons), the
//!   names and e-mails of the signature records (the signed PDF keeps the evidence).
//! - **Scrubbed everywhere**: any stored text containing their e-mail or full name (e-mails
//!   sent, audit entries, tokens, other people's records) has it replaced by the alias; an
//!   item whose key holds it is deleted.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::engagement::Engagement;

/// Years a retained engagement is kept after the end of its calendar year.
pub const RETENTION_YEARS: i32 = 6;

/// The name an erased person gets.
pub const ALIAS_FIRST_NAME: &str = "Compte";
pub const ALIAS_LAST_NAME: &str = "supprimé";

/// The alias of an erased person: an address that cannot receive mail, and an identifier
/// that is nobody's (`erased-<id>`).
pub fn alias(erasure_id: &str) -> (String, String) {
    (format!("compte-supprime-{erasure_id}@anonyme.invalid"), format!("erased-{erasure_id}"))
}

/// The last day an engagement of `year` is kept.
pub fn retained_until(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year + RETENTION_YEARS, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The engagement with its employee anonymised (the rest kept).
pub fn anonymise(mut e: Engagement, erasure_id: &str, at: DateTime<Utc>) -> Engagement {
    let (email, sub) = alias(erasure_id);
    let former_email = e.employee.email.clone();
    e.employee.sub = sub.clone();
    e.employee.email = email.clone();
    e.employee.first_name = ALIAS_FIRST_NAME.into();
    e.employee.last_name = ALIAS_LAST_NAME.into();
    e.employee.phone = None;
    e.message = String::new();
    for r in &mut e.requests {
        r.message = String::new();
    }
    if let Some(a) = &mut e.assessment {
        a.welcome_reasons = None;
        a.mismatch_reasons = None;
    }
    for s in e.signatures.iter_mut().filter(|s| s.email.eq_ignore_ascii_case(&former_email)) {
        s.name = format!("{ALIAS_FIRST_NAME} {ALIAS_LAST_NAME}");
        s.email = email.clone();
        s.sub = sub.clone();
    }
    e.retain_until = Some(retained_until(e.year));
    e.updated_at = at;
    e.version += 1;
    e
}

/// Whether a retained engagement's time is up on `today`.
pub fn past_retention(e: &Engagement, today: NaiveDate) -> bool {
    e.retain_until.is_some_and(|d| d < today)
}

/// What scrubbing a text found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scrubbed {
    Unchanged,
    Changed(String),
}

/// `text` with every occurrence of the `needles` (e-mail addresses and full names, matched
/// without regard to case) replaced by `alias`.
pub fn scrub(text: &str, needles: &[String], alias: &str) -> Scrubbed {
    let mut out = text.to_string();
    let mut changed = false;
    for needle in needles.iter().filter(|n| n.chars().count() >= 5) {
        let lower_needle = needle.to_lowercase();
        loop {
            let lower = out.to_lowercase();
            // Lower-casing may change byte lengths (rarely): then only exact matches are safe.
            let found = if lower.len() == out.len() { lower.find(&lower_needle) } else { out.find(needle.as_str()) };
            let Some(i) = found else { break };
            out.replace_range(i..i + needle.len(), alias);
            changed = true;
        }
    }
    if changed {
        Scrubbed::Changed(out)
    } else {
        Scrubbed::Unchanged
    }
}

/// The days before `cutoff` an inactive account is warned: a month, then a week.
pub const INACTIVITY_WARNINGS_DAYS: [i64; 2] = [30, 7];

/// What an account that was last seen at `last_seen` is due, on `today`, when accounts are
/// erased after `years` of inactivity: nothing, the first or last warning (unless already
/// sent: `warned` is how many were), or erasure.
pub fn inactivity(last_seen: NaiveDate, years: u32, warned: u8, today: NaiveDate) -> Inactivity {
    let years = i32::try_from(years).unwrap_or(3);
    let cutoff = NaiveDate::from_ymd_opt(last_seen.year() + years, last_seen.month(), last_seen.day().min(28)).unwrap_or(NaiveDate::MAX);
    if today >= cutoff {
        return Inactivity::Erase;
    }
    let days_left = (cutoff - today).num_days();
    if warned < 2 && days_left <= INACTIVITY_WARNINGS_DAYS[1] {
        return Inactivity::Warn { number: 2, erased_on: cutoff };
    }
    if warned < 1 && days_left <= INACTIVITY_WARNINGS_DAYS[0] {
        return Inactivity::Warn { number: 1, erased_on: cutoff };
    }
    Inactivity::Nothing
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inactivity {
    Nothing,
    Warn { number: u8, erased_on: NaiveDate },
    Erase,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn every_occurrence_is_replaced_whatever_its_case() {
        let needles = vec!["ana.martin@bpifrance.example".to_string(), "Ana Martin".to_string()];
        assert_eq!(
            scrub("Bonjour ANA MARTIN (Ana.Martin@bpifrance.example), ana martin", &needles, "X"),
            Scrubbed::Changed("Bonjour X (X), X".into())
        );
        assert_eq!(scrub("Bonjour Anastasia", &needles, "X"), Scrubbed::Unchanged);
        assert_eq!(scrub("Ana", &["Ana".to_string()], "X"), Scrubbed::Unchanged, "too short to be a person");
    }

    #[test]
    fn kept_six_years_after_the_engagement_s_year() {
        assert_eq!(retained_until(2026), d("2032-12-31"));
    }

    #[test]
    fn an_inactive_account_is_warned_a_month_then_a_week_before_being_erased() {
        let seen = d("2023-03-15");
        assert_eq!(inactivity(seen, 3, 0, d("2026-02-10")), Inactivity::Nothing);
        assert_eq!(inactivity(seen, 3, 0, d("2026-02-14")), Inactivity::Warn { number: 1, erased_on: d("2026-03-15") });
        assert_eq!(inactivity(seen, 3, 1, d("2026-03-01")), Inactivity::Nothing, "the first warning sent");
        assert_eq!(inactivity(seen, 3, 1, d("2026-03-08")), Inactivity::Warn { number: 2, erased_on: d("2026-03-15") });
        assert_eq!(
            inactivity(seen, 3, 0, d("2026-03-10")),
            Inactivity::Warn { number: 2, erased_on: d("2026-03-15") },
            "late: the last one"
        );
        assert_eq!(inactivity(seen, 3, 2, d("2026-03-14")), Inactivity::Nothing);
        assert_eq!(inactivity(seen, 3, 2, d("2026-03-15")), Inactivity::Erase);
        assert_eq!(inactivity(d("2024-02-29"), 3, 0, d("2027-02-28")), Inactivity::Erase, "29 February");
    }
}

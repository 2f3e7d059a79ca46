//! Reminders as data (issue 13): when each goes, counted in French working days
//! (`domain::calendar`), and what stops it. The scheduled jobs read them from items written
//! with the change that makes them due, claim each before its e-mail, and drop those whose
//! stop condition holds.

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;

use super::calendar::{add_working_days, sub_working_days};

/// A manager who has not answered is reminded after 3 working days, then after 7; never
/// after the decision, the cancellation, or the link's expiry.
pub const MANAGER_DECISION_WORKING_DAYS: [u32; 2] = [3, 7];

/// An employee whose assessment is not done is reminded 1, 3 and 10 days after their last
/// day of mission; never once it is sent or the engagement cancelled.
pub const ASSESSMENT_DAYS: [i64; 3] = [1, 3, 10];

/// A manager's link can be sent again (by the employee, or from the expired link's page) at
/// most once in this time since it was last sent; a signatory reminded on demand
/// ("Relancer") likewise.
pub const RESEND_COOLDOWN: chrono::Duration = chrono::Duration::hours(24);

/// Each party that has not signed a convention ready to sign is reminded this many working
/// days after it was ready…
pub const SIGNATURE_WORKING_DAYS_AFTER_READY: u32 = 2;

/// …and a last time this many working days before the first mission date it covers; never
/// once they signed, nor once the version is signed, replaced or the engagement cancelled.
pub const SIGNATURE_WORKING_DAYS_BEFORE_FIRST_DATE: u32 = 2;

/// The hour (Paris) reminders go out on their day.
pub const SEND_AT: (u32, u32) = (9, 0);

/// 09:00 in Paris on `day`.
fn morning_of(day: chrono::NaiveDate) -> Option<DateTime<Utc>> {
    let time = NaiveTime::from_hms_opt(SEND_AT.0, SEND_AT.1, 0)?;
    Paris.from_local_datetime(&day.and_time(time)).earliest().map(|t| t.with_timezone(&Utc))
}

/// Whether a reminder to sign due at `due_at` is the last one, before the first date.
pub fn is_last_signature_reminder(due_at: DateTime<Utc>, first_date: Option<chrono::NaiveDate>) -> bool {
    first_date.and_then(|d| morning_of(sub_working_days(d, SIGNATURE_WORKING_DAYS_BEFORE_FIRST_DATE))).is_some_and(|last| due_at >= last)
}

/// Whether a link may be sent again, or a party reminded on demand ("Relancer"), at `now`,
/// the last one having gone at `last`: `Err(next_at)` within [`RESEND_COOLDOWN`].
pub fn cooldown_over(last: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Result<(), DateTime<Utc>> {
    match last.map(|l| l + RESEND_COOLDOWN) {
        Some(next_at) if now < next_at => Err(next_at),
        _ => Ok(()),
    }
}

/// The instants of the reminders to sign a convention ready at `ready_at` whose first mission
/// date is `first_date`: 2 working days after, and 2 working days before that date (when it
/// comes later than the first; none that would be past the date).
pub fn signature_reminders(ready_at: DateTime<Utc>, first_date: Option<chrono::NaiveDate>) -> Vec<DateTime<Utc>> {
    let ready_on = ready_at.with_timezone(&Paris).date_naive();
    let mut at: Vec<DateTime<Utc>> = morning_of(add_working_days(ready_on, SIGNATURE_WORKING_DAYS_AFTER_READY)).into_iter().collect();
    if let Some(last) = first_date.and_then(|d| morning_of(sub_working_days(d, SIGNATURE_WORKING_DAYS_BEFORE_FIRST_DATE))) {
        if at.first().is_none_or(|first| last > *first) && last > ready_at {
            at.push(last);
        }
    }
    let before = first_date.and_then(morning_of);
    at.retain(|t| before.is_none_or(|b| *t < b));
    at
}

/// The instants of a request's reminders to its manager, sent at `sent_at`, before its link
/// expires at `expires_at` (later ones are not scheduled).
pub fn manager_reminders(sent_at: DateTime<Utc>, expires_at: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let sent_on = sent_at.with_timezone(&Paris).date_naive();
    MANAGER_DECISION_WORKING_DAYS.iter().filter_map(|n| morning_of(add_working_days(sent_on, *n))).filter(|at| *at < expires_at).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manager_is_reminded_on_working_days_3_and_7_before_the_link_expires() {
        // Wednesday 29 April 2026: 1 May and 8 May are public holidays; day 3 is Tuesday 5 May,
        // day 7 Tuesday 12 May.
        let sent: DateTime<Utc> = "2026-04-29T14:00:00Z".parse().unwrap();
        let expires = sent + chrono::Duration::days(14);
        let at = manager_reminders(sent, expires);
        assert_eq!(at, ["2026-05-05T07:00:00Z".parse::<DateTime<Utc>>().unwrap(), "2026-05-12T07:00:00Z".parse().unwrap()]);
        assert_eq!(manager_reminders(sent, sent + chrono::Duration::days(8)).len(), 1, "not after the link's expiry");
    }

    #[test]
    fn signatories_are_reminded_2_working_days_after_and_2_before_the_first_date() {
        // Ready Thursday 30 April 2026 (1 May a holiday): +2 working days is Tuesday 5 May; the
        // first date Thursday 21 May (Ascension, 14 May, is far) → Tuesday 19 May.
        let ready: DateTime<Utc> = "2026-04-30T10:00:00Z".parse().unwrap();
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let at = signature_reminders(ready, Some(d("2026-05-21")));
        assert_eq!(at, ["2026-05-05T07:00:00Z".parse::<DateTime<Utc>>().unwrap(), "2026-05-19T07:00:00Z".parse().unwrap()]);
        // A first date too close: one reminder, and none on or after the day itself.
        assert_eq!(signature_reminders(ready, Some(d("2026-05-06"))), ["2026-05-05T07:00:00Z".parse::<DateTime<Utc>>().unwrap()]);
        assert!(signature_reminders(ready, Some(d("2026-05-04"))).is_empty());
        assert_eq!(at.iter().map(|t| is_last_signature_reminder(*t, Some(d("2026-05-21")))).collect::<Vec<_>>(), [false, true]);
    }

    #[test]
    fn a_nudge_waits_24_hours_after_the_last() {
        let now: DateTime<Utc> = "2026-05-05T10:00:00Z".parse().unwrap();
        assert_eq!(cooldown_over(None, now), Ok(()));
        assert_eq!(cooldown_over(Some(now - chrono::Duration::hours(2)), now), Err(now + chrono::Duration::hours(22)));
        assert_eq!(cooldown_over(Some(now - chrono::Duration::hours(24)), now), Ok(()));
    }
}

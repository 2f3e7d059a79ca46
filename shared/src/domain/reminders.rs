//! Reminders as data (issue 13): when each goes, counted in French working days
//! (`domain::calendar`), and what stops it. The scheduled jobs read them from items written
//! with the change that makes them due, claim each before its e-mail, and drop those whose
//! stop condition holds.

use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;

use super::calendar::add_working_days;

/// A manager who has not answered is reminded after 3 working days, then after 7; never
/// after the decision, the cancellation, or the link's expiry.
pub const MANAGER_DECISION_WORKING_DAYS: [u32; 2] = [3, 7];

/// An employee whose assessment is not done is reminded 1, 3 and 10 days after their last
/// day of mission; never once it is sent or the engagement cancelled.
pub const ASSESSMENT_DAYS: [i64; 3] = [1, 3, 10];

/// A manager's link can be sent again (by the employee, or from the expired link's page) at
/// most once in this time since it was last sent; a signatory reminded on demand
/// ("Relancer") likewise.
pub const MANAGER_LINK_COOLDOWN: chrono::Duration = chrono::Duration::hours(24);

/// The hour (Paris) reminders go out on their day.
pub const SEND_AT: (u32, u32) = (9, 0);

/// The instants of a request's reminders to its manager, sent at `sent_at`, before its link
/// expires at `expires_at` (later ones are not scheduled).
pub fn manager_reminders(sent_at: DateTime<Utc>, expires_at: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let sent_on = sent_at.with_timezone(&Paris).date_naive();
    MANAGER_DECISION_WORKING_DAYS
        .iter()
        .filter_map(|n| {
            let day = add_working_days(sent_on, *n);
            let time = NaiveTime::from_hms_opt(SEND_AT.0, SEND_AT.1, 0)?;
            Paris.from_local_datetime(&day.and_time(time)).earliest().map(|t| t.with_timezone(&Utc))
        })
        .filter(|at| *at < expires_at)
        .collect()
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
}

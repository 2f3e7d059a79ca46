//! Working days in France (issue 13's reminders count them): Monday to Friday, except the
//! eleven public holidays of metropolitan France (Code du travail L.3133-1): 1 January,
//! Easter Monday, 1 May, 8 May, Ascension Thursday, Whit Monday, 14 July, 15 August,
//! 1 November, 11 November, 25 December. (Alsace-Moselle's Good Friday and 26 December are
//! not counted: the platform serves the whole country with one calendar.)

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Easter Sunday of `year` (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = ((h + l - 7 * m + 114) % 31) + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// The public holidays of `year`, in date order.
pub fn public_holidays(year: i32) -> Vec<NaiveDate> {
    let fixed = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)];
    let mut days: Vec<NaiveDate> = fixed.iter().filter_map(|(m, d)| NaiveDate::from_ymd_opt(year, *m, *d)).collect();
    if let Some(e) = easter(year) {
        days.extend([e + Duration::days(1), e + Duration::days(39), e + Duration::days(50)]);
    }
    days.sort();
    days
}

pub fn is_public_holiday(d: NaiveDate) -> bool {
    public_holidays(d.year()).contains(&d)
}

/// Monday to Friday, not a public holiday.
pub fn is_working_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(d)
}

/// The `n`-th working day after `d` (`n` = 0: `d` itself if it is one, else the next).
pub fn add_working_days(d: NaiveDate, n: u32) -> NaiveDate {
    let mut day = d;
    while !is_working_day(day) {
        day = day.succ_opt().unwrap_or(day);
    }
    for _ in 0..n {
        day = day.succ_opt().unwrap_or(day);
        while !is_working_day(day) {
            day = day.succ_opt().unwrap_or(day);
        }
    }
    day
}

/// The `n`-th working day before `d`.
pub fn sub_working_days(d: NaiveDate, n: u32) -> NaiveDate {
    let mut day = d;
    for _ in 0..n {
        day = day.pred_opt().unwrap_or(day);
        while !is_working_day(day) {
            day = day.pred_opt().unwrap_or(day);
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn easter_and_the_holidays_that_follow_it() {
        assert_eq!(easter(2024), Some(d("2024-03-31")));
        assert_eq!(easter(2025), Some(d("2025-04-20")));
        assert_eq!(easter(2026), Some(d("2026-04-05")));
        assert_eq!(easter(2027), Some(d("2027-03-28")));
        let h = public_holidays(2026);
        assert_eq!(h.len(), 11);
        for day in ["2026-04-06", "2026-05-14", "2026-05-25", "2026-07-14", "2026-11-11"] {
            assert!(h.contains(&d(day)), "{day}");
        }
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        // Wednesday 29 April 2026 + 3 working days: Thu 30, (Fri 1 May off), Mon 4, Tue 5.
        assert_eq!(add_working_days(d("2026-04-29"), 3), d("2026-05-05"));
        // Friday 10 July 2026 + 2: Mon 13, (Tue 14 July off), Wed 15.
        assert_eq!(add_working_days(d("2026-07-10"), 2), d("2026-07-15"));
        // A Saturday counts from the Monday.
        assert_eq!(add_working_days(d("2026-11-28"), 0), d("2026-11-30"));
        assert!(!is_working_day(d("2026-12-25")) && is_working_day(d("2026-12-24")));
        // Two working days before Tuesday 26 May 2026 (Whit Monday 25 off): Thu 21, Fri 22.
        assert_eq!(sub_working_days(d("2026-05-26"), 2), d("2026-05-21"));
    }
}

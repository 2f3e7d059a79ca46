//! The volunteering allowance (SPEC D, FAQ): how many days an employee may still request.
//!
//! - Permanent employees with at least `min_seniority_months` of seniority on the request
//!   date: `annual_half_days` per calendar year (Europe/Paris calendar).
//! - Permanent employees whose retirement is officially set within 12 months (the policy's
//!   window) of the request
//!   date (and with the same seniority): `end_of_career_weekly_half_days` per ISO week,
//!   instead of the annual allowance.
//! - Anyone else (fixed-term, interns, no HR record): no allowance.
//!
//! Half days count 0.5 (one unit here is a half day); pending and accepted days both count.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::company::Policy;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contract {
    /// CDI.
    Permanent,
    /// CDD.
    FixedTerm,
    /// Apprentices, interns, and any other contract.
    Other,
}

/// What the company admin imports about an employee (CSV).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HrAttributes {
    pub contract: Contract,
    pub hire_date: NaiveDate,
    #[serde(default)]
    pub retirement_date: Option<NaiveDate>,
    /// The employee's cost for the company of a working day (salary and employer
    /// contributions), in cents: the tax valuation of the days they give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_cost_cents: Option<u64>,
    /// The employee's qualification (job title and classification) as the employment
    /// contract states it: the convention and its amendment repeat it (Code du travail
    /// L.8241-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayPart {
    FullDay,
    HalfDay,
}

impl DayPart {
    pub fn half_days(self) -> u32 {
        match self {
            DayPart::FullDay => 2,
            DayPart::HalfDay => 1,
        }
    }
}

/// Which rule applies to an employee on a request date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    Annual { half_days: u32 },
    EndOfCareer { weekly_half_days: u32 },
    NotEligible(Ineligibility),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ineligibility {
    NoHrRecord,
    NotPermanent,
    Seniority { months: u32, eligible_from: NaiveDate },
}

pub fn regime(policy: &Policy, hr: Option<&HrAttributes>, request_date: NaiveDate) -> Regime {
    let Some(hr) = hr else { return Regime::NotEligible(Ineligibility::NoHrRecord) };
    if hr.contract != Contract::Permanent {
        return Regime::NotEligible(Ineligibility::NotPermanent);
    }
    let eligible_from = hr.hire_date.checked_add_months(Months::new(policy.min_seniority_months)).unwrap_or(NaiveDate::MAX);
    if request_date < eligible_from {
        return Regime::NotEligible(Ineligibility::Seniority { months: policy.min_seniority_months, eligible_from });
    }
    let end_of_career = hr.retirement_date.is_some_and(|r| {
        r >= request_date && r <= request_date.checked_add_months(Months::new(policy.end_of_career_window_months)).unwrap_or(NaiveDate::MAX)
    });
    if end_of_career {
        Regime::EndOfCareer { weekly_half_days: policy.end_of_career_weekly_half_days }
    } else {
        Regime::Annual { half_days: policy.annual_half_days }
    }
}

/// A day already requested (pending or accepted), or asked for now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookedDay {
    pub date: NaiveDate,
    pub part: DayPart,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotEligible(Ineligibility),
    HalfDaysNotAllowed,
    /// Over the annual allowance: half days left in that year.
    AnnualExceeded {
        year: i32,
        left_half_days: u32,
    },
    /// Over the weekly allowance in an ISO week.
    WeeklyExceeded {
        iso_year: i32,
        week: u32,
        left_half_days: u32,
    },
    DuplicateDate(NaiveDate),
}

/// Checks a request of `new` days against what is already booked.
pub fn check(
    policy: &Policy,
    hr: Option<&HrAttributes>,
    request_date: NaiveDate,
    booked: &[BookedDay],
    new: &[BookedDay],
) -> Result<(), Refusal> {
    if !policy.half_days_allowed && new.iter().any(|d| d.part == DayPart::HalfDay) {
        return Err(Refusal::HalfDaysNotAllowed);
    }
    for (i, d) in new.iter().enumerate() {
        if new[..i].iter().chain(booked).any(|o| o.date == d.date) {
            return Err(Refusal::DuplicateDate(d.date));
        }
    }
    match regime(policy, hr, request_date) {
        Regime::NotEligible(why) => Err(Refusal::NotEligible(why)),
        Regime::Annual { half_days } => {
            let mut years: Vec<i32> = new.iter().map(|d| d.date.year()).collect();
            years.dedup();
            for year in years {
                let used: u32 = booked.iter().filter(|d| d.date.year() == year).map(|d| d.part.half_days()).sum();
                let asked: u32 = new.iter().filter(|d| d.date.year() == year).map(|d| d.part.half_days()).sum();
                if used + asked > half_days {
                    return Err(Refusal::AnnualExceeded { year, left_half_days: half_days.saturating_sub(used) });
                }
            }
            Ok(())
        }
        Regime::EndOfCareer { weekly_half_days } => {
            for d in new {
                let w = d.date.iso_week();
                let same_week = |o: &&BookedDay| o.date.iso_week() == w;
                let used: u32 = booked.iter().filter(same_week).map(|o| o.part.half_days()).sum();
                let asked: u32 = new.iter().filter(same_week).map(|o| o.part.half_days()).sum();
                if used + asked > weekly_half_days {
                    return Err(Refusal::WeeklyExceeded {
                        iso_year: w.year(),
                        week: w.week(),
                        left_half_days: weekly_half_days.saturating_sub(used),
                    });
                }
            }
            Ok(())
        }
    }
}

/// Days left this year under the annual regime (for "Mon compte"), in half days.
pub fn annual_left(policy: &Policy, booked: &[BookedDay], year: i32) -> u32 {
    let used: u32 = booked.iter().filter(|d| d.date.year() == year).map(|d| d.part.half_days()).sum();
    policy.annual_half_days.saturating_sub(used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }
    fn day(s: &str) -> BookedDay {
        BookedDay { date: d(s), part: DayPart::FullDay }
    }
    fn half(s: &str) -> BookedDay {
        BookedDay { date: d(s), part: DayPart::HalfDay }
    }
    fn cdi(hired: &str) -> HrAttributes {
        HrAttributes {
            contract: Contract::Permanent,
            hire_date: d(hired),
            retirement_date: None,
            day_cost_cents: None,
            qualification: None,
        }
    }

    #[test]
    fn two_days_a_year_for_permanent_employees() {
        let p = Policy::default();
        let hr = cdi("2020-01-01");
        assert_eq!(check(&p, Some(&hr), d("2026-01-10"), &[], &[day("2026-01-22"), day("2026-02-05")]), Ok(()));
        let third = check(&p, Some(&hr), d("2026-03-01"), &[day("2026-01-22"), day("2026-02-05")], &[day("2026-03-12")]);
        assert_eq!(third, Err(Refusal::AnnualExceeded { year: 2026, left_half_days: 0 }));
        // Half days count 0.5: 1.5 used, a half day fits, a full day does not.
        let booked = [day("2026-01-22"), half("2026-02-05")];
        assert_eq!(check(&p, Some(&hr), d("2026-03-01"), &booked, &[half("2026-03-12")]), Ok(()));
        assert_eq!(
            check(&p, Some(&hr), d("2026-03-01"), &booked, &[day("2026-03-12")]),
            Err(Refusal::AnnualExceeded { year: 2026, left_half_days: 1 })
        );
        // A new calendar year starts afresh.
        assert_eq!(check(&p, Some(&hr), d("2026-12-01"), &[day("2026-01-22"), day("2026-02-05")], &[day("2027-01-07")]), Ok(()));
    }

    #[test]
    fn three_months_seniority_on_the_request_date() {
        let p = Policy::default();
        let hr = cdi("2026-01-15");
        assert_eq!(
            check(&p, Some(&hr), d("2026-04-14"), &[], &[day("2026-05-01")]),
            Err(Refusal::NotEligible(Ineligibility::Seniority { months: 3, eligible_from: d("2026-04-15") }))
        );
        assert_eq!(check(&p, Some(&hr), d("2026-04-15"), &[], &[day("2026-05-01")]), Ok(()));
    }

    #[test]
    fn one_day_a_week_within_twelve_months_of_retirement() {
        let p = Policy::default();
        let hr = HrAttributes {
            contract: Contract::Permanent,
            hire_date: d("1990-09-01"),
            retirement_date: Some(d("2026-12-31")),
            day_cost_cents: None,
            qualification: None,
        };
        assert!(matches!(regime(&p, Some(&hr), d("2026-01-05")), Regime::EndOfCareer { .. }));
        let weeks: Vec<BookedDay> = ["2026-01-05", "2026-01-13", "2026-01-21", "2026-01-29"].iter().map(|s| day(s)).collect();
        assert_eq!(check(&p, Some(&hr), d("2026-01-02"), &[], &weeks), Ok(()), "one day in each of four weeks");
        assert_eq!(
            check(&p, Some(&hr), d("2026-01-02"), &weeks, &[day("2026-01-06")]),
            Err(Refusal::WeeklyExceeded { iso_year: 2026, week: 2, left_half_days: 0 })
        );
        // More than 12 months before retirement: the annual rule.
        assert!(matches!(regime(&p, Some(&hr), d("2025-12-30")), Regime::Annual { .. }));
        // A company whose window is 6 months: 10 months before, the annual rule still.
        let six = Policy { end_of_career_window_months: 6, ..Policy::default() };
        assert!(matches!(regime(&six, Some(&hr), d("2026-03-01")), Regime::Annual { .. }));
        assert!(matches!(regime(&six, Some(&hr), d("2026-07-01")), Regime::EndOfCareer { .. }));
    }

    #[test]
    fn others_are_not_eligible_and_policies_may_forbid_half_days() {
        let p = Policy::default();
        let cdd = HrAttributes {
            contract: Contract::FixedTerm,
            hire_date: d("2020-01-01"),
            retirement_date: None,
            day_cost_cents: None,
            qualification: None,
        };
        assert_eq!(
            check(&p, Some(&cdd), d("2026-01-02"), &[], &[day("2026-01-22")]),
            Err(Refusal::NotEligible(Ineligibility::NotPermanent))
        );
        assert_eq!(check(&p, None, d("2026-01-02"), &[], &[day("2026-01-22")]), Err(Refusal::NotEligible(Ineligibility::NoHrRecord)));
        let full_only = Policy { half_days_allowed: false, ..Policy::default() };
        assert_eq!(
            check(&full_only, Some(&cdi("2020-01-01")), d("2026-01-02"), &[], &[half("2026-01-22")]),
            Err(Refusal::HalfDaysNotAllowed)
        );
        assert_eq!(
            check(&p, Some(&cdi("2020-01-01")), d("2026-01-02"), &[day("2026-01-22")], &[half("2026-01-22")]),
            Err(Refusal::DuplicateDate(d("2026-01-22")))
        );
    }
}

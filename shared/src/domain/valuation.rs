//! The tax valuation of donated working days (mécénat de compétences, art. 238 bis of the
//! French general tax code): an **estimate** the company validates with its tax adviser.
//!
//! - Each attested day is valued at its cost price for the company: the employee's day cost
//!   (salary and employer contributions, imported with the HR attributes, or the entity's
//!   default); a half day counts half.
//! - Each employee's valuation is capped per calendar month at three times the monthly
//!   social-security ceiling (PMSS) of that year (`monthly_cap_cents`). When the employee gave
//!   days to several associations in a month that goes over the cap, the capped amount is
//!   shared between them in proportion to their days' value (largest remainders, so that the
//!   shares add up to the cap exactly).
//! - Per year, the reduction is 60 % of the valuation up to 2 M€ and 40 % above; it is limited
//!   by a ceiling, the higher of 20 000 € and 5 ‰ of the turnover (excluding tax); what goes over
//!   is carried forward (to the next five years). Donations over 10 000 € in a year must be
//!   declared (the beneficiaries and amounts, form 2069-RCI).
//!
//! Everything is in cents with checked arithmetic: an overflow is an error, never a panic or a
//! wrapped amount. Pure functions; the report and the associations' statements build on them.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

/// The monthly social-security ceiling (plafond mensuel de la sécurité sociale), in cents, by
/// year. A year that is not in the table has no valuation until the table is updated.
const PMSS_CENTS: &[(i32, u64)] = &[(2024, 386_400), (2025, 392_500), (2026, 400_500)];

/// 60 % up to this yearly amount of donations, 40 % above (2 000 000 €).
pub const HIGH_RATE_LIMIT_CENTS: u64 = 200_000_000;
/// The minimum ceiling of the reduction (20 000 €).
pub const MIN_CEILING_CENTS: u64 = 2_000_000;
/// Above this yearly amount of donations, they must be declared (10 000 €).
pub const DECLARATION_THRESHOLD_CENTS: u64 = 1_000_000;
/// A day cost above 10 000 € is refused at the edge: no salary costs that much a day.
pub const MAX_DAY_COST_CENTS: u64 = 1_000_000;

/// Why a valuation cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValuationError {
    /// The year's social-security ceiling is not in the table.
    UnknownYear(i32),
    /// An amount over the bounds of the arithmetic.
    Overflow,
}

/// Three times the monthly social-security ceiling of `year`: an employee's valuation cap
/// for one calendar month.
pub fn monthly_cap_cents(year: i32) -> Result<u64, ValuationError> {
    let pmss = PMSS_CENTS.iter().find(|(y, _)| *y == year).map(|(_, c)| *c).ok_or(ValuationError::UnknownYear(year))?;
    pmss.checked_mul(3).ok_or(ValuationError::Overflow)
}

/// One attested day (or half day) an employee gave to an association.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenDay {
    pub employee: String,
    pub association: String,
    pub date: NaiveDate,
    pub half: bool,
    /// The employee's cost for a full day, in cents.
    pub day_cost_cents: u64,
}

impl GivenDay {
    fn half_days(&self) -> u64 {
        if self.half {
            1
        } else {
            2
        }
    }
}

/// The valuation of one association's days in a year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AssociationValuation {
    /// Days given, in half days (a full day is 2).
    pub half_days: u64,
    /// The valuation before the monthly caps.
    pub uncapped_cents: u64,
    /// The valuation, caps applied.
    pub valued_cents: u64,
}

/// One employee's month: per association, the half days and twice their value (the value
/// of the half days before the cap, kept doubled so that it stays exact).
type Month<'a> = BTreeMap<&'a str, (u64, u64)>;

/// The valuation of a year's days, per association (by id), caps applied.
pub fn value_year(year: i32, days: &[GivenDay]) -> Result<BTreeMap<String, AssociationValuation>, ValuationError> {
    let cap = monthly_cap_cents(year)?;
    let mut months: BTreeMap<(&str, u32), Month> = BTreeMap::new();
    for d in days.iter().filter(|d| d.date.year() == year) {
        // Half days × cost of a half day, in exact arithmetic: (half days × day cost) / 2 per
        // month, rounded down once.
        let value = d.half_days().checked_mul(d.day_cost_cents).ok_or(ValuationError::Overflow)?;
        let slot = months.entry((d.employee.as_str(), d.date.month())).or_default().entry(d.association.as_str()).or_default();
        slot.0 = slot.0.checked_add(d.half_days()).ok_or(ValuationError::Overflow)?;
        slot.1 = slot.1.checked_add(value).ok_or(ValuationError::Overflow)?;
    }
    let mut out: BTreeMap<String, AssociationValuation> = BTreeMap::new();
    for per_association in months.values() {
        let values: Vec<u64> = per_association.values().map(|(_, doubled)| doubled / 2).collect();
        let month_total = values.iter().try_fold(0u64, |a, v| a.checked_add(*v)).ok_or(ValuationError::Overflow)?;
        let shares = share(values.as_slice(), month_total.min(cap))?;
        for ((association, (half_days, doubled)), valued) in per_association.iter().zip(shares) {
            let entry = out.entry((*association).to_string()).or_default();
            entry.half_days = entry.half_days.checked_add(*half_days).ok_or(ValuationError::Overflow)?;
            entry.uncapped_cents = entry.uncapped_cents.checked_add(doubled / 2).ok_or(ValuationError::Overflow)?;
            entry.valued_cents = entry.valued_cents.checked_add(valued).ok_or(ValuationError::Overflow)?;
        }
    }
    Ok(out)
}

/// `total` shared in proportion to `weights` (largest remainders): the shares add up to
/// `total` exactly; with no weight, nothing is shared.
fn share(weights: &[u64], total: u64) -> Result<Vec<u64>, ValuationError> {
    let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    if sum == 0 {
        return Ok(vec![0; weights.len()]);
    }
    let mut shares = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let exact = u128::from(*w) * u128::from(total);
        shares.push(u64::try_from(exact / sum).map_err(|_| ValuationError::Overflow)?);
        remainders.push((exact % sum, i));
    }
    let given: u64 = shares.iter().sum();
    let left = total.checked_sub(given).ok_or(ValuationError::Overflow)?;
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders.into_iter().take(usize::try_from(left).map_err(|_| ValuationError::Overflow)?) {
        shares[i] += 1;
    }
    Ok(shares)
}

/// The company's tax position for a year of donated days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearPosition {
    pub valuation_cents: u64,
    /// 60 % up to 2 M€, 40 % above.
    pub reduction_cents: u64,
    /// The higher of 20 000 € and 5 ‰ of the turnover.
    pub ceiling_cents: u64,
    /// The part of the reduction usable this year.
    pub usable_cents: u64,
    /// The part over the ceiling, carried forward.
    pub carried_forward_cents: u64,
    /// Donations over 10 000 €: the declaration applies.
    pub declaration_required: bool,
}

/// The reduction, its ceiling and what is carried forward, for a year's total valuation and
/// the turnover (excluding tax) the company's admin entered.
pub fn year_position(valuation_cents: u64, turnover_cents: u64) -> Result<YearPosition, ValuationError> {
    let high = valuation_cents.min(HIGH_RATE_LIMIT_CENTS);
    let low = valuation_cents - high;
    let reduction = percent(high, 60)?.checked_add(percent(low, 40)?).ok_or(ValuationError::Overflow)?;
    let per_mille = u64::try_from(u128::from(turnover_cents) * 5 / 1000).map_err(|_| ValuationError::Overflow)?;
    let ceiling = per_mille.max(MIN_CEILING_CENTS);
    let usable = reduction.min(ceiling);
    Ok(YearPosition {
        valuation_cents,
        reduction_cents: reduction,
        ceiling_cents: ceiling,
        usable_cents: usable,
        carried_forward_cents: reduction - usable,
        declaration_required: valuation_cents > DECLARATION_THRESHOLD_CENTS,
    })
}

fn percent(cents: u64, rate: u64) -> Result<u64, ValuationError> {
    u64::try_from(u128::from(cents) * u128::from(rate) / 100).map_err(|_| ValuationError::Overflow)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(employee: &str, association: &str, date: &str, half: bool, euros: u64) -> GivenDay {
        GivenDay {
            employee: employee.into(),
            association: association.into(),
            date: date.parse().unwrap(),
            half,
            day_cost_cents: euros * 100,
        }
    }

    fn march_2026(n: u32, employee: &str, association: &str, euros: u64) -> Vec<GivenDay> {
        (1..=n).map(|d| day(employee, association, &format!("2026-03-{d:02}"), false, euros)).collect()
    }

    #[test]
    fn the_cap_is_three_monthly_ceilings_of_the_year() {
        assert_eq!(monthly_cap_cents(2025), Ok(1_177_500), "3 × 3 925 €");
        assert_eq!(monthly_cap_cents(2026), Ok(1_201_500), "3 × 4 005 €");
        assert_eq!(monthly_cap_cents(2031), Err(ValuationError::UnknownYear(2031)));
    }

    #[test]
    fn a_full_month_over_the_cap_is_valued_at_the_cap() {
        // 20 days at 800 € in March 2026: 16 000 €, capped at 12 015 €.
        let v = value_year(2026, &march_2026(20, "maelys", "apte", 800)).unwrap();
        assert_eq!(v["apte"], AssociationValuation { half_days: 40, uncapped_cents: 1_600_000, valued_cents: 1_201_500 });
        // The cap is per month: 10 days in March and 10 in April stay under it.
        let mut split = march_2026(10, "maelys", "apte", 800);
        split.extend((1..=10).map(|d| day("maelys", "apte", &format!("2026-04-{d:02}"), false, 800)));
        assert_eq!(value_year(2026, &split).unwrap()["apte"].valued_cents, 1_600_000);
        // And per employee: two employees each under the cap are not added up against it.
        let mut two = march_2026(12, "maelys", "apte", 800);
        two.extend(march_2026(12, "paul", "apte", 800));
        assert_eq!(value_year(2026, &two).unwrap()["apte"].valued_cents, 1_920_000);
    }

    #[test]
    fn half_days_count_half_and_round_down_once_a_month() {
        // Three half days at 450 € a day: 675 €.
        let days: Vec<GivenDay> = (2..=4).map(|d| day("maelys", "apte", &format!("2026-02-{d:02}"), true, 450)).collect();
        assert_eq!(
            value_year(2026, &days).unwrap()["apte"],
            AssociationValuation { half_days: 3, uncapped_cents: 67_500, valued_cents: 67_500 }
        );
        // A day cost of 333,33 €: one half day is 166,665 €, rounded down to 166,66 €; two
        // half days in the month are exactly one day, 333,33 €.
        let odd = |date: &str| GivenDay { day_cost_cents: 33_333, ..day("maelys", "apte", date, true, 0) };
        assert_eq!(value_year(2026, &[odd("2026-02-02")]).unwrap()["apte"].valued_cents, 16_666);
        assert_eq!(value_year(2026, &[odd("2026-02-02"), odd("2026-02-09")]).unwrap()["apte"].valued_cents, 33_333);
    }

    #[test]
    fn two_associations_over_the_cap_share_it_in_proportion() {
        // January 2026, 1 000 € a day: 10 days for APTE, 5 for Basiliade = 15 000 €, capped at
        // 12 015 €: two thirds and one third.
        let mut days: Vec<GivenDay> = (5..=14).map(|d| day("maelys", "apte", &format!("2026-01-{d:02}"), false, 1_000)).collect();
        days.extend((19..=23).map(|d| day("maelys", "basiliade", &format!("2026-01-{d:02}"), false, 1_000)));
        let v = value_year(2026, &days).unwrap();
        assert_eq!((v["apte"].valued_cents, v["basiliade"].valued_cents), (801_000, 400_500));
        // Shares that do not divide evenly still add up to the cap, to the cent.
        let mut three: Vec<GivenDay> = march_2026(7, "paul", "a", 1_000);
        three.extend((8..=14).map(|d| day("paul", "b", &format!("2026-03-{d:02}"), false, 1_000)));
        three.extend((15..=21).map(|d| day("paul", "c", &format!("2026-03-{d:02}"), false, 1_000)));
        let v = value_year(2026, &three).unwrap();
        let shares: Vec<u64> = ["a", "b", "c"].iter().map(|a| v[*a].valued_cents).collect();
        assert_eq!(shares.iter().sum::<u64>(), 1_201_500);
        assert_eq!(shares, vec![400_500, 400_500, 400_500]);
        assert_eq!(share(&[1, 1, 1], 100).unwrap(), vec![34, 33, 33]);
    }

    #[test]
    fn only_the_year_asked_is_valued() {
        let days = vec![day("maelys", "apte", "2025-12-31", false, 500), day("maelys", "apte", "2026-01-02", false, 500)];
        assert_eq!(value_year(2026, &days).unwrap()["apte"].valued_cents, 50_000);
        assert_eq!(value_year(2025, &days).unwrap()["apte"].valued_cents, 50_000);
    }

    #[test]
    fn a_year_over_two_million_is_reduced_at_60_then_40_percent() {
        // 2 500 000 € of donated days: 60 % of 2 M€ + 40 % of 0,5 M€ = 1 400 000 €.
        let big = year_position(250_000_000, 50_000_000_000).unwrap();
        assert_eq!(big.reduction_cents, 140_000_000);
        assert_eq!(big.ceiling_cents, 250_000_000, "5 ‰ of a 500 M€ turnover");
        assert_eq!((big.usable_cents, big.carried_forward_cents), (140_000_000, 0));
        assert!(big.declaration_required);
        // With a 100 M€ turnover the ceiling is 500 000 €: 900 000 € are carried forward.
        let capped = year_position(250_000_000, 10_000_000_000).unwrap();
        assert_eq!((capped.ceiling_cents, capped.usable_cents, capped.carried_forward_cents), (50_000_000, 50_000_000, 90_000_000));
    }

    #[test]
    fn a_small_company_has_the_20_000_euro_ceiling_and_no_declaration_under_10_000() {
        // 8 000 € of days, 1 M€ of turnover: 5 ‰ is 5 000 €, the ceiling is 20 000 €.
        let small = year_position(800_000, 100_000_000).unwrap();
        assert_eq!((small.reduction_cents, small.ceiling_cents, small.usable_cents), (480_000, 2_000_000, 480_000));
        assert!(!small.declaration_required);
        // Exactly 10 000 € is not over the threshold; one cent more is.
        assert!(!year_position(1_000_000, 0).unwrap().declaration_required);
        assert!(year_position(1_000_001, 0).unwrap().declaration_required);
        // 40 000 € of days, no turnover entered: 24 000 € of reduction, 20 000 € usable.
        let over = year_position(4_000_000, 0).unwrap();
        assert_eq!((over.usable_cents, over.carried_forward_cents), (2_000_000, 400_000));
    }

    #[test]
    fn amounts_beyond_the_arithmetic_are_errors_not_panics() {
        let huge = GivenDay { day_cost_cents: u64::MAX, ..day("maelys", "apte", "2026-03-02", false, 0) };
        assert_eq!(value_year(2026, &[huge]), Err(ValuationError::Overflow));
        assert!(year_position(u64::MAX, u64::MAX).is_ok(), "the reduction of the largest amount still fits");
    }
}

//! What the date-request endpoints share: the allowance ledger writes and the wording of
//! dates and refusals.

use crate::domain::allowance::{BookedDay, Regime};
use crate::domain::engagement::{DateRequest, LedgerEntry, ReleasedDay};
use crate::keys;

/// The ledger items a set of days touches, with the half days for each and their limit.
pub fn ledger_entries(regime: Regime, days: &[BookedDay]) -> Vec<LedgerEntry> {
    use chrono::Datelike;
    let mut out: Vec<LedgerEntry> = Vec::new();
    for d in days {
        let (sk, limit) = match regime {
            Regime::EndOfCareer { weekly_half_days } => {
                let w = d.date.iso_week();
                (keys::ledger_week(w.year(), w.week()), weekly_half_days)
            }
            Regime::Annual { half_days } => (keys::ledger_year(d.date.year()), half_days),
            Regime::NotEligible(_) => (keys::ledger_year(d.date.year()), 0),
        };
        match out.iter_mut().find(|e| e.sk == sk) {
            Some(e) => e.half_days += d.part.half_days(),
            None => out.push(LedgerEntry { sk, half_days: d.part.half_days(), limit }),
        }
    }
    out
}

/// The ledger entry one day of a request was booked on (the year's, or its ISO week's).
fn ledger_entry_of(
    requests: &[DateRequest],
    request_id: &str,
    date: chrono::NaiveDate,
    part: crate::domain::allowance::DayPart,
) -> Option<LedgerEntry> {
    use chrono::Datelike;
    let request = requests.iter().find(|r| r.id == request_id)?;
    let week = date.iso_week();
    let candidates = [keys::ledger_year(date.year()), keys::ledger_week(week.year(), week.week())];
    let entry = request.ledger.iter().find(|e| candidates.contains(&e.sk))?;
    Some(LedgerEntry { sk: entry.sk.clone(), half_days: part.half_days(), limit: entry.limit })
}

/// The ledger entries the released days were booked on, to give back.
pub fn released_entries(requests: &[DateRequest], days: &[ReleasedDay]) -> Vec<LedgerEntry> {
    days.iter().filter_map(|d| ledger_entry_of(requests, &d.request_id, d.date, d.part)).collect()
}

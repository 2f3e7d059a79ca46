//! What the date-request endpoints share: the allowance ledger writes and the wording of
//! dates and refusals.

use crate::domain::allowance::{self, BookedDay, Ineligibility, Refusal, Regime};
use crate::domain::engagement::{DateRequest, LedgerEntry, ReleasedDay};
use crate::keys;
use crate::texts;

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

pub fn refusal_message(r: &Refusal) -> String {
    match r {
        Refusal::NotEligible(Ineligibility::NoHrRecord) => "Tes informations RH (contrat, date d'embauche) n'ont pas encore été transmises par ton entreprise : contacte ton administrateur·rice RSE.".into(),
        Refusal::NotEligible(Ineligibility::NotPermanent) => "Le mécénat de compétences est ouvert aux salarié·es en CDI.".into(),
        Refusal::NotEligible(Ineligibility::Seniority { months, eligible_from }) => format!(
            "Le mécénat de compétences est ouvert après {months} mois d'ancienneté : tu pourras faire ta demande à partir du {}.",
            texts::date_fr(*eligible_from)
        ),
        Refusal::HalfDaysNotAllowed => "Ton entreprise ne permet le mécénat de compétences que par journées entières.".into(),
        Refusal::AnnualExceeded { year, left_half_days } => format!(
            "Cette demande dépasse ton allocation de mécénat pour {year} : il te reste {}.",
            allowance::days_label(*left_half_days)
        ),
        Refusal::WeeklyExceeded { week, left_half_days, .. } => format!(
            "En fin de carrière, le mécénat est limité à un jour par semaine : il te reste {} la semaine {week}.",
            allowance::days_label(*left_half_days)
        ),
        Refusal::DuplicateDate(d) => format!("Le {} est déjà demandé pour une mission.", texts::date_fr(*d)),
    }
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

//! What the date-request endpoints share: the allowance ledger writes and the wording of
//! dates and refusals.

use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem, Update};

use crate::app::App;
use crate::domain::allowance::{self, BookedDay, Ineligibility, Refusal, Regime};
use crate::domain::engagement::LedgerEntry;
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::{self, s};
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

/// One ledger item moved by `delta` half days; a positive move fails if it would pass the
/// limit, so that two requests at the same moment cannot both take the last day.
fn ledger_update(app: &App, sub: &str, sk: &str, delta: i64, limit: u32) -> ApiResult<TransactWriteItem> {
    let update = Update::builder()
        .table_name(&app.store.table)
        .set_key(Some(store::key(&keys::user(sub), sk)))
        .update_expression("SET entity_type = :t ADD half_days :n")
        .expression_attribute_values(":t", s("AllowanceLedger"))
        .expression_attribute_values(":n", AttributeValue::N(delta.to_string()));
    let update = if delta > 0 {
        update
            .condition_expression("attribute_not_exists(half_days) OR half_days <= :max")
            .expression_attribute_values(":max", AttributeValue::N((limit as i64 - delta).to_string()))
    } else {
        update
    };
    let update = update.build().map_err(|e| ApiError::unexpected("build ledger update", e))?;
    Ok(TransactWriteItem::builder().update(update).build())
}

/// Transaction items giving back `released` and booking `booked`: one update per ledger item
/// (a transaction may not touch an item twice), by the net change.
pub fn rebook(app: &App, sub: &str, released: &[LedgerEntry], booked: &[LedgerEntry]) -> ApiResult<Vec<TransactWriteItem>> {
    let mut net: Vec<(String, i64, u32)> = Vec::new();
    for (entry, sign) in released.iter().map(|e| (e, -1)).chain(booked.iter().map(|e| (e, 1))) {
        match net.iter_mut().find(|(sk, _, _)| *sk == entry.sk) {
            Some(n) => {
                n.1 += sign * entry.half_days as i64;
                n.2 = n.2.max(entry.limit);
            }
            None => net.push((entry.sk.clone(), sign * entry.half_days as i64, entry.limit)),
        }
    }
    net.into_iter().filter(|(_, d, _)| *d != 0).map(|(sk, d, limit)| ledger_update(app, sub, &sk, d, limit)).collect()
}

/// Transaction items giving days back to the ledger (refusal, expiry, cancellation).
pub fn release(app: &App, sub: &str, entries: &[LedgerEntry]) -> ApiResult<Vec<TransactWriteItem>> {
    rebook(app, sub, entries, &[])
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

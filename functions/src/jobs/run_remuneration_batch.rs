//! On the 1st of every month (06:00, Paris): the previous month's remuneration requests
//! (SPEC E8, E9). For each provider, a self-billing statement (PDF, e-mailed) when French,
//! a request for their invoice (a 7-day upload link) otherwise; every request marked
//! transmitted; every mission whose remunerations are now all transmitted (and sessions all
//! over) closed, its coordination fee billed; the billing export (CSV) written to S3; the
//! billing team told. `{"month": "AAAA-MM"}` in the event re-runs a given month.
//!
//! Nothing twice: each provider's statement and the export are steps recorded under
//! `BATCH#<month>` by a conditional write before they are done and marked done after; a
//! re-run or an overlapping run skips what is done or being done (a step left unfinished
//! by a crash is taken over after 10 minutes). Marks and closings are conditional on the
//! items' versions. The export is computed from every request of the month, transmitted or
//! not, so a re-run writes the same file.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};

use shared::app::App;
use shared::areas::facilitation::{mission_and_sessions, save_session};
use shared::documents::keys::{export as export_key, statement as statement_key};
use shared::domain::facilitation::total_cents;
use shared::domain::facilitation::{
    by_provider, euros, lines_of, previous_month, ready_to_close, FacilitationMission, MissionStatus, ProviderCountry, RemunerationLine,
    Session,
};
use shared::error::{ApiError, ApiResult};
use shared::outbox::Letter;
use shared::store::facilitation;
use shared::texts::billing::MANDATE_VERSION;
use shared::texts::{emails, facilitation_documents as docs};

fn month_of_event(event: &Value, now: DateTime<Utc>) -> ApiResult<String> {
    match event.get("month").and_then(Value::as_str) {
        Some(m) if chrono::NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").is_ok() => Ok(m.to_string()),
        Some(m) => Err(ApiError::BadRequest(shared::texts::err::bad_batch_month(m))),
        None => Ok(previous_month(now)),
    }
}

pub async fn run(app: &App, event: Value) -> Result<Value, ApiError> {
    let month = month_of_event(&event, app.now())?;
    let scheduled = event.get("month").is_none();
    let Some(lease) = shared::store::leases::take(app, "run-remuneration-batch", Duration::minutes(16)).await? else {
        return Ok(
            json!({ "month": month, "skipped": "another run is in progress", "statements": 0, "invoice_requests": 0, "export_written": false }),
        );
    };
    lease.around(app, with_held_months(app, month, scheduled)).await
}

/// The month's batch; on the scheduled run, then the earlier months that still hold
/// statements waiting for billing details (those given since get their statement).
async fn with_held_months(app: &App, month: String, scheduled: bool) -> Result<Value, ApiError> {
    let mut report = batch(app, month.clone()).await?;
    if scheduled {
        let mut again = Vec::new();
        for held in facilitation::held_months(&app.store).await?.into_iter().filter(|m| *m != month) {
            again.push(batch(app, held).await?);
        }
        report["held_months_run_again"] = Value::Array(again);
    }
    Ok(report)
}

async fn batch(app: &App, month: String) -> Result<Value, ApiError> {
    let now = app.now();
    let mission_ids = facilitation::missions_of_month(&app.store, &month).await?;
    let mut missions: Vec<(FacilitationMission, Vec<Session>)> = Vec::new();
    for id in &mission_ids {
        if let Some(ms) = mission_and_sessions(&app.store, id).await? {
            missions.push(ms);
        }
    }
    let pending: Vec<RemunerationLine> = missions.iter().flat_map(|(m, sessions)| lines_of(m, sessions, &month, false)).collect();
    let paid = pay_providers(app, &month, &pending, now).await?;
    let (statements, invoices) = (paid.statements, paid.invoices);
    let closed_now = transmit_and_close(app, &month, &mut missions, now, &paid.held).await?;
    facilitation::set_month_held(&app.store, &month, !paid.held.is_empty(), now).await?;
    let exported = export(app, &month, &missions, now).await?;
    let report = json!({
        "month": month,
        "missions": mission_ids.len(),
        "lines_transmitted": pending.len(),
        "statements": statements,
        "invoice_requests": invoices,
        "awaiting_billing_details": paid.held.len(),
        "missions_closed": closed_now,
        "export_written": exported,
    });
    tracing::info!(report = %report, "remuneration batch");
    Ok(report)
}

/// What step 1 did: statements and invoice requests sent by this run, and the French
/// providers held until they give their billing details (asked once per month).
struct Paid {
    statements: u32,
    invoices: u32,
    held: Vec<String>,
}

/// Step 1: one statement (French providers with their billing details and mandate) or
/// invoice request (the others) per provider, each claimed before it is done; a French
/// provider without details is asked for them instead, and their lines stay pending.
async fn pay_providers(app: &App, month: &str, pending: &[RemunerationLine], now: DateTime<Utc>) -> ApiResult<Paid> {
    let mut paid = Paid { statements: 0, invoices: 0, held: vec![] };
    for (sub, lines) in &by_provider(pending) {
        let first = &lines[0];
        let total_cents = checked_total(lines.iter().map(|l| l.amount_cents))?;
        let total = euros(total_cents);
        let details = match first.country {
            ProviderCountry::France => {
                shared::store::billing::details(&app.store, sub).await?.filter(|d| d.mandate.text_version == MANDATE_VERSION)
            }
            ProviderCountry::International => None,
        };
        if first.country == ProviderCountry::France && details.is_none() {
            paid.held.push(sub.clone());
            ask_billing_details(app, month, sub, first, &total, now).await?;
            continue;
        }
        let step = format!("PROVIDER#{sub}");
        if !facilitation::claim_batch_step(&app.store, month, &step, now).await? {
            continue;
        }
        let mut writes = vec![facilitation::finish_batch_step_in_tx(&app.store, month, &step, now)?];
        let letter = match details {
            Some(details) => {
                // The next number of this issuer's year: taken in the step's transaction, so
                // that a crash before it leaves the number to the run that takes the step over.
                let issued_on = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();
                let year = chrono::Datelike::year(&issued_on);
                let n = shared::store::billing::last_number(&app.store, sub, year).await? + 1;
                let number = shared::domain::billing::statement_number(year, &details.siret, n);
                let amounts = shared::domain::billing::amounts(total_cents, &details.vat)
                    .ok_or_else(|| ApiError::unexpected("statement amounts", std::io::Error::other("amounts overflow")))?;
                let statement = shared::texts::billing::Statement {
                    number: &number,
                    issued_on,
                    month,
                    provider: &details,
                    provider_email: &first.facilitator_email,
                    client: &app.config.network_identity,
                    lines,
                    amounts,
                };
                let key = statement_key(month, sub);
                app.documents.store_pdf(&key, &shared::texts::billing::statement_blocks(&statement), docs::STATEMENT_FOOTER).await?;
                writes.push(shared::store::billing::take_number(&app.store, sub, year, n)?);
                let letter = emails::statement_to_provider(&first.facilitator_email, &first.facilitator_name, month, &euros(amounts.2));
                paid.statements += 1;
                Letter::from(letter).with_attachment(format!("autofacturation-{month}.pdf"), "application/pdf", key)
            }
            None => {
                // A page of the platform with the deposit form (a presigned PUT is no link a
                // person can click).
                let url = shared::areas::invoices::issue(app, month, sub, &first.facilitator_name, now).await?;
                paid.invoices += 1;
                Letter::from(emails::invoice_request(&first.facilitator_email, &first.facilitator_name, month, &total, &url))
            }
        };
        // The step is done when its e-mail is queued: both in one transaction.
        writes.extend(shared::outbox::queue(app, "remuneration statement", [letter]).await?);
        if let Err(c) = app.store.transact("TransactWriteItems batch step", writes).await? {
            return Err(c.unexpected("TransactWriteItems batch step"));
        }
    }
    Ok(paid)
}

/// A French provider without billing details (or with a mandate of an older version) is
/// asked for them, once per month's batch (a step of its own).
async fn ask_billing_details(
    app: &App,
    month: &str,
    sub: &str,
    first: &RemunerationLine,
    total: &str,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    let step = format!("ASK#{sub}");
    if !facilitation::claim_batch_step(&app.store, month, &step, now).await? {
        return Ok(());
    }
    let url = shared::links::billing_details(&app.config);
    let letter = emails::billing_details_request(&first.facilitator_email, &first.facilitator_name, month, total, &url);
    let mut writes = vec![facilitation::finish_batch_step_in_tx(&app.store, month, &step, now)?];
    writes.extend(shared::outbox::queue(app, "billing details request", [letter]).await?);
    if let Err(c) = app.store.transact("TransactWriteItems billing details request", writes).await? {
        return Err(c.unexpected("TransactWriteItems billing details request"));
    }
    Ok(())
}

/// Steps 2 and 3: every request of the month transmitted, missions now complete closed
/// (their ids).
async fn transmit_and_close(
    app: &App,
    month: &str,
    missions: &mut [(FacilitationMission, Vec<Session>)],
    now: DateTime<Utc>,
    held: &[String],
) -> ApiResult<Vec<String>> {
    let mut closed_now = Vec::new();
    for (m, sessions) in missions.iter_mut() {
        for session in sessions.iter_mut() {
            if session.mark_transmitted(month, now, held) {
                let expected = session.version;
                session.version += 1;
                if !save_session(&app.store, session, Some(expected)).await? {
                    return Err(ApiError::Unavailable(format!("session {} changed during the batch; run again", session.id)));
                }
            }
        }
        if m.status == MissionStatus::Open && ready_to_close(sessions, now) {
            let expected = m.version;
            m.close(month, now);
            if facilitation::save_mission(&app.store, m, expected).await? {
                closed_now.push(m.id.clone());
            }
        }
    }
    Ok(closed_now)
}

/// Step 4: the export, once (every request of the month and the coordination fees it
/// billed), written to S3 and sent to the billing team as an attachment: a presigned link
/// would be signed with the function's temporary credentials and stop working within hours,
/// whatever it said.
async fn export(app: &App, month: &str, missions: &[(FacilitationMission, Vec<Session>)], now: DateTime<Utc>) -> ApiResult<bool> {
    let all_lines: Vec<RemunerationLine> = missions.iter().flat_map(|(m, sessions)| lines_of(m, sessions, month, true)).collect();
    let closed: Vec<FacilitationMission> =
        missions.iter().map(|(m, _)| m).filter(|m| m.coordination_billed_month.as_deref() == Some(month)).cloned().collect();
    if (all_lines.is_empty() && closed.is_empty()) || !facilitation::claim_batch_step(&app.store, month, "EXPORT", now).await? {
        return Ok(false);
    }
    let key = export_key(month);
    app.documents.put(&key, docs::remuneration_export(month, &all_lines, &closed).into_bytes(), "text/csv; charset=utf-8").await?;
    let total = euros(checked_total(all_lines.iter().map(|l| l.amount_cents).chain(closed.iter().map(|m| m.coordination_fee_cents)))?);
    let providers = all_lines.iter().map(|l| (&l.facilitator_sub, l.country)).collect::<std::collections::BTreeSet<_>>();
    let n_statements = providers.iter().filter(|(_, c)| *c == ProviderCountry::France).count();
    let titles: Vec<String> = closed.iter().map(|m| m.title.clone()).collect();
    let (lines, invoices) = (all_lines.len() + closed.len(), providers.len() - n_statements);
    let filename = format!("remunerations-{month}.csv");
    let letter = shared::outbox::Letter::from(emails::billing_export(
        &app.config.billing_email,
        month,
        lines,
        &total,
        n_statements,
        invoices,
        &titles,
        &filename,
    ))
    .with_attachment(filename, "text/csv", key);
    let mut writes = vec![facilitation::finish_batch_step_in_tx(&app.store, month, "EXPORT", now)?];
    writes.extend(shared::outbox::queue(app, "remuneration export", [letter]).await?);
    if let Err(c) = app.store.transact("TransactWriteItems batch export", writes).await? {
        return Err(c.unexpected("TransactWriteItems batch export"));
    }
    Ok(true)
}

/// A sum of amounts; an overflow fails the run (which then gives its lease back) instead of
/// panicking with the lease held.
fn checked_total(amounts: impl IntoIterator<Item = u64>) -> ApiResult<u64> {
    total_cents(amounts).ok_or_else(|| ApiError::unexpected("remuneration total", std::io::Error::other("amounts overflow")))
}

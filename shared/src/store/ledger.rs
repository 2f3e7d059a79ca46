//! The allowance ledger (`USER#<sub>` / `LEDGER#<year>` or `LEDGER#W<iso week>`): half
//! days booked, moved in the same transaction as the request that books or frees them.

use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem, Update};

use crate::domain::engagement::LedgerEntry;
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::{self, s, Store, TxWrite};

/// One ledger item moved by `delta` half days; a positive move fails if it would pass the
/// limit, so that two requests at the same moment cannot both take the last day.
fn ledger_update(store: &Store, sub: &str, sk: &str, delta: i64, limit: u32) -> ApiResult<TxWrite> {
    let update = Update::builder()
        .table_name(&store.table)
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
    Ok(TxWrite::new("ledger", TransactWriteItem::builder().update(update).build()))
}

/// Transaction items giving back `released` and booking `booked`: one update per ledger item
/// (a transaction may not touch an item twice), by the net change.
pub fn rebook(store: &Store, sub: &str, released: &[LedgerEntry], booked: &[LedgerEntry]) -> ApiResult<Vec<TxWrite>> {
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
    net.into_iter().filter(|(_, d, _)| *d != 0).map(|(sk, d, limit)| ledger_update(store, sub, &sk, d, limit)).collect()
}

/// Transaction items giving days back to the ledger (refusal, expiry, cancellation).
pub fn release(store: &Store, sub: &str, entries: &[LedgerEntry]) -> ApiResult<Vec<TxWrite>> {
    rebook(store, sub, entries, &[])
}

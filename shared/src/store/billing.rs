//! A facilitator's billing details (with their mandate) and the numbering of the statements
//! issued in their name: one counter per issuer and year, moved by a conditional write in
//! the transaction that finishes the statement's batch step, so that no number is skipped
//! or used twice.

use crate::domain::billing::BillingDetails;
use crate::error::ApiResult;
use crate::keys;
use crate::store::{self, s, Store, TxWrite};

/// The facilitator's billing details, if given.
pub async fn details(store: &Store, sub: &str) -> ApiResult<Option<BillingDetails>> {
    store.get_as(&keys::user(sub), keys::BILLING_SK).await
}

/// Stores (replaces) the facilitator's billing details.
pub async fn save_details(store: &Store, sub: &str, details: &BillingDetails) -> ApiResult<()> {
    store.put("PutItem billing details", store::item("BillingDetails", &keys::user(sub), keys::BILLING_SK, details)?).await
}

/// The last statement number used for `sub` in `year` (0 before the first).
pub async fn last_number(store: &Store, sub: &str, year: i32) -> ApiResult<u32> {
    #[derive(serde::Deserialize)]
    struct Counter {
        last_number: u32,
    }
    let counter: Option<Counter> = store.get_as(&keys::user(sub), &keys::statement_sequence(year)).await?;
    Ok(counter.map_or(0, |c| c.last_number))
}

/// The write that takes number `n` (the one after [`last_number`]): it fails if another
/// took it meanwhile.
pub fn take_number(store: &Store, sub: &str, year: i32, n: u32) -> ApiResult<TxWrite> {
    let (condition, mut values) = if n <= 1 {
        ("attribute_not_exists(last_number)", vec![])
    } else {
        ("last_number = :previous", vec![(":previous", aws_sdk_dynamodb::types::AttributeValue::N((n - 1).to_string()))])
    };
    values.push((":n", aws_sdk_dynamodb::types::AttributeValue::N(n.to_string())));
    values.push((":type", s("StatementSequence")));
    TxWrite::update(
        store,
        "statement number",
        (&keys::user(sub), &keys::statement_sequence(year)),
        &format!("SET last_number = :n, {} = :type", keys::ENTITY_TYPE),
        condition,
        values,
    )
}

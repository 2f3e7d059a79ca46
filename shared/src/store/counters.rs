//! Daily counters: how many actions of a kind a person did today (shares, proposals,
//! suggestions), refused past a limit by the one conditional write that counts them.

use aws_sdk_dynamodb::types::AttributeValue;
use chrono::Duration;

use crate::app::App;
use crate::error::{ApiError, ApiResult};
use crate::keys;
use crate::store::{self, s};

/// Counts `n` actions of `kind` today for `sub`, refusing past `limit`; returns what is
/// left. One conditional write; the counter expires after two days.
pub async fn count_today(app: &App, sub: &str, kind: &str, n: u32, limit: u32, refusal: String) -> ApiResult<u32> {
    let now = app.now();
    let day = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();
    let r = app
        .store
        .client
        .update_item()
        .table_name(&app.store.table)
        .set_key(Some(store::key(&keys::user(sub), &keys::daily_counter(kind, day))))
        .update_expression("SET entity_type = :t, expires_at = :ttl ADD #count :n")
        .condition_expression("attribute_not_exists(#count) OR #count <= :max")
        .expression_attribute_names("#count", "count")
        .expression_attribute_values(":t", s("DailyCounter"))
        .expression_attribute_values(":ttl", AttributeValue::N((now + Duration::days(2)).timestamp().to_string()))
        .expression_attribute_values(":n", AttributeValue::N(n.to_string()))
        .expression_attribute_values(":max", AttributeValue::N(limit.saturating_sub(n).to_string()))
        .return_values(aws_sdk_dynamodb::types::ReturnValue::UpdatedNew)
        .send()
        .await;
    match r {
        Ok(out) => {
            let used =
                out.attributes.and_then(|a| a.get("count").and_then(|v| v.as_n().ok()).and_then(|n| n.parse::<u32>().ok())).unwrap_or(n);
            Ok(limit.saturating_sub(used))
        }
        Err(e) if store::is_conditional_failure(&e) => Err(ApiError::TooManyRequests(refusal)),
        Err(e) => Err(store::sdk_error("UpdateItem daily counter", e)),
    }
}

//! Missions (`MISSION#<id>` / `MISSION`), listed per association on GSI1.

use crate::domain::mission::Mission;
use crate::error::ApiResult;
use crate::keys;
use crate::store::{self, s, Store};

/// Every mission of an association, newest first, whatever its status.
pub async fn of_association(store: &Store, association_id: &str) -> ApiResult<Vec<Mission>> {
    let query = store
        .client
        .query()
        .table_name(&store.table)
        .index_name(keys::GSI1)
        .key_condition_expression("GSI1PK = :pk AND begins_with(GSI1SK, :prefix)")
        .expression_attribute_values(":pk", s(keys::association(association_id)))
        .expression_attribute_values(":prefix", s(keys::MISSION_BY_ASSOCIATION_PREFIX))
        .scan_index_forward(false);
    store.query_all("Query association missions", query).await?.into_iter().map(store::from_item).collect()
}

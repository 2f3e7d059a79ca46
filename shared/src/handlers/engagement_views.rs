//! Views and access rules of engagements (SPEC D), shared by their endpoints.

use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem};
use serde::Serialize;

use crate::app::App;
use crate::domain::engagement::Engagement;
use crate::domain::user::{Role, User};
use crate::error::{ApiError, ApiResult};
use crate::handlers::views::MyMission;
use crate::http::Caller;
use crate::keys;
use crate::store::{self, s, Item};

pub const NOT_FOUND: &str = "Cet engagement n'existe pas ou ne t'est pas accessible.";

/// An engagement as its parties see it, with its step on the four.
#[derive(Debug, Serialize)]
pub struct EngagementView {
    #[serde(flatten)]
    pub engagement: Engagement,
    pub state_label: &'static str,
    pub progress: MyMission,
}

impl EngagementView {
    pub fn of(engagement: Engagement) -> Self {
        let state_label = engagement.state.label();
        let progress = MyMission::new(false, engagement.state.steps_done());
        EngagementView { engagement, state_label, progress }
    }
}

pub fn engagement_item(e: &Engagement) -> ApiResult<Item> {
    let mut item = store::item("Engagement", &keys::engagement(&e.id), keys::ENGAGEMENT_SK, e)?;
    item.insert(keys::GSI1PK.into(), s(keys::engagements_of(&e.employee.sub)));
    item.insert(keys::GSI1SK.into(), s(keys::engagement_sort(e.created_at, &e.id)));
    item.insert(keys::GSI2PK.into(), s(keys::engagements_of_association(&e.association_id)));
    item.insert(keys::GSI2SK.into(), s(keys::engagement_sort(e.created_at, &e.id)));
    if let Some(last) = e.requests.last() {
        item.insert(keys::GSI3PK.into(), s(keys::managed_by(&last.manager_email)));
        item.insert(keys::GSI3SK.into(), s(keys::engagement_sort(e.created_at, &e.id)));
    }
    Ok(item)
}

/// Every item of one partition of an index, newest first (one Query).
async fn partition(app: &App, index: &str, pk_attribute: &str, pk: String) -> ApiResult<Vec<store::Item>> {
    let q = app
        .store
        .client
        .query()
        .table_name(&app.store.table)
        .index_name(index)
        .key_condition_expression("#pk = :pk")
        .expression_attribute_names("#pk", pk_attribute)
        .expression_attribute_values(":pk", s(pk))
        .scan_index_forward(false);
    app.store.query_all("Query engagements", q).await
}

fn engagements(items: Vec<store::Item>) -> ApiResult<(Vec<Engagement>, Vec<store::Item>)> {
    let (mine, others): (Vec<_>, Vec<_>) = items.into_iter().partition(|i| store::string(i, keys::ENTITY_TYPE) == Some("Engagement"));
    Ok((mine.into_iter().map(store::from_item).collect::<ApiResult<_>>()?, others))
}

async fn engagements_in(app: &App, index: &str, pk_attribute: &str, pk: String) -> ApiResult<Vec<Engagement>> {
    Ok(engagements(partition(app, index, pk_attribute, pk).await?)?.0)
}

/// The caller's engagements, newest first.
pub async fn engagements_of(app: &App, sub: &str) -> ApiResult<Vec<Engagement>> {
    engagements_in(app, keys::GSI1, keys::GSI1PK, keys::engagements_of(sub)).await
}

/// The caller's engagements and the other items of the same partition (their skill
/// proposals), in one Query: what "one association at a time" looks at.
pub async fn activity_of(app: &App, sub: &str) -> ApiResult<(Vec<Engagement>, Vec<store::Item>)> {
    engagements(partition(app, keys::GSI1, keys::GSI1PK, keys::engagements_of(sub)).await?)
}

/// The engagements whose latest date request went to this manager, newest first.
pub async fn engagements_managed_by(app: &App, manager_email: &str) -> ApiResult<Vec<Engagement>> {
    engagements_in(app, keys::GSI3, keys::GSI3PK, keys::managed_by(manager_email)).await
}

/// Transaction item writing an engagement if its stored version is still `expected_version`.
pub fn put_if_version(app: &App, engagement: &Engagement, expected_version: u64) -> ApiResult<TransactWriteItem> {
    let put = Put::builder()
        .table_name(&app.store.table)
        .set_item(Some(engagement_item(engagement)?))
        .condition_expression("#v = :v")
        .expression_attribute_names("#v", "version")
        .expression_attribute_values(":v", AttributeValue::N(expected_version.to_string()))
        .build()
        .map_err(|e| ApiError::unexpected("build put", e))?;
    Ok(TransactWriteItem::builder().put(put).build())
}

/// Writes an engagement if its stored version is still `expected_version` (one request);
/// `false` when another write came first.
pub async fn save_if_version(app: &App, engagement: &Engagement, expected_version: u64) -> ApiResult<bool> {
    let result = app
        .store
        .client
        .put_item()
        .table_name(&app.store.table)
        .set_item(Some(engagement_item(engagement)?))
        .condition_expression("#v = :v")
        .expression_attribute_names("#v", "version")
        .expression_attribute_values(":v", AttributeValue::N(expected_version.to_string()))
        .send()
        .await;
    match result {
        Ok(_) => Ok(true),
        Err(e) if store::is_conditional_failure(&e) => Ok(false),
        Err(e) => Err(store::sdk_error("PutItem engagement", e)),
    }
}

/// Who is looking at an engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    Employee,
    Referent,
    /// The company's admin, who signs conventions for it.
    CompanySignatory,
}

/// Reads an engagement the caller is a party to: the employee, a referent of its
/// association, or an admin (signatory) of the employee's company. Anyone else gets 404 (existence does not leak).
pub async fn engagement_for(app: &App, caller: &Caller, id: &str) -> ApiResult<(Engagement, Party)> {
    engagement_and_user_for(app, caller, id).await.map(|(e, p, _)| (e, p))
}

/// The same, with the caller's user item when it was read (the association's and the
/// company's signatories).
pub async fn engagement_and_user_for(app: &App, caller: &Caller, id: &str) -> ApiResult<(Engagement, Party, Option<User>)> {
    let engagement: Engagement = app
        .store
        .get_as(&keys::engagement(id), keys::ENGAGEMENT_SK)
        .await?
        .ok_or_else(|| ApiError::NotFound(NOT_FOUND.into()))?;
    if engagement.employee.sub == caller.sub {
        return Ok((engagement, Party::Employee, None));
    }
    let user: Option<User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    match user {
        Some(u) if u.role == Role::Referent && u.association_id.as_deref() == Some(engagement.association_id.as_str()) => {
            Ok((engagement, Party::Referent, Some(u)))
        }
        Some(u) if u.role == Role::CompanyAdmin && u.company_id.as_deref() == Some(engagement.company_id.as_str()) => {
            Ok((engagement, Party::CompanySignatory, Some(u)))
        }
        _ => Err(ApiError::NotFound(NOT_FOUND.into())),
    }
}

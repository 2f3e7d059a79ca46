//! Community items: news (`NEWS#<id>`, listed on GSI1 `NEWS` by date), quizzes (`QUIZ#<id>`,
//! on GSI1 `QUIZZES` by opening day) and their answers, skill proposals, suggestions.

use serde::de::DeserializeOwned;

use crate::error::ApiResult;
use crate::keys;
use crate::store::query::{On, Query, Sort};
use crate::store::{self, s, Item, Store};

/// The news items of a month (`AAAA-MM`), in date order.
pub async fn news_of_month<T: DeserializeOwned>(store: &Store, month: &str) -> ApiResult<Vec<T>> {
    store.fetch("Query news", &Query::on(On::Gsi1, keys::NEWS_FEED).sort(Sort::Prefix(format!("{month}-")))).await
}

/// Quizzes, newest opening first: all of them, or those opened on or before `until`
/// (`AAAA-MM-JJ`).
pub async fn quizzes<T: DeserializeOwned>(store: &Store, until: Option<&str>) -> ApiResult<Vec<T>> {
    let q = store
        .client
        .query()
        .table_name(&store.table)
        .index_name(keys::GSI1)
        .scan_index_forward(false)
        .expression_attribute_values(":pk", s(keys::QUIZZES));
    let q = match until {
        None => q.key_condition_expression("GSI1PK = :pk"),
        Some(day) => {
            q.key_condition_expression("GSI1PK = :pk AND GSI1SK <= :today").expression_attribute_values(":today", s(format!("{day}~")))
        }
    };
    store.query_all("Query quizzes", q).await?.into_iter().map(store::from_item).collect()
}

/// Every suggestion, newest first (the operator's review list).
pub async fn all_suggestions<T: DeserializeOwned>(store: &Store) -> ApiResult<Vec<T>> {
    store.fetch("Query suggestions", &Query::on(On::Gsi1, keys::SUGGESTIONS).newest_first()).await
}

/// The suggestions one person made, newest first.
pub async fn suggestions_by<T: DeserializeOwned>(store: &Store, sub: &str) -> ApiResult<Vec<T>> {
    store.fetch("Query suggestions", &Query::on(On::Gsi3, keys::suggested_by(sub)).newest_first()).await
}

/// The write that decides a pending suggestion, once (named "suggestion": it fails when the
/// suggestion is missing or no longer pending).
pub fn decide_suggestion<S: serde::Serialize>(
    store: &Store,
    id: &str,
    status: S,
    comment: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> ApiResult<store::TxWrite> {
    use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem, Update};
    let status = serde_dynamo::to_attribute_value(status).map_err(|e| crate::error::ApiError::unexpected("status", e))?;
    let update = Update::builder()
        .table_name(&store.table)
        .set_key(Some(store::key(&keys::suggestion(id), keys::SUGGESTION_SK)))
        .update_expression("SET #status = :status, decided_at = :now, #comment = :comment")
        .condition_expression("attribute_exists(PK) AND #status = :pending")
        .expression_attribute_names("#status", "status")
        .expression_attribute_names("#comment", "comment")
        .expression_attribute_values(":status", status)
        .expression_attribute_values(":pending", s("pending"))
        .expression_attribute_values(":now", s(keys::timestamp(now)))
        .expression_attribute_values(":comment", comment.map(s).unwrap_or(AttributeValue::Null(true)))
        .build()
        .map_err(|e| crate::error::ApiError::unexpected("build update", e))?;
    Ok(store::TxWrite::new("suggestion", TransactWriteItem::builder().update(update).build()))
}

/// The write of a skill proposal, beside the employee's engagements (GSI1 `EMP#<sub>`), so
/// that one Query reads both.
pub fn put_proposal<T: serde::Serialize>(
    store: &Store,
    sub: &str,
    id: &str,
    sent_at: chrono::DateTime<chrono::Utc>,
    entity: &str,
    proposal: &T,
) -> ApiResult<store::TxWrite> {
    let mut item = store::item(entity, &keys::user(sub), &keys::skill_proposal(sent_at, id), proposal)?;
    item.insert(keys::GSI1PK.into(), s(keys::engagements_of(sub)));
    item.insert(keys::GSI1SK.into(), s(keys::skill_proposal(sent_at, id)));
    store::TxWrite::put(store, "proposal", item, store::Expect::New)
}

/// An item listed on GSI1 under `feed` by date, then id (news by date, quizzes by opening day).
fn dated_item<T: serde::Serialize>(entity: &str, (pk, sk): (String, &str), feed: &str, date: &str, id: &str, value: &T) -> ApiResult<Item> {
    let mut item = store::item(entity, &pk, sk, value)?;
    item.insert(keys::GSI1PK.into(), s(feed));
    item.insert(keys::GSI1SK.into(), s(keys::dated(date, id)));
    Ok(item)
}

/// A news item ("L'actu solidaire"), listed by its date.
pub fn news_item<T: serde::Serialize>(id: &str, date: chrono::NaiveDate, news: &T) -> ApiResult<Item> {
    dated_item("News", (keys::news(id), keys::NEWS_SK), keys::NEWS_FEED, &date.to_string(), id, news)
}

/// A quiz, listed by the day it opens.
pub fn quiz_item<T: serde::Serialize>(id: &str, opens_on: chrono::NaiveDate, quiz: &T) -> ApiResult<Item> {
    dated_item("Quiz", (keys::quiz(id), keys::QUIZ_SK), keys::QUIZZES, &opens_on.to_string(), id, quiz)
}

/// A suggested association, listed for the operator (GSI1) and for who suggested it (GSI3).
pub fn suggestion_item<T: serde::Serialize>(
    id: &str,
    created_at: chrono::DateTime<chrono::Utc>,
    by: &str,
    suggestion: &T,
) -> ApiResult<Item> {
    let mut item = dated_item(
        "AssociationSuggestion",
        (keys::suggestion(id), keys::SUGGESTION_SK),
        keys::SUGGESTIONS,
        &keys::timestamp(created_at),
        id,
        suggestion,
    )?;
    item.insert(keys::GSI3PK.into(), s(keys::suggested_by(by)));
    item.insert(keys::GSI3SK.into(), s(keys::dated(&keys::timestamp(created_at), id)));
    Ok(item)
}

/// Stores an employee's answer to a quiz, once: `false` if they had answered already.
pub async fn put_quiz_answer<T: serde::Serialize>(store: &Store, sub: &str, quiz_id: &str, answer: &T) -> ApiResult<bool> {
    store.put_new("PutItem quiz answer", store::item("QuizAnswer", &keys::user(sub), &keys::quiz_answer(quiz_id), answer)?).await
}

//! POST /decisions/{token} — the manager accepts or refuses (with an optional comment),
//! exactly once: the token is consumed by a conditional write in the same transaction as the
//! engagement's change, so a repeated or concurrent POST finds the request already handled.

use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem, Update};
use lambda_http::{Body, Request, RequestExt, Response};

use crate::app::App;
use crate::domain::allowance;
use crate::domain::engagement::RequestState;
use crate::error::{ApiError, ApiResult};
use crate::handlers::decision_link::{self, Link};
use crate::handlers::engagement_views::{engagement_item, engagements_of};
use crate::handlers::dates;
use crate::http;
use crate::keys;
use crate::store::{self, s};
use crate::texts::{emails, pages};

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let token = req.path_parameters().first("token").unwrap_or_default().to_string();
    let form = http::form_body(&req)?;
    let outcome = match form.get("decision").map(String::as_str) {
        Some("accept") => RequestState::Accepted,
        Some("refuse") => RequestState::Refused,
        _ => return Err(ApiError::field("decision", "Choisis « Accepter » ou « Refuser » la demande.")),
    };
    let comment = form.get("comment").map(|c| c.trim().to_string()).filter(|c| !c.is_empty());
    if comment.as_ref().is_some_and(|c| c.chars().count() > 1000) {
        return Err(ApiError::field("comment", crate::texts::err::length("comment", 0, 1000)));
    }
    let link = decision_link::lookup(app, &token).await?;
    let Link::Live { hash, engagement, request } = link else {
        let (status, page) = decision_link::dead_end(&link);
        return http::html(status, page);
    };
    let mut engagement = *engagement;
    let expected_version = engagement.version;
    let now = app.now();
    engagement.close_request(&request.id, outcome, now, comment.clone())?;

    let consume = Update::builder()
        .table_name(&app.store.table)
        .set_key(Some(store::key(&keys::token(&hash), keys::TOKEN_SK)))
        .update_expression("SET used_at = :now, decision = :d")
        .condition_expression("attribute_exists(PK) AND attribute_not_exists(used_at) AND #exp > :epoch")
        .expression_attribute_names("#exp", keys::TTL)
        .expression_attribute_values(":now", s(keys::timestamp(now)))
        .expression_attribute_values(":d", s(if outcome == RequestState::Accepted { "accept" } else { "refuse" }))
        .expression_attribute_values(":epoch", AttributeValue::N(now.timestamp().to_string()))
        .build()
        .map_err(|e| ApiError::unexpected("build update", e))?;
    let put = Put::builder()
        .table_name(&app.store.table)
        .set_item(Some(engagement_item(&engagement)?))
        .condition_expression("#v = :v")
        .expression_attribute_names("#v", "version")
        .expression_attribute_values(":v", AttributeValue::N(expected_version.to_string()))
        .build()
        .map_err(|e| ApiError::unexpected("build put", e))?;
    let mut items = vec![TransactWriteItem::builder().update(consume).build(), TransactWriteItem::builder().put(put).build()];
    if outcome == RequestState::Refused {
        items.extend(dates::release(app, &engagement.employee.sub, &request.ledger)?);
    }
    if let Err(err) = app.store.client.transact_write_items().set_transact_items(Some(items)).send().await {
        return match store::cancellation_codes(&err) {
            // Another POST consumed the token first (or the engagement moved on).
            Some(_) => http::html(200, pages::message(pages::ALREADY, &pages::already_text("déjà traitée"))),
            None => Err(store::sdk_error("TransactWriteItems decision", err)),
        };
    }

    let employee = &engagement.employee;
    let labels = decision_link::request_dates_labels(&engagement, &request.id);
    let letter = if outcome == RequestState::Accepted {
        emails::dates_accepted_to_employee(&employee.email, &employee.first_name, &engagement.mission_title, &labels, comment.as_deref())
    } else {
        let policy = app.catalogue.cached(&app.store).await?.company(&engagement.company_id).map(|c| c.policy.clone()).unwrap_or_default();
        let booked: Vec<_> = engagements_of(app, &employee.sub).await?.iter().flat_map(|e| e.booked()).collect();
        let left = allowance::annual_left(&policy, &booked, engagement.year);
        emails::dates_refused_to_employee(&employee.email, &employee.first_name, &engagement.mission_title, &labels, comment.as_deref(), &allowance::days_label(left))
    };
    if let Err(e) = app.mailer.send(&letter).await {
        tracing::error!(error = %e, subject = %letter.subject, "decision e-mail not sent");
    }
    let page = if outcome == RequestState::Accepted {
        pages::message(pages::DONE_ACCEPTED, &pages::accepted_text(&employee.full_name()))
    } else {
        pages::message(pages::DONE_REFUSED, &pages::refused_text(&employee.full_name()))
    };
    http::html(200, page)
}

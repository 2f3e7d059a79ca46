//! "Suggérer une association" (B9): an employee suggests an association; the operator's
//! selection committee accepts or rejects it; the employee is told by e-mail.

use aws_sdk_dynamodb::types::ReturnValue;
use chrono::{DateTime, Utc};
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use crate::app::App;
use crate::domain::email::Email;
use crate::domain::user::Role;
use crate::domain::validate;
use crate::error::{ApiError, ApiResult, Errors};
use crate::handlers::access;
use crate::http;
use crate::keys;
use crate::store::{self, s};
use crate::texts::{emails, err, suggestion_status};

pub const PER_DAY: u32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pending,
    Accepted,
    Rejected,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Pending => suggestion_status::PENDING,
            Status::Accepted => suggestion_status::ACCEPTED,
            Status::Rejected => suggestion_status::REJECTED,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SuggestedBy {
    pub sub: String,
    pub name: String,
    pub first_name: String,
    pub email: String,
    pub company_id: String,
    pub company_name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: String,
    pub name: String,
    pub city: Option<String>,
    pub website: Option<String>,
    pub contact_email: Option<String>,
    pub reason: String,
    pub suggested_by: SuggestedBy,
    pub status: Status,
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub decided_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub comment: Option<String>,
}

#[derive(Serialize)]
struct View<'a> {
    #[serde(flatten)]
    suggestion: &'a Suggestion,
    status_label: &'static str,
}

fn view(s: &Suggestion) -> View<'_> {
    View { suggestion: s, status_label: s.status.label() }
}

fn item(x: &Suggestion) -> ApiResult<store::Item> {
    let mut item = store::item("AssociationSuggestion", &keys::suggestion(&x.id), keys::SUGGESTION_SK, x)?;
    let sort = keys::dated(&keys::timestamp(x.created_at), &x.id);
    item.insert(keys::GSI1PK.into(), s(keys::SUGGESTIONS));
    item.insert(keys::GSI1SK.into(), s(sort.clone()));
    item.insert(keys::GSI3PK.into(), s(keys::suggested_by(&x.suggested_by.sub)));
    item.insert(keys::GSI3SK.into(), s(sort));
    Ok(item)
}

/// POST /association-suggestions — a registered employee suggests an association.
pub mod suggest_association {
    use super::*;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        name: String,
        city: Option<String>,
        website: Option<String>,
        contact_email: Option<String>,
        reason: String,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let input: Input = http::json_body(&req)?;
        let user = access::registered_employee(app, &caller).await?;
        let mut e = Errors::new();
        let name = e.check(validate::line("name", Some(&input.name), 2, 150));
        let city = e.check(validate::optional_text("city", input.city.as_deref(), 100)).flatten();
        let website = e.check(validate::url("website", input.website.as_deref())).flatten();
        let contact_email = match input.contact_email.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => e.check(Email::parse("contact_email", v)).map(|m| m.as_str().to_string()),
            None => None,
        };
        let reason = e.check(validate::text("reason", Some(&input.reason), 10, 2000));
        e.finish()?;
        crate::handlers::share_mission::count_today(app, &caller.sub, "suggestion", 1, PER_DAY, err::proposal_limit(PER_DAY)).await?;
        let company_id = user.company_id.clone().unwrap_or_default();
        let company_name = app.catalogue.cached(&app.store).await?.company(&company_id).map(|c| c.name.clone()).unwrap_or_default();
        let suggestion = Suggestion {
            id: uuid::Uuid::now_v7().to_string(),
            name: name.unwrap_or_default(),
            city,
            website,
            contact_email,
            reason: reason.unwrap_or_default(),
            suggested_by: SuggestedBy {
                sub: caller.sub.clone(),
                name: user.full_name(),
                first_name: user.first_name.clone(),
                email: user.email.as_str().to_string(),
                company_id,
                company_name,
            },
            status: Status::Pending,
            created_at: app.now(),
            decided_at: None,
            comment: None,
        };
        app.store
            .client
            .put_item()
            .table_name(&app.store.table)
            .set_item(Some(item(&suggestion)?))
            .condition_expression("attribute_not_exists(PK)")
            .send()
            .await
            .map_err(|e| store::sdk_error("PutItem suggestion", e))?;
        let mut facts = vec![("Association", suggestion.name.clone()), ("Pourquoi", suggestion.reason.clone())];
        if let Some(c) = &suggestion.city {
            facts.push(("Ville", c.clone()));
        }
        if let Some(w) = &suggestion.website {
            facts.push(("Site web", w.clone()));
        }
        if let Some(m) = &suggestion.contact_email {
            facts.push(("Contact", m.clone()));
        }
        let letter = emails::suggestion_to_operator(&app.config.support_email, &suggestion.suggested_by.name, &suggestion.suggested_by.company_name, facts);
        if let Err(e) = app.mailer.send(&letter).await {
            tracing::error!(error = %e, "suggestion e-mail to the operator not sent");
        }
        http::json(201, &view(&suggestion))
    }
}

/// GET /association-suggestions — the operator's review list (`?status=pending` by
/// default; `all` for every one), newest first; an employee gets their own suggestions.
pub mod list_association_suggestions {
    use super::*;
    use crate::http::Query;

    #[derive(Serialize)]
    struct Page<'a> {
        items: Vec<View<'a>>,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let query = Query::of(&req, &["status"])?;
        let wanted = match query.text("status").as_deref() {
            None | Some("pending") => Some(Status::Pending),
            Some("accepted") => Some(Status::Accepted),
            Some("rejected") => Some(Status::Rejected),
            Some("all") => None,
            Some(other) => return Err(ApiError::field("status", err::unknown_value("status", other, "pending, accepted, rejected, all"))),
        };
        let user: Option<crate::domain::user::User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
        let q = app.store.client.query().table_name(&app.store.table).scan_index_forward(false);
        let (q, filter) = match user.as_ref().map(|u| u.role) {
            Some(Role::Operator) => (
                q.index_name(keys::GSI1).key_condition_expression("GSI1PK = :pk").expression_attribute_values(":pk", s(keys::SUGGESTIONS)),
                wanted,
            ),
            Some(Role::Employee | Role::CompanyAdmin) => (
                q.index_name(keys::GSI3)
                    .key_condition_expression("GSI3PK = :pk")
                    .expression_attribute_values(":pk", s(keys::suggested_by(&caller.sub))),
                // Employees see all of theirs unless they ask for one status.
                if query.text("status").is_some() { wanted } else { None },
            ),
            _ => return Err(ApiError::Forbidden(err::NOT_REGISTERED.into())),
        };
        let all: Vec<Suggestion> = app.store.query_all("Query suggestions", q).await?.into_iter().map(store::from_item).collect::<ApiResult<_>>()?;
        let items: Vec<Suggestion> = all.into_iter().filter(|x| filter.is_none_or(|f| x.status == f)).collect();
        http::ok(&Page { items: items.iter().map(view).collect() })
    }
}

/// POST /association-suggestions/{suggestionId}/decision — the operator accepts or rejects
/// a pending suggestion, once; the employee is told.
pub mod decide_association_suggestion {
    use super::*;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        decision: String,
        comment: Option<String>,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let id = http::path_id(&req, "suggestionId")?;
        let input: Input = http::json_body(&req)?;
        access::require_role(app, &caller, Role::Operator).await?;
        let mut e = Errors::new();
        let status = match input.decision.as_str() {
            "accepted" => Some(Status::Accepted),
            "rejected" => Some(Status::Rejected),
            other => {
                e.add("decision", err::unknown_value("decision", other, "accepted, rejected"));
                None
            }
        };
        let comment = e.check(validate::optional_text("comment", input.comment.as_deref(), 1000)).flatten();
        e.finish()?;
        let status = status.unwrap_or(Status::Rejected);
        let now = app.now();
        let mut update = app
            .store
            .client
            .update_item()
            .table_name(&app.store.table)
            .set_key(Some(store::key(&keys::suggestion(&id), keys::SUGGESTION_SK)))
            .update_expression("SET #status = :status, decided_at = :now, #comment = :comment")
            .condition_expression("attribute_exists(PK) AND #status = :pending")
            .expression_attribute_names("#status", "status")
            .expression_attribute_names("#comment", "comment")
            .expression_attribute_values(":status", serde_dynamo::to_attribute_value(status).map_err(|e| ApiError::unexpected("status", e))?)
            .expression_attribute_values(":pending", s("pending"))
            .expression_attribute_values(":now", s(keys::timestamp(now)))
            .return_values(ReturnValue::AllNew)
            .return_values_on_condition_check_failure(aws_sdk_dynamodb::types::ReturnValuesOnConditionCheckFailure::AllOld);
        update = match &comment {
            Some(c) => update.expression_attribute_values(":comment", s(c)),
            None => update.expression_attribute_values(":comment", aws_sdk_dynamodb::types::AttributeValue::Null(true)),
        };
        let decided: Suggestion = match update.send().await {
            Ok(out) => store::from_item(out.attributes.unwrap_or_default())?,
            Err(e) if store::is_conditional_failure(&e) => {
                let current: Option<Suggestion> = app.store.get_as(&keys::suggestion(&id), keys::SUGGESTION_SK).await?;
                return Err(match current {
                    Some(c) => ApiError::Conflict(err::suggestion_decided(c.status.label())),
                    None => ApiError::NotFound(err::SUGGESTION_NOT_FOUND.into()),
                });
            }
            Err(e) => return Err(store::sdk_error("UpdateItem suggestion", e)),
        };
        let letter = emails::suggestion_decided(
            &decided.suggested_by.email,
            &decided.suggested_by.first_name,
            &decided.name,
            decided.status == Status::Accepted,
            decided.comment.as_deref(),
        );
        if let Err(e) = app.mailer.send(&letter).await {
            tracing::error!(error = %e, "suggestion decision e-mail not sent");
        }
        http::ok(&view(&decided))
    }
}

//! "Suggérer une association" (B9): an employee suggests an association; the operator's
//! selection committee accepts or rejects it; the employee is told by e-mail.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ApiResult;
use crate::store::{self};
use crate::texts::suggestion_status;

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
pub struct View<'a> {
    #[serde(flatten)]
    suggestion: &'a Suggestion,
    status_label: &'static str,
}

pub fn view(s: &Suggestion) -> View<'_> {
    View { suggestion: s, status_label: s.status.label() }
}

pub fn item(x: &Suggestion) -> ApiResult<store::Item> {
    store::community::suggestion_item(&x.id, x.created_at, &x.suggested_by.sub, x)
}

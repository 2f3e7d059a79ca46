//! People with an account: employees (who may also be managers or company admins),
//! association referents and platform operators.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::email::Email;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Employee,
    CompanyAdmin,
    Referent,
    Operator,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// The identity provider's subject: the user's key.
    pub sub: String,
    pub email: Email,
    pub first_name: String,
    pub last_name: String,
    pub role: Role,
    #[serde(default)]
    pub company_id: Option<String>,
    #[serde(default)]
    pub entity_id: Option<String>,
    #[serde(default)]
    pub association_id: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub consent: Option<Consent>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The last day the person opened the platform (`GET /me`, at most one write a day):
    /// accounts unused for `INACTIVE_ACCOUNT_YEARS` are erased.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen_at: Option<DateTime<Utc>>,
    /// Inactivity warnings sent since they were last seen (0, 1 or 2).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub inactivity_warnings: u8,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// GDPR consent given at registration: when, and which version of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub accepted_at: DateTime<Utc>,
    pub version: String,
}

impl User {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }

    /// Whether the profile is complete (otherwise "Finalise ton inscription" is on the to-do list).
    pub fn is_complete(&self) -> bool {
        match self.role {
            Role::Employee | Role::CompanyAdmin => self.company_id.is_some() && self.entity_id.is_some() && self.consent.is_some(),
            Role::Referent => self.association_id.is_some(),
            Role::Operator => true,
        }
    }
}

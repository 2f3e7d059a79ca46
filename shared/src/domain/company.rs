//! Member companies (tenants): legal details for the convention, allowed e-mail domains,
//! entities ("implantations") and the volunteering policy.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Company {
    pub id: String,
    pub name: String,
    /// Legal name, head office, registration and signatory: the convention's first party.
    pub legal_name: String,
    pub head_office: String,
    pub registration: String,
    pub representative_name: String,
    pub representative_title: String,
    /// Lower-case e-mail domains of its employees.
    pub email_domains: Vec<String>,
    pub entities: Vec<Entity>,
    pub policy: Policy,
    /// The company's own contact for questions about the programme (shown to employees).
    #[serde(default)]
    pub programme_contact: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
}

/// The allowance rules of a company (FAQ: 2 days a year after 3 months' seniority; 1 day a
/// week in the last 12 months before an official retirement).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub half_days_allowed: bool,
    /// Days per calendar year for permanent employees, in half days (4 = 2 days).
    pub annual_half_days: u32,
    pub min_seniority_months: u32,
    /// Days per ISO week for employees whose retirement is set within 12 months, in half days.
    pub end_of_career_weekly_half_days: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { half_days_allowed: true, annual_half_days: 4, min_seniority_months: 3, end_of_career_weekly_half_days: 2 }
    }
}

impl Company {
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }
}

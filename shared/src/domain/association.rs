//! Partner associations (B7) and their partnerships with companies.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Association {
    pub id: String,
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    #[serde(default)]
    pub website: Option<String>,
    /// Theme slug (taxonomy `themes`).
    pub theme: String,
    pub description: String,
    /// SIRET or RNA number.
    pub registration_number: String,
    pub representative_name: String,
    pub representative_title: String,
    pub eligibility: Eligibility,
    pub contact_email: String,
    #[serde(default)]
    pub contact_phone: Option<String>,
}

/// Eligibility to corporate volunteering (FAQ: general interest, non-confessional, apolitical;
/// art. 238 bis CGI for the tax treatment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    pub general_interest: bool,
    pub art_238_bis: bool,
    pub non_confessional: bool,
    pub apolitical: bool,
}

/// A company's partnership with an association; revoking keeps the item with `active: false`
/// so that the change reaches every warm search index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partnership {
    pub company_id: String,
    pub association_id: String,
    pub active: bool,
    pub since: DateTime<Utc>,
}

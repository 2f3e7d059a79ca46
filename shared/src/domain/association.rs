//! Partner associations (B7) and their partnerships with companies.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::{DomainResult, Errors, FieldError, Problem};

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
    /// When the operator ended it (the association's missions are hidden from then on;
    /// running engagements go on).
    #[serde(default)]
    pub ended_at: Option<DateTime<Utc>>,
}

/// What the operator sends to add a partner association (`POST /associations`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssociationInput {
    pub id: String,
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    #[serde(default)]
    pub website: Option<String>,
    pub theme: String,
    pub description: String,
    pub registration_number: String,
    pub representative_name: String,
    pub representative_title: String,
    pub eligibility: Eligibility,
    pub contact_email: String,
    #[serde(default)]
    pub contact_phone: Option<String>,
}

impl AssociationInput {
    /// The association, or every field that is wrong (each named).
    pub fn validate(self) -> DomainResult<Association> {
        use super::{email::Email, taxonomy, validate};
        let mut e = Errors::new();
        let id = e.check(validate::id("id", &self.id));
        let name = e.check(validate::line("name", Some(&self.name), 2, 150));
        let address = e.check(validate::line("address", Some(&self.address), 5, 200));
        let postcode = self.postcode.trim().to_string();
        if taxonomy::place_of_postcode(&postcode).is_none() {
            e.add("postcode", Problem::Postcode);
        }
        let city = e.check(validate::line("city", Some(&self.city), 1, 100));
        let website = e.check(validate::url("website", self.website.as_deref())).flatten();
        let theme = e.check(taxonomy::THEMES.parse("theme", &self.theme));
        let description = e.check(validate::text("description", Some(&self.description), 20, 3000));
        let registration_number = e.check(registration_number("registration_number", &self.registration_number));
        let representative_name = e.check(validate::line("representative_name", Some(&self.representative_name), 2, 120));
        let representative_title = e.check(validate::line("representative_title", Some(&self.representative_title), 2, 120));
        let contact_email = e.check(Email::parse("contact_email", self.contact_email.trim()));
        let contact_phone = e.check(validate::phone("contact_phone", self.contact_phone.as_deref())).flatten();
        e.finish()?;
        Ok(Association {
            id: id.unwrap_or_default(),
            name: name.unwrap_or_default(),
            address: address.unwrap_or_default(),
            postcode,
            city: city.unwrap_or_default(),
            website,
            theme: theme.unwrap_or_default().to_string(),
            description: description.unwrap_or_default(),
            registration_number: registration_number.unwrap_or_default(),
            representative_name: representative_name.unwrap_or_default(),
            representative_title: representative_title.unwrap_or_default(),
            eligibility: self.eligibility,
            contact_email: contact_email.map(|m| m.as_str().to_string()).unwrap_or_default(),
            contact_phone,
        })
    }
}

/// What `PATCH /associations/{associationId}` changes: each field given replaces the stored
/// one, and the result is checked as a new association is.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AssociationChanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// `""` removes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<Eligibility>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
    /// `""` removes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_phone: Option<String>,
}

impl AssociationChanges {
    pub fn is_empty(&self) -> bool {
        serde_json::to_value(self).ok().and_then(|v| v.as_object().map(|m| m.is_empty())).unwrap_or(true)
    }

    pub fn apply(self, current: &Association) -> DomainResult<Association> {
        let c = current.clone();
        AssociationInput {
            id: c.id,
            name: self.name.unwrap_or(c.name),
            address: self.address.unwrap_or(c.address),
            postcode: self.postcode.unwrap_or(c.postcode),
            city: self.city.unwrap_or(c.city),
            website: self.website.or(c.website),
            theme: self.theme.unwrap_or(c.theme),
            description: self.description.unwrap_or(c.description),
            registration_number: self.registration_number.unwrap_or(c.registration_number),
            representative_name: self.representative_name.unwrap_or(c.representative_name),
            representative_title: self.representative_title.unwrap_or(c.representative_title),
            eligibility: self.eligibility.unwrap_or(c.eligibility),
            contact_email: self.contact_email.unwrap_or(c.contact_email),
            contact_phone: self.contact_phone.or(c.contact_phone),
        }
        .validate()
    }
}

/// An RNA number (`W` and 9 digits, the associations' register), a SIREN (9 digits) or a
/// SIRET (14 digits) whose Luhn check digit holds; spaces are ignored.
pub fn registration_number(field: &str, value: &str) -> Result<String, FieldError> {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match v.strip_prefix('W') {
        Some(rest) => rest.len() == 9 && digits(rest),
        None => (v.len() == 9 || v.len() == 14) && digits(&v) && luhn(&v),
    };
    if ok {
        Ok(v)
    } else {
        Err(FieldError::new(field, Problem::Registration))
    }
}

pub(crate) fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod input_tests {
    use super::*;

    #[test]
    fn registration_numbers_rna_siren_and_siret() {
        assert_eq!(registration_number("r", "w751234567").as_deref(), Ok("W751234567"));
        // La Poste's SIREN (356 000 000) and a SIRET of it; a wrong check digit is refused.
        assert_eq!(registration_number("r", "356 000 000").as_deref(), Ok("356000000"));
        assert!(registration_number("r", "35600000000048").is_ok());
        for bad in ["356000001", "W12345678", "W1234567890", "12345", "3560000000004X", ""] {
            assert_eq!(registration_number("r", bad).unwrap_err().problem, Problem::Registration, "{bad}");
        }
    }

    #[test]
    fn every_wrong_field_is_named() {
        let input: AssociationInput = serde_json::from_value(serde_json::json!({
            "id": "restos 75", "name": "Les Restos", "address": "42 rue", "postcode": "99999", "city": "Paris",
            "website": "restos.fr", "theme": "cuisine", "description": "Trop court.", "registration_number": "W12",
            "representative_name": "Marie", "representative_title": "Présidente",
            "eligibility": {"general_interest": true, "art_238_bis": true, "non_confessional": true, "apolitical": true},
            "contact_email": "pas-une-adresse"
        }))
        .unwrap();
        let Err(crate::domain::error::DomainError::Invalid(errors)) = input.validate() else { panic!("invalid fields expected") };
        let fields: Vec<String> = errors.into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["id", "postcode", "website", "theme", "description", "registration_number", "contact_email"]);
    }
}

//! Member companies (tenants): legal details for the convention, allowed e-mail domains,
//! entities ("implantations") and the volunteering policy.

use serde::{Deserialize, Serialize};

use super::error::{DomainResult, Errors, FieldError, Problem};

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

/// What the operator sends to create a company (`POST /companies`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyInput {
    pub id: String,
    pub name: String,
    pub legal_name: String,
    pub head_office: String,
    pub registration: String,
    pub representative_name: String,
    pub representative_title: String,
    pub email_domains: Vec<String>,
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub policy: Option<PolicyInput>,
    #[serde(default)]
    pub programme_contact: Option<String>,
}

/// The allowance policy as the API takes it: days, not half days.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyInput {
    pub days_per_year: f64,
    pub min_seniority_months: u32,
    pub end_of_career_days_per_week: f64,
    pub half_days_allowed: bool,
}

impl PolicyInput {
    /// The policy in half days, or the wrong fields recorded in `e` (named after `prefix`).
    pub fn checked(self, e: &mut Errors, prefix: &str) -> Option<Policy> {
        let annual = half_days(e, &format!("{prefix}days_per_year"), self.days_per_year, 0, 60);
        let weekly = half_days(e, &format!("{prefix}end_of_career_days_per_week"), self.end_of_career_days_per_week, 0, 5);
        if self.min_seniority_months > 120 {
            e.push(FieldError::new(format!("{prefix}min_seniority_months"), Problem::Integer { min: 0, max: 120 }));
        }
        match (annual, weekly) {
            (Some(annual_half_days), Some(end_of_career_weekly_half_days)) => Some(Policy {
                half_days_allowed: self.half_days_allowed,
                annual_half_days,
                min_seniority_months: self.min_seniority_months,
                end_of_career_weekly_half_days,
            }),
            _ => None,
        }
    }
}

/// Most e-mail domains a company may have, and entities.
pub const MAX_DOMAINS: usize = 20;
pub const MAX_ENTITIES: usize = 100;

impl CompanyInput {
    /// The company, or every field that is wrong (each named).
    pub fn validate(self) -> DomainResult<Company> {
        use super::validate;
        let mut e = Errors::new();
        let id = e.check(validate::id("id", &self.id));
        let name = e.check(validate::line("name", Some(&self.name), 2, 80));
        let legal_name = e.check(validate::line("legal_name", Some(&self.legal_name), 2, 150));
        let head_office = e.check(validate::line("head_office", Some(&self.head_office), 5, 200));
        let registration = e.check(validate::line("registration", Some(&self.registration), 5, 100));
        let representative_name = e.check(validate::line("representative_name", Some(&self.representative_name), 2, 120));
        let representative_title = e.check(validate::line("representative_title", Some(&self.representative_title), 2, 120));
        let mut domains: Vec<String> = Vec::new();
        if self.email_domains.is_empty() || self.email_domains.len() > MAX_DOMAINS {
            e.push(FieldError::new("email_domains", Problem::Count { min: 1, max: MAX_DOMAINS }));
        }
        for (i, d) in self.email_domains.iter().enumerate() {
            let field = format!("email_domains[{i}]");
            match email_domain(&field, d) {
                Ok(d) if domains.contains(&d) => e.push(FieldError::new(field, Problem::DuplicateValue(d))),
                Ok(d) => domains.push(d),
                Err(err) => e.push(err),
            }
        }
        let mut entities: Vec<Entity> = Vec::new();
        if self.entities.is_empty() || self.entities.len() > MAX_ENTITIES {
            e.push(FieldError::new("entities", Problem::Count { min: 1, max: MAX_ENTITIES }));
        }
        for (i, entity) in self.entities.iter().enumerate() {
            let id = e.check(validate::id(&format!("entities[{i}].id"), &entity.id));
            let name = e.check(validate::line(&format!("entities[{i}].name"), Some(&entity.name), 2, 100));
            if let (Some(id), Some(name)) = (id, name) {
                if entities.iter().any(|x| x.id == id) {
                    e.push(FieldError::new(format!("entities[{i}].id"), Problem::DuplicateValue(id)));
                } else {
                    entities.push(Entity { id, name });
                }
            }
        }
        let policy = match self.policy {
            None => Some(Policy::default()),
            Some(p) => p.checked(&mut e, "policy."),
        };
        let programme_contact = e.check(validate::optional_text("programme_contact", self.programme_contact.as_deref(), 200)).flatten();
        e.finish()?;
        Ok(Company {
            id: id.unwrap_or_default(),
            name: name.unwrap_or_default(),
            legal_name: legal_name.unwrap_or_default(),
            head_office: head_office.unwrap_or_default(),
            registration: registration.unwrap_or_default(),
            representative_name: representative_name.unwrap_or_default(),
            representative_title: representative_title.unwrap_or_default(),
            email_domains: domains,
            entities,
            policy: policy.unwrap_or_default(),
            programme_contact,
        })
    }
}

/// A number of days given as a multiple of a half day, from `min` to `max` days, in half days.
fn half_days(e: &mut Errors, field: &str, days: f64, min: u32, max: u32) -> Option<u32> {
    let halves = days * 2.0;
    if days.is_finite() && halves.fract() == 0.0 && days >= f64::from(min) && days <= f64::from(max) {
        // In range and whole: the cast is exact.
        Some(halves as u32)
    } else {
        e.push(FieldError::new(field, Problem::Integer { min: i64::from(min), max: i64::from(max) }));
        None
    }
}

/// A lower-case e-mail domain: labels of letters, digits and hyphens, at least one dot.
pub fn email_domain(field: &str, value: &str) -> Result<String, FieldError> {
    let d = value.strip_prefix('@').unwrap_or(value).to_ascii_lowercase();
    let labels: Vec<&str> = d.split('.').collect();
    let ok = d.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels.last().is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
    if ok {
        Ok(d)
    } else {
        Err(FieldError::new(field, Problem::EmailDomain))
    }
}

#[cfg(test)]
mod input_tests {
    use super::*;

    fn input() -> CompanyInput {
        serde_json::from_value(serde_json::json!({
            "id": "globex", "name": "Globex", "legal_name": "Globex SAS", "head_office": "12 rue de la Paix, 75002 Paris",
            "registration": "RCS Paris 123 456 789", "representative_name": "Hank Scorpio", "representative_title": "Président",
            "email_domains": ["Globex.example", "@globex-group.example"], "entities": [{"id": "paris", "name": "Siège, Paris"}]
        }))
        .unwrap()
    }

    #[test]
    fn a_valid_company_with_the_default_policy() {
        let c = input().validate().unwrap();
        assert_eq!(c.email_domains, vec!["globex.example", "globex-group.example"], "lower case, without @");
        assert_eq!(c.policy, Policy::default());
        assert_eq!(c.entities[0].id, "paris");
    }

    #[test]
    fn every_wrong_field_is_named() {
        let mut i = input();
        i.email_domains = vec!["globex".into(), "globex.example".into(), "GLOBEX.example".into(), "bad_domain.example".into()];
        i.entities.push(Entity { id: "paris".into(), name: "Encore Paris".into() });
        i.policy =
            Some(PolicyInput { days_per_year: 2.3, min_seniority_months: 500, end_of_career_days_per_week: 1.0, half_days_allowed: true });
        i.registration = "123".into();
        let Err(crate::domain::error::DomainError::Invalid(errors)) = i.validate() else { panic!("invalid fields expected") };
        let fields: Vec<String> = errors.into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            vec![
                "registration",
                "email_domains[0]",
                "email_domains[2]",
                "email_domains[3]",
                "entities[1].id",
                "policy.days_per_year",
                "policy.min_seniority_months"
            ]
        );
    }

    #[test]
    fn the_policy_is_given_in_days_and_kept_in_half_days() {
        let mut i = input();
        i.policy =
            Some(PolicyInput { days_per_year: 2.5, min_seniority_months: 6, end_of_career_days_per_week: 1.0, half_days_allowed: false });
        let p = i.validate().unwrap().policy;
        assert_eq!((p.annual_half_days, p.end_of_career_weekly_half_days, p.min_seniority_months, p.half_days_allowed), (5, 2, 6, false));
    }

    #[test]
    fn domains_are_checked_label_by_label() {
        for ok in ["bpifrance.fr", "mail.groupe-x.co.uk", "x1.io"] {
            assert!(email_domain("d", ok).is_ok(), "{ok}");
        }
        for bad in ["", "fr", "-x.fr", "x-.fr", "x..fr", "x.f", "x.1a", "exa mple.fr", "é.fr"] {
            assert!(email_domain("d", bad).is_err(), "{bad}");
        }
    }
}

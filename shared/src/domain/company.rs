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
    /// The colour of the company's programme on the pages its employees and managers open
    /// (`#RRGGBB`).
    #[serde(default)]
    pub brand_colour: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    /// The cost of a working day of its employees, in cents, when the HR file gives none
    /// (the tax valuation's default for the entity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_cost_cents: Option<u64>,
}

/// The allowance rules of a company (FAQ: 2 days a year after 3 months' seniority; 1 day a
/// week in the last 12 months before an official retirement).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub half_days_allowed: bool,
    /// Days per calendar year for permanent employees, in half days (4 = 2 days).
    pub annual_half_days: u32,
    pub min_seniority_months: u32,
    /// Days per ISO week for employees whose retirement is set within the window, in half days.
    pub end_of_career_weekly_half_days: u32,
    /// The window before an official retirement date in which the end-of-career rule applies,
    /// in months (12 by default).
    #[serde(default = "default_window")]
    pub end_of_career_window_months: u32,
}

fn default_window() -> u32 {
    12
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            half_days_allowed: true,
            annual_half_days: 4,
            min_seniority_months: 3,
            end_of_career_weekly_half_days: 2,
            end_of_career_window_months: 12,
        }
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
    #[serde(default)]
    pub brand_colour: Option<String>,
}

/// The allowance policy as the API takes it: days, not half days.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyInput {
    pub days_per_year: f64,
    pub min_seniority_months: u32,
    pub end_of_career_days_per_week: f64,
    pub half_days_allowed: bool,
    /// Months before retirement in which the end-of-career rule applies (12 when absent).
    #[serde(default)]
    pub end_of_career_window_months: Option<u32>,
}

impl PolicyInput {
    /// The policy in half days, or the wrong fields recorded in `e` (named after `prefix`).
    pub fn checked(self, e: &mut Errors, prefix: &str) -> Option<Policy> {
        let annual = half_days(e, &format!("{prefix}days_per_year"), self.days_per_year, 0, 60);
        let weekly = half_days(e, &format!("{prefix}end_of_career_days_per_week"), self.end_of_career_days_per_week, 0, 5);
        if self.min_seniority_months > 120 {
            e.push(FieldError::new(format!("{prefix}min_seniority_months"), Problem::Integer { min: 0, max: 120 }));
        }
        let window = self.end_of_career_window_months.unwrap_or(12);
        if !(1..=60).contains(&window) {
            e.push(FieldError::new(format!("{prefix}end_of_career_window_months"), Problem::Integer { min: 1, max: 60 }));
        }
        match (annual, weekly) {
            (Some(annual_half_days), Some(end_of_career_weekly_half_days)) => Some(Policy {
                half_days_allowed: self.half_days_allowed,
                annual_half_days,
                min_seniority_months: self.min_seniority_months,
                end_of_career_weekly_half_days,
                end_of_career_window_months: window,
            }),
            _ => None,
        }
    }
}

/// Most e-mail domains a company may have, and entities.
pub const MAX_DOMAINS: usize = 20;
pub const MAX_ENTITIES: usize = 100;
/// The fields only the platform's operator changes (the company's legal identity and its
/// domains); a company admin changes the others.
pub const OPERATOR_ONLY_FIELDS: [&str; 4] = ["legal_name", "head_office", "registration", "email_domains"];

/// What `PATCH /companies/{companyId}` changes: each field given replaces the stored one.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyChanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_office: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative_title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_domains: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<Entity>>,
    /// `""` removes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme_contact: Option<String>,
    /// `""` removes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_colour: Option<String>,
}

impl CompanyChanges {
    pub fn is_empty(&self) -> bool {
        self.given().is_empty()
    }

    /// The names of the fields given.
    pub fn given(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        let mut add = |given: bool, name: &'static str| {
            if given {
                v.push(name)
            }
        };
        add(self.name.is_some(), "name");
        add(self.legal_name.is_some(), "legal_name");
        add(self.head_office.is_some(), "head_office");
        add(self.registration.is_some(), "registration");
        add(self.representative_name.is_some(), "representative_name");
        add(self.representative_title.is_some(), "representative_title");
        add(self.email_domains.is_some(), "email_domains");
        add(self.entities.is_some(), "entities");
        add(self.programme_contact.is_some(), "programme_contact");
        add(self.brand_colour.is_some(), "brand_colour");
        v
    }

    /// The first field given that only the operator may change.
    pub fn operator_only_field(&self) -> Option<&'static str> {
        self.given().into_iter().find(|f| OPERATOR_ONLY_FIELDS.contains(f))
    }

    /// The company with the changes, checked as a new company is (every wrong field named);
    /// an entity is renamed, or given a day cost, never removed (employees, requests and
    /// reports refer to it).
    pub fn apply(self, current: &Company) -> DomainResult<Company> {
        let c = current.clone();
        let entities = self.entities.unwrap_or(c.entities.clone());
        let removed: Vec<FieldError> = c
            .entities
            .iter()
            .filter(|old| !entities.iter().any(|e| e.id == old.id))
            .map(|old| FieldError::new("entities", Problem::EntityRemoved(old.id.clone())))
            .collect();
        let input = CompanyInput {
            id: c.id,
            name: self.name.unwrap_or(c.name),
            legal_name: self.legal_name.unwrap_or(c.legal_name),
            head_office: self.head_office.unwrap_or(c.head_office),
            registration: self.registration.unwrap_or(c.registration),
            representative_name: self.representative_name.unwrap_or(c.representative_name),
            representative_title: self.representative_title.unwrap_or(c.representative_title),
            email_domains: self.email_domains.unwrap_or(c.email_domains),
            entities,
            policy: None,
            programme_contact: self.programme_contact.or(c.programme_contact),
            brand_colour: self.brand_colour.or(c.brand_colour),
        };
        match input.validate() {
            Ok(_) if !removed.is_empty() => Err(super::error::DomainError::Invalid(removed)),
            Err(super::error::DomainError::Invalid(mut errors)) => {
                errors.extend(removed);
                Err(super::error::DomainError::Invalid(errors))
            }
            Err(other) => Err(other),
            Ok(company) => Ok(Company { policy: c.policy, ..company }),
        }
    }
}

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
            let max = super::valuation::MAX_DAY_COST_CENTS;
            if entity.day_cost_cents.is_some_and(|c| c == 0 || c > max) {
                e.push(FieldError::new(format!("entities[{i}].day_cost_cents"), Problem::Integer { min: 1, max: max as i64 }));
            }
            if let (Some(id), Some(name)) = (id, name) {
                if entities.iter().any(|x| x.id == id) {
                    e.push(FieldError::new(format!("entities[{i}].id"), Problem::DuplicateValue(id)));
                } else {
                    entities.push(Entity { id, name, day_cost_cents: entity.day_cost_cents });
                }
            }
        }
        let policy = match self.policy {
            None => Some(Policy::default()),
            Some(p) => p.checked(&mut e, "policy."),
        };
        let programme_contact = e.check(validate::optional_text("programme_contact", self.programme_contact.as_deref(), 200)).flatten();
        let brand_colour = match self.brand_colour.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(c) if c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit()) => Some(c.to_ascii_lowercase()),
            Some(_) => {
                e.push(FieldError::new("brand_colour", Problem::Colour));
                None
            }
        };
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
            brand_colour,
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
        i.entities.push(Entity { id: "paris".into(), name: "Encore Paris".into(), day_cost_cents: None });
        i.policy = Some(PolicyInput {
            days_per_year: 2.3,
            min_seniority_months: 500,
            end_of_career_days_per_week: 1.0,
            half_days_allowed: true,
            end_of_career_window_months: Some(0),
        });
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
                "policy.min_seniority_months",
                "policy.end_of_career_window_months"
            ]
        );
    }

    #[test]
    fn the_policy_is_given_in_days_and_kept_in_half_days() {
        let mut i = input();
        i.policy = Some(PolicyInput {
            days_per_year: 2.5,
            min_seniority_months: 6,
            end_of_career_days_per_week: 1.0,
            half_days_allowed: false,
            end_of_career_window_months: None,
        });
        let p = i.validate().unwrap().policy;
        assert_eq!((p.annual_half_days, p.end_of_career_weekly_half_days, p.min_seniority_months, p.half_days_allowed), (5, 2, 6, false));
        assert_eq!(p.end_of_career_window_months, 12, "the default window");
    }

    #[test]
    fn a_change_keeps_the_rest_renames_entities_and_never_removes_one() {
        let company = input().validate().unwrap();
        let rename: CompanyChanges = serde_json::from_str(
            r##"{"entities":[{"id":"paris","name":"Siège social, Paris","day_cost_cents":45000}],"brand_colour":"#ABCDEF"}"##,
        )
        .unwrap();
        assert_eq!(rename.operator_only_field(), None);
        let changed = rename.apply(&company).unwrap();
        assert_eq!((changed.entities[0].name.as_str(), changed.entities[0].day_cost_cents), ("Siège social, Paris", Some(45_000)));
        assert_eq!((changed.brand_colour.as_deref(), changed.legal_name.as_str()), (Some("#abcdef"), "Globex SAS"));
        let cleared: CompanyChanges = serde_json::from_str(r#"{"brand_colour":""}"#).unwrap();
        assert_eq!(cleared.apply(&changed).unwrap().brand_colour, None, "an empty value removes it");
        let removed: CompanyChanges = serde_json::from_str(r#"{"entities":[{"id":"lyon","name":"Lyon"}]}"#).unwrap();
        let Err(crate::domain::error::DomainError::Invalid(errors)) = removed.apply(&company) else { panic!("refused") };
        assert_eq!(errors[0].problem, Problem::EntityRemoved("paris".into()));
        let legal: CompanyChanges = serde_json::from_str(r#"{"name":"G","email_domains":["g.example"]}"#).unwrap();
        assert_eq!(legal.operator_only_field(), Some("email_domains"));
        assert!(serde_json::from_str::<CompanyChanges>(r#"{"id":"other"}"#).is_err(), "the identifier never changes");
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

//! The company's CSR report for a calendar year (SPEC D, "Company reporting"): volunteers,
//! engagements by step, days given by month, theme, association and entity, satisfaction from
//! the assessments, cancellations; and the tax valuation of the attested days (an estimate,
//! `valuation`). Pure: the engagements, the company and the day costs come in, the figures
//! go out, each computed from the engagements given and nothing else.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::Datelike;
use serde::Serialize;

use super::company::Company;
use super::engagement::{DateState, Engagement, EngagementState, MissionDate, Rating};
use super::valuation::{self, GivenDay, ValuationError};

/// Which engagements the figures count: all of the year's, or those of an entity, a theme,
/// an association.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Filters {
    pub entity: Option<String>,
    pub theme: Option<String>,
    pub association: Option<String>,
}

impl Filters {
    pub fn keeps(&self, e: &Engagement) -> bool {
        self.entity.as_ref().is_none_or(|x| e.entity_id.as_ref() == Some(x))
            && self.theme.as_ref().is_none_or(|x| e.themes.contains(x))
            && self.association.as_ref().is_none_or(|x| &e.association_id == x)
    }
}

/// A day the employee gives: agreed by their manager (accepted), or attested by the
/// association (present). Days refused, expired, cancelled or absent are not given.
pub fn is_given(d: &MissionDate) -> bool {
    matches!(d.state, DateState::Accepted | DateState::Present)
}

/// Half days, as days (exact: a multiple of 0.5).
fn days(half_days: u64) -> f64 {
    half_days as f64 / 2.0
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub year: i32,
    pub filters: Filters,
    /// Engagements of the year (every step, cancelled included).
    pub engagements: u64,
    /// Employees with an engagement.
    pub applicants: u64,
    /// Employees who gave at least a day (or half day).
    pub volunteers: u64,
    /// Engagements by their current step, every step named.
    pub by_step: BTreeMap<&'static str, u64>,
    pub days: Days,
    pub satisfaction: Satisfaction,
    pub cancellations: Cancellations,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Days {
    /// Days given (accepted or attested), half days counted 0.5.
    pub given: f64,
    /// Of which attested by the association (present): what the valuation counts.
    pub attested: f64,
    /// `AAAA-MM` → days given, the twelve months of the year.
    pub by_month: BTreeMap<String, f64>,
    /// A mission of several themes counts its days in each (the sum may exceed `given`).
    pub by_theme: Vec<Share>,
    pub by_association: Vec<Share>,
    /// Engagements of employees whose entity is not known count under `id: null`.
    pub by_entity: Vec<Share>,
}

/// Days given to one theme, association or entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Share {
    pub id: Option<String>,
    pub name: String,
    pub days: f64,
    pub engagements: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Satisfaction {
    /// Assessments received.
    pub answered: u64,
    /// (1) Relevance of the missions: answers by rating.
    pub relevance: BTreeMap<&'static str, u64>,
    /// (2) Welcome in the association: answers by rating.
    pub welcome: BTreeMap<&'static str, u64>,
    /// (3) Did the mission match the expertise: yes / no.
    pub matched_expertise: BTreeMap<&'static str, u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cancellations {
    /// Engagements cancelled.
    pub engagements: u64,
    /// Days cancelled (by the employee or the association, in any engagement).
    pub days: f64,
}

const STEPS: [(EngagementState, &str); 7] = [
    (EngagementState::Applied, "applied"),
    (EngagementState::AwaitingManager, "awaiting_manager"),
    (EngagementState::AwaitingSignatures, "awaiting_signatures"),
    (EngagementState::Signed, "signed"),
    (EngagementState::AssessmentDue, "assessment_due"),
    (EngagementState::Completed, "completed"),
    (EngagementState::Cancelled, "cancelled"),
];

const RATINGS: [(Rating, &str); 4] =
    [(Rating::TresBonne, "tres_bonne"), (Rating::Bonne, "bonne"), (Rating::Moyenne, "moyenne"), (Rating::Mauvaise, "mauvaise")];

fn rating_name(r: Rating) -> &'static str {
    RATINGS.iter().find(|(x, _)| *x == r).map(|(_, n)| *n).unwrap_or("moyenne")
}

/// How the report names a theme and an entity (`None`: not known).
pub struct Labels<T: Fn(&str) -> String, E: Fn(Option<&str>) -> String> {
    pub theme: T,
    pub entity: E,
}

/// The figures of `year` for the engagements `filters` keeps.
pub fn build<T: Fn(&str) -> String, E: Fn(Option<&str>) -> String>(
    year: i32,
    engagements: &[Engagement],
    filters: &Filters,
    labels: &Labels<T, E>,
) -> Report {
    let theme_label = &labels.theme;
    let kept: Vec<&Engagement> = engagements.iter().filter(|e| e.year == year && filters.keeps(e)).collect();
    let mut by_step: BTreeMap<&'static str, u64> = STEPS.iter().map(|(_, n)| (*n, 0)).collect();
    let mut by_month: BTreeMap<String, u64> = (1..=12).map(|m| (format!("{year}-{m:02}"), 0)).collect();
    let (mut given, mut attested, mut cancelled_days, mut cancelled) = (0u64, 0u64, 0u64, 0u64);
    let mut applicants = BTreeSet::new();
    let mut volunteers = BTreeSet::new();
    // id → (name, half days, engagements)
    let mut themes: BTreeMap<String, (String, u64, u64)> = BTreeMap::new();
    let mut associations: BTreeMap<String, (String, u64, u64)> = BTreeMap::new();
    let mut entities: BTreeMap<Option<String>, (String, u64, u64)> = BTreeMap::new();
    let mut relevance: BTreeMap<&'static str, u64> = RATINGS.iter().map(|(_, n)| (*n, 0)).collect();
    let mut welcome = relevance.clone();
    let mut matched: BTreeMap<&'static str, u64> = [("yes", 0), ("no", 0)].into_iter().collect();
    let mut answered = 0;
    for e in &kept {
        applicants.insert(e.employee.sub.as_str());
        if let Some((_, name)) = STEPS.iter().find(|(s, _)| *s == e.state) {
            *by_step.entry(name).or_default() += 1;
        }
        if e.state == EngagementState::Cancelled {
            cancelled += 1;
        }
        let mut half_days = 0;
        for d in &e.dates {
            let h = u64::from(d.part.half_days());
            if is_given(d) {
                half_days += h;
                if d.state == DateState::Present {
                    attested += h;
                }
                *by_month.entry(format!("{}-{:02}", d.date.year(), d.date.month())).or_default() += h;
            } else if d.state == DateState::Cancelled {
                cancelled_days += h;
            }
        }
        given += half_days;
        if half_days > 0 {
            volunteers.insert(e.employee.sub.as_str());
        }
        let add = |slot: &mut (String, u64, u64)| {
            slot.1 += half_days;
            slot.2 += 1;
        };
        for t in &e.themes {
            add(themes.entry(t.clone()).or_insert_with(|| (theme_label(t), 0, 0)));
        }
        add(associations.entry(e.association_id.clone()).or_insert_with(|| (e.association_name.clone(), 0, 0)));
        add(entities.entry(e.entity_id.clone()).or_insert_with(|| ((labels.entity)(e.entity_id.as_deref()), 0, 0)));
        if let Some(a) = &e.assessment {
            answered += 1;
            *relevance.entry(rating_name(a.relevance)).or_default() += 1;
            *welcome.entry(rating_name(a.welcome)).or_default() += 1;
            *matched.entry(if a.matched_expertise { "yes" } else { "no" }).or_default() += 1;
        }
    }
    let shares = |m: BTreeMap<String, (String, u64, u64)>| -> Vec<Share> {
        let mut v: Vec<Share> =
            m.into_iter().map(|(id, (name, h, n))| Share { id: Some(id), name, days: days(h), engagements: n }).collect();
        v.sort_by(|a, b| b.days.total_cmp(&a.days).then(a.name.cmp(&b.name)));
        v
    };
    let mut by_entity: Vec<Share> =
        entities.into_iter().map(|(id, (name, h, n))| Share { id, name, days: days(h), engagements: n }).collect();
    by_entity.sort_by(|a, b| b.days.total_cmp(&a.days).then(a.name.cmp(&b.name)));
    Report {
        year,
        filters: filters.clone(),
        engagements: kept.len() as u64,
        applicants: applicants.len() as u64,
        volunteers: volunteers.len() as u64,
        by_step,
        days: Days {
            given: days(given),
            attested: days(attested),
            by_month: by_month.into_iter().map(|(m, h)| (m, days(h))).collect(),
            by_theme: shares(themes),
            by_association: shares(associations),
            by_entity,
        },
        satisfaction: Satisfaction { answered, relevance, welcome, matched_expertise: matched },
        cancellations: Cancellations { engagements: cancelled, days: days(cancelled_days) },
    }
}

/// The day cost of an engagement's employee: theirs (HR file), else their entity's default.
pub fn day_cost(e: &Engagement, company: &Company, hr_costs: &HashMap<String, u64>) -> Option<u64> {
    hr_costs
        .get(&e.employee.email.to_lowercase())
        .copied()
        .or_else(|| e.entity_id.as_deref().and_then(|id| company.entity(id)).and_then(|x| x.day_cost_cents))
}

/// The tax valuation of a year (whole company, no filter): per association, and the year's
/// position. Only attested days count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Valuation {
    pub year: i32,
    pub monthly_cap_cents: u64,
    pub days: f64,
    pub uncapped_cents: u64,
    pub total_cents: u64,
    pub reduction_cents: u64,
    /// The turnover the admin entered, if any (without it, the ceiling is the 20 000 € floor).
    pub turnover_cents: Option<u64>,
    pub ceiling_cents: u64,
    pub usable_cents: u64,
    pub carried_forward_cents: u64,
    pub declaration_required: bool,
    pub by_association: Vec<AssociationLine>,
    /// Employees with attested days but no day cost (neither theirs nor their entity's):
    /// their days are not valued.
    pub employees_without_day_cost: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssociationLine {
    pub association_id: String,
    pub name: String,
    pub days: f64,
    pub uncapped_cents: u64,
    pub valued_cents: u64,
}

/// The attested days of `year`, each with its employee's day cost; and the employees whose
/// cost is unknown.
pub fn attested_days(
    year: i32,
    engagements: &[Engagement],
    cost: impl Fn(&Engagement) -> Option<u64>,
) -> (Vec<(GivenDay, &Engagement)>, Vec<String>) {
    let mut out = Vec::new();
    let mut missing = BTreeSet::new();
    for e in engagements.iter().filter(|e| e.year == year) {
        let present: Vec<&MissionDate> = e.dates.iter().filter(|d| d.state == DateState::Present && d.date.year() == year).collect();
        if present.is_empty() {
            continue;
        }
        let Some(day_cost_cents) = cost(e) else {
            missing.insert(e.employee.email.clone());
            continue;
        };
        for d in present {
            out.push((
                GivenDay {
                    employee: e.employee.sub.clone(),
                    association: e.association_id.clone(),
                    date: d.date,
                    half: d.part.half_days() == 1,
                    day_cost_cents,
                },
                e,
            ));
        }
    }
    (out, missing.into_iter().collect())
}

pub fn valuation(
    year: i32,
    engagements: &[Engagement],
    cost: impl Fn(&Engagement) -> Option<u64>,
    turnover_cents: Option<u64>,
) -> Result<Valuation, ValuationError> {
    let (given, missing) = attested_days(year, engagements, cost);
    let names: HashMap<&str, &str> = given.iter().map(|(_, e)| (e.association_id.as_str(), e.association_name.as_str())).collect();
    let days_only: Vec<GivenDay> = given.iter().map(|(d, _)| d.clone()).collect();
    let per_association = valuation::value_year(year, &days_only)?;
    let mut total = 0u64;
    let mut uncapped = 0u64;
    let mut half_days = 0u64;
    let mut by_association = Vec::new();
    for (id, v) in per_association {
        total = total.checked_add(v.valued_cents).ok_or(ValuationError::Overflow)?;
        uncapped = uncapped.checked_add(v.uncapped_cents).ok_or(ValuationError::Overflow)?;
        half_days = half_days.checked_add(v.half_days).ok_or(ValuationError::Overflow)?;
        by_association.push(AssociationLine {
            name: names.get(id.as_str()).copied().unwrap_or_default().to_string(),
            association_id: id,
            days: days(v.half_days),
            uncapped_cents: v.uncapped_cents,
            valued_cents: v.valued_cents,
        });
    }
    by_association.sort_by(|a, b| b.valued_cents.cmp(&a.valued_cents).then(a.name.cmp(&b.name)));
    let position = valuation::year_position(total, turnover_cents.unwrap_or(0))?;
    Ok(Valuation {
        year,
        monthly_cap_cents: valuation::monthly_cap_cents(year)?,
        days: days(half_days),
        uncapped_cents: uncapped,
        total_cents: total,
        reduction_cents: position.reduction_cents,
        turnover_cents,
        ceiling_cents: position.ceiling_cents,
        usable_cents: position.usable_cents,
        carried_forward_cents: position.carried_forward_cents,
        declaration_required: position.declaration_required,
        by_association,
        employees_without_day_cost: missing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::allowance::DayPart;
    use crate::domain::company::{Entity, Policy};
    use crate::domain::engagement::Assessment;

    fn company() -> Company {
        Company {
            id: "acme".into(),
            name: "Acme".into(),
            legal_name: "Acme SA".into(),
            head_office: "Paris".into(),
            registration: "RCS".into(),
            representative_name: "R".into(),
            representative_title: "P".into(),
            email_domains: vec!["acme.example".into()],
            entities: vec![
                Entity { id: "paris".into(), name: "Paris".into(), day_cost_cents: Some(40_000) },
                Entity { id: "lyon".into(), name: "Lyon".into(), day_cost_cents: None },
            ],
            policy: Policy::default(),
            programme_contact: None,
            brand_colour: None,
        }
    }

    fn engagement(sub: &str, association: &str, entity: &str, state: EngagementState, dates: &[(&str, DayPart, DateState)]) -> Engagement {
        let mut e: Engagement = serde_json::from_value(serde_json::json!({
            "id": format!("e-{sub}-{association}"), "year": 2026, "state": "applied",
            "employee": {"sub": sub, "email": format!("{sub}@acme.example"), "first_name": sub, "last_name": "X"},
            "company_id": "acme", "mission_id": format!("m-{association}"), "mission_title": "Mission",
            "association_id": association, "association_name": format!("Asso {association}"), "themes": ["solidarite"],
            "referent": {"name": "R", "email": "r@asso.example"},
            "message": "", "created_at": "2026-01-05T09:00:00Z", "updated_at": "2026-01-05T09:00:00Z", "version": 1
        }))
        .unwrap();
        e.entity_id = Some(entity.into());
        e.state = state;
        e.dates = dates
            .iter()
            .map(|(d, part, st)| MissionDate { date: d.parse().unwrap(), part: *part, state: *st, request_id: "r".into() })
            .collect();
        e
    }

    #[test]
    fn the_figures_count_what_the_engagements_hold() {
        use DateState::*;
        use DayPart::*;
        let mut a = engagement(
            "ana",
            "apte",
            "paris",
            EngagementState::Completed,
            &[("2026-03-02", FullDay, Present), ("2026-03-09", HalfDay, Present)],
        );
        a.assessment = Some(Assessment {
            relevance: Rating::TresBonne,
            welcome: Rating::Bonne,
            welcome_reasons: None,
            matched_expertise: false,
            mismatch_reasons: None,
            sent_at: "2026-03-10T09:00:00Z".parse().unwrap(),
            pdf_key: String::new(),
        });
        let b = engagement(
            "bob",
            "apte",
            "lyon",
            EngagementState::Signed,
            &[("2026-04-01", FullDay, Accepted), ("2026-04-02", FullDay, Refused)],
        );
        let c = engagement("cy", "resto", "lyon", EngagementState::Cancelled, &[("2026-05-04", HalfDay, Cancelled)]);
        let all = [a, b, c];
        let company = company();
        let labels = Labels {
            theme: |t: &str| t.to_uppercase(),
            entity: |id: Option<&str>| id.and_then(|id| company.entity(id)).map(|e| e.name.clone()).unwrap_or_default(),
        };
        let r = build(2026, &all, &Filters::default(), &labels);
        assert_eq!((r.engagements, r.applicants, r.volunteers), (3, 3, 2));
        assert_eq!((r.days.given, r.days.attested), (2.5, 1.5));
        assert_eq!((r.by_step["completed"], r.by_step["signed"], r.by_step["cancelled"], r.by_step["applied"]), (1, 1, 1, 0));
        assert_eq!((r.days.by_month["2026-03"], r.days.by_month["2026-04"], r.days.by_month["2026-05"]), (1.5, 1.0, 0.0));
        assert_eq!(r.days.by_month.len(), 12);
        assert_eq!(r.days.by_association[0], Share { id: Some("apte".into()), name: "Asso apte".into(), days: 2.5, engagements: 2 });
        assert_eq!(r.days.by_entity.iter().map(|s| (s.name.as_str(), s.days)).collect::<Vec<_>>(), [("Paris", 1.5), ("Lyon", 1.0)]);
        assert_eq!(r.days.by_theme[0].name, "SOLIDARITE");
        assert_eq!((r.satisfaction.answered, r.satisfaction.relevance["tres_bonne"], r.satisfaction.matched_expertise["no"]), (1, 1, 1));
        assert_eq!((r.cancellations.engagements, r.cancellations.days), (1, 0.5));
        // Filters: one entity, one association.
        let lyon = build(2026, &all, &Filters { entity: Some("lyon".into()), ..Filters::default() }, &labels);
        assert_eq!((lyon.engagements, lyon.days.given), (2, 1.0));
        let resto = build(2026, &all, &Filters { association: Some("resto".into()), ..Filters::default() }, &labels);
        assert_eq!((resto.engagements, resto.volunteers, resto.days.given), (1, 0, 0.0));
        assert_eq!(build(2025, &all, &Filters::default(), &labels).engagements, 0);
    }

    #[test]
    fn only_attested_days_are_valued_at_the_employee_s_or_the_entity_s_cost() {
        use DateState::*;
        use DayPart::*;
        let a = engagement(
            "ana",
            "apte",
            "paris",
            EngagementState::Completed,
            &[("2026-03-02", FullDay, Present), ("2026-03-09", HalfDay, Present), ("2026-03-10", FullDay, Absent)],
        );
        let b = engagement("bob", "resto", "lyon", EngagementState::Completed, &[("2026-04-01", FullDay, Present)]);
        let c = engagement("cy", "resto", "paris", EngagementState::Signed, &[("2026-06-01", FullDay, Accepted)]);
        let hr: HashMap<String, u64> = [("ana@acme.example".to_string(), 50_000)].into_iter().collect();
        let company = company();
        let v = valuation(2026, &[a, b, c], |e| day_cost(e, &company, &hr), None).unwrap();
        // Ana: 1.5 days × 500 € (her own cost, not Paris's 400 €); Bob: no cost (Lyon has none).
        assert_eq!((v.days, v.total_cents), (1.5, 75_000));
        assert_eq!(v.employees_without_day_cost, ["bob@acme.example"]);
        assert_eq!(v.by_association.len(), 1);
        assert_eq!((v.reduction_cents, v.ceiling_cents, v.usable_cents, v.carried_forward_cents), (45_000, 2_000_000, 45_000, 0));
        assert!(!v.declaration_required);
        assert_eq!(v.monthly_cap_cents, 1_201_500);
    }
}

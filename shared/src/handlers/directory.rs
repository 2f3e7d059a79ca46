//! The associations directory (B7) and "Je propose mes compétences" (B8).
//!
//! Employees see the partner associations of their company (and, among an association's
//! partner companies, only their own: nothing of one company is shown to another); the
//! operator sees every association and all its partners.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use crate::app::App;
use crate::catalogue::State;
use crate::domain::association::Association;
use crate::domain::company::Company;
use crate::domain::user::Role;
use crate::error::{ApiError, ApiResult};
use crate::handlers::views::{AssociationView, Label, MissionCard};
use crate::http::{self, Caller};
use crate::keys;
use crate::store::{self, s};
use crate::taxonomy::{self, REGIONS, THEMES};
use crate::text;
use crate::texts::err;

/// A proposal counts as open ("one association at a time") this long after it was sent.
pub const PROPOSAL_OPEN_DAYS: i64 = 30;
pub const PROPOSALS_PER_DAY: u32 = 5;
pub const ONE_AT_A_TIME: &str = "Merci de ne contacter qu'une association à la fois : tu as déjà une proposition ou une candidature en cours auprès d'une autre association.";

/// Who is looking: an employee of a company, or the operator.
pub enum Viewer {
    Employee(Arc<Company>),
    Operator,
}

pub async fn viewer(app: &App, state: &State, caller: &Caller) -> ApiResult<Viewer> {
    if let Some(c) = state.company_of_domain(caller.email.domain()) {
        return Ok(Viewer::Employee(c.clone()));
    }
    match crate::handlers::access::require_role(app, caller, Role::Operator).await {
        Ok(_) => Ok(Viewer::Operator),
        Err(_) => Err(ApiError::Forbidden(err::NOT_AN_EMPLOYEE.into())),
    }
}

impl Viewer {
    fn sees(&self, state: &State, association_id: &str) -> bool {
        match self {
            Viewer::Employee(c) => state.partners(&c.id, association_id),
            Viewer::Operator => state.association(association_id).is_some(),
        }
    }
}

#[derive(Serialize)]
pub struct DirectoryEntry {
    #[serde(flatten)]
    association: AssociationView,
    region: Option<Label>,
    partner_companies: Vec<String>,
    published_missions: usize,
}

/// Published missions per association, counted once per request.
fn published_counts(state: &mut State) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for m in state.published() {
        *counts.entry(m.mission.association_id.clone()).or_insert(0) += 1;
    }
    counts
}

fn entry(state: &State, viewer: &Viewer, a: &Association, counts: &std::collections::HashMap<String, usize>) -> DirectoryEntry {
    let region = taxonomy::place_of_postcode(&a.postcode).and_then(|p| REGIONS.label_of(p.region).map(|label| Label { slug: p.region.to_string(), label }));
    let partner_companies = state
        .partner_companies(&a.id)
        .into_iter()
        .filter(|c| match viewer {
            Viewer::Employee(me) => me.id == c.id,
            Viewer::Operator => true,
        })
        .map(|c| c.name.clone())
        .collect();
    let published_missions = counts.get(&a.id).copied().unwrap_or(0);
    DirectoryEntry { association: AssociationView::of(a), region, partner_companies, published_missions }
}

/// A skill proposal, kept under the employee.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Proposal {
    pub id: String,
    pub association_id: String,
    pub association_name: String,
    pub message: String,
    pub sent_at: DateTime<Utc>,
}

/// The proposals among a partition's items that are still open at `now`.
pub fn open_proposals(items: Vec<store::Item>, now: DateTime<Utc>) -> Vec<Proposal> {
    let since = now - Duration::days(PROPOSAL_OPEN_DAYS);
    items
        .into_iter()
        .filter(|i| store::string(i, keys::ENTITY_TYPE) == Some(PROPOSAL_ENTITY))
        .filter_map(|i| store::from_item::<Proposal>(i).ok())
        .filter(|p| p.sent_at >= since)
        .collect()
}

pub const PROPOSAL_ENTITY: &str = "SkillProposal";

/// Whether the employee has another open proposal or application than with `association_id`
/// (one Query: proposals share the partition of the employee's engagements).
pub async fn busy_elsewhere(app: &App, sub: &str, association_id: &str) -> ApiResult<bool> {
    let (engagements, others) = crate::handlers::engagement_views::activity_of(app, sub).await?;
    Ok(engagements.iter().any(|e| e.state.is_open() && e.association_id != association_id)
        || open_proposals(others, app.now()).iter().any(|p| p.association_id != association_id))
}

/// GET /associations — the directory: partner associations, filtered by themes, regions and
/// keywords (accent- and case-insensitive, on name, description and city), by name.
pub mod list_associations {
    use super::*;
    use crate::http::Query;

    #[derive(Serialize)]
    struct Page {
        total: usize,
        items: Vec<DirectoryEntry>,
        next_page: Option<i64>,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let query = Query::of(&req, &["themes", "regions", "q", "page", "limit"])?;
        let mut errors = crate::error::Errors::new();
        let themes = errors.check(THEMES.parse_list("themes", &query.list("themes"), 0, THEMES.entries.len())).unwrap_or_default();
        let regions = errors.check(REGIONS.parse_list("regions", &query.list("regions"), 0, REGIONS.entries.len())).unwrap_or_default();
        errors.finish()?;
        let words = query.text("q").map(|q| text::query_terms(&q)).unwrap_or_default();
        let page = query.integer("page", 1, 10_000)?.unwrap_or(1);
        let limit = query.integer("limit", 1, 100)?.unwrap_or(24);
        let mut state = app.catalogue.cached(&app.store).await?;
        let viewer = viewer(app, &state, &caller).await?;
        let mut matching: Vec<Arc<Association>> = state
            .associations()
            .filter(|a| viewer.sees(&state, &a.id))
            .filter(|a| themes.is_empty() || themes.contains(&a.theme.as_str()))
            .filter(|a| {
                regions.is_empty() || taxonomy::place_of_postcode(&a.postcode).is_some_and(|p| regions.contains(&p.region))
            })
            .filter(|a| {
                let terms = text::document_terms([a.name.as_str(), a.description.as_str(), a.city.as_str()]);
                words.iter().all(|w| terms.iter().any(|t| t.starts_with(w.as_str())))
            })
            .cloned()
            .collect();
        matching.sort_by_cached_key(|a| (text::tokens(&a.name).join(" "), a.id.clone()));
        let total = matching.len();
        let start = ((page - 1) * limit) as usize;
        let counts = published_counts(&mut state);
        let items: Vec<DirectoryEntry> =
            matching.iter().skip(start).take(limit as usize).map(|a| entry(&state, &viewer, a, &counts)).collect();
        let next_page = (start + items.len() < total).then_some(page + 1);
        http::ok(&Page { total, items, next_page })
    }
}

/// GET /associations/{associationId} — one association: its card, its published missions,
/// and for an employee the prefilled proposal message ("Je propose mes compétences") with
/// the "one association at a time" warning when it applies.
pub mod get_association {
    use super::*;

    #[derive(Serialize)]
    struct Detail {
        #[serde(flatten)]
        entry: DirectoryEntry,
        missions: Vec<MissionCard>,
        #[serde(skip_serializing_if = "Option::is_none")]
        proposal_draft: Option<String>,
        warnings: Vec<&'static str>,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let association_id = http::path_id(&req, "associationId")?;
        let (detail_entry, missions, company) = {
            let mut state = app.catalogue.cached(&app.store).await?;
            let viewer = viewer(app, &state, &caller).await?;
            let a = state
                .association(&association_id)
                .filter(|a| viewer.sees(&state, &a.id))
                .cloned()
                .ok_or_else(|| ApiError::NotFound(err::ASSOCIATION_NOT_FOUND.into()))?;
            let missions: Vec<MissionCard> = state
                .published()
                .iter()
                .filter(|m| m.mission.association_id == a.id)
                .map(|m| MissionCard::of(&m.mission, Some(&a)))
                .collect();
            let company = match &viewer {
                Viewer::Employee(c) => Some(c.name.clone()),
                Viewer::Operator => None,
            };
            let counts = std::collections::HashMap::from([(a.id.clone(), missions.len())]);
            (entry(&state, &viewer, &a, &counts), missions, company)
        };
        let (proposal_draft, warnings) = match company {
            Some(company) => {
                let busy = busy_elsewhere(app, &caller.sub, &association_id).await?;
                (Some(crate::texts::proposal_draft(&company)), if busy { vec![ONE_AT_A_TIME] } else { vec![] })
            }
            None => (None, vec![]),
        };
        http::ok(&Detail { entry: detail_entry, missions, proposal_draft, warnings })
    }
}

/// POST /associations/{associationId}/skill-proposals — sends the employee's message to the
/// association (reply-to the employee) and the association's contact to the employee.
pub mod propose_skills {
    use super::*;
    use crate::domain::validate;
    use crate::error::Errors;
    use crate::texts::emails;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        message: String,
        phone: Option<String>,
    }

    #[derive(Serialize)]
    struct Sent {
        id: String,
        association: AssociationContact,
        warnings: Vec<&'static str>,
    }

    #[derive(Serialize)]
    struct AssociationContact {
        id: String,
        name: String,
        email: String,
        phone: Option<String>,
        address: String,
        website: Option<String>,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let association_id = http::path_id(&req, "associationId")?;
        let input: Input = http::json_body(&req)?;
        let user = crate::handlers::access::registered_employee(app, &caller).await?;
        let company_id = user.company_id.clone().unwrap_or_default();
        let (association, company) = {
            let state = app.catalogue.cached(&app.store).await?;
            let a = state
                .association(&association_id)
                .filter(|a| state.partners(&company_id, &a.id))
                .cloned()
                .ok_or_else(|| ApiError::NotFound(err::ASSOCIATION_NOT_FOUND.into()))?;
            (a, state.company(&company_id).map(|c| c.name.clone()).unwrap_or_default())
        };
        let mut e = Errors::new();
        let message = e.check(validate::text("message", Some(&input.message), 20, 3000));
        let phone = e.check(validate::phone("phone", input.phone.as_deref().or(user.phone.as_deref()))).flatten();
        e.finish()?;
        let message = message.unwrap_or_default();
        let busy = busy_elsewhere(app, &caller.sub, &association_id).await?;
        super::super::share_mission::count_today(app, &caller.sub, "proposal", 1, PROPOSALS_PER_DAY, err::proposal_limit(PROPOSALS_PER_DAY)).await?;

        let now = app.now();
        let proposal = Proposal {
            id: uuid::Uuid::now_v7().to_string(),
            association_id: association.id.clone(),
            association_name: association.name.clone(),
            message: message.clone(),
            sent_at: now,
        };
        let mut item = store::item(PROPOSAL_ENTITY, &keys::user(&caller.sub), &keys::skill_proposal(now, &proposal.id), &proposal)?;
        // Beside the employee's engagements, so that one Query reads both.
        item.insert(keys::GSI1PK.into(), s(keys::engagements_of(&caller.sub)));
        item.insert(keys::GSI1SK.into(), s(keys::skill_proposal(now, &proposal.id)));
        app.store
            .client
            .put_item()
            .table_name(&app.store.table)
            .set_item(Some(item))
            .send()
            .await
            .map_err(|e| store::sdk_error("PutItem proposal", e))?;

        let address = format!("{}, {} {}", association.address, association.postcode, association.city);
        let mut contact = vec![("E-mail", association.contact_email.clone()), ("Adresse", address.clone())];
        if let Some(p) = &association.contact_phone {
            contact.push(("Téléphone", p.clone()));
        }
        if let Some(w) = &association.website {
            contact.push(("Site web", w.clone()));
        }
        let letters = [
            emails::skills_to_association(&association.contact_email, &association.name, &user.full_name(), user.email.as_str(), phone.as_deref(), &company, &message),
            emails::skills_sent_to_employee(user.email.as_str(), &user.first_name, &association.name, contact),
        ];
        for letter in &letters {
            if let Err(e) = app.mailer.send(letter).await {
                tracing::error!(error = %e, subject = %letter.subject, "proposal e-mail not sent");
            }
        }
        http::json(
            201,
            &Sent {
                id: proposal.id,
                association: AssociationContact {
                    id: association.id.clone(),
                    name: association.name.clone(),
                    email: association.contact_email.clone(),
                    phone: association.contact_phone.clone(),
                    address,
                    website: association.website.clone(),
                },
                warnings: if busy { vec![ONE_AT_A_TIME] } else { vec![] },
            },
        )
    }
}

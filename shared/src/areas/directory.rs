//! The associations directory (B7) and "Je propose mes compétences" (B8).
//!
//! Employees see the partner associations of their company (and, among an association's
//! partner companies, only their own: nothing of one company is shown to another); the
//! operator sees every association and all its partners.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::app::App;
use crate::areas::views::{AssociationView, Label};
use crate::catalogue::State;
use crate::domain::association::Association;
use crate::domain::company::Company;
use crate::domain::engagement::{in_touch_elsewhere, Engagement};
use crate::domain::user::Role;
use crate::error::{ApiError, ApiResult};
use crate::http::Caller;
use crate::keys;
use crate::store::{self};
use crate::taxonomy::{self, REGIONS};
use crate::texts::err;

/// A proposal counts as open ("one association at a time") this long after it was sent.
pub const PROPOSALS_PER_DAY: u32 = 5;
pub use crate::texts::ONE_ASSOCIATION_AT_A_TIME as ONE_AT_A_TIME;

/// Who is looking: an employee of a company, or the operator.
pub enum Viewer {
    Employee(Arc<Company>),
    Operator,
}

pub async fn viewer(app: &App, state: &crate::catalogue::Directory, caller: &Caller) -> ApiResult<Viewer> {
    if let Some(c) = state.company_of_domain(caller.email.domain()) {
        return Ok(Viewer::Employee(c.clone()));
    }
    match crate::areas::access::require_role(app, caller, Role::Operator).await {
        Ok(_) => Ok(Viewer::Operator),
        Err(_) => Err(ApiError::Forbidden(err::NOT_AN_EMPLOYEE.into())),
    }
}

impl Viewer {
    pub fn sees(&self, state: &crate::catalogue::Directory, association_id: &str) -> bool {
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
pub fn published_counts(state: &mut State) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for m in state.published() {
        *counts.entry(m.association_id.clone()).or_insert(0) += 1;
    }
    counts
}

pub fn entry(
    state: &crate::catalogue::Directory,
    viewer: &Viewer,
    a: &Association,
    counts: &std::collections::HashMap<String, usize>,
) -> DirectoryEntry {
    let region = taxonomy::place_of_postcode(&a.postcode)
        .and_then(|p| REGIONS.label_of(p.region).map(|label| Label { slug: p.region.to_string(), label }));
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

/// The skill proposals among a partition's items.
pub fn proposals(items: Vec<store::Item>) -> Vec<Proposal> {
    items
        .into_iter()
        .filter(|i| store::string(i, keys::ENTITY_TYPE) == Some(PROPOSAL_ENTITY))
        .filter_map(|i| store::from_item::<Proposal>(i).ok())
        .collect()
}

/// "One association at a time", from what `activity_of` read.
pub fn busy_in(engagements: &[Engagement], others: Vec<store::Item>, association_id: &str, now: DateTime<Utc>) -> bool {
    let proposals = proposals(others);
    in_touch_elsewhere(engagements, proposals.iter().map(|p| (p.association_id.as_str(), p.sent_at)), association_id, now)
}

pub const PROPOSAL_ENTITY: &str = "SkillProposal";

/// Whether the employee has another open proposal or application than with `association_id`
/// (one Query: proposals share the partition of the employee's engagements).
pub async fn busy_elsewhere(app: &App, sub: &str, association_id: &str) -> ApiResult<bool> {
    let (engagements, others) = crate::areas::engagements::activity_of(&app.store, sub).await?;
    Ok(busy_in(&engagements, others, association_id, app.now()))
}

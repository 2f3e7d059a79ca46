//! What the API returns: views of missions, associations and profiles built from the domain.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::association::{Association, Eligibility};
use crate::domain::company::Company;
use crate::domain::mission::{Mission, MissionFormat, Participants};
use crate::domain::user::{Consent, Role, User};
use crate::taxonomy::{Taxonomy, PERSONAL_EXPERTISES, PROFESSIONAL_EXPERTISES, REGIONS, THEMES};
use crate::texts::{mission_labels, steps, todo};

#[derive(Debug, Serialize)]
pub struct Label {
    pub slug: String,
    pub label: &'static str,
}

pub fn labels(t: Taxonomy, slugs: &[String]) -> Vec<Label> {
    slugs.iter().filter_map(|s| t.label_of(s).map(|label| Label { slug: s.clone(), label })).collect()
}

#[derive(Debug, Serialize)]
pub struct AssociationRef {
    pub id: String,
    pub name: String,
}

/// A mission as listed in search results, favourites and history.
#[derive(Debug, Serialize)]
pub struct MissionCard {
    pub id: String,
    pub title: String,
    pub association: AssociationRef,
    pub themes: Vec<Label>,
    pub professional_expertises: Vec<Label>,
    pub personal_expertises: Vec<Label>,
    pub duration_label: String,
    pub format: MissionFormat,
    pub city: Option<String>,
    pub department: Option<String>,
    pub region: Option<Label>,
    pub remote_possible: bool,
    pub published_at: Option<DateTime<Utc>>,
}

impl MissionCard {
    pub fn of(m: &Mission, association: Option<&Association>) -> Self {
        MissionCard {
            id: m.id.clone(),
            title: m.title.clone(),
            association: AssociationRef { id: m.association_id.clone(), name: association.map(|a| a.name.clone()).unwrap_or_default() },
            themes: labels(THEMES, &m.themes),
            professional_expertises: labels(PROFESSIONAL_EXPERTISES, &m.professional_expertises),
            personal_expertises: labels(PERSONAL_EXPERTISES, &m.personal_expertises),
            duration_label: m.duration_label.clone(),
            format: m.format,
            city: m.city.clone(),
            department: m.department.clone(),
            region: m.region.as_ref().and_then(|r| labels(REGIONS, std::slice::from_ref(r)).pop()),
            remote_possible: m.remote_possible,
            published_at: m.published_at,
        }
    }

    /// The card of a mission, with its association as the directory knows it.
    pub fn in_catalogue(directory: &crate::catalogue::Directory, m: &Mission) -> Self {
        Self::of(m, directory.association(&m.association_id).map(|a| a.as_ref()))
    }
}

/// A page of search results as `GET /missions` answers it: the count, its French label, the
/// page's cards (each mission decoded at its first showing) and the next page's cursor.
#[derive(Debug, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub total_label: String,
    pub items: Vec<MissionCard>,
    pub next_cursor: Option<String>,
}

impl SearchResults {
    pub fn of(directory: &crate::catalogue::Directory, page: &crate::catalogue::SearchPage) -> crate::error::ApiResult<Self> {
        let items =
            page.items.iter().map(|m| Ok(MissionCard::in_catalogue(directory, m.mission()?))).collect::<crate::error::ApiResult<_>>()?;
        Ok(SearchResults {
            total: page.total,
            total_label: crate::texts::mission_count(page.total),
            items,
            next_cursor: page.next.as_ref().map(|c| c.encode()),
        })
    }
}

/// An association as employees see it (B7).
#[derive(Debug, Serialize)]
pub struct AssociationView {
    pub id: String,
    pub name: String,
    pub address: String,
    pub postcode: String,
    pub city: String,
    pub website: Option<String>,
    pub theme: Option<Label>,
    pub description: String,
    pub registration_number: String,
    pub representative_name: String,
    pub representative_title: String,
    pub eligibility: Eligibility,
}

impl AssociationView {
    pub fn of(a: &Association) -> Self {
        AssociationView {
            id: a.id.clone(),
            name: a.name.clone(),
            address: a.address.clone(),
            postcode: a.postcode.clone(),
            city: a.city.clone(),
            website: a.website.clone(),
            theme: labels(THEMES, std::slice::from_ref(&a.theme)).pop(),
            description: a.description.clone(),
            registration_number: a.registration_number.clone(),
            representative_name: a.representative_name.clone(),
            representative_title: a.representative_title.clone(),
            eligibility: a.eligibility.clone(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Step {
    pub number: u8,
    pub label: &'static str,
    pub status: &'static str,
}

/// The caller's relation to a mission: favourite, and progress on the four steps.
#[derive(Debug, Serialize)]
pub struct MyMission {
    pub favourite: bool,
    pub current_step: u8,
    pub steps: Vec<Step>,
}

impl MyMission {
    /// `done` is the number of completed steps (0 before applying).
    pub fn new(favourite: bool, done: u8) -> Self {
        let done = done.min(4);
        let steps = (1..=4u8)
            .map(|n| Step {
                number: n,
                label: steps::LABELS[(n - 1) as usize],
                status: if n <= done {
                    steps::DONE
                } else if n == done + 1 {
                    steps::TODO
                } else {
                    steps::LOCKED
                },
            })
            .collect();
        MyMission { favourite, current_step: (done + 1).min(4), steps }
    }
}

/// The mission page (B3).
#[derive(Debug, Serialize)]
pub struct MissionPage {
    #[serde(flatten)]
    pub card: MissionCard,
    pub description: String,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub participants: Participants,
    pub all_professions_welcome: bool,
    pub commitment: Option<String>,
    /// "Infos pratiques" as shown on the page.
    pub practical_info: Vec<String>,
    pub association_details: Option<AssociationView>,
    pub me: MyMission,
}

impl MissionPage {
    pub fn of(m: &Mission, association: Option<&Association>, me: MyMission) -> Self {
        let mut practical_info = Vec::new();
        let place = [m.address.as_deref(), m.postcode.as_deref(), m.city.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        if !place.is_empty() {
            practical_info.push(place);
        }
        practical_info.push(
            match m.participants {
                Participants::Single => mission_labels::SINGLE,
                Participants::Multiple => mission_labels::MULTIPLE,
            }
            .to_string(),
        );
        practical_info.push(m.duration_label.clone());
        if m.all_professions_welcome {
            practical_info.push(mission_labels::ALL_PROFESSIONS.to_string());
        }
        practical_info
            .push(if m.remote_possible { mission_labels::REMOTE_POSSIBLE } else { mission_labels::REMOTE_IMPOSSIBLE }.to_string());
        MissionPage {
            card: MissionCard::of(m, association),
            description: m.description.clone(),
            address: m.address.clone(),
            postcode: m.postcode.clone(),
            participants: m.participants,
            all_professions_welcome: m.all_professions_welcome,
            commitment: m.commitment.clone(),
            practical_info,
            association_details: association.map(AssociationView::of),
            me,
        }
    }
}

/// A mission as its association's referents manage it: every field, with its status.
#[derive(Debug, Serialize)]
pub struct ManagedMission {
    #[serde(flatten)]
    pub mission: Mission,
    pub status_label: &'static str,
}

impl ManagedMission {
    pub fn of(mission: Mission) -> Self {
        let status_label = mission.status.label();
        ManagedMission { mission, status_label }
    }
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct TodoItem {
    pub code: &'static str,
    pub label: &'static str,
    pub count: u32,
}

/// "Mon compte": who I am, my company and entity, and what I still have to do.
#[derive(Debug, Serialize)]
pub struct Profile {
    pub registered: bool,
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub role: Option<Role>,
    pub company: Option<Named>,
    pub entity: Option<Named>,
    pub association: Option<Named>,
    pub phone: Option<String>,
    pub consent: Option<Consent>,
    pub todo: Vec<TodoItem>,
}

impl Profile {
    pub fn of(email: &str, user: Option<&User>, company: Option<&Company>, association: Option<&Association>) -> Self {
        let entity = user
            .and_then(|u| u.entity_id.as_deref())
            .and_then(|id| company.and_then(|c| c.entity(id)))
            .map(|e| Named { id: e.id.clone(), name: e.name.clone() });
        let complete = user.is_some_and(User::is_complete);
        let mut todo = Vec::new();
        if !complete && company.is_some() {
            todo.push(TodoItem { code: "finish_registration", label: todo::FINISH_REGISTRATION, count: 1 });
        }
        Profile {
            registered: user.is_some(),
            email: email.to_string(),
            first_name: user.map(|u| u.first_name.clone()),
            last_name: user.map(|u| u.last_name.clone()),
            role: user.map(|u| u.role),
            company: company.map(|c| Named { id: c.id.clone(), name: c.name.clone() }),
            entity,
            association: association.map(|a| Named { id: a.id.clone(), name: a.name.clone() }),
            phone: user.and_then(|u| u.phone.clone()),
            consent: user.and_then(|u| u.consent.clone()),
            todo,
        }
    }
}

/// A list answer: `{"items": [...]}`.
#[derive(Debug, Serialize)]
pub struct Items<T> {
    pub items: Vec<T>,
}

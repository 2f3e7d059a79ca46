//! Missions published by associations (B1): fields, validation against the taxonomies, and
//! the status life cycle draft → published → archived.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::email::Email;
use super::error::{DomainError, DomainResult, Errors, FieldError, Problem, Refusal};
use super::taxonomy::{self, PERSONAL_EXPERTISES, PROFESSIONAL_EXPERTISES, THEMES};
use super::validate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissionStatus {
    Draft,
    Published,
    Archived,
}

/// What a referent may do to a mission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MissionAction {
    Update,
    Publish,
    Archive,
}

/// The life cycle, in one place: which action is legal from which status, and where it leads.
pub fn transition(from: MissionStatus, action: MissionAction) -> DomainResult<MissionStatus> {
    use MissionAction::*;
    use MissionStatus::*;
    match (from, action) {
        (Draft, Update) => Ok(Draft),
        (Published, Update) => Ok(Published),
        (Draft, Publish) => Ok(Published),
        (Draft | Published, Archive) => Ok(Archived),
        (from, action) => Err(DomainError::Conflict(Refusal::MissionTransition { from, action })),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissionFormat {
    FullDay,
    HalfDay,
    FullOrHalfDay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Participants {
    Single,
    Multiple,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub email: Email,
    #[serde(default)]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mission {
    pub id: String,
    pub association_id: String,
    pub title: String,
    /// "Ta mission si tu l'acceptes".
    pub description: String,
    pub themes: Vec<String>,
    pub professional_expertises: Vec<String>,
    pub personal_expertises: Vec<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    pub remote_possible: bool,
    pub duration_label: String,
    pub format: MissionFormat,
    pub participants: Participants,
    pub all_professions_welcome: bool,
    #[serde(default)]
    pub commitment: Option<String>,
    pub referent: Contact,
    pub status: MissionStatus,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(default)]
    pub published_at: Option<DateTime<Utc>>,
    /// Incremented on every write; writes are conditional on the version they started from.
    pub version: u64,
}

/// Where a mission takes place, as a convention states it: once a convention covers days
/// to come, a change of it is a new version that the three parties sign again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionPlace {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    pub remote_possible: bool,
}

/// The fields a referent sends to create (all required ones) or update (any) a mission.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissionFields {
    pub title: Option<String>,
    pub description: Option<String>,
    pub themes: Option<Vec<String>>,
    pub professional_expertises: Option<Vec<String>>,
    pub personal_expertises: Option<Vec<String>>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub remote_possible: Option<bool>,
    pub duration_label: Option<String>,
    pub format: Option<String>,
    pub participants: Option<String>,
    pub all_professions_welcome: Option<bool>,
    pub commitment: Option<String>,
    pub referent: Option<ContactFields>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactFields {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

pub const TITLE_MAX: usize = 150;
pub const DESCRIPTION_MAX: usize = 5000;

impl MissionFields {
    /// Whether the request says where the mission takes place (a change of it may need new
    /// signatures; a retried request says it again, so that what it began is finished).
    pub fn touches_place(&self) -> bool {
        self.address.is_some() || self.postcode.is_some() || self.city.is_some() || self.remote_possible.is_some()
    }

    pub fn is_empty(&self) -> bool {
        let MissionFields {
            title,
            description,
            themes,
            professional_expertises,
            personal_expertises,
            address,
            postcode,
            city,
            remote_possible,
            duration_label,
            format,
            participants,
            all_professions_welcome,
            commitment,
            referent,
        } = self;
        title.is_none()
            && description.is_none()
            && themes.is_none()
            && professional_expertises.is_none()
            && personal_expertises.is_none()
            && address.is_none()
            && postcode.is_none()
            && city.is_none()
            && remote_possible.is_none()
            && duration_label.is_none()
            && format.is_none()
            && participants.is_none()
            && all_professions_welcome.is_none()
            && commitment.is_none()
            && referent.is_none()
    }

    /// Validates a new mission (status draft) for an association.
    pub fn create(self, id: String, association_id: String, now: DateTime<Utc>) -> DomainResult<Mission> {
        self.merge(None, id, association_id, now)
    }

    /// Applies these fields on `base` and validates the result as a whole.
    pub fn update(self, base: &Mission, now: DateTime<Utc>) -> DomainResult<Mission> {
        if self.is_empty() {
            return Err(DomainError::BadRequest(Refusal::EmptyPatch));
        }
        self.merge(Some(base), base.id.clone(), base.association_id.clone(), now)
    }

    fn merge(self, base: Option<&Mission>, id: String, association_id: String, now: DateTime<Utc>) -> DomainResult<Mission> {
        let mut e = Errors::new();
        let pick = |new: Option<String>, old: Option<&str>| new.or_else(|| old.map(str::to_string));
        let title = e.check(validate::line("title", pick(self.title, base.map(|b| b.title.as_str())).as_deref(), 3, TITLE_MAX));
        let description = e.check(validate::text(
            "description",
            pick(self.description, base.map(|b| b.description.as_str())).as_deref(),
            10,
            DESCRIPTION_MAX,
        ));
        let themes = self.themes.or_else(|| base.map(|b| b.themes.clone())).unwrap_or_default();
        let themes = e.check(THEMES.parse_list("themes", &themes, 1, 3));
        let pro = self.professional_expertises.or_else(|| base.map(|b| b.professional_expertises.clone())).unwrap_or_default();
        let pro = e.check(PROFESSIONAL_EXPERTISES.parse_list("professional_expertises", &pro, 0, PROFESSIONAL_EXPERTISES.entries.len()));
        let perso = self.personal_expertises.or_else(|| base.map(|b| b.personal_expertises.clone())).unwrap_or_default();
        let perso = e.check(PERSONAL_EXPERTISES.parse_list("personal_expertises", &perso, 0, PERSONAL_EXPERTISES.entries.len()));

        let remote_possible = self.remote_possible.or(base.map(|b| b.remote_possible)).unwrap_or(false);
        let address = e
            .check(validate::optional_text("address", pick(self.address, base.and_then(|b| b.address.as_deref())).as_deref(), 200))
            .flatten();
        let city =
            e.check(validate::optional_text("city", pick(self.city, base.and_then(|b| b.city.as_deref())).as_deref(), 100)).flatten();
        let postcode =
            pick(self.postcode, base.and_then(|b| b.postcode.as_deref())).map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
        let place = match &postcode {
            Some(p) => match taxonomy::place_of_postcode(p) {
                Some(place) => Some(place),
                None => {
                    e.add("postcode", Problem::Postcode);
                    None
                }
            },
            None => {
                if !remote_possible {
                    e.add("postcode", Problem::PostcodeRequiredOnSite);
                }
                None
            }
        };
        if postcode.is_some() && city.is_none() {
            e.add("city", Problem::Required);
        }
        let duration_label =
            e.check(validate::line("duration_label", pick(self.duration_label, base.map(|b| b.duration_label.as_str())).as_deref(), 1, 40));
        let format = match self.format {
            Some(f) => e.check(parse_enum(
                "format",
                &f,
                &[
                    ("full_day", MissionFormat::FullDay),
                    ("half_day", MissionFormat::HalfDay),
                    ("full_or_half_day", MissionFormat::FullOrHalfDay),
                ],
            )),
            None => base.map(|b| b.format).or_else(|| {
                e.add("format", Problem::Required);
                None
            }),
        };
        let participants = match self.participants {
            Some(p) => e.check(parse_enum("participants", &p, &[("single", Participants::Single), ("multiple", Participants::Multiple)])),
            None => Some(base.map(|b| b.participants).unwrap_or(Participants::Single)),
        };
        let all_professions_welcome = self.all_professions_welcome.or(base.map(|b| b.all_professions_welcome)).unwrap_or(false);
        let commitment = e
            .check(validate::optional_text(
                "commitment",
                pick(self.commitment, base.and_then(|b| b.commitment.as_deref())).as_deref(),
                1000,
            ))
            .flatten();
        let referent = match (self.referent, base) {
            (Some(c), base) => {
                let old = base.map(|b| &b.referent);
                let name = e.check(validate::line("referent.name", pick(c.name, old.map(|o| o.name.as_str())).as_deref(), 2, 100));
                let email = match pick(c.email, old.map(|o| o.email.as_str())) {
                    Some(v) => e.check(Email::parse("referent.email", &v)),
                    None => {
                        e.add("referent.email", Problem::Required);
                        None
                    }
                };
                let phone =
                    e.check(validate::phone("referent.phone", pick(c.phone, old.and_then(|o| o.phone.as_deref())).as_deref())).flatten();
                match (name, email) {
                    (Some(name), Some(email)) => Some(Contact { name, email, phone }),
                    _ => None,
                }
            }
            (None, Some(b)) => Some(b.referent.clone()),
            (None, None) => {
                e.add("referent", Problem::Required);
                None
            }
        };
        e.finish()?;
        // Every value is Some once `finish` passed; the fallbacks below are never used.
        Ok(Mission {
            id,
            association_id,
            title: title.unwrap_or_default(),
            description: description.unwrap_or_default(),
            themes: themes.unwrap_or_default().into_iter().map(String::from).collect(),
            professional_expertises: pro.unwrap_or_default().into_iter().map(String::from).collect(),
            personal_expertises: perso.unwrap_or_default().into_iter().map(String::from).collect(),
            address,
            department: place.as_ref().map(|p| p.department.clone()),
            region: place.as_ref().map(|p| p.region.to_string()),
            postcode,
            city,
            remote_possible,
            duration_label: duration_label.unwrap_or_default(),
            format: format.unwrap_or(MissionFormat::FullDay),
            participants: participants.unwrap_or(Participants::Single),
            all_professions_welcome,
            commitment,
            referent: referent.ok_or_else(|| DomainError::field("referent", Problem::Required))?,
            status: base.map(|b| b.status).unwrap_or(MissionStatus::Draft),
            created_at: base.map(|b| b.created_at).unwrap_or(now),
            updated_at: now,
            published_at: base.and_then(|b| b.published_at),
            version: base.map(|b| b.version + 1).unwrap_or(1),
        })
    }
}

/// `validate::one_of` on the trimmed value; the problem quotes the value as sent.
fn parse_enum<T: Copy>(field: &str, value: &str, options: &[(&str, T)]) -> Result<T, FieldError> {
    validate::one_of(field, value.trim(), options).map_err(|mut e| {
        if let Problem::UnknownValue { value: quoted, .. } = &mut e.problem {
            *quoted = value.to_string();
        }
        e
    })
}

impl Mission {
    /// Where it takes place (what a convention states).
    pub fn place(&self) -> MissionPlace {
        MissionPlace {
            address: self.address.clone(),
            postcode: self.postcode.clone(),
            city: self.city.clone(),
            remote_possible: self.remote_possible,
        }
    }

    /// Applies a status action, returning the next version of the mission.
    pub fn apply(&self, action: MissionAction, now: DateTime<Utc>) -> DomainResult<Mission> {
        let status = transition(self.status, action)?;
        let mut next = self.clone();
        if status == MissionStatus::Published && self.status != MissionStatus::Published {
            next.published_at = Some(now);
        }
        next.status = status;
        next.updated_at = now;
        next.version = self.version + 1;
        Ok(next)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn fields() -> MissionFields {
        MissionFields {
            title: Some("Créer un crowdfunding".into()),
            description: Some("Aidez l'association à préparer sa campagne de financement participatif.".into()),
            themes: Some(vec!["sante-handicap".into(), "arts-culture".into()]),
            professional_expertises: Some(vec!["marketing-communication".into()]),
            personal_expertises: Some(vec![]),
            address: Some("12 rue de la Paix".into()),
            postcode: Some("75002".into()),
            city: Some("Paris".into()),
            remote_possible: Some(false),
            duration_label: Some("100% journée".into()),
            format: Some("full_day".into()),
            participants: Some("single".into()),
            all_professions_welcome: Some(false),
            commitment: None,
            referent: Some(ContactFields { name: Some("Sophie Durand".into()), email: Some("Sophie@Apte.example".into()), phone: None }),
        }
    }

    fn now() -> DateTime<Utc> {
        "2026-01-05T09:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_valid_mission_is_a_draft_placed_in_its_region() {
        let m = fields().create("m1".into(), "apte".into(), now()).unwrap();
        assert_eq!(m.status, MissionStatus::Draft);
        assert_eq!(m.region.as_deref(), Some("ile-de-france"));
        assert_eq!(m.department.as_deref(), Some("75"));
        assert_eq!(m.referent.email.as_str(), "sophie@apte.example");
        assert_eq!(m.version, 1);
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut f = fields();
        f.title = Some("ab".into());
        f.themes = Some(vec!["santé".into()]);
        f.postcode = Some("7500".into());
        f.format = Some("weekend".into());
        f.referent = Some(ContactFields { name: Some("S".into()), email: Some("pas-une-adresse".into()), phone: None });
        let DomainError::Invalid(errors) = f.create("m1".into(), "apte".into(), now()).unwrap_err() else { panic!() };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "themes[0]", "postcode", "format", "referent.name", "referent.email"]);
    }

    #[test]
    fn missing_required_fields_are_named() {
        let DomainError::Invalid(errors) = MissionFields::default().create("m".into(), "a".into(), now()).unwrap_err() else { panic!() };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        for f in ["title", "description", "themes", "postcode", "duration_label", "format", "referent"] {
            assert!(fields.contains(&f), "{f} in {fields:?}");
        }
    }

    #[test]
    fn remote_missions_need_no_place() {
        let mut f = fields();
        f.remote_possible = Some(true);
        f.postcode = None;
        f.city = None;
        f.address = None;
        let m = f.create("m".into(), "a".into(), now()).unwrap();
        assert!(m.region.is_none());
    }

    #[test]
    fn a_request_that_says_the_place_is_followed_by_the_conventions() {
        let m = fields().create("m1".into(), "apte".into(), now()).unwrap();
        assert_eq!(m.place().city.as_deref(), m.city.as_deref());
        assert!(MissionFields { remote_possible: Some(false), ..Default::default() }.touches_place());
        assert!(MissionFields { address: Some("1 rue Haute".into()), ..Default::default() }.touches_place());
        assert!(!MissionFields { title: Some("Autre titre".into()), ..Default::default() }.touches_place());
    }

    #[test]
    fn updates_revalidate_the_whole_mission() {
        let m = fields().create("m1".into(), "apte".into(), now()).unwrap();
        let later = now() + chrono::Duration::hours(1);
        let u =
            MissionFields { postcode: Some("44000".into()), city: Some("Nantes".into()), ..Default::default() }.update(&m, later).unwrap();
        assert_eq!(u.region.as_deref(), Some("pays-de-la-loire"));
        assert_eq!(u.title, m.title);
        assert_eq!(u.version, 2);
        assert!(matches!(MissionFields::default().update(&m, later), Err(DomainError::BadRequest(_))));
        let bad = MissionFields { themes: Some(vec![]), ..Default::default() }.update(&m, later);
        assert!(matches!(bad, Err(DomainError::Invalid(_))));
    }

    #[test]
    fn life_cycle() {
        let m = fields().create("m1".into(), "apte".into(), now()).unwrap();
        let p = m.apply(MissionAction::Publish, now()).unwrap();
        assert_eq!(p.status, MissionStatus::Published);
        assert_eq!(p.published_at, Some(now()));
        let err = p.apply(MissionAction::Publish, now()).unwrap_err();
        assert_eq!(
            err,
            DomainError::Conflict(Refusal::MissionTransition { from: MissionStatus::Published, action: MissionAction::Publish })
        );
        let a = p.apply(MissionAction::Archive, now()).unwrap();
        assert!(a.apply(MissionAction::Update, now()).is_err());
        assert!(a.apply(MissionAction::Publish, now()).is_err());
        assert!(a.apply(MissionAction::Archive, now()).is_err());
    }
}

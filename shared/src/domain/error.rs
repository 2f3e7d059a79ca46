//! The domain's own errors: typed, with the facts that explain them. The domain says what is
//! wrong; `texts::refusals` says it in French, and `error` turns it into problem+json at the
//! edge (`From<DomainError> for ApiError`).

use super::engagement::{EngagementEvent, EngagementState, RequestState, Signatory};
use super::mission::{MissionAction, MissionStatus};

/// What is wrong with one input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    /// A text of `min` to `max` characters.
    Length {
        min: usize,
        max: usize,
    },
    /// A list of `min` to `max` entries.
    Count {
        min: usize,
        max: usize,
    },
    /// An integer from `min` to `max`.
    Integer {
        min: i64,
        max: i64,
    },
    /// One of `allowed` (as written in the API).
    UnknownValue {
        value: String,
        allowed: String,
    },
    Email,
    /// Not an e-mail domain (`bpifrance.fr`).
    EmailDomain,
    /// Not an RNA number (`W` and 9 digits), a SIREN (9 digits) or a SIRET (14 digits) whose
    /// check digit holds.
    Registration,
    /// Not a SIRET (14 digits whose check digit holds).
    Siret,
    /// Not an IBAN whose check digits hold.
    Iban,
    /// Not a French VAT number of this SIREN.
    VatNumber,
    /// The self-billing mandate must be accepted.
    MandateNotAccepted,
    /// Not a colour written `#RRGGBB`.
    Colour,
    /// An entity of the company left out of the new list (entities are renamed, never removed).
    EntityRemoved(String),
    Phone,
    Id,
    Url,
    Date,
    Time,
    Postcode,
    PostcodeRequiredOnSite,
    EndBeforeStart,
    PlaceOrRemote,
    SessionInThePast,
    AlertWithoutPreferences,
    /// A pasted participant line that cannot be read (1-based).
    ParticipantLine(usize),
    DuplicateParticipant(String),
    /// A value given twice in a list.
    DuplicateValue(String),
    /// An HR file.
    Hr(HrProblem),
    /// A day that is not written AAAA-MM-JJ (as sent).
    DayFormat(String),
    PastDay(chrono::NaiveDate),
    /// A day outside the engagement's calendar year.
    OutsideYear {
        year: i32,
        date: chrono::NaiveDate,
    },
    /// The manager's address is the employee's own.
    ManagerIsSelf,
    /// Not a participant of the session.
    UnknownParticipant,
    /// The allowance refuses the days.
    Allowance(super::allowance::Refusal),
}

/// What is wrong with an HR file (the line number is 1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HrProblem {
    Empty,
    Header,
    TooManyLines(usize),
    Email(usize),
    Contract(usize),
    HireDate(usize),
    RetirementDate(usize),
    DayCost(usize),
    Qualification(usize),
    Duplicate { line: usize, email: String },
}

/// One invalid field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self { field: field.into(), problem }
    }
}

/// Why an action is refused in the current state of things.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    IllegalTransition {
        event: EngagementEvent,
        state: EngagementState,
    },
    RequestAlreadyDecided(RequestState),
    RequestNotFound,
    ConventionNotSignable(EngagementState),
    AlreadySigned(Signatory),
    DateNotAccepted,
    DateAlreadyAttested,
    DateNotPassed,
    DateNotCovered,
    DateNotCancellable(EngagementState),
    DateNotInMission,
    DatePassed,
    MissionTransition {
        from: MissionStatus,
        action: MissionAction,
    },
    EmptyPatch,
    FacilitationMissionClosed,
    RemunerationOnceAMonth(String),
    NothingToRemunerate,
    SessionNotStarted,
    /// No request awaits the manager.
    NoPendingRequest,
    /// The manager's address bounces: to correct before anything is sent to it.
    ManagerUnreachable,
    /// Some requested days are past: a new request instead of a new link.
    RequestedDatesPassed,
    /// Done already a moment ago: possible again at `next_at`.
    TooSoon {
        next_at: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    },
    /// Continuing a mission in `year`: the assessment of `previous` comes first.
    PreviousAssessmentFirst {
        year: i32,
        previous: i32,
    },
}

/// What the domain answers when it says no.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainError {
    /// Invalid input, each field named (400).
    Invalid(Vec<FieldError>),
    /// The request cannot be read as a change (400).
    BadRequest(Refusal),
    /// What the action is about does not exist (404).
    NotFound(Refusal),
    /// Not possible in the current state (409).
    Conflict(Refusal),
}

impl DomainError {
    pub fn field(field: impl Into<String>, problem: Problem) -> Self {
        DomainError::Invalid(vec![FieldError::new(field, problem)])
    }

    /// The invalid fields, in order (none for a refusal).
    pub fn fields(&self) -> Vec<&str> {
        match self {
            DomainError::Invalid(errors) => errors.iter().map(|e| e.field.as_str()).collect(),
            _ => vec![],
        }
    }
}

pub type DomainResult<T> = Result<T, DomainError>;

/// Collects every invalid field of an input before answering, whatever the field error type
/// (the domain's here, the edge's in `error`).
#[derive(Debug)]
pub struct Collected<E>(Vec<E>);

impl<E> Default for Collected<E> {
    fn default() -> Self {
        Collected(Vec::new())
    }
}

impl<E> Collected<E> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, error: E) {
        self.0.push(error);
    }

    /// Keeps the value, or records the error and gives `None`.
    pub fn check<T, F: Into<E>>(&mut self, r: Result<T, F>) -> Option<T> {
        r.map_err(|e| self.0.push(e.into())).ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok` when nothing was collected, else the errors.
    pub fn into_result(self) -> Result<(), Vec<E>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// The domain's collector of invalid fields.
pub type Errors = Collected<FieldError>;

impl Collected<FieldError> {
    pub fn add(&mut self, field: impl Into<String>, problem: Problem) {
        self.push(FieldError::new(field, problem));
    }

    pub fn finish(self) -> DomainResult<()> {
        self.into_result().map_err(DomainError::Invalid)
    }
}

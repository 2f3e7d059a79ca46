//! The states of an engagement (one employee, one mission, one calendar year) and of a date
//! request, and every legal transition, in one place. An illegal transition is a 409 with a
//! French message naming the state.
//!
//! | engagement state \ event | request dates | manager accepts | manager refuses / link expires | all three signed | place changed | last date attested | assessment sent | cancel |
//! |---|---|---|---|---|---|---|---|---|
//! | applied | awaiting manager | – | – | – | – | – | – | cancelled |
//! | awaiting manager | – | awaiting signatures | applied, or where it was (signed, or awaiting signatures if the place changed meanwhile) | – | awaiting manager | – | – | cancelled |
//! | awaiting signatures | – | – | – | signed | awaiting signatures (a new version) | – | – | cancelled |
//! | signed | awaiting manager (added dates) | – | – | – | awaiting signatures (a new version) | assessment due | – | cancelled |
//! | assessment due | awaiting manager (added dates) | – | – | – | – | – | completed | cancelled |
//! | completed | – | – | – | – | – | – | – | – |
//! | cancelled | – | – | – | – | – | – | – | – |
//!
//! Which changes need new signatures: new dates (an accepted request) or a new place of the
//! mission while a convention covers days to come make a new version of the convention that
//! all three parties sign again (earlier signatures do not carry over; days before the change
//! stay covered by the version signed then). Correcting a party's e-mail address changes only
//! that party's link: the convention does not state it.

use serde::{Deserialize, Serialize};

use super::allowance::{BookedDay, DayPart};
use super::error::{DomainError, DomainResult, Errors, FieldError, Problem, Refusal};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EngagementState {
    Applied,
    AwaitingManager,
    AwaitingSignatures,
    Signed,
    AssessmentDue,
    Completed,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngagementEvent {
    RequestDates,
    ManagerAccepts,
    /// Refusal, or expiry of the manager's link.
    ManagerRefuses {
        convention_signed: bool,
    },
    AllSigned,
    /// The mission's place changed while a convention covers days to come.
    PlaceChanged,
    LastDateAttested,
    AssessmentSent,
    Cancel,
}

impl EngagementState {
    /// Steps of the four done in this state (the mission page's progress).
    pub fn steps_done(self) -> u8 {
        match self {
            EngagementState::Applied | EngagementState::AwaitingManager => 1,
            EngagementState::AwaitingSignatures => 2,
            EngagementState::Signed | EngagementState::AssessmentDue => 3,
            EngagementState::Completed => 4,
            EngagementState::Cancelled => 0,
        }
    }

    pub fn is_open(self) -> bool {
        !matches!(self, EngagementState::Completed | EngagementState::Cancelled)
    }
}

/// The next state, or a 409 explaining why not.
pub fn next(state: EngagementState, event: EngagementEvent) -> DomainResult<EngagementState> {
    use EngagementEvent as E;
    use EngagementState as S;
    let to = match (state, event) {
        (S::Applied | S::Signed | S::AssessmentDue, E::RequestDates) => S::AwaitingManager,
        (S::AwaitingManager, E::ManagerAccepts) => S::AwaitingSignatures,
        (S::AwaitingManager, E::ManagerRefuses { convention_signed: false }) => S::Applied,
        (S::AwaitingManager, E::ManagerRefuses { convention_signed: true }) => S::Signed,
        (S::AwaitingSignatures, E::AllSigned) => S::Signed,
        (S::AwaitingSignatures | S::Signed, E::PlaceChanged) => S::AwaitingSignatures,
        (S::AwaitingManager, E::PlaceChanged) => S::AwaitingManager,
        (S::Signed, E::LastDateAttested) => S::AssessmentDue,
        (S::AssessmentDue, E::AssessmentSent) => S::Completed,
        (s, E::Cancel) if s.is_open() => S::Cancelled,
        (s, e) => return Err(DomainError::Conflict(Refusal::IllegalTransition { event: e, state: s })),
    };
    Ok(to)
}

/// A request for dates sent to a manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestState {
    Pending,
    Accepted,
    Refused,
    Expired,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Accept,
    Refuse,
}

/// A decision on a request: only a pending one, once.
pub fn decide(state: RequestState, decision: Decision) -> DomainResult<RequestState> {
    match state {
        RequestState::Pending => Ok(match decision {
            Decision::Accept => RequestState::Accepted,
            Decision::Refuse => RequestState::Refused,
        }),
        other => Err(DomainError::Conflict(Refusal::RequestAlreadyDecided(other))),
    }
}

/// Every assessment reminder of the engagement: 1, 3 and 10 days after the end of its last
/// attested day (`domain::reminders::ASSESSMENT_DAYS`).
pub fn assessment_reminders_due(e: &Engagement) -> Vec<chrono::DateTime<chrono::Utc>> {
    let end = e
        .dates
        .iter()
        .filter(|d| matches!(d.state, DateState::Present | DateState::Absent))
        .map(|d| d.date)
        .max()
        .and_then(|last| last.succ_opt())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|d| chrono::TimeZone::from_local_datetime(&chrono_tz::Europe::Paris, &d).earliest())
        .map(|d| d.with_timezone(&chrono::Utc));
    let Some(end) = end else { return vec![] };
    super::reminders::ASSESSMENT_DAYS.iter().map(|n| end + chrono::Duration::days(*n)).collect()
}

/// At most this many days in one request.
pub const MAX_DATES: usize = 31;

/// A day as the employee sent it: `AAAA-MM-JJ`, and `full_day` (the default) or `half_day`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayAsked {
    pub date: String,
    pub part: Option<String>,
}

/// Step 2's days, checked: 1 to `MAX_DATES`, each a date to come within the engagement's
/// calendar year (a convention covers one year). Every bad day is recorded in `e`, named
/// `dates[i].date` or `dates[i].part`.
pub fn parse_days(asked: &[DayAsked], today: chrono::NaiveDate, year: i32, e: &mut Errors) -> Vec<BookedDay> {
    if asked.is_empty() || asked.len() > MAX_DATES {
        e.add("dates", Problem::Count { min: 1, max: MAX_DATES });
    }
    let mut days = Vec::new();
    for (i, d) in asked.iter().enumerate() {
        let field = format!("dates[{i}]");
        let Ok(date) = chrono::NaiveDate::parse_from_str(d.date.trim(), "%Y-%m-%d") else {
            e.add(format!("{field}.date"), Problem::DayFormat(d.date.clone()));
            continue;
        };
        let part = match d.part.as_deref().unwrap_or("full_day") {
            "full_day" => DayPart::FullDay,
            "half_day" => DayPart::HalfDay,
            other => {
                e.add(format!("{field}.part"), Problem::UnknownValue { value: other.to_string(), allowed: "full_day, half_day".into() });
                continue;
            }
        };
        if date < today {
            e.add(format!("{field}.date"), Problem::PastDay(date));
        } else if chrono::Datelike::year(&date) != year {
            e.add(format!("{field}.date"), Problem::OutsideYear { year, date });
        }
        days.push(BookedDay { date, part });
    }
    days
}

/// A request for dates, once the days are checked and booked on the allowance ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub id: String,
    pub manager_email: String,
    pub message: String,
    pub days: Vec<BookedDay>,
    pub ledger: Vec<LedgerEntry>,
    pub token_hash: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

/// Continuing a mission next year: the previous year's assessment comes first (an open
/// engagement of the same mission in an earlier year refuses a new application).
pub fn check_next_year(mine: &[Engagement], mission_id: &str, year: i32) -> DomainResult<()> {
    match mine.iter().find(|g| g.mission_id == mission_id && g.year < year && g.state.is_open()) {
        Some(previous) => Err(DomainError::Conflict(Refusal::PreviousAssessmentFirst { year, previous: previous.year })),
        None => Ok(()),
    }
}

/// The half days given in `year`: accepted and attended dates of every engagement.
pub fn half_days_given(engagements: &[Engagement], year: i32) -> u32 {
    engagements
        .iter()
        .flat_map(|e| e.dates.iter())
        .filter(|d| chrono::Datelike::year(&d.date) == year && matches!(d.state, DateState::Accepted | DateState::Present))
        .map(|d| d.part.half_days())
        .sum()
}

/// How many requests wait for this manager: the latest request of each engagement, pending,
/// sent to them, its link still live.
pub fn awaiting_manager(team: &[Engagement], manager_email: &str, now: chrono::DateTime<chrono::Utc>) -> u32 {
    team.iter()
        .filter(|e| {
            e.requests.last().is_some_and(|r| r.state == RequestState::Pending && r.expires_at > now && r.manager_email == manager_email)
        })
        .count() as u32
}

/// How long a skill proposal counts as an open contact with its association.
pub const PROPOSAL_OPEN_DAYS: i64 = 30;

/// "Contacte une association à la fois" (the guide): whether the person is already in touch
/// with an association other than `association_id` — an open engagement with it, or a skill
/// proposal sent to it within `PROPOSAL_OPEN_DAYS`. Another mission of the same association
/// is not another association.
pub fn in_touch_elsewhere<'a>(
    engagements: &[Engagement],
    proposals: impl IntoIterator<Item = (&'a str, chrono::DateTime<chrono::Utc>)>,
    association_id: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    let since = now - chrono::Duration::days(PROPOSAL_OPEN_DAYS);
    engagements.iter().any(|e| e.state.is_open() && e.association_id != association_id)
        || proposals.into_iter().any(|(other, sent_at)| sent_at >= since && other != association_id)
}

#[cfg(test)]
mod tests {
    /// An engagement of Maëlys with APTE, applied to.
    fn guide_engagement() -> Engagement {
        serde_json::from_value(serde_json::json!({
            "id": "e1", "year": 2026, "state": "applied",
            "employee": {"sub": "s1", "email": "maelys@bpifrance.example", "first_name": "Maëlys", "last_name": "Martin"},
            "company_id": "bpifrance", "mission_id": "apte-crowdfunding", "mission_title": "Créer un crowdfunding",
            "association_id": "apte", "association_name": "APTE",
            "referent": {"name": "Sophie Durand", "email": "sophie.durand@apte.example"},
            "message": "", "created_at": "2026-01-05T09:00:00Z", "updated_at": "2026-01-05T09:00:00Z", "version": 1
        }))
        .unwrap()
    }

    #[test]
    fn days_are_checked_one_by_one_and_named() {
        let day = |d: &str, p: Option<&str>| DayAsked { date: d.into(), part: p.map(str::to_string) };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        let mut e = Errors::new();
        let days = parse_days(&[day("2026-01-22", None), day("2026-01-23", Some("half_day"))], today, 2026, &mut e);
        assert!(e.is_empty());
        assert_eq!(days.iter().map(|d| d.part).collect::<Vec<_>>(), [DayPart::FullDay, DayPart::HalfDay]);
        let mut e = Errors::new();
        parse_days(
            &[day("22/01/2026", None), day("2026-01-05", None), day("2027-01-05", None), day("2026-02-02", Some("soir"))],
            today,
            2026,
            &mut e,
        );
        let err = e.finish().unwrap_err();
        assert_eq!(err.fields(), ["dates[0].date", "dates[1].date", "dates[2].date", "dates[3].part"]);
        let mut e = Errors::new();
        parse_days(&[], today, 2026, &mut e);
        assert_eq!(e.finish().unwrap_err().fields(), ["dates"]);
    }

    #[test]
    fn a_request_books_its_days_and_waits_for_the_manager() {
        use chrono::TimeZone;
        let now = chrono::Utc.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap();
        let mut g = guide_engagement();
        assert!(g.begin_request(now).unwrap().is_empty());
        let day = BookedDay { date: chrono::NaiveDate::from_ymd_opt(2026, 1, 22).unwrap(), part: DayPart::FullDay };
        let ledger = vec![LedgerEntry { sk: "LEDGER#2026".into(), half_days: 2, limit: 4 }];
        let new = NewRequest {
            id: "r1".into(),
            manager_email: "marc@bpifrance.example".into(),
            message: "".into(),
            days: vec![day],
            ledger: ledger.clone(),
            token_hash: "h".into(),
            expires_at: now + chrono::Duration::days(14),
        };
        let r = g.request_dates(new.clone(), now).unwrap();
        assert_eq!((g.state, r.state_before, r.ledger), (EngagementState::AwaitingManager, EngagementState::Applied, ledger));
        assert_eq!(g.dates.len(), 1);
        assert_eq!(g.version, 2);
        // One pending request at a time; once its link expired, it is closed and its days come back.
        assert!(g.begin_request(now).is_err());
        let later = now + chrono::Duration::days(15);
        assert_eq!(g.begin_request(later).unwrap().len(), 1);
        assert_eq!(g.requests[0].state, RequestState::Expired);
    }

    #[test]
    fn a_new_manager_link_kills_the_earlier_ones_at_most_once_a_day() {
        use chrono::TimeZone;
        let now = chrono::Utc.with_ymd_and_hms(2026, 1, 10, 9, 0, 0).unwrap();
        let mut g = guide_engagement();
        let day = BookedDay { date: chrono::NaiveDate::from_ymd_opt(2026, 1, 22).unwrap(), part: DayPart::FullDay };
        let new = NewRequest {
            id: "r1".into(),
            manager_email: "marc@bpifrance.example".into(),
            message: "".into(),
            days: vec![day],
            ledger: vec![],
            token_hash: "h0".into(),
            expires_at: now + chrono::Duration::days(14),
        };
        g.request_dates(new, now).unwrap();
        let too_soon = g.renew_manager_link("h1".into(), now + chrono::Duration::days(15), now + chrono::Duration::hours(23));
        let next_at = now + chrono::Duration::hours(24);
        assert_eq!(too_soon, Err(DomainError::Conflict(Refusal::TooSoon { next_at, now: now + chrono::Duration::hours(23) })));
        let r = g.renew_manager_link("h1".into(), next_at + chrono::Duration::days(14), next_at).unwrap();
        assert_eq!((r.link_generation, r.token_hash.as_deref(), r.resent_at), (1, Some("h1"), Some(next_at)));
        assert_eq!(g.requests[0].expires_at, next_at + chrono::Duration::days(14), "the request lives as long as its new link");
        assert!(g.renew_manager_link("h2".into(), next_at, next_at + chrono::Duration::hours(1)).is_err(), "the cooldown runs again");
        // Once the requested day has passed, a new request is needed instead.
        let late = chrono::Utc.with_ymd_and_hms(2026, 1, 23, 9, 0, 0).unwrap();
        assert_eq!(g.renew_manager_link("h3".into(), late, late), Err(DomainError::Conflict(Refusal::RequestedDatesPassed)));
        g.requests[0].manager_unreachable = true;
        assert_eq!(g.renew_manager_link("h3".into(), late, late), Err(DomainError::Conflict(Refusal::ManagerUnreachable)));
        g.requests[0].state = RequestState::Accepted;
        assert_eq!(g.renew_manager_link("h3".into(), late, late), Err(DomainError::Conflict(Refusal::NoPendingRequest)));
    }

    /// `g` with the days `days` requested as `id` and accepted by the manager at `at`.
    fn accepted(g: &mut Engagement, id: &str, days: &[(i32, u32, u32)], at: chrono::DateTime<chrono::Utc>) {
        let days = days
            .iter()
            .map(|(y, m, d)| BookedDay { date: chrono::NaiveDate::from_ymd_opt(*y, *m, *d).unwrap(), part: DayPart::FullDay })
            .collect();
        let new = NewRequest {
            id: id.into(),
            manager_email: "marc@bpifrance.example".into(),
            message: "".into(),
            days,
            ledger: vec![],
            token_hash: format!("h-{id}"),
            expires_at: at + chrono::Duration::days(14),
        };
        g.request_dates(new, at).unwrap();
        g.close_request(id, RequestState::Accepted, at, None).unwrap();
    }

    fn signed_by_all(g: &mut Engagement, at: chrono::DateTime<chrono::Utc>) {
        let version = g.convention_version();
        for signatory in Signatory::ALL {
            g.sign(Signature {
                version,
                signatory,
                name: "n".into(),
                email: "e@example.org".into(),
                sub: "s".into(),
                signed_at: at,
                ip: "192.0.2.1".into(),
                user_agent: "ua".into(),
                sha256: "0".repeat(64),
                text_version: None,
                authentication: None,
            })
            .unwrap();
        }
    }

    #[test]
    fn a_new_place_under_a_signed_convention_is_a_new_version_all_three_sign() {
        use super::super::mission::MissionPlace;
        use chrono::TimeZone;
        let at = |d: u32| chrono::Utc.with_ymd_and_hms(2026, 1, d, 9, 0, 0).unwrap();
        let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap();
        let lyon = MissionPlace { city: Some("Lyon".into()), ..Default::default() };
        let paris = MissionPlace { address: Some("5 rue Oberkampf".into()), city: Some("Paris".into()), ..Default::default() };
        let mut g = guide_engagement();
        g.place = Some(lyon.clone());
        // Before any convention, the place is only recorded for the first version.
        assert_eq!(g.follow_place(&paris, &lyon, at(6)), Ok(PlaceChange::Recorded));
        assert_eq!((g.state, g.convention_version(), g.place.as_ref()), (EngagementState::Applied, 0, Some(&paris)));
        assert_eq!(g.follow_place(&paris, &lyon, at(6)), Ok(PlaceChange::Unchanged), "the same place twice changes nothing");
        accepted(&mut g, "r1", &[(2026, 1, 12), (2026, 1, 26)], at(7));
        assert_eq!(g.convention_version(), 1);
        signed_by_all(&mut g, at(8));
        assert_eq!(g.state, EngagementState::Signed);
        // On the 20th, the place changes: the day of the 26th needs a version 2 signed by all three.
        let version = g.version;
        assert_eq!(g.follow_place(&lyon, &paris, at(20)), Ok(PlaceChange::NewVersion));
        assert_eq!((g.state, g.convention_version(), g.version), (EngagementState::AwaitingSignatures, 2, version + 1));
        assert_eq!(g.pending_signatories(), Signatory::ALL.to_vec(), "earlier signatures do not carry over");
        assert_eq!(g.first_date_to_sign(), Some(day(26)));
        // The 12th stays covered by version 1; the 26th waits for version 2.
        assert_eq!(g.attest(day(12), true, day(27), at(27)), Ok(()));
        assert_eq!(g.attest(day(26), true, day(27), at(27)), Err(DomainError::Conflict(Refusal::DateNotCovered)));
        signed_by_all(&mut g, at(21));
        assert_eq!(g.state, EngagementState::Signed);
        assert_eq!(g.attest(day(26), true, day(27), at(27)), Ok(()));
        assert_eq!(g.state, EngagementState::AssessmentDue);
        // Once every day is behind, a new place no longer concerns any convention.
        assert_eq!(g.follow_place(&paris, &lyon, at(28)), Ok(PlaceChange::Recorded));
        assert_eq!(g.convention_version(), 2);
    }

    #[test]
    fn versions_count_accepted_requests_and_changes_of_place_in_order() {
        use super::super::mission::MissionPlace;
        use chrono::TimeZone;
        let at = |d: u32| chrono::Utc.with_ymd_and_hms(2026, 3, d, 9, 0, 0).unwrap();
        let (a, b) = (MissionPlace { city: Some("Lyon".into()), ..Default::default() }, MissionPlace::default());
        let mut g = guide_engagement();
        g.place = Some(a.clone());
        accepted(&mut g, "r1", &[(2026, 3, 20)], at(2));
        signed_by_all(&mut g, at(3));
        // While the manager decides on more days, the place changes: still awaiting the manager,
        // but a refusal now returns to a version to sign.
        g.request_dates(
            NewRequest {
                id: "r2".into(),
                manager_email: "marc@bpifrance.example".into(),
                message: "".into(),
                days: vec![BookedDay { date: chrono::NaiveDate::from_ymd_opt(2026, 3, 27).unwrap(), part: DayPart::FullDay }],
                ledger: vec![],
                token_hash: "h2".into(),
                expires_at: at(30),
            },
            at(4),
        )
        .unwrap();
        assert_eq!(g.follow_place(&b, &a, at(5)), Ok(PlaceChange::NewVersion));
        assert_eq!((g.state, g.convention_version()), (EngagementState::AwaitingManager, 2));
        let mut refused = g.clone();
        refused.close_request("r2", RequestState::Refused, at(6), None).unwrap();
        assert_eq!((refused.state, refused.pending_signatories().len()), (EngagementState::AwaitingSignatures, 3));
        g.close_request("r2", RequestState::Accepted, at(6), None).unwrap();
        assert_eq!((g.state, g.convention_version()), (EngagementState::AwaitingSignatures, 3));
        assert_eq!(g.first_date_to_sign(), Some(chrono::NaiveDate::from_ymd_opt(2026, 3, 27).unwrap()));
        // A cancelled engagement keeps what it states.
        g.cancel(at(7)).unwrap();
        assert_eq!(g.follow_place(&a, &b, at(8)), Ok(PlaceChange::Unchanged));
        assert_eq!(g.place, Some(b));
    }

    #[test]
    fn a_signatory_reads_as_its_api_name() {
        for p in Signatory::ALL {
            assert_eq!(serde_json::to_value(p).unwrap(), p.as_str());
            assert_eq!(Signatory::parse(p.as_str()), Some(p));
        }
        assert_eq!(Signatory::parse("manager"), None);
    }

    #[test]
    fn next_year_needs_the_previous_assessment() {
        let g = guide_engagement();
        assert!(check_next_year(std::slice::from_ref(&g), "apte-crowdfunding", 2026).is_ok());
        assert_eq!(
            check_next_year(std::slice::from_ref(&g), "apte-crowdfunding", 2027),
            Err(DomainError::Conflict(Refusal::PreviousAssessmentFirst { year: 2027, previous: 2026 }))
        );
        assert!(check_next_year(&[g], "another-mission", 2027).is_ok());
    }

    #[test]
    fn one_association_at_a_time_counts_associations_not_missions() {
        use chrono::TimeZone;
        let now = chrono::Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        let mut open = guide_engagement();
        open.state = EngagementState::Applied;
        let other_mission_same_association = open.association_id.clone();
        assert!(!in_touch_elsewhere(std::slice::from_ref(&open), [], &other_mission_same_association, now), "same association");
        assert!(in_touch_elsewhere(std::slice::from_ref(&open), [], "another", now), "another association");
        let mut done = open.clone();
        done.state = EngagementState::Cancelled;
        assert!(!in_touch_elsewhere(&[done], [], "another", now), "a cancelled engagement is no contact");
        let recent = now - chrono::Duration::days(PROPOSAL_OPEN_DAYS - 1);
        let old = now - chrono::Duration::days(PROPOSAL_OPEN_DAYS + 1);
        assert!(in_touch_elsewhere(&[], [("elsa", recent)], "apte", now));
        assert!(!in_touch_elsewhere(&[], [("apte", recent)], "apte", now));
        assert!(!in_touch_elsewhere(&[], [("elsa", old)], "apte", now));
    }

    use super::*;
    use EngagementEvent as E;
    use EngagementState as S;

    #[test]
    fn the_guide_walks_through_the_four_steps() {
        let mut s = S::Applied;
        for (e, expected) in [
            (E::RequestDates, S::AwaitingManager),
            (E::ManagerAccepts, S::AwaitingSignatures),
            (E::AllSigned, S::Signed),
            (E::LastDateAttested, S::AssessmentDue),
            (E::AssessmentSent, S::Completed),
        ] {
            s = next(s, e).unwrap();
            assert_eq!(s, expected);
        }
        assert_eq!(s.steps_done(), 4);
    }

    #[test]
    fn refusal_returns_to_where_the_employee_was() {
        assert_eq!(next(S::AwaitingManager, E::ManagerRefuses { convention_signed: false }).unwrap(), S::Applied);
        assert_eq!(next(S::AwaitingManager, E::ManagerRefuses { convention_signed: true }).unwrap(), S::Signed);
        assert_eq!(next(S::Signed, E::PlaceChanged).unwrap(), S::AwaitingSignatures);
        assert_eq!(next(S::AwaitingSignatures, E::PlaceChanged).unwrap(), S::AwaitingSignatures);
        assert_eq!(next(S::AwaitingManager, E::PlaceChanged).unwrap(), S::AwaitingManager);
        assert!(next(S::Applied, E::PlaceChanged).is_err());
        // Adding dates after signing, even once every date is attested.
        assert_eq!(next(S::Signed, E::RequestDates).unwrap(), S::AwaitingManager);
        assert_eq!(next(S::AssessmentDue, E::RequestDates).unwrap(), S::AwaitingManager);
    }

    #[test]
    fn illegal_transitions_say_why() {
        let e = next(S::Applied, E::AssessmentSent).unwrap_err();
        assert_eq!(e, DomainError::Conflict(Refusal::IllegalTransition { event: E::AssessmentSent, state: S::Applied }));
        assert!(next(S::AwaitingManager, E::RequestDates).is_err(), "one pending request at a time");
        assert!(next(S::Completed, E::Cancel).is_err());
        assert!(next(S::Cancelled, E::RequestDates).is_err());
        assert_eq!(next(S::Signed, E::Cancel).unwrap(), S::Cancelled);
    }

    #[test]
    fn a_request_is_decided_once() {
        assert_eq!(decide(RequestState::Pending, Decision::Accept).unwrap(), RequestState::Accepted);
        let e = decide(RequestState::Accepted, Decision::Refuse).unwrap_err();
        assert_eq!(e, DomainError::Conflict(Refusal::RequestAlreadyDecided(RequestState::Accepted)));
        assert!(decide(RequestState::Expired, Decision::Accept).is_err());
    }
}

/// One employee's engagement on one mission for one calendar year (Europe/Paris).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Engagement {
    pub id: String,
    pub year: i32,
    pub state: EngagementState,
    pub employee: Employee,
    pub company_id: String,
    pub mission_id: String,
    pub mission_title: String,
    pub association_id: String,
    pub association_name: String,
    /// The employee's entity and the mission's themes when they applied (the company's
    /// report counts them there).
    #[serde(default)]
    pub entity_id: Option<String>,
    #[serde(default)]
    pub themes: Vec<String>,
    pub referent: super::mission::Contact,
    /// The application's message to the association.
    pub message: String,
    /// Every date ever asked for, with its state.
    #[serde(default)]
    pub dates: Vec<MissionDate>,
    /// Every request sent to a manager (not written when there is none: responses show their
    /// own view of them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<DateRequest>,
    /// Signatures of the conventions, every version (old versions are kept).
    #[serde(default)]
    pub signatures: Vec<Signature>,
    /// Where the mission takes place, as the convention states it (`None` for an engagement
    /// from before places were recorded: the catalogue's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<super::mission::MissionPlace>,
    /// Each change of place that made a new version of the convention.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
    /// The end-of-mission assessment (step 4), once sent.
    #[serde(default)]
    pub assessment: Option<Assessment>,
    /// Set when the employee's account was erased: kept, anonymised, until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retain_until: Option<chrono::NaiveDate>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub version: u64,
}

/// A change of the mission's place that made a new version of the convention: after how
/// many accepted requests it came, from which day on it applies and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub after_accepted: usize,
    pub from: chrono::NaiveDate,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// What a change of the mission's place does to an engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceChange {
    /// It already states that place, or is closed.
    Unchanged,
    /// It records the place; its next version states it (no convention covers days to come).
    Recorded,
    /// A new version of the convention, that all three sign again.
    NewVersion,
}

/// The employee as the engagement records them (their contact at the time of applying).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Employee {
    pub sub: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub phone: Option<String>,
}

impl Employee {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// The calendar year of an instant in Europe/Paris.
pub fn paris_year(at: chrono::DateTime<chrono::Utc>) -> i32 {
    use chrono::Datelike;
    at.with_timezone(&chrono_tz::Europe::Paris).year()
}

#[cfg(test)]
mod year_tests {
    #[test]
    fn the_year_turns_at_midnight_in_paris() {
        let at: chrono::DateTime<chrono::Utc> = "2025-12-31T23:30:00Z".parse().unwrap();
        assert_eq!(super::paris_year(at), 2026);
        let at: chrono::DateTime<chrono::Utc> = "2025-12-31T22:30:00Z".parse().unwrap();
        assert_eq!(super::paris_year(at), 2025);
    }
}

/// Who signs a convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signatory {
    Employee,
    Association,
    Company,
}

impl Signatory {
    /// The three parties, in the order they are listed.
    pub const ALL: [Signatory; 3] = [Signatory::Employee, Signatory::Association, Signatory::Company];

    /// As the API writes it (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Signatory::Employee => "employee",
            Signatory::Association => "association",
            Signatory::Company => "company",
        }
    }

    /// The party the API names `s`.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// The end-of-mission assessment, as the guide asks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// (1) Relevance of the missions proposed on the platform.
    pub relevance: Rating,
    /// (2) Welcome and integration in the association and its teams, and why.
    pub welcome: Rating,
    #[serde(default)]
    pub welcome_reasons: Option<String>,
    /// (3) Did the mission match your professional or personal expertise, and if not why.
    pub matched_expertise: bool,
    #[serde(default)]
    pub mismatch_reasons: Option<String>,
    pub sent_at: chrono::DateTime<chrono::Utc>,
    /// Where its PDF is (written before the engagement: a losing concurrent submission
    /// leaves an orphan object, never a PDF that says something else).
    #[serde(default)]
    pub pdf_key: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    TresBonne,
    Bonne,
    Moyenne,
    Mauvaise,
}

impl Rating {
    pub fn parse(field: &str, v: &str) -> Result<Rating, FieldError> {
        match v {
            "tres_bonne" => Ok(Rating::TresBonne),
            "bonne" => Ok(Rating::Bonne),
            "moyenne" => Ok(Rating::Moyenne),
            "mauvaise" => Ok(Rating::Mauvaise),
            other => Err(FieldError::new(
                field,
                Problem::UnknownValue { value: other.to_string(), allowed: "tres_bonne, bonne, moyenne, mauvaise".into() },
            )),
        }
    }
}

/// One online signature: who, when, from where, and the SHA-256 of what they signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub version: usize,
    pub signatory: Signatory,
    pub name: String,
    pub email: String,
    pub sub: String,
    pub signed_at: chrono::DateTime<chrono::Utc>,
    pub ip: String,
    pub user_agent: String,
    pub sha256: String,
    /// The version of the convention's clauses the signatory read (`None` before 2026.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_version: Option<String>,
    /// How the signatory was authenticated (`None` before 2026.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication: Option<Authentication>,
}

/// How a caller was authenticated, as the API's JWT authorizer verified it: the identity
/// provider that issued the token, the client it was issued to, the methods it reports
/// (`amr`) and when the person authenticated (`auth_time`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Authentication {
    pub issuer: String,
    #[serde(default)]
    pub client: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authenticated_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// One day (or half day) of mission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissionDate {
    pub date: chrono::NaiveDate,
    pub part: super::allowance::DayPart,
    pub state: DateState,
    pub request_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateState {
    Requested,
    Accepted,
    Refused,
    Expired,
    Cancelled,
    Present,
    Absent,
}

impl DateState {
    /// Whether the day counts against the allowance (pending and accepted days do).
    pub fn counts(self) -> bool {
        matches!(self, DateState::Requested | DateState::Accepted | DateState::Present)
    }
}

/// A request for dates sent to a manager, decided once through a tokenised link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRequest {
    pub id: String,
    pub manager_email: String,
    pub message: String,
    pub state: RequestState,
    /// Where the engagement returns if the request is refused or expires.
    pub state_before: EngagementState,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    #[serde(default)]
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(default)]
    pub comment: Option<String>,
    /// What this request booked on the allowance ledger, given back if it is refused.
    #[serde(default)]
    pub ledger: Vec<LedgerEntry>,
    /// SHA-256 of the e-mailed link's token (never the token): a decision taken from the team
    /// view consumes it too, so that the link then says the request was handled.
    #[serde(default)]
    pub token_hash: Option<String>,
    /// SES reported the manager's address as undeliverable while the request was pending:
    /// the employee is asked to correct it, and may send a new request at once.
    #[serde(default)]
    pub manager_unreachable: bool,
    /// How many times the link was sent again: a link (or reminder) of an earlier generation
    /// is dead at once.
    #[serde(default)]
    pub link_generation: u32,
    /// When the link was last sent again (the cooldown runs from it, else from `created_at`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resent_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl DateRequest {
    fn awaits_manager_at(&self, address: &str) -> bool {
        self.state == RequestState::Pending && !self.manager_unreachable && self.manager_email.eq_ignore_ascii_case(address)
    }
}

/// A day a cancellation gives back: the request that booked it, the date and how much of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleasedDay {
    pub request_id: String,
    pub date: chrono::NaiveDate,
    pub part: super::allowance::DayPart,
}

/// Half days booked on one ledger item (`LEDGER#<year>` or `LEDGER#W<week>`), and its limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerEntry {
    pub sk: String,
    pub half_days: u32,
    pub limit: u32,
}

impl Engagement {
    fn accepted_requests(&self) -> usize {
        self.requests.iter().filter(|r| r.state == RequestState::Accepted).count()
    }

    /// The convention's current version: one per accepted request and one per change of
    /// place (0: none yet).
    pub fn convention_version(&self) -> usize {
        self.accepted_requests() + self.revisions.len()
    }

    /// The version made when the `k`-th request (from 1) was accepted.
    fn version_of_request(&self, k: usize) -> usize {
        k + self.revisions.iter().filter(|r| r.after_accepted < k).count()
    }

    /// The version the `j`-th change of place (from 0) made.
    fn version_of_revision(&self, j: usize) -> usize {
        self.revisions[j].after_accepted + j + 1
    }

    /// The first mission day the current version is needed for (the days of the request it
    /// was made for, or the days to come after a change of place): what its last signature
    /// reminder comes before.
    pub fn first_date_to_sign(&self) -> Option<chrono::NaiveDate> {
        let accepted = self.accepted_requests();
        if let Some(r) = self.revisions.last().filter(|r| r.after_accepted == accepted) {
            return self.dates.iter().filter(|d| d.state == DateState::Accepted && d.date >= r.from).map(|d| d.date).min();
        }
        let request = self.requests.iter().rev().find(|r| r.state == RequestState::Accepted)?;
        self.dates.iter().filter(|d| d.request_id == request.id && d.state == DateState::Accepted).map(|d| d.date).min()
    }

    /// The mission's place is now `place` (`before`: what it was, for an engagement that
    /// did not record it). A closed engagement keeps what it states; one whose convention
    /// awaits signatures, or covers accepted days from `now` on, gets a new version that all
    /// three sign again (the parties who signed the earlier one included); any other records
    /// the place for its next version.
    pub fn follow_place(
        &mut self,
        place: &super::mission::MissionPlace,
        before: &super::mission::MissionPlace,
        now: chrono::DateTime<chrono::Utc>,
    ) -> DomainResult<PlaceChange> {
        if !self.state.is_open() || self.place.as_ref().unwrap_or(before) == place {
            return Ok(PlaceChange::Unchanged);
        }
        let today = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();
        let days_to_come = self.dates.iter().any(|d| d.state == DateState::Accepted && d.date >= today);
        let outdated = self.state == EngagementState::AwaitingSignatures
            || (self.convention_version() > 0
                && days_to_come
                && matches!(self.state, EngagementState::Signed | EngagementState::AwaitingManager));
        let change = if outdated {
            self.state = next(self.state, EngagementEvent::PlaceChanged)?;
            // A refused or expired pending request returns to the new version to sign.
            for r in self.requests.iter_mut().filter(|r| r.state == RequestState::Pending && r.state_before == EngagementState::Signed) {
                r.state_before = EngagementState::AwaitingSignatures;
            }
            self.revisions.push(Revision { after_accepted: self.accepted_requests(), from: today, at: now });
            PlaceChange::NewVersion
        } else {
            PlaceChange::Recorded
        };
        self.place = Some(place.clone());
        self.updated_at = now;
        self.version += 1;
        Ok(change)
    }

    /// The parties who have not signed the current version yet (none unless the engagement
    /// awaits signatures).
    pub fn pending_signatories(&self) -> Vec<Signatory> {
        if self.state != EngagementState::AwaitingSignatures {
            return vec![];
        }
        let version = self.convention_version();
        Signatory::ALL.into_iter().filter(|p| !self.signatures.iter().any(|s| s.version == version && s.signatory == *p)).collect()
    }

    /// Records a signature of the current version; when the third party signs, the
    /// engagement is signed. Signing twice, or an outdated version, is a 409.
    pub fn sign(&mut self, signature: Signature) -> DomainResult<bool> {
        let version = self.convention_version();
        if self.state != EngagementState::AwaitingSignatures || signature.version != version {
            return Err(DomainError::Conflict(Refusal::ConventionNotSignable(self.state)));
        }
        if self.signatures.iter().any(|s| s.version == version && s.signatory == signature.signatory) {
            return Err(DomainError::Conflict(Refusal::AlreadySigned(signature.signatory)));
        }
        self.signatures.push(signature);
        self.version += 1;
        let all = Signatory::ALL.iter().all(|p| self.signatures.iter().any(|s| s.version == version && s.signatory == *p));
        if all {
            self.state = next(self.state, EngagementEvent::AllSigned)?;
        }
        Ok(all)
    }

    /// Whether a version that covers `date` of `request_id` is signed by all three: one made
    /// when that request was accepted or later, and after every change of place made before
    /// that day.
    fn covered_by_signed_convention(&self, request_id: &str, date: chrono::NaiveDate) -> bool {
        let accepted: Vec<&DateRequest> = self.requests.iter().filter(|r| r.state == RequestState::Accepted).collect();
        let Some(k) = accepted.iter().position(|r| r.id == request_id).map(|i| i + 1) else { return false };
        let from = (0..self.revisions.len())
            .filter(|j| self.revisions[*j].from <= date)
            .map(|j| self.version_of_revision(j))
            .fold(self.version_of_request(k), usize::max);
        (from..=self.convention_version())
            .any(|v| Signatory::ALL.iter().all(|p| self.signatures.iter().any(|s| s.version == v && s.signatory == *p)))
    }

    /// The association attests a past date, once, under a signed convention. When the last
    /// date is attested, the assessment is due.
    pub fn attest(
        &mut self,
        date: chrono::NaiveDate,
        present: bool,
        today: chrono::NaiveDate,
        at: chrono::DateTime<chrono::Utc>,
    ) -> DomainResult<()> {
        let i = self
            .dates
            .iter()
            .position(|d| d.date == date && matches!(d.state, DateState::Accepted | DateState::Present | DateState::Absent))
            .ok_or(DomainError::NotFound(Refusal::DateNotAccepted))?;
        if self.dates[i].state != DateState::Accepted {
            return Err(DomainError::Conflict(Refusal::DateAlreadyAttested));
        }
        if date >= today {
            return Err(DomainError::Conflict(Refusal::DateNotPassed));
        }
        if !self.covered_by_signed_convention(&self.dates[i].request_id, date) {
            return Err(DomainError::Conflict(Refusal::DateNotCovered));
        }
        self.dates[i].state = if present { DateState::Present } else { DateState::Absent };
        let all_attested = !self.dates.iter().any(|d| matches!(d.state, DateState::Accepted | DateState::Requested));
        if all_attested && self.state == EngagementState::Signed {
            self.state = next(self.state, EngagementEvent::LastDateAttested)?;
        }
        self.updated_at = at;
        self.version += 1;
        Ok(())
    }

    /// A new application (step 1): the employee, the mission as it is, and their message.
    #[allow(clippy::too_many_arguments)]
    pub fn application(
        id: String,
        employee: Employee,
        company_id: String,
        mission: &super::mission::Mission,
        association_name: String,
        message: String,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Engagement {
        Engagement {
            id,
            year: paris_year(now),
            state: EngagementState::Applied,
            employee,
            company_id,
            mission_id: mission.id.clone(),
            mission_title: mission.title.clone(),
            association_id: mission.association_id.clone(),
            association_name,
            entity_id: None,
            themes: mission.themes.clone(),
            referent: mission.referent.clone(),
            message,
            dates: vec![],
            requests: vec![],
            signatures: vec![],
            place: Some(mission.place()),
            revisions: vec![],
            assessment: None,
            retain_until: None,
            created_at: now,
            updated_at: now,
            version: 1,
        }
    }

    /// Before a new request: a pending request whose link expired is closed (its ledger
    /// entries come back, returned), and the engagement must be able to take one.
    pub fn begin_request(&mut self, now: chrono::DateTime<chrono::Utc>) -> DomainResult<Vec<LedgerEntry>> {
        let mut released = Vec::new();
        if let Some(expired) = self.pending_request().filter(|r| r.expires_at <= now || r.manager_unreachable).cloned() {
            self.close_request(&expired.id, RequestState::Expired, now, None)?;
            released = expired.ledger;
        }
        next(self.state, EngagementEvent::RequestDates)?;
        Ok(released)
    }

    /// Step 2: the request goes to the manager with its days; the engagement waits for them.
    pub fn request_dates(&mut self, new: NewRequest, now: chrono::DateTime<chrono::Utc>) -> DomainResult<DateRequest> {
        let state_before = self.state;
        self.state = next(self.state, EngagementEvent::RequestDates)?;
        let request = DateRequest {
            id: new.id,
            manager_email: new.manager_email,
            message: new.message,
            state: RequestState::Pending,
            state_before,
            created_at: now,
            expires_at: new.expires_at,
            decided_at: None,
            comment: None,
            ledger: new.ledger,
            token_hash: Some(new.token_hash),
            manager_unreachable: false,
            link_generation: 0,
            resent_at: None,
        };
        for d in &new.days {
            self.dates.push(MissionDate { date: d.date, part: d.part, state: DateState::Requested, request_id: request.id.clone() });
        }
        self.requests.push(request.clone());
        self.updated_at = now;
        self.version += 1;
        Ok(request)
    }

    /// SES reported `address` undeliverable: flags the pending request sent there; `true`
    /// when that changed the engagement.
    pub fn manager_bounced(&mut self, address: &str, now: chrono::DateTime<chrono::Utc>) -> bool {
        let Some(r) = self.requests.iter_mut().find(|r| r.awaits_manager_at(address)) else {
            return false;
        };
        r.manager_unreachable = true;
        self.updated_at = now;
        self.version += 1;
        true
    }

    /// Whether a pending request waits for the manager at `address`, not known to bounce yet.
    pub fn awaits_manager_at(&self, address: &str) -> bool {
        self.requests.iter().any(|r| r.awaits_manager_at(address))
    }

    /// Whether the pending request's manager address bounces (the employee must correct it).
    pub fn manager_unreachable(&self) -> bool {
        self.pending_request().is_some_and(|r| r.manager_unreachable)
    }

    pub fn pending_request(&self) -> Option<&DateRequest> {
        self.requests.iter().find(|r| r.state == RequestState::Pending)
    }

    /// A new link for the pending request, to the manager on record (the employee sends it
    /// again, or the expired link's page asks for it): every earlier link and reminder dies at
    /// once (a new generation), the request lives again until `expires_at`. At most once per
    /// [`super::reminders::RESEND_COOLDOWN`] since it was last sent; not to an address
    /// that bounces (to correct first), nor for days already past (a new request instead).
    pub fn renew_manager_link(
        &mut self,
        token_hash: String,
        expires_at: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> DomainResult<DateRequest> {
        let today = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();
        let Some(i) = self.requests.iter().position(|r| r.state == RequestState::Pending) else {
            return Err(DomainError::Conflict(Refusal::NoPendingRequest));
        };
        let request = &self.requests[i];
        if request.manager_unreachable {
            return Err(DomainError::Conflict(Refusal::ManagerUnreachable));
        }
        super::reminders::cooldown_over(Some(request.resent_at.unwrap_or(request.created_at)), now)
            .map_err(|next_at| DomainError::Conflict(Refusal::TooSoon { next_at, now }))?;
        if self.dates.iter().any(|d| d.request_id == request.id && d.state == DateState::Requested && d.date < today) {
            return Err(DomainError::Conflict(Refusal::RequestedDatesPassed));
        }
        let request = &mut self.requests[i];
        request.token_hash = Some(token_hash);
        request.expires_at = expires_at;
        request.link_generation += 1;
        request.resent_at = Some(now);
        let renewed = request.clone();
        self.updated_at = now;
        Ok(renewed)
    }

    /// Days that count against the allowance.
    pub fn booked(&self) -> Vec<super::allowance::BookedDay> {
        self.dates.iter().filter(|d| d.state.counts()).map(|d| super::allowance::BookedDay { date: d.date, part: d.part }).collect()
    }

    /// Cancels the engagement (D): pending and accepted dates are cancelled, a pending request
    /// too. Returns the days to give back.
    pub fn cancel(&mut self, at: chrono::DateTime<chrono::Utc>) -> DomainResult<Vec<ReleasedDay>> {
        self.state = next(self.state, EngagementEvent::Cancel)?;
        let mut released = Vec::new();
        for d in self.dates.iter_mut().filter(|d| matches!(d.state, DateState::Requested | DateState::Accepted)) {
            d.state = DateState::Cancelled;
            released.push(ReleasedDay { request_id: d.request_id.clone(), date: d.date, part: d.part });
        }
        for r in self.requests.iter_mut().filter(|r| r.state == RequestState::Pending) {
            r.state = RequestState::Cancelled;
            r.decided_at = Some(at);
        }
        self.updated_at = at;
        self.version += 1;
        Ok(released)
    }

    /// Cancels one date not yet attested, from `today` on. Returns the day to give back.
    pub fn cancel_date(
        &mut self,
        date: chrono::NaiveDate,
        today: chrono::NaiveDate,
        at: chrono::DateTime<chrono::Utc>,
    ) -> DomainResult<Vec<ReleasedDay>> {
        if !self.state.is_open() {
            return Err(DomainError::Conflict(Refusal::DateNotCancellable(self.state)));
        }
        let Some(i) = self.dates.iter().position(|d| d.date == date && matches!(d.state, DateState::Requested | DateState::Accepted))
        else {
            return Err(DomainError::NotFound(Refusal::DateNotInMission));
        };
        if date < today {
            return Err(DomainError::Conflict(Refusal::DatePassed));
        }
        let (request_id, part) = (self.dates[i].request_id.clone(), self.dates[i].part);
        self.dates[i].state = DateState::Cancelled;
        // A pending request with no date left is cancelled too; the engagement goes back.
        let still_asked = self.dates.iter().any(|d| d.request_id == request_id && d.state == DateState::Requested);
        if let Some(r) = self.requests.iter_mut().find(|r| r.id == request_id && r.state == RequestState::Pending) {
            if !still_asked {
                r.state = RequestState::Cancelled;
                r.decided_at = Some(at);
                self.state = r.state_before;
            }
        }
        self.updated_at = at;
        self.version += 1;
        Ok(vec![ReleasedDay { request_id, date, part }])
    }

    /// Closes the pending request as `outcome`: accepted, or refused or expired, in which case
    /// its dates are released (the ledger entries to give back are on the request) and the
    /// engagement returns to where it was.
    pub fn close_request(
        &mut self,
        request_id: &str,
        outcome: RequestState,
        at: chrono::DateTime<chrono::Utc>,
        comment: Option<String>,
    ) -> DomainResult<()> {
        let request = self.requests.iter_mut().find(|r| r.id == request_id).ok_or(DomainError::NotFound(Refusal::RequestNotFound))?;
        let decision = if outcome == RequestState::Accepted { Decision::Accept } else { Decision::Refuse };
        let mut new_state = decide(request.state, decision)?;
        if outcome == RequestState::Expired {
            new_state = RequestState::Expired;
        }
        request.state = new_state;
        request.decided_at = Some(at);
        request.comment = comment;
        let back = request.state_before;
        let date_state = match new_state {
            RequestState::Accepted => DateState::Accepted,
            RequestState::Expired => DateState::Expired,
            _ => DateState::Refused,
        };
        for d in self.dates.iter_mut().filter(|d| d.request_id == request_id) {
            d.state = date_state;
        }
        self.state = if new_state == RequestState::Accepted {
            next(self.state, EngagementEvent::ManagerAccepts)?
        } else {
            next(self.state, EngagementEvent::ManagerRefuses { convention_signed: back != EngagementState::Applied })?;
            back
        };
        self.updated_at = at;
        self.version += 1;
        Ok(())
    }
}

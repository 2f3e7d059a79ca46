//! Facilitation missions (SPEC E): a coordinator's mission for a client, its sessions
//! (workshops, trainings), the facilitators who register on them, the participants, the
//! attendance, and the monthly remuneration requests. Pure rules; no I/O.

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::email::Email;
use super::error::{DomainError, DomainResult, Errors, FieldError, Problem, Refusal};

/// Who the client is: participants must be registered in advance except in education.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientKind {
    Business,
    Association,
    PublicSector,
    Education,
}

impl ClientKind {
    pub fn participants_required(self) -> bool {
        self != ClientKind::Education
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    Workshop,
    Training,
}

impl SessionKind {}

/// A facilitator's status on a session, which the coordinator may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacilitatorStatus {
    /// Registered themself from an invitation or the share link.
    Registered,
    /// Confirmed by the coordinator: will facilitate, will be paid.
    Confirmed,
    /// On the waiting list: steps in if someone withdraws.
    Standby,
    /// No longer facilitates this session (not paid, not on the sign-in sheet).
    Withdrawn,
}

impl FacilitatorStatus {
    pub const ALL: [(&'static str, FacilitatorStatus); 4] = [
        ("registered", FacilitatorStatus::Registered),
        ("confirmed", FacilitatorStatus::Confirmed),
        ("standby", FacilitatorStatus::Standby),
        ("withdrawn", FacilitatorStatus::Withdrawn),
    ];

    pub fn parse(field: &str, v: &str) -> Result<Self, FieldError> {
        Self::ALL.iter().find(|(s, _)| *s == v).map(|(_, f)| *f).ok_or_else(|| {
            FieldError::new(
                field,
                Problem::UnknownValue { value: v.to_string(), allowed: "registered, confirmed, standby, withdrawn".into() },
            )
        })
    }

    /// Facilitates the session: on the sign-in sheet, paid.
    pub fn facilitates(self) -> bool {
        matches!(self, FacilitatorStatus::Registered | FacilitatorStatus::Confirmed)
    }
}

/// Where a provider invoices from: French providers get a self-billing statement, the others
/// are asked for their invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderCountry {
    France,
    International,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissionStatus {
    Open,
    /// "Clôturée": every remuneration transmitted, the coordination fee billed.
    Closed,
}

impl MissionStatus {}

/// What the client ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Quantities {
    pub workshops: u32,
    pub trainings: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Client {
    pub name: String,
    pub kind: ClientKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coordinator {
    pub email: String,
    pub name: String,
}

/// A coordinator's mission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FacilitationMission {
    pub id: String,
    pub title: String,
    pub client: Client,
    pub coordinator: Coordinator,
    pub ordered: Quantities,
    /// Fees in cents: per facilitator and session of each kind, and the coordination fee.
    pub workshop_fee_cents: u64,
    pub training_fee_cents: u64,
    pub coordination_fee_cents: u64,
    /// The pre-training test sent with each convocation (a form of the client's programme);
    /// required when the operator creates the mission.
    #[serde(default)]
    pub pre_test_url: Option<String>,
    pub status: MissionStatus,
    /// Months (`AAAA-MM`, Paris) in which remunerations were requested: at most one request a month.
    #[serde(default)]
    pub remuneration_months: Vec<String>,
    #[serde(default)]
    pub closed_at: Option<DateTime<Utc>>,
    /// The batch month whose export billed the coordination fee (when the mission closed).
    #[serde(default)]
    pub coordination_billed_month: Option<String>,
    pub created_at: DateTime<Utc>,
    pub version: u64,
}

impl FacilitationMission {
    pub fn fee_cents(&self, kind: SessionKind) -> u64 {
        match kind {
            SessionKind::Workshop => self.workshop_fee_cents,
            SessionKind::Training => self.training_fee_cents,
        }
    }
}

/// A facilitator on a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionFacilitator {
    pub sub: String,
    pub email: String,
    pub name: String,
    pub country: ProviderCountry,
    pub status: FacilitatorStatus,
    pub registered_at: DateTime<Utc>,
    /// When the coordinator requested this facilitator's remuneration for this session.
    #[serde(default)]
    pub remuneration_requested: Option<RemunerationRequest>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RemunerationRequest {
    pub month: String,
    pub requested_at: DateTime<Utc>,
    pub anticipated: bool,
    /// Set by the monthly batch once it is in a statement and the billing export.
    #[serde(default)]
    pub transmitted_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub id: String,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub present: Option<bool>,
    /// When the attendance certificate and the survey link went out (once).
    #[serde(default)]
    pub certified_at: Option<DateTime<Utc>>,
}

impl Participant {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// A session of a mission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: String,
    pub mission_id: String,
    pub kind: SessionKind,
    pub title: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    #[serde(default)]
    pub place: Option<String>,
    pub remote: bool,
    pub language: String,
    /// How many facilitators besides the first.
    pub other_facilitators: u32,
    #[serde(default)]
    pub facilitators: Vec<SessionFacilitator>,
    #[serde(default)]
    pub participants: Vec<Participant>,
    #[serde(default)]
    pub attendance_recorded_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub version: u64,
}

/// Paris wall-clock time as an instant.
pub fn paris(date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    chrono_tz::Europe::Paris.from_local_datetime(&date.and_time(time)).earliest().map(|t| t.with_timezone(&Utc))
}

/// The Paris month (`AAAA-MM`) of an instant.
pub fn month_of(at: DateTime<Utc>) -> String {
    let d = at.with_timezone(&chrono_tz::Europe::Paris);
    format!("{:04}-{:02}", d.year(), d.month())
}

pub const NOON: NaiveTime = match NaiveTime::from_hms_opt(13, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

impl Session {
    pub fn starts_at(&self) -> Option<DateTime<Utc>> {
        paris(self.date, self.start)
    }

    pub fn ends_at(&self) -> Option<DateTime<Utc>> {
        paris(self.date, self.end)
    }

    pub fn has_ended(&self, now: DateTime<Utc>) -> bool {
        self.ends_at().is_some_and(|e| e <= now)
    }

    /// How many facilitators the session needs.
    pub fn seats(&self) -> usize {
        1 + self.other_facilitators as usize
    }

    pub fn active_facilitators(&self) -> impl Iterator<Item = &SessionFacilitator> {
        self.facilitators.iter().filter(|f| f.status.facilitates())
    }
}

/// The body of `POST /facilitation-missions/{missionId}/sessions`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    pub kind: String,
    pub title: Option<String>,
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: Option<String>,
    #[serde(default)]
    pub remote: bool,
    pub language: Option<String>,
    #[serde(default)]
    pub other_facilitators: u32,
}

fn time(field: &str, v: &str) -> Result<NaiveTime, FieldError> {
    NaiveTime::parse_from_str(v.trim(), "%H:%M").map_err(|_| FieldError::new(field, Problem::Time))
}

impl SessionInput {
    /// A session is planned before it happens: its start must be in the future.
    pub fn validate(self, mission: &FacilitationMission, id: String, now: DateTime<Utc>) -> DomainResult<Session> {
        let mut e = Errors::new();
        let kind = match self.kind.as_str() {
            "workshop" => Some(SessionKind::Workshop),
            "training" => Some(SessionKind::Training),
            other => {
                e.add("kind", Problem::UnknownValue { value: other.to_string(), allowed: "workshop, training".into() });
                None
            }
        };
        let date = e.check(NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d").map_err(|_| FieldError::new("date", Problem::Date)));
        let start = e.check(time("start", &self.start));
        let end = e.check(time("end", &self.end));
        if let (Some(s), Some(t)) = (start, end) {
            if t <= s {
                e.add("end", Problem::EndBeforeStart);
            }
        }
        let place = e.check(crate::domain::validate::optional_text("place", self.place.as_deref(), 300)).flatten();
        if place.is_none() && !self.remote {
            e.add("place", Problem::PlaceOrRemote);
        }
        let language = e.check(crate::domain::validate::line("language", Some(self.language.as_deref().unwrap_or("fr")), 2, 30));
        let title = e.check(crate::domain::validate::optional_text("title", self.title.as_deref(), 150)).flatten();
        if self.other_facilitators > 20 {
            e.add("other_facilitators", Problem::Integer { min: 0, max: 20 });
        }
        e.finish()?;
        let (kind, date, start, end) =
            (kind.unwrap_or(SessionKind::Workshop), date.unwrap_or_default(), start.unwrap_or_default(), end.unwrap_or_default());
        if paris(date, start).is_none_or(|s| s <= now) {
            return Err(DomainError::field("date", Problem::SessionInThePast));
        }
        if mission.status == MissionStatus::Closed {
            return Err(DomainError::Conflict(Refusal::FacilitationMissionClosed));
        }
        Ok(Session {
            id,
            mission_id: mission.id.clone(),
            kind,
            title: title.unwrap_or_else(|| format!("{} — {}", kind.label(), mission.title)),
            date,
            start,
            end,
            place,
            remote: self.remote,
            language: language.unwrap_or_else(|| "fr".into()),
            other_facilitators: self.other_facilitators,
            facilitators: vec![],
            participants: vec![],
            attendance_recorded_at: None,
            created_at: now,
            version: 1,
        })
    }
}

/// One participant as sent: JSON objects, or lines pasted from a spreadsheet.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantInput {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// The line of a pasted list it comes from: errors then name "ligne N", as the person
    /// who pasted it counts.
    #[serde(skip)]
    pub line: Option<usize>,
}

/// Parses a pasted list: one participant per line, `e-mail;prénom;nom` (or tabs, or commas),
/// blank lines ignored. Errors name the line.
pub fn parse_pasted(text: &str) -> Result<Vec<ParticipantInput>, Vec<FieldError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut first = true;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        // A header row copied with the table ("e-mail;prénom;nom"): skipped.
        let is_first = std::mem::replace(&mut first, false);
        if is_first && !line.contains('@') {
            continue;
        }
        let sep = if line.contains(';') {
            ';'
        } else if line.contains('\t') {
            '\t'
        } else {
            ','
        };
        let cells: Vec<&str> = line.split(sep).map(str::trim).collect();
        match cells.as_slice() {
            [email, first, last, ..] if !first.is_empty() && !last.is_empty() => out.push(ParticipantInput {
                email: email.to_string(),
                first_name: first.to_string(),
                last_name: last.to_string(),
                line: Some(i + 1),
            }),
            _ => errors.push(FieldError::new(format!("ligne {}", i + 1), Problem::ParticipantLine(i + 1))),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Validates participants: addresses well formed and not twice (nor already registered),
/// names given. Errors name `participants[i].field`.
pub fn validate_participants(
    inputs: Vec<ParticipantInput>,
    existing: &[Participant],
    new_id: &mut dyn FnMut() -> String,
) -> DomainResult<Vec<Participant>> {
    let mut e = Errors::new();
    let mut out: Vec<Participant> = Vec::new();
    if inputs.is_empty() || inputs.len() > 200 {
        e.add("participants", Problem::Count { min: 1, max: 200 });
    }
    for (i, p) in inputs.into_iter().enumerate() {
        let line = p.line;
        let field = |f: &str| match line {
            Some(n) => format!("ligne {n}"),
            None => format!("participants[{i}].{f}"),
        };
        let email = e.check(Email::parse(&field("email"), &p.email));
        let first = e.check(crate::domain::validate::line(&field("first_name"), Some(&p.first_name), 1, 80));
        let last = e.check(crate::domain::validate::line(&field("last_name"), Some(&p.last_name), 1, 80));
        if let Some(email) = &email {
            let addr = email.as_str().to_string();
            if out.iter().any(|o| o.email == addr) || existing.iter().any(|o| o.email == addr) {
                e.add(field("email"), Problem::DuplicateParticipant(addr.to_string()));
                continue;
            }
        }
        if let (Some(email), Some(first_name), Some(last_name)) = (email, first, last) {
            out.push(Participant {
                id: new_id(),
                email: email.as_str().to_string(),
                first_name,
                last_name,
                present: None,
                certified_at: None,
            });
        }
    }
    e.finish()?;
    Ok(out)
}

/// What a mission's dashboard counts: ordered against planned, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Planned {
    pub sessions: u32,
    /// Facilitators registered or confirmed, against the seats the sessions need.
    pub facilitators: u32,
    pub seats: u32,
}

pub fn planned(sessions: &[Session], kind: SessionKind) -> Planned {
    sessions.iter().filter(|s| s.kind == kind).fold(Planned::default(), |p, s| Planned {
        sessions: p.sessions + 1,
        facilitators: p.facilitators + s.active_facilitators().count() as u32,
        seats: p.seats + s.seats() as u32,
    })
}

/// Which facilitators a remuneration request made at `now` covers: those facilitating a
/// session that has ended (or, `anticipated`, any planned session), not yet requested.
/// At most one request per mission and Paris month.
pub fn remuneration_due<'a>(
    mission: &FacilitationMission,
    sessions: &'a [Session],
    now: DateTime<Utc>,
    anticipated: bool,
) -> DomainResult<Vec<(&'a Session, &'a SessionFacilitator)>> {
    if mission.status == MissionStatus::Closed {
        return Err(DomainError::Conflict(Refusal::FacilitationMissionClosed));
    }
    let month = month_of(now);
    if mission.remuneration_months.contains(&month) {
        return Err(DomainError::Conflict(Refusal::RemunerationOnceAMonth(month)));
    }
    let due: Vec<_> = sessions
        .iter()
        .filter(|s| anticipated || s.has_ended(now))
        .flat_map(|s| s.active_facilitators().filter(|f| f.remuneration_requested.is_none()).map(move |f| (s, f)))
        .collect();
    if due.is_empty() {
        return Err(DomainError::Conflict(Refusal::NothingToRemunerate));
    }
    Ok(due)
}

/// One line of the monthly billing: a facilitator's remuneration for a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RemunerationLine {
    pub mission_id: String,
    pub mission_title: String,
    pub client: String,
    pub session_id: String,
    pub session_title: String,
    pub date: NaiveDate,
    pub kind: SessionKind,
    pub facilitator_sub: String,
    pub facilitator_name: String,
    pub facilitator_email: String,
    pub country: ProviderCountry,
    pub amount_cents: u64,
    pub anticipated: bool,
}

/// The month's lines of a mission: remunerations requested in `month` (only those not yet
/// transmitted, unless `all`).
pub fn lines_of(mission: &FacilitationMission, sessions: &[Session], month: &str, all: bool) -> Vec<RemunerationLine> {
    sessions
        .iter()
        .flat_map(|s| {
            s.active_facilitators()
                .filter(move |f| f.remuneration_requested.as_ref().is_some_and(|r| r.month == month && (all || r.transmitted_at.is_none())))
                .map(move |f| RemunerationLine {
                    mission_id: mission.id.clone(),
                    mission_title: mission.title.clone(),
                    client: mission.client.name.clone(),
                    session_id: s.id.clone(),
                    session_title: s.title.clone(),
                    date: s.date,
                    kind: s.kind,
                    facilitator_sub: f.sub.clone(),
                    facilitator_name: f.name.clone(),
                    facilitator_email: f.email.clone(),
                    country: f.country,
                    amount_cents: mission.fee_cents(s.kind),
                    anticipated: f.remuneration_requested.as_ref().is_some_and(|r| r.anticipated),
                })
        })
        .collect()
}

/// The largest fee a mission may set, per session or for its coordination: 100 000 €.
pub const MAX_FEE_CENTS: u64 = 10_000_000;

/// The sum of amounts in cents, or `None` where it would overflow: sums are checked, never
/// trusted (a bad value stored before the bounds existed must fail the batch, not panic it).
pub fn total_cents(amounts: impl IntoIterator<Item = u64>) -> Option<u64> {
    amounts.into_iter().try_fold(0u64, u64::checked_add)
}

/// "1 234,50 €".
pub fn euros(cents: u64) -> String {
    let units = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push('\u{202f}');
        }
        grouped.push(c);
    }
    format!("{grouped},{:02} €", cents % 100)
}

/// The previous Paris month of an instant (the batch of the 1st bills the month before).
pub fn previous_month(at: DateTime<Utc>) -> String {
    let d = at.with_timezone(&chrono_tz::Europe::Paris);
    let (y, m) = if d.month() == 1 { (d.year() - 1, 12) } else { (d.year(), d.month() - 1) };
    format!("{y:04}-{m:02}")
}

/// Whether a mission can close: every session over, every facilitating facilitator's
/// remuneration transmitted.
pub fn ready_to_close(sessions: &[Session], now: DateTime<Utc>) -> bool {
    !sessions.is_empty()
        && sessions.iter().all(|s| {
            s.has_ended(now)
                && s.active_facilitators().all(|f| f.remuneration_requested.as_ref().is_some_and(|r| r.transmitted_at.is_some()))
        })
}

/// A survey answer, stored under the mission with the session's facilitators.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SurveyAnswer {
    pub session_id: String,
    pub participant_id: String,
    pub facilitators: Vec<(String, String)>,
    pub rating: u8,
    pub recommend: bool,
    #[serde(default)]
    pub comment: Option<String>,
    pub answered_at: chrono::DateTime<chrono::Utc>,
}

/// What a set of survey answers says: how many, the average rating (out of 5, one decimal),
/// the share who would recommend, and the comments when asked for.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SurveyStats {
    pub answers: usize,
    pub average_rating: Option<f64>,
    pub recommend_percent: Option<u32>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<String>,
}

pub fn survey_stats<'a>(answers: impl Iterator<Item = &'a SurveyAnswer>, with_comments: bool) -> SurveyStats {
    let list: Vec<&SurveyAnswer> = answers.collect();
    if list.is_empty() {
        return SurveyStats::default();
    }
    let n = list.len();
    SurveyStats {
        answers: n,
        average_rating: Some((list.iter().map(|a| a.rating as f64).sum::<f64>() / n as f64 * 10.0).round() / 10.0),
        recommend_percent: Some((list.iter().filter(|a| a.recommend).count() * 100 / n) as u32),
        comments: if with_comments { list.iter().filter_map(|a| a.comment.clone()).collect() } else { vec![] },
    }
}

/// Where a facilitator who registers from the invitation lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registration {
    /// Already registered: nothing changes.
    Already,
    /// A seat was free.
    Registered,
    /// Every seat is taken: on the waiting list (standby).
    WaitingList,
}

impl Session {
    /// A facilitator registers: a seat if one is free, else the waiting list; once.
    pub fn register(&mut self, facilitator: SessionFacilitator) -> Registration {
        if self.facilitators.iter().any(|f| f.sub == facilitator.sub) {
            return Registration::Already;
        }
        let full = self.active_facilitators().count() >= self.seats();
        let status = if full { FacilitatorStatus::Standby } else { FacilitatorStatus::Registered };
        self.facilitators.push(SessionFacilitator { status, ..facilitator });
        self.version += 1;
        if full {
            Registration::WaitingList
        } else {
            Registration::Registered
        }
    }

    /// The coordinator records who was present, once the session has started: every
    /// participant is marked, and those present for the first time are returned — their
    /// certificate is claimed by this very change, so it goes out once.
    pub fn record_attendance(&mut self, present: &[String], now: DateTime<Utc>) -> DomainResult<Vec<Participant>> {
        if self.starts_at().is_none_or(|t| t > now) {
            return Err(DomainError::Conflict(Refusal::SessionNotStarted));
        }
        let mut e = Errors::new();
        for (i, id) in present.iter().enumerate() {
            if !self.participants.iter().any(|p| &p.id == id) {
                e.add(format!("present[{i}]"), Problem::UnknownParticipant);
            }
        }
        e.finish()?;
        let mut newly = Vec::new();
        for p in self.participants.iter_mut() {
            let here = present.contains(&p.id);
            p.present = Some(here);
            if here && p.certified_at.is_none() {
                p.certified_at = Some(now);
                newly.push(p.clone());
            }
        }
        self.attendance_recorded_at = Some(now);
        self.version += 1;
        Ok(newly)
    }
}

/// The month's lines of each provider (by their `sub`), in a stable order.
pub fn by_provider(lines: &[RemunerationLine]) -> std::collections::BTreeMap<String, Vec<RemunerationLine>> {
    let mut by: std::collections::BTreeMap<String, Vec<RemunerationLine>> = std::collections::BTreeMap::new();
    for l in lines {
        by.entry(l.facilitator_sub.clone()).or_default().push(l.clone());
    }
    by
}

impl Session {
    /// Marks the month's remuneration requests of this session transmitted (once); whether
    /// anything changed.
    /// Marks the month's requests transmitted, but those of the facilitators `held` (their
    /// statement waits for their billing details).
    pub fn mark_transmitted(&mut self, month: &str, now: DateTime<Utc>, held: &[String]) -> bool {
        let mut changed = false;
        for f in self.facilitators.iter_mut().filter(|f| !held.contains(&f.sub)) {
            if let Some(r) = f.remuneration_requested.as_mut().filter(|r| r.month == month && r.transmitted_at.is_none()) {
                r.transmitted_at = Some(now);
                changed = true;
            }
        }
        changed
    }
}

impl FacilitationMission {
    /// Closes the mission; its coordination fee is billed with `month`'s batch.
    pub fn close(&mut self, month: &str, now: DateTime<Utc>) {
        self.status = MissionStatus::Closed;
        self.closed_at = Some(now);
        self.coordination_billed_month = Some(month.to_string());
        self.version += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    pub fn mission() -> FacilitationMission {
        FacilitationMission {
            id: "fm1".into(),
            title: "Fresque du Climat chez Acme".into(),
            client: Client { name: "Acme".into(), kind: ClientKind::Business },
            coordinator: Coordinator { email: "coord@example.org".into(), name: "Coco Ordo".into() },
            ordered: Quantities { workshops: 2, trainings: 1 },
            workshop_fee_cents: 25_000,
            training_fee_cents: 60_000,
            coordination_fee_cents: 30_000,
            pre_test_url: None,
            status: MissionStatus::Open,
            remuneration_months: vec![],
            closed_at: None,
            coordination_billed_month: None,
            created_at: utc("2026-01-05T09:00:00Z"),
            version: 1,
        }
    }

    fn input(date: &str, start: &str, end: &str) -> SessionInput {
        SessionInput {
            kind: "workshop".into(),
            title: None,
            date: date.into(),
            start: start.into(),
            end: end.into(),
            place: Some("Acme, 1 rue de Paris".into()),
            remote: false,
            language: None,
            other_facilitators: 1,
        }
    }

    #[test]
    fn sessions_are_planned_before_they_happen() {
        let now = utc("2026-01-10T08:00:00Z");
        let s = input("2026-01-12", "09:00", "17:00").validate(&mission(), "s1".into(), now).unwrap();
        assert_eq!(s.half_days(), vec!["matin", "après-midi"]);
        assert_eq!(s.seats(), 2);
        let past = input("2026-01-10", "08:30", "12:00").validate(&mission(), "s2".into(), now).unwrap_err();
        assert_eq!(past.fields().first().copied(), Some("date"));
        let bad = input("12/01/2026", "9h", "08:00").validate(&mission(), "s3".into(), now).unwrap_err();
        assert_eq!(bad.fields(), ["date", "start"]);
    }

    #[test]
    fn pasted_participants_are_checked_line_by_line() {
        let list = "ada@acme.example;Ada;Lovelace\n\nalan@acme.example\tAlan\tTuring\nnobody\n";
        let e = parse_pasted(list).unwrap_err();
        assert_eq!(e[0].field, "ligne 4");
        // A header row is skipped; an error after parsing names the line, as pasted.
        let with_header = parse_pasted("E-mail;Prénom;Nom\nada@acme.example;Ada;Lovelace\npas-une-adresse;Alan;Turing").unwrap();
        assert_eq!(with_header.len(), 2);
        let mut m = 0;
        let err = validate_participants(with_header, &[], &mut || {
            m += 1;
            format!("q{m}")
        })
        .unwrap_err();
        let DomainError::Invalid(fields) = err else { panic!("invalid input expected") };
        assert_eq!(fields[0].field, "ligne 3");
        let ok = parse_pasted("ada@acme.example;Ada;Lovelace\nalan@acme.example, Alan, Turing").unwrap();
        let mut n = 0;
        let mut id = || {
            n += 1;
            format!("p{n}")
        };
        let people = validate_participants(ok.clone(), &[], &mut id).unwrap();
        assert_eq!(people[1].full_name(), "Alan Turing");
        // Sent as JSON (no line): fields named by their place in the list.
        let as_json = ParticipantInput { line: None, ..ok[0].clone() };
        let twice = validate_participants(vec![as_json.clone(), as_json], &[], &mut id).unwrap_err();
        assert_eq!(twice.fields().first().copied(), Some("participants[1].email"));
        let again = validate_participants(vec![ok[0].clone()], &people, &mut id).unwrap_err();
        assert!(matches!(&again, DomainError::Invalid(v) if v[0].problem == Problem::DuplicateParticipant("ada@acme.example".into())));
        let bad = validate_participants(
            vec![ParticipantInput { email: "ada".into(), first_name: "Ada".into(), last_name: "".into(), line: None }],
            &[],
            &mut id,
        )
        .unwrap_err();
        assert_eq!(bad.fields(), ["participants[0].email", "participants[0].last_name"]);
    }

    #[test]
    fn a_full_session_puts_facilitators_on_the_waiting_list_once() {
        let now = utc("2026-01-10T08:00:00Z");
        let mut s = input("2026-01-12", "09:00", "17:00").validate(&mission(), "s1".into(), now).unwrap();
        let f = |sub: &str| SessionFacilitator {
            sub: sub.into(),
            email: format!("{sub}@example.org"),
            name: sub.into(),
            country: ProviderCountry::France,
            status: FacilitatorStatus::Registered,
            registered_at: now,
            remuneration_requested: None,
        };
        assert_eq!(s.seats(), 2);
        assert_eq!(s.register(f("a")), Registration::Registered);
        assert_eq!(s.register(f("a")), Registration::Already);
        assert_eq!(s.register(f("b")), Registration::Registered);
        assert_eq!(s.register(f("c")), Registration::WaitingList);
        assert_eq!(s.facilitators[2].status, FacilitatorStatus::Standby);
    }

    #[test]
    fn attendance_is_recorded_after_the_start_and_certifies_once() {
        let m = mission();
        let mut s = input("2026-01-12", "09:00", "12:00").validate(&m, "s1".into(), utc("2026-01-10T08:00:00Z")).unwrap();
        let mut n = 0;
        let mut id = || {
            n += 1;
            format!("p{n}")
        };
        s.participants =
            validate_participants(parse_pasted("ada@acme.example;Ada;Lovelace\nalan@acme.example;Alan;Turing").unwrap(), &[], &mut id)
                .unwrap();
        let before = utc("2026-01-12T07:00:00Z");
        assert_eq!(s.record_attendance(&["p1".into()], before), Err(DomainError::Conflict(Refusal::SessionNotStarted)));
        let during = utc("2026-01-12T09:30:00Z");
        assert_eq!(s.record_attendance(&["nobody".into()], during).unwrap_err().fields(), ["present[0]"]);
        assert_eq!(s.record_attendance(&["p1".into()], during).unwrap().len(), 1);
        // Recorded again with both: only the newly present is certified.
        let again = s.record_attendance(&["p1".into(), "p2".into()], during).unwrap();
        assert_eq!(again.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["p2"]);
        assert_eq!(s.participants[1].present, Some(true));
    }

    #[test]
    fn survey_statistics_average_and_share() {
        let answer = |rating: u8, recommend: bool, comment: Option<&str>| SurveyAnswer {
            session_id: "s1".into(),
            participant_id: format!("p{rating}"),
            facilitators: vec![],
            rating,
            recommend,
            comment: comment.map(str::to_string),
            answered_at: utc("2026-01-12T12:00:00Z"),
        };
        let all = [answer(5, true, Some("Très bien")), answer(4, true, None), answer(2, false, None)];
        let s = survey_stats(all.iter(), true);
        assert_eq!((s.answers, s.average_rating, s.recommend_percent), (3, Some(3.7), Some(66)));
        assert_eq!(s.comments, ["Très bien"]);
        assert!(survey_stats(all.iter(), false).comments.is_empty());
        assert_eq!(survey_stats([].iter(), true), SurveyStats::default());
    }

    #[test]
    fn remunerations_once_a_month_for_ended_sessions() {
        let m = mission();
        let mut s = input("2026-01-12", "09:00", "12:00").validate(&m, "s1".into(), utc("2026-01-10T08:00:00Z")).unwrap();
        s.facilitators.push(SessionFacilitator {
            sub: "f1".into(),
            email: "f1@example.org".into(),
            name: "Fa Cili".into(),
            country: ProviderCountry::France,
            status: FacilitatorStatus::Registered,
            registered_at: utc("2026-01-10T08:00:00Z"),
            remuneration_requested: None,
        });
        let sessions = vec![s];
        assert!(remuneration_due(&m, &sessions, utc("2026-01-12T10:00:00Z"), false).is_err(), "not over yet");
        assert_eq!(remuneration_due(&m, &sessions, utc("2026-01-12T10:00:00Z"), true).unwrap().len(), 1, "anticipated");
        assert_eq!(remuneration_due(&m, &sessions, utc("2026-01-12T12:00:00Z"), false).unwrap().len(), 1);
        let mut m2 = m.clone();
        m2.remuneration_months.push("2026-01".into());
        let e = remuneration_due(&m2, &sessions, utc("2026-01-20T12:00:00Z"), false).unwrap_err();
        assert_eq!(e, DomainError::Conflict(Refusal::RemunerationOnceAMonth("2026-01".into())));
        assert!(!ready_to_close(&sessions, utc("2026-02-01T00:00:00Z")));
    }

    #[test]
    fn the_dashboard_counts_planned_against_ordered() {
        let m = mission();
        let s = input("2026-01-12", "14:00", "17:00").validate(&m, "s1".into(), utc("2026-01-10T08:00:00Z")).unwrap();
        assert_eq!(s.half_days(), vec!["après-midi"]);
        let p = planned(&[s.clone(), s], SessionKind::Workshop);
        assert_eq!((p.sessions, p.facilitators, p.seats), (2, 0, 4));
        assert_eq!(month_of(utc("2026-01-31T23:30:00Z")), "2026-02", "Paris time");
        assert_eq!(previous_month(utc("2026-01-01T05:00:00Z")), "2025-12");
        assert_eq!(euros(123_450), "1\u{202f}234,50 €");
        assert_eq!(euros(25_000), "250,00 €");
    }

    #[test]
    fn sums_of_amounts_are_checked() {
        assert_eq!(total_cents([25_000, 60_000, 30_000]), Some(115_000));
        assert_eq!(total_cents([u64::MAX, 1]), None);
        assert_eq!(total_cents(std::iter::empty()), Some(0));
    }
}

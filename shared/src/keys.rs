//! Every key of the single table, built here and nowhere else.
//!
//! | entity            | PK                  | SK                 | GSI1PK / GSI1SK                         | GSI2 (catalogue feed) |
//! |-------------------|---------------------|--------------------|-----------------------------------------|-----------------------|
//! | Company           | `COMPANY#<id>`      | `PROFILE`          | –                                       | yes                   |
//! | Domain guard      | `DOMAIN#<domain>`   | `DOMAIN`           | –                                       | –                     |
//! | Audit entry       | `AUDIT#<company id>` | `<at>#<id>`       | `AUDIT` / `<at>#<id>` (the operator's log) | –                  |
//! | Association       | `ASSO#<id>`         | `PROFILE`          | –                                       | yes                   |
//! | Partnership       | `COMPANY#<cid>`     | `PARTNER#<aid>`    | `ASSO#<aid>` / `PARTNER#<cid>`          | yes                   |
//! | User              | `USER#<sub>`        | `PROFILE`          | `EMAIL#<email>` / `USER`                | –                     |
//! | Mission           | `MISSION#<id>`      | `MISSION`          | `ASSO#<aid>` / `MISSION#<created>#<id>` | yes                   |
//! | User × mission    | `USER#<sub>`        | `UM#<mission id>`  | `HIST#<sub>` / `<viewed at>#<id>`       | –                     |
//! | Engagement        | `ENG#<id>`          | `ENG`              | `EMP#<sub>` / `ENG#<created>#<id>`      | `ASSO#<aid>#ENG` / `<created>#<id>`; GSI3 `MGR#<manager email>` / `ENG#<created>#<id>`; GSI4 `COMPANY#<cid>#ENG#<year>` / `<created>#<id>` (the company's report) |
//! | HR attributes     | `COMPANY#<cid>`     | `HR#<email>`       | –                                       | –                     |
//! | Allowance ledger  | `USER#<sub>`        | `LEDGER#<year>` or `LEDGER#W<iso week>` | –                  | –                     |
//! | Assessment reminder | `REMIND#ASSESSMENT` | `<due at>#<engagement id>` | –                                  | –                     |
//! | Manager reminder  | `REMIND#MANAGER`    | `<due at>#<engagement>#<request>#[g<generation>-]<n>` | –            | –                     |
//! | Signature reminder | `REMIND#SIGNATURE` | `<due at>#<engagement>#v<version>#<n>` | –                          | –                     |
//! | Reminder on demand ("Relancer", TTL) | `NUDGE#<engagement>` | `v<version>#<party>` | –                   | –                     |
//! | Action token      | `TOKEN#<sha-256>`   | `TOKEN`            | –                                       | –                     |
//! | Engagement guard  | `ENGKEY#<sub>#<mission>#<year>` | `GUARD` | –                                  | –                     |
//! | Preferences and alert subscription | `USER#<sub>` | `PREFERENCES` | `ALERTS#IMMEDIATELY` / `<cursor>#<sub>` or `ALERTS#SCHEDULED` / `<due>#<sub>` (only while subscribed) | – |
//! | Calendar feed (current token's hash) | `USER#<sub>` | `CALFEED` | –                                  | –                     |
//! | Held batch month  | `BATCH#HELD`        | `<AAAA-MM>`        | –                                       | –                     |
//! | Billing details and mandate | `USER#<sub>` | `BILLING`    | –                                       | –                     |
//! | Statement numbers (per issuer and year) | `USER#<sub>` | `STATEMENTSEQ#<year>` | –               | –                     |
//! | Daily counter     | `USER#<sub>`        | `COUNT#<kind>#<day>` | –                                     | –                     |
//! | Skill proposal    | `USER#<sub>`        | `PROPOSAL#<sent at>#<id>` | `EMP#<sub>` / `PROPOSAL#<sent at>#<id>` (beside the engagements) | – |
//! | Association suggestion | `SUGG#<id>`    | `SUGG`             | `SUGGESTIONS` / `<created>#<id>`; GSI3 `SUGGESTER#<sub>` / `<created>#<id>` | – |
//! | News item (actu solidaire) | `NEWS#<id>` | `NEWS`            | `NEWS` / `<date>#<id>`                  | –                     |
//! | Quiz              | `QUIZ#<id>`         | `QUIZ`             | `QUIZZES` / `<opens on>#<id>`           | –                     |
//! | Quiz answer       | `USER#<sub>`        | `QUIZ#<quiz id>`   | –                                       | –                     |
//! | Facilitation mission | `FMISSION#<id>`  | `FMISSION`         | `COORD#<coordinator email>` / `<created>#<id>` | –              |
//! | Session (with its facilitators and participants) | `FMISSION#<mission id>` | `SESSION#<id>` | – | –            |
//! | A facilitator's session | `FACIL#<sub>` | `SESSION#<date>#<session id>` | –                            | –                     |
//! | Survey answer     | `FMISSION#<mission id>` | `SURVEY#<session id>#<participant id>` | –                  | –                     |
//! | Remuneration month | `REMREQ#<AAAA-MM>` | `FMISSION#<mission id>` | –                                  | –                     |
//! | Batch step        | `BATCH#<AAAA-MM>`   | `PROVIDER#<sub>` or `EXPORT` | –                                 | –                     |
//! | Job lease         | `JOB#<function>`    | `LEASE`            | –                                       | –                     |
//! | Report export     | `REPORTEXPORT#<id>` | `EXPORT`           | `REPORT_EXPORTS#PENDING` / `<created>#<id>` (while pending) | – |
//! | Company version   | `COMPANY#<cid>`     | `VERSION#<at>#<id>`, `POLICY#<at>` | – | – |
//! | Sent e-mail (a year, TTL) | `MAILLOG#<address>` | `<sent at>#<envelope>#<letter>` | – | – |
//! | Erasure (until scrubbed) | `ERASURE#<id>` | `ERASURE`        | `ERASURES#PENDING` / `<created>#<id>` | – |
//! | Outbox envelope (the e-mails of one change) | `OUTBOX#<id>` | `OUTBOX` | `OUTBOX#PENDING` / `<created>#<id>` (only until delivered) | – |
//! | Undeliverable address | `SUPPRESSED#<email>` | `SUPPRESSED` | –                                  | –                     |
//!
//! GSI2 is the catalogue change feed: every item that search depends on carries
//! `GSI2PK = CATALOG` and `GSI2SK = <revision>`, a time-ordered revision string.

use chrono::{DateTime, Utc};

pub const PK: &str = "PK";
pub const SK: &str = "SK";
pub const GSI1PK: &str = "GSI1PK";
pub const GSI1SK: &str = "GSI1SK";
pub const GSI2PK: &str = "GSI2PK";
pub const GSI2SK: &str = "GSI2SK";
pub const ENTITY_TYPE: &str = "entity_type";
pub const TTL: &str = "expires_at";
pub const GSI1: &str = "GSI1";
pub const GSI2: &str = "GSI2";
pub const GSI3PK: &str = "GSI3PK";
pub const GSI3SK: &str = "GSI3SK";
pub const GSI3: &str = "GSI3";
pub const GSI4PK: &str = "GSI4PK";
pub const GSI4SK: &str = "GSI4SK";
pub const GSI4: &str = "GSI4";

pub const PROFILE: &str = "PROFILE";
pub const CATALOG: &str = "CATALOG";
/// The feed partition of companies, associations and partnerships (missions are in `CATALOG`).
pub const DIRECTORY: &str = "DIRECTORY";

/// Keys that are a prefix and one identifier (`COMPANY#<id>`), each a function of that
/// identifier, written once here.
macro_rules! prefixed {
    ($($(#[$doc:meta])* $name:ident => $prefix:literal,)*) => {
        $($(#[$doc])* pub fn $name(id: &str) -> String {
            format!(concat!($prefix, "{}"), id)
        })*
    };
}

prefixed! {
    /// The audit log of a company's back-office changes.
    audit => "AUDIT#",
    company => "COMPANY#",
    association => "ASSO#",
    partner => "PARTNER#",
    partner_of => "PARTNER#",
    user => "USER#",
    mission => "MISSION#",
    user_mission => "UM#",
    history => "HIST#",
    token => "TOKEN#",
    engagement => "ENG#",
    engagements_of => "EMP#",
    suggestion => "SUGG#",
    suggested_by => "SUGGESTER#",
    news => "NEWS#",
    quiz => "QUIZ#",
    /// A user's answer to a quiz, under the user.
    quiz_answer => "QUIZ#",
    facilitation_mission => "FMISSION#",
    session => "SESSION#",
    facilitator => "FACIL#",
    /// The missions whose remunerations were requested in a month (what the batch reads).
    remuneration_month => "REMREQ#",
    /// What the monthly batch has done for a month, one item per step (statements, export).
    batch => "BATCH#",
    /// A person's erasure, until the nightly purge has scrubbed the table of them.
    erasure => "ERASURE#",
    /// A CSR report export built in the background.
    report_export => "REPORTEXPORT#",
    /// A scheduled job's lease (one run at a time).
    job => "JOB#",
    /// The e-mails one state change causes, written in its transaction.
    outbox => "OUTBOX#",
}

/// Keys of an e-mail address, lowercased (`EMAIL#<address>`).
macro_rules! lowercased {
    ($($(#[$doc:meta])* $name:ident => $prefix:literal,)*) => {
        $($(#[$doc])* pub fn $name(address: &str) -> String {
            format!(concat!($prefix, "{}"), address.to_lowercase())
        })*
    };
}

lowercased! {
    email => "EMAIL#",
    hr => "HR#",
    /// Engagements whose latest date request went to this manager (the team view).
    managed_by => "MGR#",
    coordinated_by => "COORD#",
    /// The e-mails sent to an address ("Mes données"), a year.
    mail_log => "MAILLOG#",
    /// An address SES reported as bouncing for good, or complaining: never sent to again.
    suppressed => "SUPPRESSED#",
}

/// Sort keys in time order, then the id (`<prefix><timestamp>#<id>`).
macro_rules! time_sorted {
    ($($(#[$doc:meta])* $name:ident => $prefix:literal,)*) => {
        $($(#[$doc])* pub fn $name(at: DateTime<Utc>, id: &str) -> String {
            format!(concat!($prefix, "{}#{}"), timestamp(at), id)
        })*
    };
}

time_sorted! {
    mission_by_association => "MISSION#",
    history_sort => "",
    assessment_reminder => "",
    engagement_sort => "ENG#",
    alert_sort => "",
    skill_proposal => "PROPOSAL#",
    outbox_sort => "",
}

pub fn domain(domain: &str) -> String {
    format!("DOMAIN#{}", domain.to_ascii_lowercase())
}
pub const DOMAIN_SK: &str = "DOMAIN";
pub const USER_SK: &str = "USER";
pub const MISSION_SK: &str = "MISSION";
pub const MISSION_BY_ASSOCIATION_PREFIX: &str = "MISSION#";
pub const USER_MISSION_PREFIX: &str = "UM#";

/// Half days booked (pending and accepted) in a calendar year…
pub fn ledger_year(year: i32) -> String {
    format!("LEDGER#{year}")
}
/// …or in an ISO week, for the end-of-career allowance.
pub fn ledger_week(iso_year: i32, week: u32) -> String {
    format!("LEDGER#W{iso_year}-{week:02}")
}
/// Assessment reminders waiting for their time: one partition, sorted by when they are due.
pub const ASSESSMENT_REMINDERS: &str = "REMIND#ASSESSMENT";
/// Reminders to managers who have not answered a date request.
pub const MANAGER_REMINDERS: &str = "REMIND#MANAGER";
/// Reminders to the parties who have not signed a convention ready to sign.
pub const SIGNATURE_REMINDERS: &str = "REMIND#SIGNATURE";

/// The last reminder on demand ("Relancer") of each party to sign an engagement's versions…
pub fn nudges(engagement_id: &str) -> String {
    format!("NUDGE#{engagement_id}")
}
/// …of one party, one version.
pub fn nudge(version: usize, party: &str) -> String {
    format!("v{version}#{party}")
}

pub const TOKEN_SK: &str = "TOKEN";

pub const ENGAGEMENT_SK: &str = "ENG";
/// A company's engagements of one calendar year (GSI4: its report).
pub fn engagements_of_company(company_id: &str, year: i32) -> String {
    format!("COMPANY#{company_id}#ENG#{year}")
}
pub fn engagements_of_association(association_id: &str) -> String {
    format!("ASSO#{association_id}#ENG")
}
/// One engagement per employee, mission and calendar year.
pub fn engagement_guard(sub: &str, mission_id: &str, year: i32) -> String {
    format!("ENGKEY#{sub}#{mission_id}#{year}")
}
pub const GUARD_SK: &str = "GUARD";

/// Mission preferences and the alert subscription of a user.
pub const PREFERENCES_SK: &str = "PREFERENCES";
/// The current private calendar feed of a person (the hash of its token), beside their profile.
pub const CALENDAR_FEED_SK: &str = "CALFEED";

/// The months whose remuneration batch holds statements waiting for billing details.
pub const HELD_BATCHES: &str = "BATCH#HELD";

/// A facilitator's billing details and self-billing mandate, beside their profile.
pub const BILLING_SK: &str = "BILLING";

/// The last self-billing statement number of an issuer (under `USER#<sub>`) in a year.
pub fn statement_sequence(year: i32) -> String {
    format!("STATEMENTSEQ#{year}")
}
/// Subscribers to immediate alerts, sorted by the publication time they have been sent up to.
pub const ALERTS_IMMEDIATE: &str = "ALERTS#IMMEDIATELY";
/// Subscribers to daily and weekly digests, sorted by when their next digest is due.
pub const ALERTS_SCHEDULED: &str = "ALERTS#SCHEDULED";
/// Everything at or before `at` in an alert partition sorts below this.
pub fn alert_sort_until(at: DateTime<Utc>) -> String {
    format!("{}~", timestamp(at))
}

/// A per-user counter of one kind of action on one Paris day (shares, proposals).
pub fn daily_counter(kind: &str, day: chrono::NaiveDate) -> String {
    format!("COUNT#{kind}#{day}")
}

pub const SKILL_PROPOSAL_PREFIX: &str = "PROPOSAL#";

pub const SUGGESTION_SK: &str = "SUGG";
pub const SUGGESTIONS: &str = "SUGGESTIONS";
/// Sort key of suggestions, news and quizzes in their lists: a date or time, then the id.
pub fn dated(at: &str, id: &str) -> String {
    format!("{at}#{id}")
}

pub const NEWS_SK: &str = "NEWS";
pub const NEWS_FEED: &str = "NEWS";

pub const QUIZ_SK: &str = "QUIZ";
pub const QUIZZES: &str = "QUIZZES";
pub const QUIZ_ANSWER_PREFIX: &str = "QUIZ#";

pub const FACILITATION_MISSION_SK: &str = "FMISSION";
pub const SESSION_PREFIX: &str = "SESSION#";
pub fn facilitator_session(date: chrono::NaiveDate, session_id: &str) -> String {
    format!("SESSION#{date}#{session_id}")
}

/// Survey answers of a mission's session, under the mission.
pub fn survey_answer(session_id: &str, participant_id: &str) -> String {
    format!("SURVEY#{session_id}#{participant_id}")
}
pub const SURVEY_PREFIX: &str = "SURVEY#";

pub const LEASE_SK: &str = "LEASE";
pub const REPORT_EXPORT_SK: &str = "EXPORT";
pub const ERASURE_SK: &str = "ERASURE";
/// The erasures the nightly purge has not finished (GSI1).
pub const ERASURES_PENDING: &str = "ERASURES#PENDING";
/// The report exports waiting for the job (GSI1).
pub const REPORT_EXPORTS_PENDING: &str = "REPORT_EXPORTS#PENDING";

pub const OUTBOX_SK: &str = "OUTBOX";
/// The envelope id of an outbox partition key.
pub fn outbox_id(pk: &str) -> Option<&str> {
    pk.strip_prefix("OUTBOX#").filter(|id| !id.is_empty() && *id != "PENDING")
}
/// Envelopes not delivered yet (GSI1), oldest first: what the sweep re-drives.
pub const OUTBOX_PENDING: &str = "OUTBOX#PENDING";
pub const SUPPRESSED_SK: &str = "SUPPRESSED";

/// Revision of a catalogue item: milliseconds since the epoch, zero-padded so that strings
/// sort as numbers, then the item's key so that two writes in one millisecond differ.
pub fn revision(at: DateTime<Utc>, pk: &str, sk: &str) -> String {
    format!("{:015}#{pk}#{sk}", at.timestamp_millis().max(0))
}

/// The revision below which everything before `at` sorts (used to query the feed).
pub fn revision_floor(at_millis: i64) -> String {
    format!("{:015}", at_millis.max(0))
}

/// Milliseconds of a revision string, if it is one.
pub fn revision_millis(rev: &str) -> Option<i64> {
    rev.get(..15)?.parse().ok()
}

/// RFC 3339 UTC with milliseconds: sorts lexicographically in time order.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn revisions_sort_in_time_order() {
        let a = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let b = a + chrono::Duration::milliseconds(1);
        assert!(revision(a, "MISSION#z", "MISSION") < revision(b, "MISSION#a", "MISSION"));
        assert!(revision_floor(b.timestamp_millis()) > revision(a, "X", "Y"));
        assert_eq!(revision_millis(&revision(a, "P", "S")), Some(a.timestamp_millis()));
    }

    #[test]
    fn keys_are_normalised() {
        assert_eq!(domain("Bpifrance.EXAMPLE"), "DOMAIN#bpifrance.example");
        assert_eq!(email("Maelys.Louvel@X.example"), "EMAIL#maelys.louvel@x.example");
    }
}

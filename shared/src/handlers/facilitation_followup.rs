//! After the sessions (SPEC E6, E7): attendance with certificates and satisfaction surveys,
//! survey results, and remuneration requests.

use aws_sdk_dynamodb::types::{AttributeValue, Put, TransactWriteItem};
use chrono::Duration;
use lambda_http::{Body, Request, RequestExt, Response};
use serde::{Deserialize, Serialize};

use crate::app::App;
use crate::domain::facilitation::{month_of, remuneration_due, FacilitationMission, MissionStatus, RemunerationRequest, Session};
use crate::error::{ApiError, ApiResult, Errors};
use crate::handlers::facilitation::{coordinated, mission_item, save_session, session_for, session_item, session_view};
use crate::http;
use crate::keys;
use crate::store::{self, s};
use crate::texts::{emails, err, facilitation_documents as docs, pages};

pub const SURVEY_PURPOSE: &str = "survey";

/// Writes `item` only if its stored version is still `expected` (transaction item).
fn put_if_version(app: &App, item: store::Item, expected: u64) -> ApiResult<TransactWriteItem> {
    let put = Put::builder()
        .table_name(&app.store.table)
        .set_item(Some(item))
        .condition_expression("#v = :v")
        .expression_attribute_names("#v", "version")
        .expression_attribute_values(":v", AttributeValue::N(expected.to_string()))
        .build()
        .map_err(|e| ApiError::unexpected("build put", e))?;
    Ok(TransactWriteItem::builder().put(put).build())
}

/// POST /facilitation-missions/{missionId}/sessions/{sessionId}/attendance — the
/// coordinator or a facilitator of the session records who was present (once it started).
/// Each present participant gets, once, an attendance certificate (PDF) and a link to the
/// satisfaction survey.
pub mod record_attendance {
    use super::*;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Input {
        present: Vec<String>,
    }

    #[derive(Serialize)]
    struct Recorded {
        #[serde(flatten)]
        session: crate::handlers::facilitation::SessionView,
        certificates_sent: usize,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let mission_id = http::path_id(&req, "missionId")?;
        let session_id = http::path_id(&req, "sessionId")?;
        let input: Input = http::json_body(&req)?;
        let now = app.now();
        for _ in 0..3 {
            let (m, mut session, _) = session_for(app, &caller, &mission_id, &session_id).await?;
            if m.status == MissionStatus::Closed {
                return Err(ApiError::Conflict(err::MISSION_CLOSED.into()));
            }
            if session.starts_at().is_none_or(|t| t > now) {
                return Err(ApiError::Conflict(err::SESSION_NOT_STARTED.into()));
            }
            let mut e = Errors::new();
            for (i, id) in input.present.iter().enumerate() {
                if !session.participants.iter().any(|p| &p.id == id) {
                    e.add(format!("present[{i}]"), err::UNKNOWN_PARTICIPANT);
                }
            }
            e.finish()?;
            // Certificates go out once: claimed in the same write as the attendance.
            let mut newly = Vec::new();
            for p in session.participants.iter_mut() {
                let present = input.present.contains(&p.id);
                p.present = Some(present);
                if present && p.certified_at.is_none() {
                    p.certified_at = Some(now);
                    newly.push(p.clone());
                }
            }
            session.attendance_recorded_at = Some(now);
            let expected = session.version;
            session.version += 1;
            if !save_session(app, &session, Some(expected)).await? {
                continue;
            }
            let facilitators: Vec<String> = session.active_facilitators().map(|f| f.name.clone()).collect();
            let mut sent = 0;
            for p in &newly {
                match certify(app, &m, &session, p, &facilitators).await {
                    Ok(()) => sent += 1,
                    Err(e) => tracing::error!(error = %e, participant = %p.id, "attendance certificate not sent"),
                }
            }
            return http::ok(&Recorded { session: session_view(&session), certificates_sent: sent });
        }
        Err(ApiError::Conflict(err::CONCURRENT_UPDATE.into()))
    }

    async fn certify(app: &App, m: &FacilitationMission, session: &Session, p: &crate::domain::facilitation::Participant, facilitators: &[String]) -> ApiResult<()> {
        let now = app.now();
        let pdf = crate::pdf::render(&docs::attendance_certificate(m, session, &p.full_name(), facilitators), docs::CERTIFICATE_FOOTER)?;
        let sha = crate::documents::sha256_hex(&pdf);
        app.documents.put_pdf(&format!("certificates/{}/{}/{}.pdf", m.id, session.id, p.id), pdf.clone(), &sha).await?;
        let (token, record) = crate::tokens::issue(now, Duration::days(60))?;
        let item = crate::tokens::item(&record, SURVEY_PURPOSE, &[("mission_id", &m.id), ("session_id", &session.id), ("participant_id", &p.id)]);
        app.store.put_new("PutItem survey token", item).await?;
        let url = format!("{}/surveys/{}", app.config.public_base_url, token.0);
        let letter = emails::attendance_certificate(&p.email, &p.first_name, &session.title, &crate::texts::date_fr(session.date), &url);
        let mime = crate::mail::mime(&app.config.mail_from, &letter, &[], &[(format!("attestation-presence-{}.pdf", session.date), "application/pdf", pdf)], now)?;
        app.mailer.send_raw(&letter.to, mime).await?;
        Ok(())
    }
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

enum SurveyLink {
    Invalid,
    Answered,
    Live { hash: String, mission: FacilitationMission, session: Session, participant: crate::domain::facilitation::Participant },
}

async fn survey_link(app: &App, req: &Request) -> ApiResult<SurveyLink> {
    let plain = req.path_parameters().first("token").unwrap_or_default().to_string();
    if !crate::tokens::well_formed(&plain) {
        return Ok(SurveyLink::Invalid);
    }
    let hash = crate::tokens::hash(&plain);
    let Some(token) = app.store.get(&keys::token(&hash), keys::TOKEN_SK).await? else { return Ok(SurveyLink::Invalid) };
    let (Some(SURVEY_PURPOSE), Some(mid), Some(sid), Some(pid)) = (
        store::string(&token, "purpose"),
        store::string(&token, "mission_id"),
        store::string(&token, "session_id"),
        store::string(&token, "participant_id"),
    ) else {
        return Ok(SurveyLink::Invalid);
    };
    if token.contains_key("used_at") {
        return Ok(SurveyLink::Answered);
    }
    let expires = token.get(keys::TTL).and_then(|v| v.as_n().ok()).and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
    if expires <= app.now().timestamp() {
        return Ok(SurveyLink::Invalid);
    }
    let Some((mission, sessions)) = crate::handlers::facilitation::mission_and_sessions(app, mid).await? else { return Ok(SurveyLink::Invalid) };
    let Some(session) = sessions.into_iter().find(|x| x.id == sid) else { return Ok(SurveyLink::Invalid) };
    let Some(participant) = session.participants.iter().find(|p| p.id == pid).cloned() else { return Ok(SurveyLink::Invalid) };
    Ok(SurveyLink::Live { hash, mission, session, participant })
}

fn survey_dead_end(link: &SurveyLink) -> ApiResult<Response<Body>> {
    match link {
        SurveyLink::Answered => http::html(200, pages::message(pages::SURVEY_THANKS, pages::SURVEY_DONE_TEXT)),
        _ => http::html(404, pages::message(pages::INVALID, pages::SURVEY_INVALID_TEXT)),
    }
}

/// GET /surveys/{token} — the participant's satisfaction survey (a page; changes nothing).
pub mod show_survey {
    use super::*;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        match survey_link(app, &req).await? {
            SurveyLink::Live { session, participant, .. } => {
                http::html(200, pages::survey(&participant.first_name, &session.title, &crate::texts::date_fr(session.date)))
            }
            other => survey_dead_end(&other),
        }
    }
}

/// POST /surveys/{token} — the participant's answer, once (form fields `rating` 1–5,
/// `recommend` yes/no, `comment`).
pub mod submit_survey {
    use super::*;

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let link = survey_link(app, &req).await?;
        let SurveyLink::Live { hash, mission, session, participant } = &link else { return survey_dead_end(&link) };
        let form = http::form_body(&req)?;
        let rating = form.get("rating").and_then(|r| r.parse::<u8>().ok()).filter(|r| (1..=5).contains(r));
        let recommend = match form.get("recommend").map(String::as_str) {
            Some("yes") => Some(true),
            Some("no") => Some(false),
            _ => None,
        };
        let (Some(rating), Some(recommend)) = (rating, recommend) else {
            return http::html(400, pages::message(pages::SURVEY, &pages::survey_invalid_answer(err::SURVEY_FIELDS)));
        };
        let comment = form.get("comment").map(|c| c.trim().chars().take(2000).collect::<String>()).filter(|c| !c.is_empty());
        let answer = SurveyAnswer {
            session_id: session.id.clone(),
            participant_id: participant.id.clone(),
            facilitators: session.active_facilitators().map(|f| (f.sub.clone(), f.name.clone())).collect(),
            rating,
            recommend,
            comment,
            answered_at: app.now(),
        };
        let item = store::item("SurveyAnswer", &keys::facilitation_mission(&mission.id), &keys::survey_answer(&session.id, &participant.id), &answer)?;
        let use_token = crate::tokens::consume(&app.store.table, hash, app.now())?;
        let put = Put::builder()
            .table_name(&app.store.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(PK)")
            .build()
            .map_err(|e| ApiError::unexpected("build put", e))?;
        let r = app
            .store
            .client
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().update(use_token).build())
            .transact_items(TransactWriteItem::builder().put(put).build())
            .send()
            .await;
        match r {
            Ok(_) => http::html(200, pages::message(pages::SURVEY_THANKS, pages::SURVEY_THANKS_TEXT)),
            Err(e) if store::cancellation_codes(&e).is_some_and(|c| c.iter().flatten().any(|c| c == "ConditionalCheckFailed")) => {
                survey_dead_end(&SurveyLink::Answered)
            }
            Err(e) => Err(store::sdk_error("TransactWriteItems survey", e)),
        }
    }
}

/// GET /facilitation-missions/{missionId}/survey-results — the coordinator's results, per
/// session and per facilitator: answers, average rating (out of 5), share who recommend.
pub mod get_survey_results {
    use super::*;

    #[derive(Serialize, Default)]
    struct Stats {
        answers: usize,
        average_rating: Option<f64>,
        recommend_percent: Option<u32>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        comments: Vec<String>,
    }

    fn stats<'a>(answers: impl Iterator<Item = &'a SurveyAnswer>, with_comments: bool) -> Stats {
        let list: Vec<&SurveyAnswer> = answers.collect();
        if list.is_empty() {
            return Stats::default();
        }
        let n = list.len();
        Stats {
            answers: n,
            average_rating: Some((list.iter().map(|a| a.rating as f64).sum::<f64>() / n as f64 * 10.0).round() / 10.0),
            recommend_percent: Some((list.iter().filter(|a| a.recommend).count() * 100 / n) as u32),
            comments: if with_comments { list.iter().filter_map(|a| a.comment.clone()).collect() } else { vec![] },
        }
    }

    #[derive(Serialize)]
    struct BySession {
        session_id: String,
        title: String,
        date: chrono::NaiveDate,
        present: usize,
        #[serde(flatten)]
        stats: Stats,
    }

    #[derive(Serialize)]
    struct ByFacilitator {
        facilitator: String,
        name: String,
        #[serde(flatten)]
        stats: Stats,
    }

    #[derive(Serialize)]
    struct Results {
        sessions: Vec<BySession>,
        facilitators: Vec<ByFacilitator>,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let mission_id = http::path_id(&req, "missionId")?;
        let (_, sessions) = coordinated(app, &caller, &mission_id).await?;
        let q = app
            .store
            .client
            .query()
            .table_name(&app.store.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :p)")
            .expression_attribute_values(":pk", s(keys::facilitation_mission(&mission_id)))
            .expression_attribute_values(":p", s(keys::SURVEY_PREFIX));
        let answers: Vec<SurveyAnswer> = app.store.query_all("Query survey answers", q).await?.into_iter().map(store::from_item).collect::<ApiResult<_>>()?;
        let by_session = sessions
            .iter()
            .map(|x| BySession {
                session_id: x.id.clone(),
                title: x.title.clone(),
                date: x.date,
                present: x.participants.iter().filter(|p| p.present == Some(true)).count(),
                stats: stats(answers.iter().filter(|a| a.session_id == x.id), true),
            })
            .collect();
        let mut people: Vec<(String, String)> = answers.iter().flat_map(|a| a.facilitators.clone()).collect();
        people.sort();
        people.dedup_by(|a, b| a.0 == b.0);
        let by_facilitator = people
            .into_iter()
            .map(|(sub, name)| ByFacilitator { stats: stats(answers.iter().filter(|a| a.facilitators.iter().any(|f| f.0 == sub)), false), facilitator: sub, name })
            .collect();
        http::ok(&Results { sessions: by_session, facilitators: by_facilitator })
    }
}

/// POST /facilitation-missions/{missionId}/remuneration-requests — the coordinator
/// requests the remunerations of the facilitators of ended sessions (or, `anticipated`, of
/// every planned session), at most once a month per mission. One transaction: the mission
/// (its months), every session concerned, and the month's list the batch reads.
pub mod request_remunerations {
    use super::*;

    #[derive(Deserialize, Default)]
    #[serde(deny_unknown_fields)]
    struct Input {
        #[serde(default)]
        anticipated: bool,
    }

    #[derive(Serialize)]
    struct Requested {
        month: String,
        facilitators: usize,
        sessions: Vec<crate::handlers::facilitation::SessionView>,
    }

    pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
        let caller = http::caller(&req)?;
        let mission_id = http::path_id(&req, "missionId")?;
        let input: Input = http::json_body(&req)?;
        let now = app.now();
        let month = month_of(now);
        let (mut mission, sessions) = coordinated(app, &caller, &mission_id).await?;
        let due = remuneration_due(&mission, &sessions, now, input.anticipated)?;
        let pairs: Vec<(String, String)> = due.iter().map(|(s, f)| (s.id.clone(), f.sub.clone())).collect();
        let mut changed: Vec<Session> = Vec::new();
        for mut session in sessions.into_iter() {
            let mut touched = false;
            for f in session.facilitators.iter_mut() {
                if pairs.contains(&(session.id.clone(), f.sub.clone())) {
                    f.remuneration_requested = Some(RemunerationRequest { month: month.clone(), requested_at: now, anticipated: input.anticipated, transmitted_at: None });
                    touched = true;
                }
            }
            if touched {
                changed.push(session);
            }
        }
        let mission_version = mission.version;
        mission.remuneration_months.push(month.clone());
        mission.version += 1;
        let mut tx = app.store.client.transact_write_items().transact_items(put_if_version(app, mission_item(&mission)?, mission_version)?);
        for session in changed.iter_mut() {
            let v = session.version;
            session.version += 1;
            tx = tx.transact_items(put_if_version(app, session_item(session)?, v)?);
        }
        let mut listed = store::key(&keys::remuneration_month(&month), &keys::facilitation_mission(&mission.id));
        listed.insert(keys::ENTITY_TYPE.into(), s("RemunerationMonth"));
        listed.insert("mission_id".into(), s(&mission.id));
        tx = tx.transact_items(TransactWriteItem::builder().put(Put::builder().table_name(&app.store.table).set_item(Some(listed)).build().map_err(|e| ApiError::unexpected("build put", e))?).build());
        match tx.send().await {
            Ok(_) => {}
            Err(e) if store::cancellation_codes(&e).is_some_and(|c| c.iter().flatten().any(|c| c == "ConditionalCheckFailed")) => {
                // Another request won the race (the same month), or a session changed: re-read.
                return Err(ApiError::Conflict(err::remuneration_once_a_month(&month)));
            }
            Err(e) => return Err(store::sdk_error("TransactWriteItems remunerations", e)),
        }
        http::json(201, &Requested { month, facilitators: pairs.len(), sessions: changed.iter().map(session_view).collect() })
    }
}

//! POST /facilitation-missions/{missionId}/remuneration-requests — the coordinator
//! requests the remunerations of the facilitators of ended sessions (or, `anticipated`, of
//! every planned session), at most once a month per mission. One transaction: the mission
//! (its months), every session concerned, and the month's list the batch reads.

use lambda_http::{Body, Request, Response};
use serde::{Deserialize, Serialize};

use shared::app::App;
use shared::areas::facilitation::{coordinated, session_view};
use shared::domain::facilitation::{month_of, remuneration_due, RemunerationRequest, Session};
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::texts::err;

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
    sessions: Vec<shared::areas::facilitation::SessionView>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let (caller, mission_id, input): (_, _, Input) = http::caller_id_body(&req, "missionId")?;
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
                f.remuneration_requested = Some(RemunerationRequest {
                    month: month.clone(),
                    requested_at: now,
                    anticipated: input.anticipated,
                    transmitted_at: None,
                });
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
    let mut expected = Vec::with_capacity(changed.len());
    for session in changed.iter_mut() {
        expected.push(session.version);
        session.version += 1;
    }
    let sessions: Vec<(&Session, u64)> = changed.iter().zip(expected).collect();
    match shared::store::facilitation::request_remunerations(&app.store, &month, (&mission, mission_version), &sessions).await? {
        Ok(()) => {}
        // Another request won the race (the same month), or a session changed: re-read.
        Err(cancelled) if !cancelled.failed.is_empty() => return Err(ApiError::Conflict(err::remuneration_once_a_month(&month))),
        Err(cancelled) => return Err(cancelled.unexpected("TransactWriteItems remunerations")),
    }
    http::json(201, &Requested { month, facilitators: pairs.len(), sessions: changed.iter().map(session_view).collect() })
}

//! GET /reminders/upcoming — for the operator: what the reminder runs will send in the next
//! 24 hours (or `hours`, up to 7 days), each with its kind, when, to whom and about what.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::access;
use shared::domain::engagement::RequestState;
use shared::domain::user::Role;
use shared::error::ApiResult;
use shared::http::{self, Query};
use shared::store::{engagements, reminders};

#[derive(Serialize)]
struct Upcoming {
    kind: &'static str,
    due_at: Option<chrono::DateTime<chrono::Utc>>,
    to: String,
    engagement_id: String,
    mission_title: String,
}

#[derive(Serialize)]
struct Page {
    until: chrono::DateTime<chrono::Utc>,
    items: Vec<Upcoming>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let query = Query::of(&req, &["hours"])?;
    let hours = query.integer("hours", 1, 168)?.unwrap_or(24);
    access::require_role(app, &caller, Role::Operator).await?;
    let until = app.now() + chrono::Duration::hours(hours);
    let reminders::Upcoming { assessments, managers, signatures } = reminders::upcoming(&app.store, until).await?;
    let mut items = Vec::new();
    for r in assessments {
        if let Some(e) = engagements::get(&app.store, &r.engagement_id).await? {
            items.push(Upcoming {
                kind: "assessment",
                due_at: reminders::due_of(&r.sk),
                to: e.employee.email,
                engagement_id: e.id,
                mission_title: e.mission_title,
            });
        }
    }
    for r in managers {
        if let Some(e) = engagements::get(&app.store, &r.engagement_id).await? {
            // Only what the run will send: a request still pending, of the link it reminds of.
            let pending = e.requests.iter().find(|q| q.id == r.request_id && q.state == RequestState::Pending && r.is_for(q));
            let Some(to) = pending.map(|q| q.manager_email.clone()) else { continue };
            items.push(Upcoming {
                kind: "manager_decision",
                due_at: reminders::due_of(&r.sk),
                to,
                engagement_id: e.id,
                mission_title: e.mission_title,
            });
        }
    }
    for r in signatures {
        let Some(e) = engagements::get(&app.store, &r.engagement_id).await? else { continue };
        if e.convention_version().to_string() != r.version {
            continue;
        }
        for party in e.pending_signatories() {
            for to in shared::areas::convention::signatory_addresses(app, &e, party).await? {
                items.push(Upcoming {
                    kind: "signature",
                    due_at: reminders::due_of(&r.sk),
                    to,
                    engagement_id: e.id.clone(),
                    mission_title: e.mission_title.clone(),
                });
            }
        }
    }
    items.sort_by_key(|i| i.due_at);
    http::ok(&Page { until, items })
}

//! GET /me/team — "Les missions de mon équipe": the engagements of the people who named me as
//! their manager, newest first, with their latest request and its dates (D12).

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::decision_link::request_dates_labels;
use shared::areas::engagements::engagements_managed_by;
use shared::domain::engagement::RequestState;
use shared::error::ApiResult;
use shared::http;

#[derive(Serialize)]
struct TeamItem {
    engagement_id: String,
    employee: String,
    employee_email: String,
    mission_title: String,
    association_name: String,
    state_label: &'static str,
    request_id: String,
    request_state: RequestState,
    request_state_label: &'static str,
    dates: Vec<String>,
    message: String,
    expires_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize)]
struct Team {
    pending: usize,
    items: Vec<TeamItem>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let engagements = engagements_managed_by(&app.store, caller.email.as_str()).await?;
    let now = app.now();
    let items: Vec<TeamItem> = engagements
        .iter()
        .filter_map(|e| {
            let r = e.requests.last().filter(|r| r.manager_email == caller.email.as_str())?;
            let state = if r.state == RequestState::Pending && r.expires_at <= now { RequestState::Expired } else { r.state };
            Some(TeamItem {
                engagement_id: e.id.clone(),
                employee: e.employee.full_name(),
                employee_email: e.employee.email.clone(),
                mission_title: e.mission_title.clone(),
                association_name: e.association_name.clone(),
                state_label: e.state.label(),
                request_id: r.id.clone(),
                request_state: state,
                request_state_label: state.label(),
                dates: request_dates_labels(e, &r.id),
                message: r.message.clone(),
                expires_at: r.expires_at,
            })
        })
        .collect();
    let pending = items.iter().filter(|i| i.request_state == RequestState::Pending).count();
    http::ok(&Team { pending, items })
}

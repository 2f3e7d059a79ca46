//! GET /facilitation-missions — my missions as coordinator, in progress and closed.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::domain::facilitation::{MissionStatus, Quantities};
use shared::error::ApiResult;
use shared::http;

#[derive(Serialize)]
struct Page {
    items: Vec<Item2>,
}

#[derive(Serialize)]
struct Item2 {
    id: String,
    title: String,
    client: String,
    status: MissionStatus,
    status_label: &'static str,
    ordered: Quantities,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let missions = shared::store::facilitation::coordinated_by(&app.store, caller.email.as_str()).await?;
    let items = missions
        .into_iter()
        .map(|m| Item2 {
            status_label: m.status.label(),
            id: m.id,
            title: m.title,
            client: m.client.name,
            status: m.status,
            ordered: m.ordered,
        })
        .collect();
    http::ok(&Page { items })
}

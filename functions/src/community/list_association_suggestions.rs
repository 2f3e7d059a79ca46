//! GET /association-suggestions — the operator's review list (`?status=pending` by
//! default; `all` for every one), newest first; an employee gets their own suggestions.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::suggestions::*;
use shared::domain::user::Role;
use shared::error::{ApiError, ApiResult};
use shared::http;
use shared::http::Query;
use shared::keys;
use shared::store::community;
use shared::texts::err;

#[derive(Serialize)]
struct Page<'a> {
    items: Vec<View<'a>>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let query = Query::of(&req, &["status"])?;
    let wanted = match query.text("status").as_deref() {
        None | Some("pending") => Some(Status::Pending),
        Some("accepted") => Some(Status::Accepted),
        Some("rejected") => Some(Status::Rejected),
        Some("all") => None,
        Some(other) => return Err(ApiError::field("status", err::unknown_value("status", other, "pending, accepted, rejected, all"))),
    };
    let user: Option<shared::domain::user::User> = app.store.get_as(&keys::user(&caller.sub), keys::PROFILE).await?;
    let (all, filter): (Vec<Suggestion>, _) = match user.as_ref().map(|u| u.role) {
        Some(Role::Operator) => (community::all_suggestions(&app.store).await?, wanted),
        // Employees see all of theirs unless they ask for one status.
        Some(Role::Employee | Role::CompanyAdmin) => {
            (community::suggestions_by(&app.store, &caller.sub).await?, if query.text("status").is_some() { wanted } else { None })
        }
        _ => return Err(ApiError::Forbidden(err::NOT_REGISTERED.into())),
    };
    let items: Vec<Suggestion> = all.into_iter().filter(|x| filter.is_none_or(|f| x.status == f)).collect();
    http::ok(&Page { items: items.iter().map(view).collect() })
}

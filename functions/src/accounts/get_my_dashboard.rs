//! GET /me/dashboard — "Mon compte" (D11): days of mission used this year and days left,
//! the to-do list with its counts (my team's dates to validate, conventions to sign,
//! assessments to complete), and my missions with their step.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::areas::engagements::{engagements_managed_by, engagements_of, EngagementView};
use shared::areas::views::TodoItem;
use shared::domain::allowance;
use shared::domain::engagement::{awaiting_manager, half_days_given, paris_year, Engagement, EngagementState};
use shared::error::ApiResult;
use shared::http;
use shared::texts::todo;

/// A document of "Mes documents".
#[derive(Serialize)]
struct Document {
    kind: &'static str,
    title: String,
    /// The API path that hands out a fresh download link (conventions), or a link (assessments).
    href: String,
}

#[derive(Serialize)]
struct Dashboard {
    year: i32,
    half_days_used: u32,
    days_used_label: String,
    half_days_left: Option<u32>,
    days_left_label: Option<String>,
    todo: Vec<TodoItem>,
    missions: Vec<EngagementView>,
    documents: Vec<Document>,
}

pub async fn handle(app: &App, req: Request) -> ApiResult<Response<Body>> {
    let caller = http::caller(&req)?;
    let now = app.now();
    let year = paris_year(now);
    let mine = engagements_of(&app.store, &caller.sub).await?;
    let team = engagements_managed_by(&app.store, caller.email.as_str()).await?;
    let policy = {
        let state = app.directory.cached(&app.store).await?;
        state.company_of_domain(caller.email.domain()).map(|c| c.policy.clone())
    };

    let half_days_used = half_days_given(&mine, year);
    let booked: Vec<_> = mine.iter().flat_map(|e| e.booked()).collect();
    let half_days_left = policy.as_ref().map(|p| allowance::annual_left(p, &booked, year));
    let count = |state: EngagementState| mine.iter().filter(|e| e.state == state).count() as u32;
    let team_pending = awaiting_manager(&team, caller.email.as_str(), now);
    let todo = vec![
        TodoItem { code: "validate_team_dates", label: todo::VALIDATE_TEAM_DATES, count: team_pending },
        TodoItem { code: "sign_convention", label: todo::SIGN_CONVENTION, count: count(EngagementState::AwaitingSignatures) },
        TodoItem { code: "complete_assessment", label: todo::COMPLETE_ASSESSMENT, count: count(EngagementState::AssessmentDue) },
        TodoItem {
            code: "fix_manager_email",
            label: todo::FIX_MANAGER_EMAIL,
            count: mine.iter().filter(|e| e.manager_unreachable()).count() as u32,
        },
    ];
    let documents = documents(app, &mine).await?;
    http::ok(&Dashboard {
        year,
        half_days_used,
        days_used_label: todo::days_used(&shared::texts::days_label(half_days_used)),
        half_days_left,
        days_left_label: half_days_left.map(shared::texts::days_label),
        todo,
        missions: mine.into_iter().map(EngagementView::of).collect(),
        documents,
    })
}

/// "Mes documents": each convention (its page) and each assessment (a short-lived link).
async fn documents(app: &App, mine: &[Engagement]) -> ApiResult<Vec<Document>> {
    let mut documents = Vec::new();
    for e in mine {
        let version = e.convention_version();
        if version > 0 {
            let href = format!("/engagements/{}/convention", e.id);
            documents.push(Document { kind: "convention", title: todo::convention_title(e.year, &e.mission_title, version), href });
        }
        if let Some(a) = &e.assessment {
            let url = app.documents.presigned_get(&a.pdf_key, &format!("bilan-{}.pdf", e.year), shared::areas::convention::URL_TTL).await?;
            documents.push(Document { kind: "assessment", title: todo::assessment_title(e.year, &e.mission_title), href: url });
        }
    }
    Ok(documents)
}

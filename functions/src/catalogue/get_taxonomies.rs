//! GET /taxonomies — the values every filter and mission field accepts, with their labels.

use lambda_http::{Body, Request, Response};
use serde::Serialize;

use shared::app::App;
use shared::error::ApiResult;
use shared::http;
use shared::taxonomy::{self, TaxonomyView};

#[derive(Serialize)]
struct Taxonomies {
    taxonomies: Vec<TaxonomyView>,
    formats: [(&'static str, &'static str); 3],
    duration_examples: [&'static str; 5],
}

pub async fn handle(_app: &App, req: Request) -> ApiResult<Response<Body>> {
    http::caller(&req)?;
    http::ok(&Taxonomies {
        taxonomies: taxonomy::all().iter().map(|t| t.view()).collect(),
        formats: shared::texts::mission_form::FORMATS,
        duration_examples: shared::texts::mission_form::DURATION_EXAMPLES,
    })
}

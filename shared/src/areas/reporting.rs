//! What the company's report, its export and the associations' statements share: who may
//! read them (the platform's operator, the company's admins), the year and filters asked,
//! and the year's data read in a few Queries (the company, its engagements of the year by
//! GSI4, the day costs of its HR file).

use std::collections::HashMap;

use chrono::Datelike;

use crate::app::App;
use crate::domain::company::Company;
use crate::domain::engagement::Engagement;
use crate::domain::report::{self, Filters};
use crate::domain::taxonomy::THEMES;
use crate::domain::user::User;
use crate::error::{ApiError, ApiResult};
use crate::http::{Caller, Query};
use crate::keys;
use crate::store::query::{On, Query as StoreQuery, Sort};
use crate::texts::err;

/// The caller as the operator or an admin of `company_id` (anyone else: 403).
pub async fn admin_of(app: &App, caller: &Caller, company_id: &str) -> ApiResult<User> {
    crate::areas::access::operator_or_admin_of(app, caller, company_id).await
}

/// The year asked (`year`, the current one in Paris by default): from 2020 to next year.
pub fn year(query: &Query, app: &App) -> ApiResult<i32> {
    let this_year = app.now().with_timezone(&chrono_tz::Europe::Paris).year();
    let year = query.integer("year", 2020, i64::from(this_year) + 1)?.unwrap_or(i64::from(this_year));
    i32::try_from(year).map_err(|_| ApiError::field("year", err::bad_integer("year", 2020, i64::from(this_year) + 1)))
}

/// The filters asked: an entity of the company, a theme of the taxonomy, an association id.
pub fn filters(query: &Query, company: &Company) -> ApiResult<Filters> {
    let entity = query.text("entity");
    if let Some(e) = &entity {
        if company.entity(e).is_none() {
            return Err(ApiError::field("entity", err::unknown_entity("entity")));
        }
    }
    let theme = match query.text("theme") {
        Some(t) => Some(THEMES.parse("theme", &t).map_err(|e| ApiError::Validation(vec![e.into()]))?.to_string()),
        None => None,
    };
    let association = query.text("association");
    if let Some(a) = &association {
        crate::domain::validate::id("association", a).map_err(|e| ApiError::Validation(vec![e.into()]))?;
    }
    Ok(Filters { entity, theme, association })
}

/// A theme's name, as the taxonomy writes it.
pub fn theme_label(id: &str) -> String {
    THEMES.label_of(id).unwrap_or(id).to_string()
}

/// A company's year: the company, its engagements of the year, and the day costs of its HR
/// file (by lower-case e-mail).
pub struct Year {
    pub company: Company,
    pub engagements: Vec<Engagement>,
    pub hr_costs: HashMap<String, u64>,
}

#[derive(serde::Deserialize)]
struct HrCost {
    #[serde(default)]
    day_cost_cents: Option<u64>,
    #[serde(rename = "SK")]
    sk: String,
}

impl Year {
    /// The day cost of an engagement's employee: theirs (HR file), else their entity's.
    pub fn day_cost(&self, e: &Engagement) -> Option<u64> {
        report::day_cost(e, &self.company, &self.hr_costs)
    }

    /// An entity's name ("Implantation non renseignée" when not known).
    pub fn entity_label(&self, id: Option<&str>) -> String {
        id.and_then(|id| self.company.entity(id))
            .map(|e| e.name.clone())
            .unwrap_or_else(|| crate::texts::report::UNKNOWN_ENTITY.to_string())
    }

    /// The report's figures of `year` for the engagements `filters` keeps.
    pub fn report(&self, year: i32, filters: &Filters) -> report::Report {
        let labels = report::Labels { theme: theme_label, entity: |id: Option<&str>| self.entity_label(id) };
        report::build(year, &self.engagements, filters, &labels)
    }
}

/// The CSV of `kept` (engagements of `data`), entity and theme names written out.
pub fn csv(data: &Year, kept: &[&Engagement]) -> String {
    crate::texts::report::csv(kept, |id| data.entity_label(id), theme_label, |e| data.day_cost(e))
}

pub async fn load(app: &App, company_id: &str, year: i32) -> ApiResult<Year> {
    let company: Company = app
        .store
        .get_as(&keys::company(company_id), keys::PROFILE)
        .await?
        .ok_or_else(|| ApiError::NotFound(err::UNKNOWN_COMPANY.into()))?;
    let engagements: Vec<Engagement> =
        app.store.fetch("Query company engagements", &StoreQuery::on(On::Gsi4, keys::engagements_of_company(company_id, year))).await?;
    let hr: Vec<HrCost> = app
        .store
        .fetch("Query HR day costs", &StoreQuery::on(On::Table, keys::company(company_id)).sort(Sort::Prefix(keys::hr(""))))
        .await?;
    let hr_costs =
        hr.into_iter().filter_map(|h| Some((h.sk.strip_prefix(&keys::hr("")).unwrap_or(&h.sk).to_string(), h.day_cost_cents?))).collect();
    Ok(Year { company, engagements, hr_costs })
}

//! "Mes données" (GDPR, SPEC A4): everything the platform holds about the caller, as JSON,
//! with 5-minute links to their documents (conventions, assessments) and the e-mails sent
//! to them (the last year's).

use serde_json::{json, Map, Value};

use crate::app::App;
use crate::areas::convention::URL_TTL;
use crate::areas::engagements::{engagements_of, EngagementView};
use crate::areas::suggestions::{view, Suggestion};
use crate::error::ApiResult;
use crate::store::{community, users};

/// Attributes of the table's own (keys, indexes, revisions), not the person's data.
const TABLE_ATTRIBUTES: &[&str] =
    &["PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK", "entity_type", "version", "expires_at"];

/// The export: each kind of data under its name; the allowance ledger and the daily counters
/// (bookkeeping derived from the engagements) are left out, and said so.
pub async fn export(app: &App, sub: &str, email: &str) -> ApiResult<Value> {
    let mut sections: Map<String, Value> = Map::new();
    for name in ["missions_seen", "quiz_answers", "skill_proposals"] {
        sections.insert(name.into(), Value::Array(vec![]));
    }
    for item in users::partition_of(&app.store, sub).await? {
        let sk = item["SK"].as_str().unwrap_or_default().to_string();
        let section = match sk.split('#').next().unwrap_or_default() {
            "PROFILE" => "profile",
            "PREFERENCES" => "preferences",
            "UM" => "missions_seen",
            "QUIZ" => "quiz_answers",
            "PROPOSAL" => "skill_proposals",
            _ => continue,
        };
        let cleaned = match item {
            Value::Object(mut m) => {
                m.retain(|k, _| !TABLE_ATTRIBUTES.contains(&k.as_str()));
                Value::Object(m)
            }
            other => other,
        };
        match sections.get_mut(section) {
            Some(Value::Array(list)) => list.push(cleaned),
            _ => {
                sections.insert(section.into(), cleaned);
            }
        }
    }
    let mine = engagements_of(&app.store, sub).await?;
    let mut documents = Vec::new();
    for e in mine.iter().filter(|e| e.convention_version() > 0) {
        let current = crate::areas::convention::ensure(app, e).await?;
        let (version, sha256) = (current.version, current.sha256.clone());
        let signed = e.signatures.iter().filter(|s| s.version == version).count() == 3;
        let key = if signed {
            crate::areas::convention::ensure_signed(app, e, &current).await?.pdf_key
        } else {
            crate::documents::keys::convention(&e.id, version)
        };
        let url = app.documents.presigned_get(&key, &format!("convention-{}-v{version}.pdf", e.year), URL_TTL).await?;
        documents.push(
            json!({ "engagement_id": e.id, "kind": "convention", "version": version, "signed": signed, "sha256": sha256, "url": url }),
        );
        if let Some(a) = e.assessment.as_ref().filter(|a| !a.pdf_key.is_empty()) {
            let url = app.documents.presigned_get(&a.pdf_key, &format!("bilan-{}.pdf", e.year), URL_TTL).await?;
            documents.push(json!({ "engagement_id": e.id, "kind": "assessment", "url": url }));
        }
    }
    sections.insert("documents".into(), Value::Array(documents));
    sections
        .insert("emails_sent".into(), serde_json::to_value(crate::store::mail_log::sent_to(&app.store, email).await?).unwrap_or_default());
    let engagements: Vec<EngagementView> = mine.into_iter().map(EngagementView::of).collect();
    let suggestions: Vec<Suggestion> = community::suggestions_by(&app.store, sub).await?;
    sections.insert("engagements".into(), serde_json::to_value(engagements).unwrap_or_default());
    sections.insert("suggestions".into(), serde_json::to_value(suggestions.iter().map(view).collect::<Vec<_>>()).unwrap_or_default());
    sections.insert("exported_at".into(), json!(app.now()));
    sections.insert("not_included".into(), json!(crate::texts::err::PERSONAL_DATA_NOT_INCLUDED));
    Ok(Value::Object(sections))
}

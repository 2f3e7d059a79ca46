//! E-mail addresses, checked once at the edge.

use serde::{Deserialize, Serialize};

use super::error::{FieldError, Problem};

/// A syntactically valid, lower-cased e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Email(String);

impl Email {
    pub fn parse(field: &str, value: &str) -> Result<Self, FieldError> {
        let v = value.trim().to_lowercase();
        let bad = || FieldError::new(field, Problem::Email);
        if v.len() > 254 || v.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | ',' | ';' | '"')) {
            return Err(bad());
        }
        let (local, domain) = v.rsplit_once('@').ok_or_else(bad)?;
        let domain_ok = domain.len() >= 3
            && domain.contains('.')
            && !domain.starts_with(['.', '-'])
            && !domain.ends_with(['.', '-'])
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(bad());
        }
        Ok(Email(v))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map(|(_, d)| d).unwrap_or("")
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why an address is undeliverable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Undeliverable {
    Bounce,
    Complaint,
}

impl std::fmt::Display for Undeliverable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Undeliverable::Bounce => "bounce",
            Undeliverable::Complaint => "complaint",
        })
    }
}

/// The addresses an SNS event of SES feedback reports as undeliverable (lower-cased): the
/// recipients of permanent bounces and of complaints. SES's event publishing says
/// `eventType`, identity notifications `notificationType`; transient bounces are left out.
pub fn undeliverable(event: &serde_json::Value) -> Vec<(String, Undeliverable)> {
    use serde_json::Value;
    let records = event.get("Records").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let mut out: Vec<(String, Undeliverable)> = Vec::new();
    for r in records {
        let Some(message) = r.pointer("/Sns/Message").and_then(Value::as_str) else { continue };
        let Ok(m) = serde_json::from_str::<Value>(message) else { continue };
        let kind = m.get("eventType").or_else(|| m.get("notificationType")).and_then(Value::as_str).unwrap_or_default();
        let (list, reason) = match kind {
            "Bounce" if m.pointer("/bounce/bounceType").and_then(Value::as_str) == Some("Permanent") => {
                (m.pointer("/bounce/bouncedRecipients"), Undeliverable::Bounce)
            }
            "Complaint" => (m.pointer("/complaint/complainedRecipients"), Undeliverable::Complaint),
            _ => continue,
        };
        for recipient in list.and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
            let Some(address) = recipient.get("emailAddress").and_then(Value::as_str) else { continue };
            let address = address.trim().to_lowercase();
            if !address.is_empty() && !out.iter().any(|(a, _)| *a == address) {
                out.push((address, reason));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_normalises() {
        let e = Email::parse("email", " Maelys.Louvel@Bpifrance.EXAMPLE ").unwrap();
        assert_eq!(e.as_str(), "maelys.louvel@bpifrance.example");
        assert_eq!(e.domain(), "bpifrance.example");
    }

    #[test]
    fn rejects_what_is_not_an_address() {
        for bad in ["", "maelys", "@x.fr", "a@b", "a@.fr", "a b@x.fr", "a@x..fr", "\"a\"@x.fr", "a@x.fr>", "a@@x.fr"] {
            let e = Email::parse("manager_email", bad).unwrap_err();
            assert_eq!(e.field, "manager_email", "{bad}");
        }
    }

    #[test]
    fn ses_feedback_names_permanent_bounces_and_complaints_only() {
        let sns = |m: serde_json::Value| serde_json::json!({ "Sns": { "Message": m.to_string() } });
        let event = serde_json::json!({ "Records": [
            sns(serde_json::json!({ "eventType": "Bounce", "bounce": { "bounceType": "Permanent", "bouncedRecipients": [{ "emailAddress": "Jean.Manager@Aubay.example" }] } })),
            sns(serde_json::json!({ "eventType": "Bounce", "bounce": { "bounceType": "Transient", "bouncedRecipients": [{ "emailAddress": "full@aubay.example" }] } })),
            sns(serde_json::json!({ "notificationType": "Complaint", "complaint": { "complainedRecipients": [{ "emailAddress": "angry@aubay.example" }] } })),
            sns(serde_json::json!({ "eventType": "Delivery" })),
            { "Sns": { "Message": "not json" } }
        ]});
        assert_eq!(
            undeliverable(&event),
            vec![
                ("jean.manager@aubay.example".to_string(), Undeliverable::Bounce),
                ("angry@aubay.example".to_string(), Undeliverable::Complaint)
            ]
        );
    }
}

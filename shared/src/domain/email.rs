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
}

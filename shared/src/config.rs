//! Typed configuration, read once from the environment at cold start and validated there:
//! a function with a bad configuration fails to start instead of failing requests.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    /// The single DynamoDB table.
    pub table_name: String,
    /// The private bucket holding generated PDFs.
    pub bucket_name: String,
    /// Sender of every e-mail (an SES verified identity), e.g. `Mécénat <no-reply@example.com>`.
    pub mail_from: String,
    /// Public base URL of the API, used to build links in e-mails (no trailing slash).
    pub public_base_url: String,
    /// The hosted frontend, for links to pages that need a signed-in user (an invitation to
    /// facilitate); defaults to `PUBLIC_BASE_URL`.
    pub frontend_url: String,
    /// The billing team, which gets the monthly remuneration export (defaults to the support address).
    pub billing_email: String,
    /// Support address told about cancellations and shown in e-mails.
    pub support_email: String,
    /// The facilitation network's name, shown on the facilitation pages (`NETWORK_NAME`).
    pub network_name: String,
    /// The network's legal identity as self-billing statements name the client (legal name,
    /// address, SIRET, VAT number), `NETWORK_IDENTITY`; the name alone when it is not set.
    pub network_identity: String,
    /// SES configuration set applied to every e-mail (optional).
    pub ses_configuration_set: Option<String>,
    /// How stale the in-memory catalogue may be before a request refreshes it.
    pub catalogue_max_age: Duration,
    /// How long a manager's decision link stays valid (default 14 days).
    pub manager_link_ttl: chrono::Duration,
    /// The SES account's maximum sending rate, in e-mails per second (default 14, the
    /// rate of a new production account): bulk senders (alert digests) stay under it.
    pub ses_max_send_rate: f64,
    /// How long one run of the digest function may spend before leaving the rest to the
    /// next run (default 100 s: the function runs every 2 minutes).
    pub digest_run_budget: Duration,
    /// The most lines of a CSR report export served within the request; above, it is built
    /// in the background and e-mailed (`REPORT_INLINE_LINES`, default 20 000).
    pub report_inline_lines: usize,
    /// Years without sign-in after which an account is erased, warned a month and a week
    /// before (`INACTIVE_ACCOUNT_YEARS`, default 3).
    pub inactive_account_years: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("missing environment variable {0}")]
    Missing(&'static str),
    #[error("invalid environment variable {name}: {reason}")]
    Invalid { name: &'static str, reason: String },
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Builds the configuration from any key lookup (the environment, or a map in tests).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let required = |name: &'static str| -> Result<String, ConfigError> {
            match get(name) {
                Some(v) if !v.trim().is_empty() => Ok(v.trim().to_string()),
                _ => Err(ConfigError::Missing(name)),
            }
        };
        let table_name = required("TABLE_NAME")?;
        let bucket_name = required("BUCKET_NAME")?;
        let mail_from = required("MAIL_FROM")?;
        if !mail_from.contains('@') {
            return Err(ConfigError::Invalid { name: "MAIL_FROM", reason: "not an e-mail address".into() });
        }
        let public_base_url = required("PUBLIC_BASE_URL")?.trim_end_matches('/').to_string();
        if !(public_base_url.starts_with("https://") || public_base_url.starts_with("http://")) {
            return Err(ConfigError::Invalid { name: "PUBLIC_BASE_URL", reason: "must start with https:// (or http:// locally)".into() });
        }
        let frontend_url = match get("FRONTEND_URL").filter(|v| !v.trim().is_empty()) {
            Some(v) if v.starts_with("https://") || v.starts_with("http://") => v.trim().trim_end_matches('/').to_string(),
            Some(_) => return Err(ConfigError::Invalid { name: "FRONTEND_URL", reason: "must start with https://".into() }),
            None => public_base_url.clone(),
        };
        let support_email = required("SUPPORT_EMAIL")?;
        if !support_email.contains('@') {
            return Err(ConfigError::Invalid { name: "SUPPORT_EMAIL", reason: "not an e-mail address".into() });
        }
        let billing_email = match get("BILLING_EMAIL").filter(|v| !v.trim().is_empty()) {
            Some(v) if v.contains('@') => v.trim().to_string(),
            Some(_) => return Err(ConfigError::Invalid { name: "BILLING_EMAIL", reason: "not an e-mail address".into() }),
            None => support_email.clone(),
        };
        let network_name = match get("NETWORK_NAME").map(|v| v.trim().to_string()).filter(|v| !v.is_empty()) {
            None => crate::texts::pages::DEFAULT_NETWORK_NAME.to_string(),
            Some(v) if v.chars().count() <= 80 => v,
            Some(_) => return Err(ConfigError::Invalid { name: "NETWORK_NAME", reason: "80 characters at most".into() }),
        };
        let network_identity = match get("NETWORK_IDENTITY").map(|v| v.trim().to_string()).filter(|v| !v.is_empty()) {
            None => network_name.clone(),
            Some(v) if v.chars().count() <= 300 && !v.contains(['\r', '\n']) => v,
            Some(_) => return Err(ConfigError::Invalid { name: "NETWORK_IDENTITY", reason: "one line of 300 characters at most".into() }),
        };
        let ses_configuration_set = get("SES_CONFIGURATION_SET").filter(|v| !v.trim().is_empty());
        let catalogue_max_age = match get("CATALOGUE_MAX_AGE_MS") {
            None => Duration::from_millis(1000),
            Some(v) => Duration::from_millis(
                v.trim().parse::<u64>().map_err(|e| ConfigError::Invalid { name: "CATALOGUE_MAX_AGE_MS", reason: e.to_string() })?,
            ),
        };
        let manager_link_ttl = match get("MANAGER_LINK_TTL_DAYS") {
            None => chrono::Duration::days(14),
            Some(v) => match v.trim().parse::<i64>() {
                Ok(d) if (1..=90).contains(&d) => chrono::Duration::days(d),
                _ => return Err(ConfigError::Invalid { name: "MANAGER_LINK_TTL_DAYS", reason: "a number of days from 1 to 90".into() }),
            },
        };
        let ses_max_send_rate = match get("SES_MAX_SEND_RATE") {
            None => 14.0,
            Some(v) => match v.trim().parse::<f64>() {
                Ok(r) if (0.1..=10_000.0).contains(&r) => r,
                _ => {
                    return Err(ConfigError::Invalid { name: "SES_MAX_SEND_RATE", reason: "e-mails per second, from 0.1 to 10000".into() })
                }
            },
        };
        let digest_run_budget = match get("DIGEST_RUN_SECONDS") {
            None => Duration::from_secs(100),
            Some(v) => match v.trim().parse::<u64>() {
                Ok(s) if s <= 840 => Duration::from_secs(s),
                _ => {
                    return Err(ConfigError::Invalid {
                        name: "DIGEST_RUN_SECONDS",
                        reason: "seconds, from 0 to 840 (a Lambda run lasts 15 minutes at most)".into(),
                    })
                }
            },
        };
        let report_inline_lines = match get("REPORT_INLINE_LINES") {
            None => 20_000,
            Some(v) => match v.trim().parse::<usize>() {
                Ok(n) if n <= 100_000 => n,
                _ => return Err(ConfigError::Invalid { name: "REPORT_INLINE_LINES", reason: "a number of lines, up to 100000".into() }),
            },
        };
        let inactive_account_years = match get("INACTIVE_ACCOUNT_YEARS") {
            None => 3,
            Some(v) => match v.trim().parse::<u32>() {
                Ok(n) if (1..=10).contains(&n) => n,
                _ => return Err(ConfigError::Invalid { name: "INACTIVE_ACCOUNT_YEARS", reason: "a number of years, from 1 to 10".into() }),
            },
        };
        Ok(Config {
            inactive_account_years,
            report_inline_lines,
            billing_email,
            frontend_url,
            ses_max_send_rate,
            digest_run_budget,
            manager_link_ttl,
            table_name,
            bucket_name,
            mail_from,
            public_base_url,
            support_email,
            network_name,
            network_identity,
            ses_configuration_set,
            catalogue_max_age,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| m.get(k).cloned()
    }

    const OK: &[(&str, &str)] = &[
        ("TABLE_NAME", "t"),
        ("BUCKET_NAME", "b"),
        ("MAIL_FROM", "no-reply@example.com"),
        ("PUBLIC_BASE_URL", "https://api.example.com/"),
        ("SUPPORT_EMAIL", "support@example.com"),
    ];

    #[test]
    fn reads_a_complete_environment() {
        let c = Config::from_lookup(env(OK)).unwrap();
        assert_eq!(c.public_base_url, "https://api.example.com");
        assert_eq!(c.catalogue_max_age, Duration::from_millis(1000));
        assert!(c.ses_configuration_set.is_none());
    }

    #[test]
    fn names_the_missing_variable() {
        let e = Config::from_lookup(env(&OK[1..])).unwrap_err();
        assert_eq!(e.to_string(), "missing environment variable TABLE_NAME");
    }

    #[test]
    fn rejects_a_base_url_without_scheme() {
        let mut v = OK.to_vec();
        v[3] = ("PUBLIC_BASE_URL", "api.example.com");
        assert!(matches!(Config::from_lookup(env(&v)), Err(ConfigError::Invalid { name: "PUBLIC_BASE_URL", .. })));
    }
}

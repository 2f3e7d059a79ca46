//! A facilitator's billing details and self-billing mandate (issue 13), and the rules of a
//! self-billing statement: who may get one, its number (a sequence per issuer and year,
//! without gaps), its VAT. Pure: the store keeps them, `texts::billing` writes them out.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::error::{FieldError, Problem};

/// How many days a facilitator has to contest a statement issued in their name.
pub const CONTEST_DAYS: u32 = 30;

/// VAT on the services: exempt (the "franchise en base", article 293 B of the CGI), or due
/// at a rate (basis points: 2000 = 20 %) with the facilitator's VAT number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "regime", rename_all = "snake_case")]
pub enum Vat {
    Franchise,
    Liable { number: String, rate_basis_points: u32 },
}

/// The self-billing mandate the facilitator accepted: who (the account), when, under which
/// text, and the contest period it gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mandate {
    pub accepted_by: String,
    pub accepted_at: DateTime<Utc>,
    pub text_version: String,
    pub contest_days: u32,
}

/// What a statement names the facilitator by, and where they are paid (the IBAN is never
/// shown back, only its last four characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingDetails {
    pub legal_name: String,
    pub address: String,
    pub siret: String,
    pub vat: Vat,
    pub iban: String,
    pub mandate: Mandate,
    pub updated_at: DateTime<Utc>,
}

impl BillingDetails {
    /// `FR76 •••• 1234`: enough to recognise one's account.
    pub fn masked_iban(&self) -> String {
        let tail: String = self.iban.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
        format!("{} •••• {tail}", self.iban.chars().take(4).collect::<String>())
    }
}

/// What a facilitator sends to be billed by self-billing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BillingInput {
    pub legal_name: Option<String>,
    pub address: Option<String>,
    pub siret: Option<String>,
    /// `franchise` or `liable`.
    pub vat_regime: Option<String>,
    pub vat_number: Option<String>,
    /// `20`, `10` or `5.5` (per cent), when liable.
    pub vat_rate: Option<String>,
    pub iban: Option<String>,
    pub accept_mandate: Option<bool>,
}

impl BillingInput {
    /// The details, every invalid field named; the mandate accepted by `sub` at `now` under
    /// `mandate_version`.
    pub fn accept(self, sub: &str, mandate_version: &str, now: DateTime<Utc>) -> super::error::DomainResult<BillingDetails> {
        use super::validate;
        let mut e = super::error::Errors::new();
        let legal_name = e.check(validate::line("legal_name", self.legal_name.as_deref(), 2, 160));
        let address = e.check(validate::line("address", self.address.as_deref(), 5, 300));
        let siret = match self.siret.as_deref() {
            Some(v) => e.check(siret("siret", v)),
            None => {
                e.add("siret", Problem::Required);
                None
            }
        };
        let regime =
            e.check(validate::one_of("vat_regime", self.vat_regime.as_deref().unwrap_or(""), &[("franchise", false), ("liable", true)]));
        let rates = [("20", VAT_RATES[0]), ("10", VAT_RATES[1]), ("5.5", VAT_RATES[2])];
        // A rate is one of the French rates whatever the regime (ignored under the franchise).
        let rate = match (regime, self.vat_rate.as_deref()) {
            (Some(true), rate) => e.check(validate::one_of("vat_rate", rate.unwrap_or(""), &rates)),
            (_, Some(rate)) => e.check(validate::one_of("vat_rate", rate, &rates)),
            (_, None) => None,
        };
        let vat = match regime {
            Some(false) => Some(Vat::Franchise),
            Some(true) => {
                let number = e.check(vat_number("vat_number", self.vat_number.as_deref().unwrap_or(""), siret.as_deref().unwrap_or("")));
                rate.zip(number).map(|(rate_basis_points, number)| Vat::Liable { number, rate_basis_points })
            }
            None => None,
        };
        let iban = match self.iban.as_deref() {
            Some(v) => e.check(iban("iban", v)),
            None => {
                e.add("iban", Problem::Required);
                None
            }
        };
        if self.accept_mandate != Some(true) {
            e.add("accept_mandate", Problem::MandateNotAccepted);
        }
        e.finish()?;
        let mandate = Mandate {
            accepted_by: sub.to_string(),
            accepted_at: now,
            text_version: mandate_version.to_string(),
            contest_days: CONTEST_DAYS,
        };
        match (legal_name, address, siret, vat, iban) {
            (Some(legal_name), Some(address), Some(siret), Some(vat), Some(iban)) => {
                Ok(BillingDetails { legal_name, address, siret, vat, iban, mandate, updated_at: now })
            }
            _ => Err(super::error::DomainError::field("siret", Problem::Required)),
        }
    }
}

/// A SIRET: 14 digits whose Luhn check holds (spaces ignored).
pub fn siret(field: &str, value: &str) -> Result<String, FieldError> {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if v.len() == 14 && v.bytes().all(|b| b.is_ascii_digit()) && super::association::luhn(&v) {
        Ok(v)
    } else {
        Err(FieldError::new(field, Problem::Siret))
    }
}

/// An IBAN: 15 to 34 characters, a country, and the ISO 13616 check (mod 97 = 1).
pub fn iban(field: &str, value: &str) -> Result<String, FieldError> {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let shape = (15..=34).contains(&v.len())
        && v.bytes().take(2).all(|b| b.is_ascii_uppercase())
        && v.bytes().skip(2).take(2).all(|b| b.is_ascii_digit())
        && v.bytes().all(|b| b.is_ascii_alphanumeric());
    if !shape {
        return Err(FieldError::new(field, Problem::Iban));
    }
    let rearranged = v[4..].bytes().chain(v[..4].bytes());
    let remainder = rearranged.fold(0u32, |acc, b| {
        let n = if b.is_ascii_digit() { u32::from(b - b'0') } else { u32::from(b - b'A') + 10 };
        if n >= 10 {
            (acc * 100 + n) % 97
        } else {
            (acc * 10 + n) % 97
        }
    });
    if remainder == 1 {
        Ok(v)
    } else {
        Err(FieldError::new(field, Problem::Iban))
    }
}

/// A French VAT number: `FR`, a 2-character key, the 9 digits of the SIREN (here the
/// SIRET's first 9).
pub fn vat_number(field: &str, value: &str, siret: &str) -> Result<String, FieldError> {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let ok = v.len() == 13 && v.starts_with("FR") && v[2..4].bytes().all(|b| b.is_ascii_alphanumeric()) && siret.get(..9) == v.get(4..);
    if ok {
        Ok(v)
    } else {
        Err(FieldError::new(field, Problem::VatNumber))
    }
}

/// The number of a statement: `AF-<year>-<SIREN>-<n>`, `n` counting from 1 each year for
/// each issuer (the facilitator, in whose name the statement is issued).
pub fn statement_number(year: i32, siret: &str, n: u32) -> String {
    format!("AF-{year}-{}-{n:04}", siret.get(..9).unwrap_or(siret))
}

/// The amounts of a statement: before tax, VAT (none under the franchise) and total, in
/// cents, checked.
pub fn amounts(before_tax_cents: u64, vat: &Vat) -> Option<(u64, u64, u64)> {
    let tax = match vat {
        Vat::Franchise => 0,
        // Rounded to the nearest cent, half up.
        Vat::Liable { rate_basis_points, .. } => before_tax_cents.checked_mul(u64::from(*rate_basis_points))?.checked_add(5_000)? / 10_000,
    };
    Some((before_tax_cents, tax, before_tax_cents.checked_add(tax)?))
}

/// The VAT rates a facilitator may declare (basis points): 20 %, 10 %, 5.5 %.
pub const VAT_RATES: [u32; 3] = [2000, 1000, 550];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siret_iban_and_vat_numbers_are_checked() {
        assert_eq!(siret("s", "732 829 320 00074").as_deref(), Ok("73282932000074"));
        assert!(siret("s", "73282932000075").is_err());
        assert!(siret("s", "7328293200007").is_err());
        assert_eq!(iban("i", "fr76 3000 6000 0112 3456 7890 189").as_deref(), Ok("FR7630006000011234567890189"));
        assert!(iban("i", "FR7630006000011234567890188").is_err(), "check digits");
        assert!(iban("i", "FR76").is_err());
        assert_eq!(vat_number("v", "FR 44 732829320", "73282932000074").as_deref(), Ok("FR44732829320"));
        assert!(vat_number("v", "FR44111111111", "73282932000074").is_err(), "not this SIREN");
    }

    #[test]
    fn the_details_need_every_field_and_the_mandate() {
        let now: DateTime<Utc> = "2026-12-01T09:00:00Z".parse().unwrap();
        let input = BillingInput {
            legal_name: Some("Fanny Animatrice EI".into()),
            address: Some("3 rue des Lilas, 69003 Lyon".into()),
            siret: Some("73282932000074".into()),
            vat_regime: Some("liable".into()),
            vat_number: Some("FR44732829320".into()),
            vat_rate: Some("20".into()),
            iban: Some("FR7630006000011234567890189".into()),
            accept_mandate: Some(true),
        };
        let d = input.clone().accept("s1", "2026.1", now).unwrap();
        assert_eq!(d.vat, Vat::Liable { number: "FR44732829320".into(), rate_basis_points: 2000 });
        assert_eq!((d.mandate.accepted_by.as_str(), d.mandate.contest_days), ("s1", 30));
        assert_eq!(d.masked_iban(), "FR76 •••• 0189");
        let refused =
            BillingInput { accept_mandate: Some(false), vat_rate: Some("19".into()), ..input }.accept("s1", "2026.1", now).unwrap_err();
        assert_eq!(refused.fields(), ["vat_rate", "accept_mandate"]);
    }

    #[test]
    fn numbers_run_per_issuer_and_year_and_vat_is_rounded() {
        assert_eq!(statement_number(2026, "73282932000074", 1), "AF-2026-732829320-0001");
        assert_eq!(amounts(50_000, &Vat::Franchise), Some((50_000, 0, 50_000)));
        let liable = Vat::Liable { number: "FR44732829320".into(), rate_basis_points: 2000 };
        assert_eq!(amounts(50_000, &liable), Some((50_000, 10_000, 60_000)));
        let reduced = Vat::Liable { number: "FR44732829320".into(), rate_basis_points: 550 };
        assert_eq!(amounts(12_345, &reduced), Some((12_345, 679, 13_024)));
        assert_eq!(amounts(u64::MAX, &liable), None);
    }
}

//! Every S3 key of the documents bucket, built here and nowhere else. The prefixes are also
//! what the IAM policies of the route table grant (`functions/src/routes.rs`), so a grant and
//! the keys it covers cannot drift apart.
//!
//! | prefix          | what                                             | key                                                       |
//! |-----------------|--------------------------------------------------|-----------------------------------------------------------|
//! | `catalogue/`    | the search index snapshot (binary, LZ4)          | `catalogue/index-v1.bin`                                  |
//! | `conventions/`  | conventions, per version (and, before 2026.2, the signed copies `…/v<n>-signee.pdf`) | `conventions/<engagement>/v<n>.pdf` |
//! | `signed/`       | signed conventions and their evidence, **write-once** (bucket policy: no overwrite, no deletion; expired by the lifecycle after 8 years) | `signed/<engagement>/v<n>.pdf`, `…/v<n>-lu.pdf`, `…/v<n>-preuve.json` |
//! | `assessments/`  | assessments, one per attempt                     | `assessments/<engagement>/<version>.pdf`                  |
//! | `sheets/`       | sign-in sheets and their signed scans            | `sheets/<mission>/<session>/<sha-256 of facilitator>.pdf` |
//! | `certificates/` | participants' certificates                       | `certificates/<mission>/<session>/<participant>.pdf`      |
//! | `statements/`   | self-billing statements                          | `statements/<AAAA-MM>/<sha-256 of provider>.pdf`          |
//! | `invoices/`     | providers' uploaded invoices                     | `invoices/<AAAA-MM>/<sha-256 of provider>.pdf`            |
//! | `exports/`      | the monthly remuneration export                  | `exports/remunerations-<AAAA-MM>.csv`                     |
//! | `outbox/`       | letters of an envelope too large for its item    | `outbox/<envelope id>.json`                               |
//! | `donations/`    | a company's annual statements to associations    | `donations/<company>/<association>/<year>.pdf`            |
//! | `audit-packs/`  | a session's audit pack (zip), rebuilt on demand  | `audit-packs/<mission>/<session>.zip`                     |
//! | `reports/`      | CSR report exports built in the background       | `reports/<company>/<export id>.csv`                       |

use crate::tokens::hash;

pub const CATALOGUE: &str = "catalogue/";
pub const CONVENTIONS: &str = "conventions/";
pub const SIGNED: &str = "signed/";
pub const ASSESSMENTS: &str = "assessments/";
pub const SHEETS: &str = "sheets/";
pub const CERTIFICATES: &str = "certificates/";
pub const STATEMENTS: &str = "statements/";
pub const INVOICES: &str = "invoices/";
pub const EXPORTS: &str = "exports/";
pub const OUTBOX: &str = "outbox/";
pub const DONATIONS: &str = "donations/";
pub const REPORTS: &str = "reports/";
pub const AUDIT_PACKS: &str = "audit-packs/";

/// A session's audit pack (zip), rebuilt each time it is asked for (expired after 7 days).
pub fn audit_pack(mission_id: &str, session_id: &str) -> String {
    format!("{AUDIT_PACKS}{mission_id}/{session_id}.zip")
}

/// Where a session's sign-in sheets and their signed scans are…
pub fn session_sheets(mission_id: &str, session_id: &str) -> String {
    format!("{SHEETS}{mission_id}/{session_id}/")
}

/// …and its participants' certificates.
pub fn session_certificates(mission_id: &str, session_id: &str) -> String {
    format!("{CERTIFICATES}{mission_id}/{session_id}/")
}

/// Every document of an engagement (its conventions and assessments), by prefix: what the
/// purge deletes once its retention is over.
pub fn engagement_documents(engagement_id: &str) -> [String; 2] {
    [format!("{CONVENTIONS}{engagement_id}/"), format!("{ASSESSMENTS}{engagement_id}/")]
}

/// The statement of the days `company` made available to `association` in `year` (rewritten
/// with the figures of the day each time it is asked for).
pub fn donation_statement(company_id: &str, association_id: &str, year: i32) -> String {
    format!("{DONATIONS}{company_id}/{association_id}/{year}.pdf")
}

/// A CSR report export built in the background.
pub fn report_export(company_id: &str, export_id: &str) -> String {
    format!("{REPORTS}{company_id}/{export_id}.csv")
}

/// The letters of an outbox envelope too large for a table item.
pub fn outbox_letters(envelope_id: &str) -> String {
    format!("{OUTBOX}{envelope_id}.json")
}

/// Where the scheduled `snapshot-catalogue` function keeps the whole feed, gzipped JSON:
/// a cold instance reads it in one request, then only the feed since its watermark.
pub const SNAPSHOT: &str = "catalogue/index-v1.bin";

pub fn convention(engagement_id: &str, version: usize) -> String {
    format!("{CONVENTIONS}{engagement_id}/v{version}.pdf")
}

/// The signed convention: the text the three parties signed and its evidence page. Written
/// once (`Documents::put_once`); the bucket policy refuses to replace or delete it.
pub fn signed_convention(engagement_id: &str, version: usize) -> String {
    format!("{SIGNED}{engagement_id}/v{version}.pdf")
}

/// The exact document the three parties read and signed, copied there once.
pub fn signed_original(engagement_id: &str, version: usize) -> String {
    format!("{SIGNED}{engagement_id}/v{version}-lu.pdf")
}

/// The evidence file of a signed convention (JSON): every signature of every version, the
/// hashes of each version's document and of the signed one. Written once.
pub fn signature_evidence(engagement_id: &str, version: usize) -> String {
    format!("{SIGNED}{engagement_id}/v{version}-preuve.json")
}

/// One key per attempt (the engagement's version), so concurrent submissions cannot overwrite
/// the PDF of the one that won.
pub fn assessment(engagement_id: &str, version: u64) -> String {
    format!("{ASSESSMENTS}{engagement_id}/{version}.pdf")
}

pub fn sign_in_sheet(mission_id: &str, session_id: &str, facilitator: &str) -> String {
    format!("{SHEETS}{mission_id}/{session_id}/{}.pdf", hash(facilitator))
}

pub fn signed_sheet(mission_id: &str, session_id: &str, facilitator: &str, extension: &str) -> String {
    format!("{SHEETS}{mission_id}/{session_id}/{}-signee.{extension}", hash(facilitator))
}

pub fn certificate(mission_id: &str, session_id: &str, participant_id: &str) -> String {
    format!("{CERTIFICATES}{mission_id}/{session_id}/{participant_id}.pdf")
}

pub fn statement(month: &str, provider: &str) -> String {
    format!("{STATEMENTS}{month}/{}.pdf", hash(provider))
}

pub fn invoice(month: &str, provider: &str) -> String {
    format!("{INVOICES}{month}/{}.pdf", hash(provider))
}

pub fn export(month: &str) -> String {
    format!("{EXPORTS}remunerations-{month}.csv")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_under_its_prefix() {
        assert!(SNAPSHOT.starts_with(CATALOGUE));
        assert_eq!(convention("e1", 2), "conventions/e1/v2.pdf");
        assert_eq!(signed_convention("e1", 2), "signed/e1/v2.pdf");
        assert_eq!(signature_evidence("e1", 2), "signed/e1/v2-preuve.json");
        assert_eq!(signed_original("e1", 2), "signed/e1/v2-lu.pdf");
        assert_eq!(assessment("e1", 7), "assessments/e1/7.pdf");
        assert!(sign_in_sheet("m", "s", "sub").starts_with("sheets/m/s/"));
        assert!(signed_sheet("m", "s", "sub", "jpg").ends_with("-signee.jpg"));
        assert_eq!(certificate("m", "s", "p"), "certificates/m/s/p.pdf");
        assert!(statement("2026-01", "sub").starts_with("statements/2026-01/"));
        assert!(invoice("2026-01", "sub").starts_with("invoices/2026-01/"));
        assert_eq!(export("2026-01"), "exports/remunerations-2026-01.csv");
        assert_eq!(donation_statement("c", "a", 2026), "donations/c/a/2026.pdf");
        assert_eq!(report_export("c", "x"), "reports/c/x.csv");
    }
}

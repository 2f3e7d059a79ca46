//! What several endpoints of an area share: access checks, loading with authorisation,
//! response views. An endpoint file in `functions/` never imports another; it imports these.

pub mod access;
pub mod audit;
pub mod billing;
pub mod convention;
pub mod dates;
pub mod decision;
pub mod decision_link;
pub mod directory;
pub mod engagements;
pub mod erasure;
pub mod facilitation;
pub mod facilitation_followup;
pub mod invoices;
pub mod news;
pub mod personal_data;
pub mod preferences;
pub mod publications;
pub mod quizzes;
pub mod reporting;
pub mod roles;
pub mod suggestions;
pub mod unsubscribe;
pub mod views;

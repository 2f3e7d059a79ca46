//! Pure domain: the entities of the platform, their validation and their rules. No I/O here,
//! and nothing of the crate but the domain itself (a test enforces it): errors are typed
//! (`error`), and `texts` words them and every label in French.

pub mod allowance;
pub mod association;
pub mod billing;
pub mod calendar;
pub mod company;
pub mod email;
pub mod engagement;
pub mod erasure;
pub mod error;
pub mod facilitation;
pub mod hr;
pub mod mission;
pub mod preferences;
pub mod quiz;
pub mod reminders;
pub mod report;
pub mod taxonomy;
pub mod user;
pub mod validate;
pub mod valuation;

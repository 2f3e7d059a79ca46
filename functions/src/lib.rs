//! Every endpoint and scheduled job of the platform, one file each under its area
//! (`functions/src/<area>/<name>.rs`, named like its row in [`routes`] and its resource in the
//! SAM template). No endpoint imports another: what they share lives in the `shared` crate.
//! `main.rs` builds the one `bootstrap` binary that every Lambda function runs.

pub mod accounts;
pub mod backoffice;
pub mod calendar;
pub mod catalogue;
pub mod community;
pub mod engagement;
pub mod facilitation;
pub mod jobs;
pub mod links;
pub mod reporting;
pub mod routes;
pub mod runtime;

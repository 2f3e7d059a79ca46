//! What the endpoints and jobs of `functions/` share: configuration, SDK clients, the store
//! (the only code that talks to DynamoDB), documents (S3) and mail (SES), key formats, the
//! pure domain, the catalogue index, the French texts, and per area what several endpoints
//! need (`areas`: access checks, loaders, views).

pub mod alerts;
pub mod app;
pub mod areas;
pub mod aws;
pub mod catalogue;
pub mod config;
pub mod documents;
pub mod domain;
pub mod error;
pub mod http;
pub mod ics;
pub mod keys;
pub mod links;
pub mod mail;
pub mod outbox;
pub mod pdf;
pub mod store;
pub mod telemetry;
pub mod text;
pub mod texts;
pub mod tokens;
pub mod zip;

pub use app::App;
/// The platform's vocabulary (themes, expertises, regions), part of the domain.
pub use domain::taxonomy;
pub use error::{ApiError, ApiResult};

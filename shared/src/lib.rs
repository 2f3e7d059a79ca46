//! The library every function of the platform uses: configuration, SDK clients, the table
//! adapter and key formats, the pure domain, the catalogue index, the HTTP handlers and the
//! route table. A function's `main.rs` only picks its endpoint and runs it.

pub mod app;
pub mod alerts;
pub mod aws;
pub mod catalogue;
pub mod config;
pub mod documents;
pub mod domain;
pub mod error;
pub mod handlers;
pub mod http;
pub mod keys;
pub mod mail;
pub mod pdf;
pub mod routes;
pub mod runtime;
pub mod scheduled;
pub mod store;
pub mod taxonomy;
pub mod telemetry;
pub mod text;
pub mod texts;
pub mod tokens;

pub use app::App;
pub use error::{ApiError, ApiResult};

//! Everything around the functions that is not deployed: reading the SAM template to create
//! the same table locally, the demo data from the guide, the local API that serves every
//! function under one address, and the harness integration tests use.

pub mod browser;
pub mod coldstart;
pub mod demo;
pub mod harness;
pub mod infra;
pub mod local;
pub mod stream;

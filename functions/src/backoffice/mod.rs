//! The back office: what the platform operator does to run the platform for a customer.

pub mod create_company;

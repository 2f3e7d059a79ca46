//! The pages reached from e-mail links, without an account: a GET shows a page, the POST acts once.

pub mod decide_dates;
pub mod renew_decision_link;
pub mod show_decision;
pub mod show_invoice_upload;
pub mod show_survey;
pub mod show_unsubscribe;
pub mod submit_survey;
pub mod unsubscribe;
pub mod upload_invoice;

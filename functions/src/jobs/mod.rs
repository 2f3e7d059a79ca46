//! The functions that are not HTTP endpoints, one file each: scheduled (EventBridge), the
//! table's stream consumer, and SES's feedback (SNS).

pub mod build_report_exports;
pub mod deliver_emails;
pub mod purge_personal_data;
pub mod record_mail_feedback;
pub mod remind_assessments;
pub mod run_remuneration_batch;
pub mod send_alert_digests;
pub mod snapshot_catalogue;
pub mod sweep_outbox;

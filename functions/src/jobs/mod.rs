//! The scheduled functions (EventBridge), one file each.

pub mod remind_assessments;
pub mod run_remuneration_batch;
pub mod send_alert_digests;
pub mod snapshot_catalogue;

//! The 4-step engagement: application, dates and the team view, the convention and its signatures, attendance, assessment, cancellation.

pub mod apply_to_mission;
pub mod attest_attendance;
pub mod cancel_engagement;
pub mod decide_team_request;
pub mod get_convention;
pub mod get_engagement;
pub mod list_my_engagements;
pub mod list_team_requests;
pub mod remind_signatory;
pub mod request_dates;
pub mod resend_manager_link;
pub mod sign_convention;
pub mod submit_assessment;

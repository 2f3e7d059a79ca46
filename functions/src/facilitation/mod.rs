//! Facilitation missions: sessions, facilitators, participants, sign-in sheets, attendance, surveys, remunerations.

pub mod create_facilitation_mission;
pub mod create_session;
pub mod get_audit_pack;
pub mod get_billing_details;
pub mod get_facilitation_mission;
pub mod get_sign_in_sheet;
pub mod get_survey_results;
pub mod invite_facilitators;
pub mod list_facilitation_missions;
pub mod list_my_facilitation_sessions;
pub mod record_attendance;
pub mod register_facilitator;
pub mod register_participants;
pub mod request_remunerations;
pub mod update_billing_details;
pub mod update_facilitator_status;
pub mod upload_signed_sheet;

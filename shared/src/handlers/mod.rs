//! One module per HTTP endpoint, named like its function crate in `functions/`. Each handler
//! reads top to bottom: parse and validate, call the domain, map the result to a response.

pub mod access;
pub mod dates;
pub mod decision;
pub mod decision_link;
pub mod engagement_views;
pub mod views;

pub mod add_favourite;
pub mod apply_to_mission;
pub mod archive_mission;
pub mod attest_attendance;
pub mod cancel_engagement;
pub mod create_mission;
pub mod decide_dates;
pub mod decide_team_request;
pub mod get_convention;
pub mod get_engagement;
pub mod get_mission;
pub mod get_my_company;
pub mod get_my_dashboard;
pub mod get_my_profile;
pub mod get_taxonomies;
pub mod import_hr_attributes;
pub mod list_association_missions;
pub mod list_favourites;
pub mod list_history;
pub mod list_my_engagements;
pub mod list_team_requests;
pub mod publish_mission;
pub mod register_employee;
pub mod remove_favourite;
pub mod request_dates;
pub mod search_missions;
pub mod show_decision;
pub mod sign_convention;
pub mod submit_assessment;
pub mod update_mission;
pub mod update_my_profile;

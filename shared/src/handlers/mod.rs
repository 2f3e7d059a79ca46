//! One module per HTTP endpoint, named like its function crate in `functions/`. Each handler
//! reads top to bottom: parse and validate, call the domain, map the result to a response.

pub mod access;
pub mod dates;
pub mod decision;
pub mod decision_link;
pub mod engagement_views;
pub mod views;

// Endpoints grouped with what they share; each submodule is one endpoint.
pub mod directory;
pub mod facilitation;
pub mod facilitation_followup;
pub mod news;
pub mod preferences;
pub mod quizzes;
pub mod suggestions;
pub mod unsubscribe_link;
pub use directory::{get_association, list_associations, propose_skills};
pub use facilitation::{
    create_facilitation_mission, create_session, get_facilitation_mission, get_sign_in_sheet, invite_facilitators, list_facilitation_missions,
    list_my_facilitation_sessions, register_facilitator, register_participants, update_facilitator_status, upload_signed_sheet,
};
pub use facilitation_followup::{get_survey_results, record_attendance, request_remunerations, show_survey, submit_survey};
pub use news::{create_news, delete_news, list_news, update_news};
pub use quizzes::{answer_quiz, create_quiz, delete_quiz, list_my_quizzes, list_quizzes, update_quiz};
pub use suggestions::{decide_association_suggestion, list_association_suggestions, suggest_association};
pub use preferences::{get_my_preferences, list_recommendations, update_my_preferences};
pub use unsubscribe_link::{show_unsubscribe, unsubscribe};

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
pub mod share_mission;
pub mod show_decision;
pub mod sign_convention;
pub mod submit_assessment;
pub mod update_mission;
pub mod update_my_profile;

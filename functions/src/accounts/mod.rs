//! The employee's account: registration, profile, company, dashboard, preferences; the company admin's HR import.

pub mod delete_my_account;
pub mod export_my_data;
pub mod get_my_company;
pub mod get_my_dashboard;
pub mod get_my_preferences;
pub mod get_my_profile;
pub mod import_hr_attributes;
pub mod register_employee;
pub mod update_my_preferences;
pub mod update_my_profile;

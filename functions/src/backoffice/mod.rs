//! The back office: what the platform operator does to run the platform for a customer.

pub mod accept_role_invitation;
pub mod create_association;
pub mod create_company;
pub mod invite_company_admin;
pub mod invite_referent;
pub mod list_audit_log;
pub mod list_upcoming_reminders;
pub mod revoke_role;
pub mod set_company_policy;
pub mod set_partnership;
pub mod update_association;
pub mod update_company;

//! Pure domain: the entities of the platform, their validation and their rules. No I/O here.

pub mod allowance;
pub mod association;
pub mod company;
pub mod email;
pub mod engagement;
pub mod facilitation;
pub mod hr;
pub mod mission;
pub mod preferences;
pub mod user;
pub mod validate;

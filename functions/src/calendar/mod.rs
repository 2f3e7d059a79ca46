//! Private calendar feeds: a person's mission days and facilitation sessions, for their
//! calendar application, through a tokenised URL they can replace or revoke.

pub mod create_calendar_feed;
pub mod get_calendar_feed;
pub mod revoke_calendar_feed;

//! The mission catalogue: search, missions and their referents, favourites, history, recommendations, the associations directory, sharing.

pub mod add_favourite;
pub mod archive_mission;
pub mod create_mission;
pub mod get_association;
pub mod get_mission;
pub mod get_taxonomies;
pub mod list_association_missions;
pub mod list_associations;
pub mod list_favourites;
pub mod list_history;
pub mod list_recommendations;
pub mod publish_mission;
pub mod remove_favourite;
pub mod search_missions;
pub mod share_mission;
pub mod update_mission;

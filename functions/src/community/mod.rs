//! Skill proposals, association suggestions, news and quizzes.

pub mod answer_quiz;
pub mod create_news;
pub mod create_quiz;
pub mod decide_association_suggestion;
pub mod delete_news;
pub mod delete_quiz;
pub mod list_association_suggestions;
pub mod list_my_quizzes;
pub mod list_news;
pub mod list_quizzes;
pub mod propose_skills;
pub mod suggest_association;
pub mod update_news;
pub mod update_quiz;

//! The French labels of the domain's states and kinds, as people read them: written here, as
//! inherent methods of the domain's types (`state.label()`), so that the domain holds no text.

use super::{facilitation, mission_status, preferences};

impl crate::domain::engagement::EngagementState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Applied => "candidature envoyée",
            Self::AwaitingManager => "dates en attente de validation par ton manager",
            Self::AwaitingSignatures => "convention en attente de signatures",
            Self::Signed => "convention signée",
            Self::AssessmentDue => "bilan à compléter",
            Self::Completed => "mission terminée",
            Self::Cancelled => "mission annulée",
        }
    }
}

impl crate::domain::engagement::EngagementEvent {
    pub fn label(self) -> &'static str {
        match self {
            Self::RequestDates => "demander des dates",
            Self::ManagerAccepts => "accepter les dates",
            Self::ManagerRefuses { .. } => "refuser les dates",
            Self::AllSigned => "finaliser la convention",
            Self::PlaceChanged => "changer le lieu de la mission",
            Self::LastDateAttested => "attester la dernière date",
            Self::AssessmentSent => "envoyer le bilan",
            Self::Cancel => "annuler",
        }
    }
}

impl crate::domain::engagement::RequestState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "en attente",
            Self::Accepted => "acceptée",
            Self::Refused => "refusée",
            Self::Expired => "expirée",
            Self::Cancelled => "annulée",
        }
    }
}

impl crate::domain::engagement::Signatory {
    pub fn label(self) -> &'static str {
        match self {
            Self::Employee => "le Collaborateur volontaire",
            Self::Association => "l'Association",
            Self::Company => "l'Entreprise",
        }
    }
}

impl crate::domain::engagement::Rating {
    pub fn label(self) -> &'static str {
        match self {
            Self::TresBonne => "Très bonne",
            Self::Bonne => "Bonne",
            Self::Moyenne => "Moyenne",
            Self::Mauvaise => "Mauvaise",
        }
    }
}

impl crate::domain::facilitation::SessionKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Workshop => facilitation::WORKSHOP,
            Self::Training => facilitation::TRAINING,
        }
    }
}

impl crate::domain::facilitation::FacilitatorStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Registered => facilitation::REGISTERED,
            Self::Confirmed => facilitation::CONFIRMED,
            Self::Standby => facilitation::STANDBY,
            Self::Withdrawn => facilitation::WITHDRAWN,
        }
    }
}

impl crate::domain::facilitation::MissionStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => facilitation::OPEN,
            Self::Closed => facilitation::CLOSED,
        }
    }
}

impl crate::domain::facilitation::Session {
    /// The half days the session covers ("matin", "après-midi"), for the sign-in sheet.
    pub fn half_days(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.start < crate::domain::facilitation::NOON {
            v.push(facilitation::MORNING);
        }
        if self.end > crate::domain::facilitation::NOON {
            v.push(facilitation::AFTERNOON);
        }
        v
    }
}

impl crate::domain::mission::MissionStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => mission_status::DRAFT,
            Self::Published => mission_status::PUBLISHED,
            Self::Archived => mission_status::ARCHIVED,
        }
    }
}

impl crate::domain::mission::MissionAction {
    pub fn label(self) -> &'static str {
        match self {
            Self::Update => mission_status::ACTION_UPDATE,
            Self::Publish => mission_status::ACTION_PUBLISH,
            Self::Archive => mission_status::ACTION_ARCHIVE,
        }
    }
}

impl crate::domain::preferences::Frequency {
    pub fn label(self) -> &'static str {
        match self {
            Self::Off => preferences::OFF,
            Self::Immediately => preferences::IMMEDIATELY,
            Self::Daily => preferences::DAILY,
            Self::Weekly => preferences::WEEKLY,
        }
    }
}

impl crate::domain::preferences::Reason {
    /// "Thématique : santé / handicap".
    pub fn label(&self) -> String {
        use crate::domain::preferences::ReasonKind;
        let prefix = match self.kind {
            ReasonKind::Theme => preferences::REASON_THEME,
            ReasonKind::ProfessionalExpertise => preferences::REASON_PROFESSIONAL,
            ReasonKind::PersonalExpertise => preferences::REASON_PERSONAL,
        };
        format!("{prefix} : {}", self.value)
    }
}

impl crate::domain::preferences::Match {
    /// Why the mission is recommended, one sentence per shared value.
    pub fn reason_labels(&self) -> Vec<String> {
        self.reasons.iter().map(|r| r.label()).collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::preferences::{Reason, ReasonKind};

    #[test]
    fn reasons_say_what_is_shared() {
        let theme = Reason { kind: ReasonKind::Theme, value: "santé / handicap".into() };
        let pro = Reason { kind: ReasonKind::ProfessionalExpertise, value: "Marketing / Communication".into() };
        assert_eq!(
            [theme.label(), pro.label()],
            ["Thématique : santé / handicap", "Expertise professionnelle : Marketing / Communication"]
        );
    }
}

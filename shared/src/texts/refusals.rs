//! The domain's refusals and invalid fields, in French: what `From<DomainError> for ApiError`
//! puts in the problem document.

use super::err;
use crate::domain::allowance::{Ineligibility, Refusal as AllowanceRefusal};
use crate::domain::error::{HrProblem, Problem, Refusal};

/// What is wrong with `field`, as the problem document says it.
pub fn problem(field: &str, p: &Problem) -> String {
    // Messages name the field in French; the problem's `field` keeps its JSON name.
    let label = super::field_label(field);
    let field = label.as_str();
    match p {
        Problem::Required => err::required(field),
        Problem::Length { min, max } => err::length(field, *min, *max),
        Problem::Count { min, max } => err::count(field, *min, *max),
        Problem::Integer { min, max } => err::bad_integer(field, *min, *max),
        Problem::UnknownValue { value, allowed } => err::unknown_value(field, value, allowed),
        Problem::Email => err::bad_email(field),
        Problem::EmailDomain => err::bad_email_domain(field),
        Problem::Registration => err::bad_registration(field),
        Problem::Siret => "Le SIRET doit compter 14 chiffres, clé de contrôle comprise (il figure sur ton avis de situation Insee).".into(),
        Problem::Iban => "L'IBAN n'est pas valide : vérifie-le sur ton relevé d'identité bancaire (de 15 à 34 caractères, par exemple FR76 …).".into(),
        Problem::VatNumber => "Le numéro de TVA intracommunautaire doit s'écrire FR, une clé de 2 caractères puis les 9 chiffres du SIREN de ton SIRET.".into(),
        Problem::MandateNotAccepted => "Pour recevoir des relevés d'autofacturation, accepte le mandat d'autofacturation (« accept_mandate »: true).".into(),
        Problem::Colour => format!("Le champ « {field} » doit être une couleur écrite #RRVVBB, par exemple « #1d4f91 »."),
        Problem::EntityRemoved(id) => format!(
            "L'implantation « {id} » manque dans « {field} » : une implantation se renomme mais ne se retire pas (des collaborateurs, des demandes et les bilans y sont rattachés)."
        ),
        Problem::Phone => format!("Le champ « {field} » doit être un numéro de téléphone."),
        Problem::Id => err::bad_id(field),
        Problem::Url => err::bad_url(field),
        Problem::Date => err::bad_date(field),
        Problem::Time => err::bad_time(field),
        Problem::Postcode => err::bad_postcode(field),
        Problem::PostcodeRequiredOnSite => err::postcode_required_on_site(),
        Problem::EndBeforeStart => err::END_BEFORE_START.into(),
        Problem::PlaceOrRemote => err::PLACE_OR_REMOTE.into(),
        Problem::SessionInThePast => err::SESSION_IN_THE_PAST.into(),
        Problem::AlertWithoutPreferences => err::ALERT_WITHOUT_PREFERENCES.into(),
        Problem::ParticipantLine(n) => err::participant_line(*n),
        Problem::DuplicateParticipant(address) => err::duplicate_participant(address),
        Problem::DuplicateValue(value) => err::duplicate_value(field, value),
        Problem::Hr(h) => hr(h),
        Problem::DayFormat(value) => err::bad_day(value),
        Problem::PastDay(date) => format!("Le {} est déjà passé.", super::date_fr(*date)),
        Problem::OutsideYear { year, date } => format!(
            "Une convention couvre une année civile : ta mission de {year} ne peut pas avoir lieu le {}. Pour l'année suivante, complète ton bilan puis postule de nouveau.",
            super::date_fr(*date)
        ),
        Problem::UnknownParticipant => err::UNKNOWN_PARTICIPANT.into(),
        Problem::ManagerIsSelf => "L'adresse de ton manager doit être différente de la tienne.".into(),
        Problem::Allowance(r) => allowance_refusal(r),
    }
}

fn hr(h: &HrProblem) -> String {
    const HEADER: &str = "« email;contrat;date_embauche;date_retraite » (et, si tu les connais, « ;cout_journalier;qualification »)";
    match h {
        HrProblem::Empty => format!("Le fichier est vide : la première ligne doit être {HEADER}."),
        HrProblem::Header => format!("La première ligne doit être {HEADER}."),
        HrProblem::TooManyLines(max) => format!("Le fichier dépasse {max} lignes : découpe-le en plusieurs envois."),
        HrProblem::Email(n) => format!("Ligne {n} : l'adresse e-mail est invalide."),
        HrProblem::Contract(n) => format!("Ligne {n} : le contrat doit valoir CDI, CDD ou autre."),
        HrProblem::HireDate(n) => format!("Ligne {n} : la date d'embauche doit s'écrire AAAA-MM-JJ ou JJ/MM/AAAA."),
        HrProblem::RetirementDate(n) => format!("Ligne {n} : la date de départ à la retraite doit s'écrire AAAA-MM-JJ ou JJ/MM/AAAA."),
        HrProblem::DayCost(n) => {
            format!("Ligne {n} : le coût journalier doit être un montant en euros entre 0,01 et 10 000, par exemple 450 ou 450,50.")
        }
        HrProblem::Qualification(n) => {
            format!("Ligne {n} : la qualification doit tenir en {} caractères, sur une ligne.", crate::domain::hr::MAX_QUALIFICATION)
        }
        HrProblem::Duplicate { line, email } => format!("Ligne {line} : {email} apparaît plusieurs fois."),
    }
}

/// Why the action is refused.
pub fn refusal(r: &Refusal) -> String {
    match r {
        Refusal::IllegalTransition { event, state } => {
            format!("Impossible {} : la mission est à l'étape « {} ».", super::de(event.label()), state.label())
        }
        Refusal::RequestAlreadyDecided(state) => format!("Cette demande a déjà été traitée : elle est {}.", state.label()),
        Refusal::RequestNotFound => "Cette demande n'existe pas.".into(),
        Refusal::ConventionNotSignable(state) => {
            format!("Cette convention ne peut pas être signée : la mission est à l'étape « {} ».", state.label())
        }
        Refusal::AlreadySigned(signatory) => format!("La convention a déjà été signée pour {}.", signatory.label()),
        Refusal::DateNotAccepted => "Cette date ne fait pas partie des dates validées de la mission.".into(),
        Refusal::DateAlreadyAttested => "Cette date a déjà été attestée.".into(),
        Refusal::DateNotPassed => "Une date ne peut être attestée qu'une fois passée.".into(),
        Refusal::DateNotCovered => {
            "Cette date n'est pas couverte par une convention signée par les trois parties : elle ne peut pas être attestée.".into()
        }
        Refusal::DateNotCancellable(state) => format!("Impossible d'annuler une date : la mission est à l'étape « {} ».", state.label()),
        Refusal::DateNotInMission => "Cette date ne fait pas partie de ta mission, ou elle est déjà annulée ou attestée.".into(),
        Refusal::DatePassed => "Cette date est passée : c'est à l'association d'attester ta présence ou ton absence.".into(),
        Refusal::MissionTransition { from, action } => err::illegal_mission_transition(from.label(), action.label()),
        Refusal::EmptyPatch => err::empty_patch(),
        Refusal::FacilitationMissionClosed => err::MISSION_CLOSED.into(),
        Refusal::RemunerationOnceAMonth(month) => err::remuneration_once_a_month(month),
        Refusal::NothingToRemunerate => err::NOTHING_TO_REMUNERATE.into(),
        Refusal::SessionNotStarted => err::SESSION_NOT_STARTED.into(),
        Refusal::NoPendingRequest => "Aucune demande de dates n'attend la réponse de ton manager.".into(),
        Refusal::ManagerUnreachable => {
            "L'adresse de ton manager n'existe pas ou refuse nos e-mails : corrige-la en envoyant une nouvelle demande.".into()
        }
        Refusal::RequestedDatesPassed => {
            "Certaines dates de cette demande sont déjà passées : envoie une nouvelle demande avec d'autres dates.".into()
        }
        Refusal::TooSoon { next_at, now } => format!(
            "Un e-mail a déjà été envoyé il y a moins de 24 heures : tu pourras relancer dans {}, le {}.",
            super::duration_fr(*next_at - *now),
            super::instant_fr(*next_at)
        ),
        Refusal::PreviousAssessmentFirst { year, previous } => format!(
            "Pour poursuivre cette mission en {year}, complète d'abord ton bilan {previous} (ou annule cette mission), puis postule de nouveau."
        ),
    }
}

/// Why the allowance refuses the days.
pub fn allowance_refusal(r: &AllowanceRefusal) -> String {
    match r {
        AllowanceRefusal::NotEligible(Ineligibility::NoHrRecord) => "Tes informations RH (contrat, date d'embauche) n'ont pas encore été transmises par ton entreprise : contacte ton administrateur·rice RSE.".into(),
        AllowanceRefusal::NotEligible(Ineligibility::NotPermanent) => "Le mécénat de compétences est ouvert aux salarié·es en CDI.".into(),
        AllowanceRefusal::NotEligible(Ineligibility::Seniority { months, eligible_from }) => format!(
            "Le mécénat de compétences est ouvert après {months} mois d'ancienneté : tu pourras faire ta demande à partir du {}.",
            super::date_fr(*eligible_from)
        ),
        AllowanceRefusal::HalfDaysNotAllowed => "Ton entreprise ne permet le mécénat de compétences que par journées entières.".into(),
        AllowanceRefusal::AnnualExceeded { year, left_half_days } => format!(
            "Cette demande dépasse ton allocation de mécénat pour {year} : il te reste {}.",
            super::days_label(*left_half_days)
        ),
        AllowanceRefusal::WeeklyExceeded { week, left_half_days, .. } => format!(
            "En fin de carrière, le mécénat est limité à un jour par semaine : il te reste {} la semaine {week}.",
            super::days_label(*left_half_days)
        ),
        AllowanceRefusal::DuplicateDate(d) => format!("Le {} est déjà demandé pour une mission.", super::date_fr(*d)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::engagement::{EngagementEvent, EngagementState, RequestState};
    use crate::domain::mission::{MissionAction, MissionStatus};

    #[test]
    fn refusals_say_why_in_french() {
        let r = Refusal::IllegalTransition { event: EngagementEvent::AssessmentSent, state: EngagementState::Applied };
        assert_eq!(refusal(&r), "Impossible d'envoyer le bilan : la mission est à l'étape « candidature envoyée ».");
        assert!(refusal(&Refusal::RequestAlreadyDecided(RequestState::Accepted)).contains("déjà été traitée"));
        let m = Refusal::MissionTransition { from: MissionStatus::Published, action: MissionAction::Publish };
        assert_eq!(refusal(&m), "Impossible de publier une mission publiée.");
    }

    #[test]
    fn fields_are_named_in_their_message() {
        assert_eq!(problem("title", &Problem::Required), "Le champ « titre » est obligatoire.");
        assert_eq!(
            problem("referent.email", &Problem::Email),
            "Le champ « référent·e : adresse e-mail » doit être une adresse e-mail valide."
        );
        assert!(problem("ligne 3", &Problem::Hr(HrProblem::Contract(3))).contains("CDI, CDD ou autre"));
    }
}

//! Every user-facing text of the platform, French first, in one place.
//!
//! Errors, pages, e-mails and PDFs take their words from here so that an English locale can
//! follow by adding a second table, without touching handlers.

pub mod labels;
pub mod refusals;
pub mod report;

/// Titles of problem+json responses, by kind of problem.
pub mod problem {
    pub const VALIDATION: &str = "Requête invalide";
    pub const UNAUTHENTICATED: &str = "Authentification requise";
    pub const FORBIDDEN: &str = "Action non autorisée";
    pub const NOT_FOUND: &str = "Ressource introuvable";
    pub const CONFLICT: &str = "Action impossible dans l'état actuel";
    pub const PAYLOAD_TOO_LARGE: &str = "Requête trop volumineuse";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "Type de contenu non pris en charge";
    pub const METHOD_NOT_ALLOWED: &str = "Méthode non autorisée";
    pub const INTERNAL: &str = "Erreur interne";
    pub const UNAVAILABLE: &str = "Service momentanément indisponible";
    pub const TOO_MANY_REQUESTS: &str = "Limite atteinte";
}

/// The guide's warning when someone already in touch with an association contacts another.
pub const ONE_ASSOCIATION_AT_A_TIME: &str =
    "Merci de ne contacter qu'une association à la fois : tu as déjà une proposition ou une candidature en cours auprès d'une autre association.";

pub mod err {
    pub const ENGAGEMENT_NOT_FOUND: &str = "Cet engagement n'existe pas ou ne t'est pas accessible.";
    pub const BAD_DECISION: &str = "Le champ « decision » doit valoir accept ou refuse.";
    pub const BAD_PAGE_DECISION: &str = "Choisis « Accepter » ou « Refuser » la demande.";
    pub const REQUEST_EXPIRED: &str = "Cette demande a expiré : ton collaborateur ou ta collaboratrice peut en envoyer une nouvelle.";
    pub const REQUEST_JUST_HANDLED: &str = "Cette demande vient d'être traitée.";
    pub fn bad_day(value: &str) -> String {
        format!("La date « {value} » doit s'écrire AAAA-MM-JJ.")
    }
    pub const BAD_ATTESTED_DATE: &str = "Le champ « date » doit être une date AAAA-MM-JJ de la mission.";
    pub const PRESENT_REQUIRED: &str = "Le champ « present » (true ou false) est obligatoire.";
    pub const ASSESSMENT_ALREADY_SENT: &str = "Ton bilan a déjà été envoyé.";
    pub const NOT_THIS_COMPANY_ADMIN: &str = "Tu n'es pas administrateur·rice de cette entreprise.";
    pub fn content_type(types: &[&str]) -> String {
        format!("Le corps de la requête doit être envoyé avec le type {}.", types.join(" ou "))
    }
    pub const NOT_UTF8: &str = "Le fichier doit être encodé en UTF-8.";
    pub const JSON_OBJECT_EXPECTED: &str = "un objet JSON est attendu";
    pub fn bad_batch_month(month: &str) -> String {
        format!("month « {month} » : AAAA-MM attendu")
    }
    pub const CALENDAR_FEED_UNKNOWN: &str =
        "Ce calendrier n'existe pas ou plus : son adresse a été remplacée ou révoquée. Demande une nouvelle adresse depuis ton compte.";
    pub const AUDIT_PACK_TOO_LARGE: &str =
        "Le dossier d'audit de cette session dépasserait 200 Mo : télécharge ses feuilles signées une à une.";
    pub const BAD_SIGNATORY: &str = "Le champ « signatory » doit valoir employee, association ou company : la partie à relancer.";
    pub const NOTHING_TO_REMIND: &str =
        "Cette partie a déjà signé la version en cours de la convention, ou la convention n'attend pas de signature : personne à relancer.";
    pub const NO_ADDRESS_TO_REMIND: &str = "Aucune adresse e-mail n'est connue pour relancer cette partie : l'entreprise peut renseigner l'adresse de contact de son programme.";
    pub const BAD_SHA256: &str = "Le champ « sha256 » doit être l'empreinte SHA-256 (64 caractères hexadécimaux) de la convention lue.";
    pub fn convention_changed(version: usize) -> String {
        format!("La convention a changé depuis ta lecture : relis la version {version} avant de la signer.")
    }
    pub const CONCURRENT_SIGNATURE: &str = "Une autre signature vient d'être enregistrée : recharge la convention puis réessaie.";
    pub const PARTIES_GONE: &str = "L'entreprise ou l'association de cette mission n'est plus référencée.";
    pub const CONVENTION_NOT_YET: &str = "La convention est éditée une fois les dates validées par le manager.";
    pub fn already_applied(year: i32) -> String {
        format!("Tu as déjà postulé à cette mission pour {year}. Retrouve-la dans « Mes missions ».")
    }
    pub const ENGAGEMENT_CHANGED: &str = "La mission vient de changer : recharge-la puis réessaie.";
    pub const MANAGER_EMAIL_UNDELIVERABLE: &str = "Les e-mails envoyés à cette adresse nous reviennent : vérifie l'adresse de ton manager.";
    pub const CROSSED_REQUEST: &str = "Ta demande croise une autre demande envoyée au même moment : recharge la page et réessaie.";
    pub const INTERNAL_DETAIL: &str =
        "Une erreur inattendue s'est produite. L'équipe technique a été prévenue ; réessaie dans quelques instants.";
    pub const UNAVAILABLE_DETAIL: &str = "Le service est momentanément surchargé. Réessaie dans quelques instants.";
    pub const NO_IDENTITY: &str = "Connecte-toi pour accéder à la plateforme : aucune identité n'accompagne la requête.";
    pub const NO_EMAIL_CLAIM: &str = "Ton jeton de connexion ne contient pas d'adresse e-mail vérifiée.";
    pub const NOT_AN_EMPLOYEE: &str = "Ton adresse e-mail n'appartient à aucune entreprise membre de la plateforme.";
    pub const NOT_REGISTERED: &str = "Finalise ton inscription pour accéder à cette fonctionnalité.";
    pub const ALREADY_REGISTERED: &str = "Tu es déjà inscrit·e sur la plateforme.";
    pub const NOT_REFERENT: &str = "Seul·e un·e référent·e de l'association peut gérer ses missions.";
    pub const BODY_NOT_JSON: &str = "Le corps de la requête doit être un document JSON (Content-Type: application/json).";
    pub const BODY_EMPTY: &str = "Le corps de la requête est vide : un document JSON est attendu.";
    pub const BODY_NOT_AN_OBJECT: &str = "Le corps de la requête doit être un objet JSON ({ … }).";
    pub const BODY_TOO_LARGE: &str = "Le corps de la requête dépasse la taille maximale de 64 Kio.";
    pub const MISSION_NOT_FOUND: &str = "Cette mission n'existe pas ou ne t'est pas accessible.";
    pub const ASSOCIATION_NOT_FOUND: &str = "Cette association n'existe pas ou ne t'est pas accessible.";
    pub const ROUTE_NOT_FOUND: &str = "Aucune ressource ne correspond à cette adresse.";
    pub const BAD_CURSOR: &str = "Le curseur de pagination est invalide ou a expiré : relance la recherche depuis la première page.";
    pub const CONCURRENT_UPDATE: &str = "La mission vient d'être modifiée par quelqu'un d'autre : recharge-la puis réessaie.";
    pub const NOT_YOUR_ASSOCIATION: &str = "Tu n'es pas référent·e de cette association.";

    pub fn json_syntax(detail: &str) -> String {
        format!("Le document JSON est mal formé ({detail}).")
    }
    pub fn json_field_type(field: &str) -> String {
        format!("Le champ « {field} » n'a pas le type attendu.")
    }
    pub fn json_unknown_field(field: &str) -> String {
        format!("Le champ « {field} » n'est pas reconnu.")
    }
    pub fn json_missing_field(field: &str) -> String {
        format!("Le champ « {field} » est obligatoire.")
    }
    pub fn required(field: &str) -> String {
        format!("Le champ « {field} » est obligatoire.")
    }
    pub fn length(field: &str, min: usize, max: usize) -> String {
        if min == 0 {
            format!("Le champ « {field} » ne peut pas dépasser {max} caractères.")
        } else {
            format!("Le champ « {field} » doit contenir entre {min} et {max} caractères.")
        }
    }
    /// A fee above the platform's bound.
    pub fn fee_too_high(max: &str) -> String {
        format!("Ce montant dépasse le maximum accepté ({max}).")
    }

    pub fn count(field: &str, min: usize, max: usize) -> String {
        if min == 0 {
            format!("Le champ « {field} » accepte au plus {max} valeurs.")
        } else {
            format!("Le champ « {field} » doit contenir entre {min} et {max} valeurs.")
        }
    }
    pub fn unknown_value(field: &str, value: &str, allowed: &str) -> String {
        format!("« {value} » n'est pas une valeur acceptée pour « {field} ». Valeurs possibles : {allowed}.")
    }
    pub fn duplicate_value(field: &str, value: &str) -> String {
        format!("La valeur « {value} » apparaît plusieurs fois dans « {field} ».")
    }
    pub fn bad_email(field: &str) -> String {
        format!("Le champ « {field} » doit être une adresse e-mail valide.")
    }
    pub fn email_domain_not_allowed(domain: &str) -> String {
        format!("Le domaine « {domain} » n'est pas autorisé pour ton entreprise : utilise ton adresse e-mail professionnelle.")
    }
    pub fn bad_postcode(field: &str) -> String {
        format!("Le champ « {field} » doit être un code postal français à 5 chiffres.")
    }
    pub fn bad_email_domain(field: &str) -> String {
        format!("Le champ « {field} » doit être un domaine d'adresses e-mail, par exemple « entreprise.fr ».")
    }
    pub fn domain_taken(domain: &str) -> String {
        format!("Le domaine « {domain} » appartient déjà à une autre entreprise de la plateforme.")
    }
    pub fn bad_registration(field: &str) -> String {
        format!(
            "Le champ « {field} » doit être un numéro RNA (W suivi de 9 chiffres), un SIREN (9 chiffres) ou un SIRET (14 chiffres) valide."
        )
    }
    pub const PERSONAL_DATA_NOT_INCLUDED: &str = "Ne figurent pas ici : le décompte de tes jours (calculé à partir de tes engagements) et les compteurs techniques du jour. Les liens vers tes documents sont valables 5 minutes ; les e-mails envoyés sont ceux des 12 derniers mois.";
    pub const ROLE_INVITATION_INVALID: &str =
        "Cette invitation n'est pas valide, a expiré ou a déjà servi : demande une nouvelle invitation à l'équipe de la plateforme.";
    pub const ROLE_INVITATION_OTHER_ADDRESS: &str =
        "Cette invitation a été envoyée à une autre adresse : connecte-toi avec l'adresse qui l'a reçue.";
    pub const ROLE_ALREADY_HELD: &str =
        "Ce compte a déjà un autre rôle sur la plateforme : utilise une autre adresse pour être référent·e.";
    pub const ADMIN_ROLE_ALREADY_HELD: &str =
        "Ce compte a déjà un autre rôle sur la plateforme (référent·e, équipe de la plateforme ou autre entreprise) : l'invitation ne peut pas s'appliquer à cette adresse.";
    pub const ASSOCIATION_ID_TAKEN: &str = "Une association porte déjà cet identifiant : choisis-en un autre.";
    pub const UNKNOWN_COMPANY: &str = "Cette entreprise n'existe pas.";
    pub const UNKNOWN_ASSOCIATION: &str = "Cette association n'existe pas.";
    pub const COMPANY_ID_TAKEN: &str = "Une entreprise porte déjà cet identifiant : choisis-en un autre.";
    pub fn bad_url(field: &str) -> String {
        format!("Le champ « {field} » doit être une adresse web commençant par https:// ou http://.")
    }
    pub fn bad_integer(field: &str, min: i64, max: i64) -> String {
        format!("Le paramètre « {field} » doit être un nombre entier entre {min} et {max}.")
    }
    pub fn bad_boolean(field: &str) -> String {
        format!("Le paramètre « {field} » doit valoir true ou false.")
    }
    pub fn bad_id(field: &str) -> String {
        format!("L'identifiant « {field} » est mal formé.")
    }
    pub fn unknown_query_param(name: &str) -> String {
        format!("Le paramètre « {name} » n'est pas reconnu.")
    }
    pub fn consent_required() -> String {
        "Ton accord sur l'utilisation de tes données personnelles (champ « gdpr_consent ») est nécessaire pour t'inscrire.".to_string()
    }
    pub fn consent_version(current: &str) -> String {
        format!("La version du texte de consentement acceptée (« gdpr_consent_version ») doit être la version en vigueur : {current}.")
    }
    pub fn unknown_entity(field: &str) -> String {
        format!("Le champ « {field} » doit désigner une implantation de ton entreprise.")
    }
    pub fn postcode_required_on_site() -> String {
        "Le code postal (« postcode ») est obligatoire pour une mission qui ne peut pas se faire à distance.".to_string()
    }
    pub fn illegal_mission_transition(from: &str, action: &str) -> String {
        format!("Impossible {} une mission {from}.", super::de(action))
    }
    pub fn empty_patch() -> String {
        "La requête ne modifie aucun champ.".to_string()
    }
    pub const NOT_ADMIN: &str = "Seul·e un·e administrateur·rice de l'entreprise peut faire cette action.";
    pub fn operator_only_field(field: &str) -> String {
        format!(
            "Le champ « {} » ne se modifie que par l'équipe de la plateforme (identité légale et domaines e-mail de l'entreprise) : écris-lui pour le changer.",
            super::field_label(field)
        )
    }
    pub fn not_a_company_address(domains: &[String]) -> String {
        format!("Invite une adresse de l'entreprise : son domaine doit être l'un de ceux-ci : {}.", domains.join(", "))
    }
    pub const NO_SUCH_ROLE: &str = "Aucun compte de cette adresse n'a de rôle que tu puisses retirer.";
    pub fn valuation_unknown_year(year: i32) -> String {
        format!("La valorisation de {year} n'est pas encore disponible : le plafond mensuel de la sécurité sociale de cette année n'est pas encore dans la plateforme.")
    }
    pub const VALUATION_OVERFLOW: &str =
        "Les montants dépassent ce que la plateforme sait calculer : vérifie les coûts journaliers et le chiffre d'affaires saisis.";
    pub const NO_ATTESTED_DAYS: &str = "Aucune journée attestée pour cette association cette année-là : il n'y a pas de relevé à établir.";
    pub const STATEMENT_READERS: &str =
        "Ce relevé n'est lisible que par l'équipe de la plateforme, les administrateurs de l'entreprise et les référents de l'association.";
    pub const EXPORT_NOT_FOUND: &str = "Cet export n'existe pas ou ne concerne pas cette entreprise.";
    pub const CANCELLED_BY_ERASURE: &str = "Le collaborateur ou la collaboratrice a supprimé son compte sur la plateforme.";
    pub const NO_ACCOUNT: &str = "Tu n'as pas de compte sur la plateforme : il n'y a rien à supprimer.";
    pub const OPERATOR_ACCOUNT_DELETION: &str =
        "Un compte de l'équipe de la plateforme ne se supprime pas ici : demande à un autre opérateur de retirer ce rôle.";
    pub const CONCURRENT_CHANGE: &str = "Ces informations viennent d'être modifiées par quelqu'un d'autre : recharge-les puis réessaie.";
    pub const OPERATOR_ONLY: &str = "Seule l'équipe de la plateforme peut faire cette action.";
    pub const OPERATOR_OR_ADMIN_ONLY: &str =
        "Seuls l'équipe de la plateforme et les administrateurs d'une entreprise peuvent lire ce journal.";
    pub const OPERATOR_OR_ADMIN_ONLY_ACTION: &str =
        "Seuls l'équipe de la plateforme et les administrateurs d'une entreprise peuvent faire cette action.";
    pub const NOT_YOUR_COMPANY: &str = "Tu ne peux lire que le journal de ton entreprise.";
    pub const ALERT_WITHOUT_PREFERENCES: &str = "Choisis au moins une thématique ou une expertise pour recevoir des alertes de missions.";
    pub fn share_limit(limit: u32) -> String {
        format!("Tu as atteint la limite de {limit} envois par jour : réessaie demain.")
    }
    pub fn proposal_limit(limit: u32) -> String {
        format!("Tu as atteint la limite de {limit} propositions par jour : réessaie demain.")
    }
    pub fn not_a_colleague(field: &str) -> String {
        format!("{field} : tu peux partager une mission avec toi-même ou tes collègues, à leur adresse professionnelle.")
    }
    pub const CONCURRENT_PREFERENCES: &str = "Tes préférences viennent d'être modifiées : recharge la page puis réessaie.";
    pub const SUGGESTION_NOT_FOUND: &str = "Cette suggestion d'association n'existe pas.";
    pub fn suggestion_decided(status: &str) -> String {
        format!("Cette suggestion a déjà été {status}.")
    }
    pub const NEWS_NOT_FOUND: &str = "Cette actualité n'existe pas.";
    pub const QUIZ_NOT_FOUND: &str = "Ce quiz n'existe pas ou n'est pas encore ouvert.";
    pub const QUIZ_ALREADY_ANSWERED: &str = "Tu as déjà répondu à ce quiz : retrouve ta réponse dans « Mes quiz ».";
    pub fn answer_out_of_range(count: usize) -> String {
        format!("answer : choisis une réponse entre 0 et {}.", count.saturating_sub(1))
    }
    pub fn bad_date(field: &str) -> String {
        format!("{field} : date attendue au format AAAA-MM-JJ.")
    }
    pub fn bad_month(field: &str) -> String {
        format!("{field} : mois attendu au format AAAA-MM.")
    }
    pub fn unknown_mission(field: &str, id: &str) -> String {
        format!("{field} : la mission « {id} » n'existe pas ou n'est pas publiée.")
    }
    pub fn bad_time(field: &str) -> String {
        format!("{field} : heure attendue au format HH:MM.")
    }
    pub const END_BEFORE_START: &str = "end : la session doit se terminer après son début.";
    pub const PLACE_OR_REMOTE: &str = "place : indique le lieu de la session, ou qu'elle a lieu à distance (remote).";
    pub const SESSION_IN_THE_PAST: &str = "date : une session se planifie avant qu'elle ait lieu ; choisis une date et une heure à venir.";
    pub const MISSION_CLOSED: &str = "Cette mission est clôturée : elle ne peut plus être modifiée.";
    pub const FACILITATION_MISSION_NOT_FOUND: &str = "Cette mission d'animation n'existe pas ou ne t'est pas accessible.";
    pub const SESSION_NOT_FOUND: &str = "Cette session n'existe pas ou ne t'est pas accessible.";
    pub const NOT_COORDINATOR: &str = "Seul·e le ou la coordinateur·rice de la mission peut faire cette action.";
    pub const INVITATION_INVALID: &str =
        "Ce lien d'invitation n'est pas valide ou a expiré : demande-en un nouveau au ou à la coordinateur·rice.";
    pub const SESSION_FULL: &str =
        "Toutes les places d'animateur·rice de cette session sont prises : tu es inscrit·e en attente (remplaçant·e).";
    pub const FACILITATOR_NOT_FOUND: &str = "Cet·te animateur·rice n'est pas inscrit·e sur cette session.";
    pub fn participant_line(n: usize) -> String {
        format!("Ligne {n} : il faut l'e-mail, le prénom et le nom, séparés par « ; » (ou une tabulation).")
    }
    pub fn duplicate_participant(addr: &str) -> String {
        format!("{addr} est déjà inscrit·e sur cette session.")
    }
    pub fn remuneration_once_a_month(month: &str) -> String {
        format!("Les rétributions de cette mission ont déjà été demandées ce mois-ci ({month}) : une demande par mois seulement.")
    }
    pub const ORDER_EMPTY: &str =
        "ordered_workshops : indique ce que le client a commandé (au moins un atelier ou une formation, 1000 au plus de chaque).";
    pub const SESSION_STARTED: &str = "Cette session a déjà commencé : les inscriptions se font avant.";
    pub const REMUNERATION_ALREADY_REQUESTED: &str =
        "La rétribution de cet·te animateur·rice a déjà été demandée pour cette session : son statut ne peut plus l'exclure.";
    pub const PARTICIPANTS_REQUIRED: &str = "Inscris d'abord les participant·es de cette session : c'est obligatoire pour les clients entreprises, associations et secteur public (la convocation et le test de positionnement partent à l'inscription).";
    pub const SCAN_TOO_LARGE: &str = "size : la feuille signée doit peser entre 1 octet et 10 Mo.";
    pub const SESSION_NOT_STARTED: &str = "La session n'a pas encore commencé : les présences s'enregistrent le jour même ou après.";
    pub const UNKNOWN_PARTICIPANT: &str = "Ce participant ou cette participante n'est pas inscrit·e sur la session.";
    pub const SURVEY_FIELDS: &str = "choisis une note de 1 à 5 et dis si tu recommanderais la session.";
    pub const NOTHING_TO_REMUNERATE: &str = "Aucune rétribution à demander : pas de session terminée dont les rétributions n'ont pas déjà été demandées (pour les sessions à venir d'une longue mission, demande des rétributions anticipées).";
}

/// Preferences and alerts (C1–C3), as shown to people.
pub mod preferences {
    pub const OFF: &str = "pas d'alerte";
    pub const IMMEDIATELY: &str = "dès la publication";
    pub const DAILY: &str = "une fois par jour";
    pub const WEEKLY: &str = "une fois par semaine";
    pub const REASON_THEME: &str = "Thématique";
    pub const REASON_PROFESSIONAL: &str = "Expertise professionnelle";
    pub const REASON_PERSONAL: &str = "Expertise personnelle";
    pub const NO_PREFERENCES: &str =
        "Renseigne tes préférences de mission dans « Mon compte » pour découvrir les missions qui sont pour toi.";
}

/// Facilitation missions (E), as shown to people.
pub mod facilitation {
    pub const WORKSHOP: &str = "Atelier";
    pub const TRAINING: &str = "Formation";
    pub const REGISTERED: &str = "inscrit·e";
    pub const CONFIRMED: &str = "confirmé·e";
    pub const STANDBY: &str = "remplaçant·e";
    pub const WITHDRAWN: &str = "désisté·e";
    pub const MORNING: &str = "matin";
    pub const AFTERNOON: &str = "après-midi";
    pub const OPEN: &str = "En cours";
    pub const REMOTE: &str = "À distance";
    pub const CLOSED: &str = "Clôturée";
}

/// Association suggestions (B9): statuses as shown to people.
pub mod suggestion_status {
    pub const PENDING: &str = "en attente";
    pub const ACCEPTED: &str = "acceptée";
    pub const REJECTED: &str = "refusée";
}

/// Labels of mission statuses as they are shown to people.
pub mod mission_status {
    pub const DRAFT: &str = "brouillon";
    pub const PUBLISHED: &str = "publiée";
    pub const ARCHIVED: &str = "archivée";
    pub const ACTION_PUBLISH: &str = "publier";
    pub const ACTION_ARCHIVE: &str = "archiver";
    pub const ACTION_UPDATE: &str = "modifier";
}

/// Labels of mission formats and participants.
pub mod mission_labels {
    pub const FULL_DAY: &str = "journée";
    pub const HALF_DAY: &str = "demi-journée";
    pub const SINGLE: &str = "Un participant";
    pub const MULTIPLE: &str = "Plusieurs participants";
    pub const REMOTE_POSSIBLE: &str = "Télémission possible";
    pub const REMOTE_IMPOSSIBLE: &str = "Télémission impossible";
    pub const ALL_PROFESSIONS: &str = "Tous types de métiers !";
}

/// The consent text users accept when registering (A2), with its version.
pub mod consent {
    pub const VERSION: &str = "2026-01";
    pub const TEXT: &str = "J'autorise l'utilisation de mes données personnelles demandées lors de l'inscription pour le seul et unique usage de la plateforme dédiée au mécénat de compétences.";
}

/// To-do items of "Mon compte".
pub mod todo {
    pub const FINISH_REGISTRATION: &str = "Finalise ton inscription";
    pub const VALIDATE_TEAM_DATES: &str = "Valide les dates de ton équipe";
    pub const SIGN_CONVENTION: &str = "Signe ta convention";
    pub const COMPLETE_ASSESSMENT: &str = "Complète ton bilan";
    pub const FIX_MANAGER_EMAIL: &str = "L'adresse de ton manager est introuvable : corrige-la et renvoie ta demande de dates";
    /// On an engagement whose pending request went to an address that bounces.
    pub const MANAGER_UNREACHABLE: &str =
        "L'adresse de ton manager est introuvable : ta demande ne lui est pas parvenue. Corrige-la en renvoyant ta demande de dates.";

    /// "Tu as déjà utilisé 1,5 jour de mission."
    pub fn days_used(days: &str) -> String {
        format!("Tu as déjà utilisé {days} de mission.")
    }

    /// "Convention 2026 — Créer un crowdfunding (version 1)", in "Mes documents".
    pub fn convention_title(year: i32, mission: &str, version: usize) -> String {
        format!("Convention {year} — {mission} (version {version})")
    }

    pub fn assessment_title(year: i32, mission: &str) -> String {
        format!("Bilan {year} — {mission}")
    }
}

/// The four steps of an engagement, as shown on a mission page and in "Mon compte".
pub mod steps {
    pub const LABELS: [&str; 4] = ["Je postule à la mission", "Je valide mes dates", "Je signe ma convention", "Je complète mon bilan"];
    pub const TODO: &str = "à faire";
    pub const LOCKED: &str = "à venir";
    pub const DONE: &str = "fait";
}

/// "53 missions", "1 mission", "0 mission".
pub fn mission_count(n: usize) -> String {
    if n <= 1 {
        format!("{n} mission")
    } else {
        format!("{n} missions")
    }
}

pub mod billing;
pub mod convention;
pub mod emails;
pub mod facilitation_documents;
pub mod pages;

const DAYS: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const MONTHS: [&str; 12] =
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

/// "jeudi 22 janvier 2026".
pub fn date_fr(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let day = if d.day() == 1 { "1er".to_string() } else { d.day().to_string() };
    format!("{} {day} {} {}", DAYS[d.weekday().num_days_from_monday() as usize], MONTHS[d.month0() as usize], d.year())
}

/// "jeudi 22 janvier 2026 à 09:30" (Paris time).
pub fn instant_fr(at: chrono::DateTime<chrono::Utc>) -> String {
    let paris = at.with_timezone(&chrono_tz::Europe::Paris);
    format!("{} à {}", date_fr(paris.date_naive()), paris.format("%H:%M"))
}

/// A time left, "23 h 05 min" (at least "1 min").
pub fn duration_fr(d: chrono::Duration) -> String {
    let minutes = d.num_minutes().max(0) + i64::from(d.num_seconds() % 60 > 0);
    let minutes = minutes.max(1);
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m:02} min"),
    }
}

#[cfg(test)]
mod time_tests {
    #[test]
    fn a_time_left_reads_in_hours_and_minutes() {
        assert_eq!(super::duration_fr(chrono::Duration::seconds(23 * 3600 + 300)), "23 h 05 min");
        assert_eq!(super::duration_fr(chrono::Duration::seconds(59)), "1 min");
        assert_eq!(super::duration_fr(chrono::Duration::seconds(3599)), "1 h 00 min");
        assert_eq!(super::instant_fr("2026-01-22T08:30:00Z".parse().unwrap()), "jeudi 22 janvier 2026 à 09:30");
    }
}

/// The French name of a field of the API, as messages say it ("manager_email" → "adresse
/// e-mail de ton manager"; "themes[1]" → "thématiques, valeur 2"; "referent.email" →
/// "référent·e : adresse e-mail"); a name it does not know stays as it is.
pub fn field_label(path: &str) -> String {
    const LABELS: &[(&str, &str)] = &[
        ("title", "titre"),
        ("description", "description"),
        ("themes", "thématiques"),
        ("professional_expertises", "expertises professionnelles"),
        ("personal_expertises", "expertises personnelles"),
        ("regions", "régions"),
        ("postcode", "code postal"),
        ("city", "ville"),
        ("department", "département"),
        ("phone", "téléphone"),
        ("message", "message"),
        ("manager_email", "adresse e-mail de ton manager"),
        ("dates", "dates"),
        ("date", "date"),
        ("part", "journée ou demi-journée"),
        ("first_name", "prénom"),
        ("last_name", "nom"),
        ("name", "nom"),
        ("email", "adresse e-mail"),
        ("emails", "adresses e-mail"),
        ("entity_id", "implantation"),
        ("comment", "commentaire"),
        ("reason", "raison"),
        ("website", "site web"),
        ("contact_email", "e-mail de contact"),
        ("referent", "référent·e"),
        ("format", "format"),
        ("remote_possible", "possible à distance"),
        ("recipients", "destinataires"),
        ("limit", "nombre de résultats"),
        ("cursor", "page suivante"),
        ("q", "mots-clés"),
        ("association", "association"),
        ("decision", "décision"),
        ("rating", "note"),
        ("recommend", "recommandation"),
        ("client_name", "client"),
        ("client_kind", "type de client"),
        ("coordinator_email", "e-mail de la coordination"),
        ("coordinator_name", "nom de la coordination"),
        ("pre_test_url", "lien du test de positionnement"),
        ("ordered_workshops", "ateliers commandés"),
        ("ordered_trainings", "formations commandées"),
        ("workshop_fee_cents", "rétribution d'un atelier"),
        ("training_fee_cents", "rétribution d'une formation"),
        ("coordination_fee_cents", "rétribution de la coordination"),
        ("participants", "participant·es"),
        ("start", "heure de début"),
        ("end", "heure de fin"),
        ("place", "lieu"),
        ("kind", "type de session"),
        ("present", "présent·es"),
        ("sha256", "empreinte SHA-256"),
        ("gdpr_consent", "consentement RGPD"),
        ("gdpr_consent_version", "version du consentement"),
        ("month", "mois"),
        ("facilitator", "animatrice ou animateur"),
        ("content_type", "type de fichier"),
        ("size", "taille"),
        ("legal_name", "raison sociale"),
        ("head_office", "siège social"),
        ("registration", "immatriculation"),
        ("representative_name", "représentant·e légal·e"),
        ("representative_title", "qualité du ou de la représentant·e"),
        ("email_domains", "domaines e-mail"),
        ("entities", "implantations"),
        ("day_cost_cents", "coût d'une journée"),
        ("programme_contact", "contact du programme"),
        ("brand_colour", "couleur"),
        ("registration_number", "numéro RNA ou SIREN"),
        ("year", "année"),
        ("turnover_cents", "chiffre d'affaires"),
        ("theme", "thématique"),
        ("entity", "implantation"),
    ];
    let label = |name: &str| LABELS.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string());
    let parts: Vec<String> = path
        .split('.')
        .map(|part| match part.split_once('[') {
            Some((name, rest)) => {
                let index = rest.trim_end_matches(']').parse::<usize>().map(|i| format!(", valeur {}", i + 1)).unwrap_or_default();
                format!("{}{index}", label(name).unwrap_or_else(|| name.to_string()))
            }
            None => label(part).unwrap_or_else(|| part.to_string()),
        })
        .collect();
    parts.join(" : ")
}

/// An amount in a CSV for a French spreadsheet: `1234,56` (no grouping, no sign).
pub fn csv_euros(cents: u64) -> String {
    format!("{},{:02}", cents / 100, cents % 100)
}

/// A CSV cell for a French spreadsheet: quoted when it holds `;`, `"` or a line break, and
/// a text a spreadsheet would take for a formula (`=`, `+`, `-`, `@`) prefixed with `'`.
pub fn csv_cell(v: &str) -> String {
    let v = if v.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{v}") } else { v.to_string() };
    if v.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

/// "de " or "d'" before a word, as French elides: "d'envoyer", "d'avril", "de janvier".
pub fn de(word: &str) -> String {
    let first = word.chars().next().and_then(|c| c.to_lowercase().next());
    if matches!(first, Some('a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'é' | 'è' | 'ê' | 'à' | 'â' | 'î' | 'ô' | 'h')) {
        format!("d'{word}")
    } else {
        format!("de {word}")
    }
}

/// "décembre 2026" for the month "2026-12" (the month itself when it is not one).
pub fn month_fr(month: &str) -> String {
    let parsed = month.split_once('-').and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<usize>().ok()?)));
    match parsed {
        Some((year, m)) if (1..=12).contains(&m) => format!("{} {year}", MONTHS[m - 1]),
        _ => month.to_string(),
    }
}

/// "jeudi 22 janvier 2026 (journée)".
pub fn mission_day_fr(d: chrono::NaiveDate, part: crate::domain::allowance::DayPart) -> String {
    let p = match part {
        crate::domain::allowance::DayPart::FullDay => "journée",
        crate::domain::allowance::DayPart::HalfDay => "demi-journée",
    };
    format!("{} ({p})", date_fr(d))
}

/// B8: the message prefilled for "Je propose mes compétences" (the guide's wording).
pub fn proposal_draft(company: &str) -> String {
    format!(
        "Bonjour,\nJe suis un·e collaborateur·rice de l'entreprise {company} et je vous contacte dans le cadre du programme de mécénat de compétences.\nJe suis disponible en ce moment / à partir du … pour une durée de … jours et souhaiterais vous aider sur des missions informatiques / de travaux manuels / tout type de besoins…\nPouvez-vous me dire si mon aide vous serait utile ?\nMerci pour votre retour rapide !"
    )
}

/// The days of one request, as the letters and pages list them.
pub fn request_dates_labels(engagement: &crate::domain::engagement::Engagement, request_id: &str) -> Vec<String> {
    engagement.dates.iter().filter(|d| d.request_id == request_id).map(|d| mission_day_fr(d.date, d.part)).collect()
}

/// The indicative hours a calendar file gives a mission day (Paris time): a day 09:00–17:30,
/// a half day 09:00–12:30 (the morning or the afternoon, as agreed with the association).
const DAY_HOURS: [(u32, u32); 2] = [(9, 0), (17, 30)];
const HALF_DAY_HOURS: [(u32, u32); 2] = [(9, 0), (12, 30)];

/// The calendar file of the days a request had accepted: one event per day, in Paris time,
/// its summary, place and contact in French.
pub fn mission_calendar(
    engagement: &crate::domain::engagement::Engagement,
    request_id: &str,
    place: &str,
    url: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let events = mission_day_events(engagement, Some(request_id), place, url);
    crate::ics::calendar(&format!("Mécénat de compétences — {}", engagement.mission_title), &events, now)
}

/// The accepted days of an engagement (of one request, or all) as calendar events.
fn mission_day_events(
    engagement: &crate::domain::engagement::Engagement,
    request_id: Option<&str>,
    place: &str,
    url: &str,
) -> Vec<crate::ics::Event> {
    use crate::domain::allowance::DayPart;
    use crate::domain::engagement::DateState;
    let at = |d: chrono::NaiveDate, (h, m): (u32, u32)| d.and_hms_opt(h, m, 0).unwrap_or_default();
    engagement
        .dates
        .iter()
        .filter(|d| request_id.is_none_or(|r| d.request_id == r) && matches!(d.state, DateState::Accepted | DateState::Present))
        .map(|d| {
            let (hours, part, note) = match d.part {
                DayPart::FullDay => (DAY_HOURS, "journée", "Horaires indicatifs : ceux de ta journée de travail."),
                DayPart::HalfDay => {
                    (HALF_DAY_HOURS, "demi-journée", "Demi-journée : le matin ou l'après-midi, comme convenu avec l'association (horaires indicatifs).")
                }
            };
            crate::ics::Event {
                uid: format!("{}-{}@mecenat-de-competences", engagement.id, d.date),
                start: at(d.date, hours[0]),
                end: at(d.date, hours[1]),
                summary: format!("Mécénat de compétences : « {} » — {} ({part})", engagement.mission_title, engagement.association_name),
                location: place.to_string(),
                description: format!(
                    "{note}\nRéférent·e de l'association : {} ({}).\nAucune journée ne peut avoir lieu avant la signature de la convention par les trois parties.\nTa mission : {url}",
                    engagement.referent.name,
                    engagement.referent.email.as_str()
                ),
            }
        })
        .collect()
}

/// A person's private calendar feed: their accepted mission days (not those of a cancelled
/// engagement) and the facilitation sessions they facilitate.
pub fn personal_calendar(
    engagements: &[(crate::domain::engagement::Engagement, String, String)],
    sessions: &[crate::domain::facilitation::Session],
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    use crate::domain::engagement::EngagementState;
    let mut events: Vec<crate::ics::Event> = engagements
        .iter()
        .filter(|(e, _, _)| e.state != EngagementState::Cancelled)
        .flat_map(|(e, place, url)| mission_day_events(e, None, place, url))
        .collect();
    events.extend(sessions.iter().map(|s| session_event(s, "Animation", "")));
    events.sort_by_key(|e| e.start);
    crate::ics::calendar("Mes missions — Mécénat de compétences", &events, now)
}

/// A facilitation session as a calendar event (`what`: "Animation" for its facilitators,
/// "Formation" for its participants).
fn session_event(s: &crate::domain::facilitation::Session, what: &str, contact: &str) -> crate::ics::Event {
    let place = match (&s.place, s.remote) {
        (Some(p), true) => format!("{p} ({REMOTE_POSSIBLE})"),
        (Some(p), false) => p.clone(),
        (None, _) => "à distance".to_string(),
    };
    crate::ics::Event {
        uid: format!("{}-{}@mecenat-de-competences", s.mission_id, s.id),
        start: s.date.and_time(s.start),
        end: s.date.and_time(s.end),
        summary: format!("{what} : « {} » ({})", s.title, s.kind.label().to_lowercase()),
        location: place,
        description: format!("Session en {}.{contact}", facilitation_documents::language_fr(&s.language)),
    }
}

/// The calendar file attached to a participant's convocation: the session, in Paris time.
pub fn convocation_calendar(
    s: &crate::domain::facilitation::Session,
    coordinator: &str,
    coordinator_email: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let contact = format!("\nContact : {coordinator} ({coordinator_email}).");
    crate::ics::calendar(&s.title, &[session_event(s, "Formation", &contact)], now)
}

/// The name of the calendar file attached to a convocation.
pub const SESSION_CALENDAR_FILE: &str = "session.ics";

/// The name of the calendar file attached to the acceptance e-mail.
pub const MISSION_CALENDAR_FILE: &str = "mission-mecenat.ics";

/// What a cancellation e-mail says was cancelled.
pub fn cancelled_what(date: Option<chrono::NaiveDate>) -> String {
    match date {
        Some(d) => format!("la date du {}", date_fr(d)),
        None => "sa participation".to_string(),
    }
}

/// "lundi 12 janvier 2026, de 09:00 à 17:00", in a convocation.
pub fn session_when(date: chrono::NaiveDate, start: chrono::NaiveTime, end: chrono::NaiveTime) -> String {
    format!("{}, de {} à {}", date_fr(date), start.format("%H:%M"), end.format("%H:%M"))
}

/// How the convention states a mission that may be done remotely.
pub const REMOTE_POSSIBLE: &str = "(à distance possible)";

/// Where a mission takes place, as the convention, its calendar files and e-mails state it.
pub fn place_fr(p: &crate::domain::mission::MissionPlace) -> String {
    let mut parts: Vec<String> = [p.address.clone(), p.postcode.clone(), p.city.clone()].into_iter().flatten().collect();
    if p.remote_possible {
        parts.push(REMOTE_POSSIBLE.into());
    }
    parts.join(" ")
}

/// The decision as a decided link's page says it.
pub fn decision_label(d: &str) -> String {
    match d {
        "accept" | "acceptée" => "acceptée".into(),
        "refuse" | "refusée" => "refusée".into(),
        other => other.into(),
    }
}

/// The page's word for a request someone else just handled.
pub const JUST_HANDLED: &str = "déjà traitée";

/// The formats and duration examples of the mission form.
pub mod mission_form {
    pub const FORMATS: [(&str, &str); 3] =
        [("full_day", "journée"), ("half_day", "1/2 journée"), ("full_or_half_day", "journée ou 1/2 journée")];
    pub const DURATION_EXAMPLES: [&str; 5] = ["100% journée", "1/3 journée", "de 1 à 2 jours", "15 jours", "Durée à définir"];
}

/// An association's postal address on one line.
pub fn address_of(a: &crate::domain::association::Association) -> String {
    format!("{}, {} {}", a.address, a.postcode, a.city)
}

/// Days of mission as people write them: "0,5 jour", "1 jour", "2 jours" (half days in).
pub fn days_label(half_days: u32) -> String {
    let whole = half_days / 2;
    let text = if half_days.is_multiple_of(2) { whole.to_string() } else { format!("{whole},5") };
    if half_days <= 3 {
        format!("{text} jour")
    } else {
        format!("{text} jours")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_first_days_are_written_in_french() {
        assert_eq!(month_fr("2026-12"), "décembre 2026");
        assert_eq!(month_fr("2027-01"), "janvier 2027");
        assert_eq!(month_fr("nope"), "nope");
        let first = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(date_fr(first), "mardi 1er décembre 2026");
        assert_eq!(date_fr(first.succ_opt().unwrap()), "mercredi 2 décembre 2026");
        assert_eq!(de("envoyer le bilan"), "d'envoyer le bilan");
        assert_eq!(de("avril 2027"), "d'avril 2027");
        assert_eq!(de("janvier 2027"), "de janvier 2027");
        assert_eq!(field_label("manager_email"), "adresse e-mail de ton manager");
        assert_eq!(field_label("themes[1]"), "thématiques, valeur 2");
        assert_eq!(field_label("referent.email"), "référent·e : adresse e-mail");
        assert_eq!(field_label("ligne 3"), "ligne 3");
        assert_eq!(field_label("colour"), "colour");
    }

    #[test]
    fn days_are_written_the_french_way() {
        assert_eq!(days_label(0), "0 jour");
        assert_eq!(days_label(1), "0,5 jour");
        assert_eq!(days_label(2), "1 jour");
        assert_eq!(days_label(3), "1,5 jour");
        assert_eq!(days_label(4), "2 jours");
        assert_eq!(days_label(15), "7,5 jours");
    }
}

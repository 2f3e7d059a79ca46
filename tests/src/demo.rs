//! Demo data taken from the guide and FAQ in `shared/seeds/`: two member companies, the
//! associations and missions the guide shows, and a demo user for every role. E-mail
//! domains are `.example` so that nothing can reach a real person.

use aws_sdk_dynamodb::types::{PutRequest, WriteRequest};
use chrono::{DateTime, Duration, Utc};
use shared::domain::association::{Association, Eligibility, Partnership};
use shared::domain::company::{Company, Entity, Policy};
use shared::domain::email::Email;
use shared::domain::mission::{ContactFields, Mission, MissionAction, MissionFields};
use shared::domain::user::{Consent, Role, User};
use shared::keys;
use shared::store::{self, s, Item};

use crate::infra::BoxError;

pub const BPIFRANCE: &str = "bpifrance";
pub const AUBAY: &str = "aubay";

/// A demo person: how to sign in as them locally.
#[derive(Debug, Clone, Copy)]
pub struct DemoUser {
    pub key: &'static str,
    pub sub: &'static str,
    pub email: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    /// `None`: an employee who has not registered yet (open browsing).
    pub role: Option<Role>,
    pub company: Option<&'static str>,
    pub entity: Option<&'static str>,
    pub association: Option<&'static str>,
    pub what: &'static str,
}

pub const USERS: &[DemoUser] = &[
    DemoUser {
        key: "maelys",
        sub: "demo-maelys",
        email: "maelys.louvel@bpifrance.example",
        first_name: "Maelys",
        last_name: "Louvel",
        role: Some(Role::Employee),
        company: Some(BPIFRANCE),
        entity: Some("paris-haussmann"),
        association: None,
        what: "collaboratrice Bpifrance (le guide)",
    },
    DemoUser {
        key: "claire",
        sub: "demo-claire",
        email: "claire.martin@bpifrance.example",
        first_name: "Claire",
        last_name: "Martin",
        role: Some(Role::Employee),
        company: Some(BPIFRANCE),
        entity: Some("paris-haussmann"),
        association: None,
        what: "manager (N+1) de Maelys",
    },
    DemoUser {
        key: "paul",
        sub: "demo-paul",
        email: "paul.girard@bpifrance.example",
        first_name: "Paul",
        last_name: "Girard",
        role: Some(Role::Employee),
        company: Some(BPIFRANCE),
        entity: Some("lyon"),
        association: None,
        what: "collaborateur en fin de carrière",
    },
    DemoUser {
        key: "isabelle",
        sub: "demo-isabelle",
        email: "isabelle.moreau@bpifrance.example",
        first_name: "Isabelle",
        last_name: "Moreau",
        role: Some(Role::CompanyAdmin),
        company: Some(BPIFRANCE),
        entity: Some("siege-maisons-alfort"),
        association: None,
        what: "administratrice RSE de Bpifrance, signataire",
    },
    DemoUser {
        key: "recrue",
        sub: "demo-recrue",
        email: "nouvelle.recrue@bpifrance.example",
        first_name: "Nina",
        last_name: "Recrue",
        role: None,
        company: Some(BPIFRANCE),
        entity: None,
        association: None,
        what: "collaboratrice Bpifrance non inscrite",
    },
    DemoUser {
        key: "thomas",
        sub: "demo-thomas",
        email: "thomas.bernard@aubay.example",
        first_name: "Thomas",
        last_name: "Bernard",
        role: Some(Role::Employee),
        company: Some(AUBAY),
        entity: Some("boulogne"),
        association: None,
        what: "collaborateur AUBAY",
    },
    DemoUser {
        key: "veronique",
        sub: "demo-veronique",
        email: "veronique.deraspe@aubay.example",
        first_name: "Véronique",
        last_name: "Deraspe",
        role: Some(Role::CompanyAdmin),
        company: Some(AUBAY),
        entity: Some("boulogne"),
        association: None,
        what: "responsable de l'engagement AUBAY, signataire",
    },
    DemoUser {
        key: "sophie",
        sub: "demo-sophie",
        email: "sophie.durand@apte.example",
        first_name: "Sophie",
        last_name: "Durand",
        role: Some(Role::Referent),
        company: None,
        entity: None,
        association: Some("apte"),
        what: "référente de l'association APTE",
    },
    DemoUser {
        key: "marc",
        sub: "demo-marc",
        email: "marc.lefevre@basiliade.example",
        first_name: "Marc",
        last_name: "Lefèvre",
        role: Some(Role::Referent),
        company: None,
        entity: None,
        association: Some("basiliade"),
        what: "référent de Basiliade",
    },
    DemoUser {
        key: "coline",
        sub: "demo-coline",
        email: "coline.coordination@example.org",
        first_name: "Coline",
        last_name: "Coordination",
        role: None,
        company: None,
        entity: None,
        association: None,
        what: "coordinatrice de missions d'animation",
    },
    DemoUser {
        key: "fanny",
        sub: "demo-fanny",
        email: "fanny.animatrice@example.org",
        first_name: "Fanny",
        last_name: "Animatrice",
        role: None,
        company: None,
        entity: None,
        association: None,
        what: "animatrice (France)",
    },
    DemoUser {
        key: "farid",
        sub: "demo-farid",
        email: "farid.facilitator@example.org",
        first_name: "Farid",
        last_name: "Facilitator",
        role: None,
        company: None,
        entity: None,
        association: None,
        what: "animateur (structure hors France)",
    },
    DemoUser {
        key: "camille",
        sub: "demo-camille",
        email: "camille.roux@koeo.example",
        first_name: "Camille",
        last_name: "Roux",
        role: Some(Role::Operator),
        company: None,
        entity: None,
        association: None,
        what: "opératrice de la plateforme",
    },
];

pub fn user(key: &str) -> &'static DemoUser {
    USERS.iter().find(|u| u.key == key).unwrap_or_else(|| panic!("no demo user {key}"))
}

fn entities(list: &[(&str, &str)]) -> Vec<Entity> {
    list.iter().map(|(id, name)| Entity { id: id.to_string(), name: name.to_string(), day_cost_cents: None }).collect()
}

pub fn companies() -> Vec<Company> {
    vec![
        Company {
            id: BPIFRANCE.into(),
            name: "Bpifrance".into(),
            legal_name: "Bpifrance SA".into(),
            head_office: "27-31 avenue du Général Leclerc, 94700 Maisons-Alfort".into(),
            registration: "RCS Créteil 507 523 678".into(),
            representative_name: "Isabelle Moreau".into(),
            representative_title: "Directrice de l'engagement".into(),
            email_domains: vec!["bpifrance.example".into()],
            entities: entities(&[
                ("siege-maisons-alfort", "Siège – Maisons-Alfort"),
                ("paris-haussmann", "Paris – Boulevard Haussmann"),
                ("lyon", "Direction régionale Lyon"),
                ("nantes", "Direction régionale Nantes"),
                ("bordeaux", "Direction régionale Bordeaux"),
            ]),
            // FAQ: "Le mécénat de compétences est réalisable uniquement sur des journées entières".
            policy: Policy { half_days_allowed: false, ..Policy::default() },
            programme_contact: Some("maqvt@bpifrance.example".into()),
            brand_colour: Some("#ffcd00".into()),
        },
        Company {
            id: AUBAY.into(),
            name: "AUBAY".into(),
            legal_name: "AUBAY SA".into(),
            head_office: "13 rue Louis Pasteur, 92100 Boulogne-Billancourt".into(),
            registration: "RCS Nanterre 391 504 693".into(),
            representative_name: "Véronique Deraspe".into(),
            representative_title: "Responsable de l'engagement".into(),
            email_domains: vec!["aubay.example".into()],
            entities: entities(&[("boulogne", "Boulogne-Billancourt"), ("nantes-aubay", "Nantes")]),
            policy: Policy::default(),
            programme_contact: None,
            brand_colour: None,
        },
    ]
}

#[allow(clippy::too_many_arguments)]
fn asso(
    id: &str,
    name: &str,
    address: &str,
    postcode: &str,
    city: &str,
    website: Option<&str>,
    theme: &str,
    description: &str,
    representative: (&str, &str),
) -> Association {
    Association {
        id: id.into(),
        name: name.into(),
        address: address.into(),
        postcode: postcode.into(),
        city: city.into(),
        website: website.map(String::from),
        theme: theme.into(),
        description: description.into(),
        registration_number: format!("W{}", 750_000_000 + id.len() * 1_234_567),
        representative_name: representative.0.into(),
        representative_title: representative.1.into(),
        eligibility: Eligibility { general_interest: true, art_238_bis: true, non_confessional: true, apolitical: true },
        contact_email: format!("contact@{id}.example"),
        contact_phone: Some("01 23 45 67 89".into()),
    }
}

pub fn associations() -> Vec<Association> {
    vec![
        asso("basiliade", "Basiliade", "16 rue du Général Brunet", "75019", "Paris", Some("https://basiliade.org"), "sante-handicap",
            "Créée en 1993, l'association Basiliade accueille et accompagne d'un point de vue médico-social des personnes en situation de précarité et malades, notamment celles atteintes du VIH. Les lieux d'accueil à Paris et Lyon sont des « Maisons » et reposent sur un esprit de vie de famille pour les bénéficiaires.",
            ("Hélène Garnier", "Présidente")),
        asso("scsart", "Solidarité Culture Sartrouville - SCSART", "5 rue de la Constituante", "78500", "Sartrouville", None, "arts-culture",
            "L'association fait vivre la culture et le lien social dans les quartiers de Sartrouville : ateliers, journalisme participatif, sorties.",
            ("Karim Benali", "Président")),
        asso("time2start", "Time 2 Start", "12 rue Saint-Maur", "75011", "Paris", None, "emploi-insertion",
            "Time 2 Start accompagne des entrepreneurs issus de quartiers prioritaires dans le lancement de leur activité.",
            ("Lucie Perrin", "Directrice")),
        asso("unstart", "Un Start et Après", "8 cours de l'Intendance", "33000", "Bordeaux", None, "education-formation",
            "Un Start et Après aide les collégiens de l'éducation prioritaire à construire leur orientation grâce à des professionnels bénévoles.",
            ("Hugo Lambert", "Président")),
        asso("apte", "APTE - Autisme, Piano et Thérapie Educative", "40 rue de la Convention", "75015", "Paris", None, "sante-handicap",
            "APTE propose à des enfants et adultes autistes un apprentissage du piano et une thérapie éducative par la musique.",
            ("Élise Marchand", "Présidente")),
        asso("rebonds", "60 000 rebonds", "22 quai du Docteur Gailleton", "69002", "Lyon", Some("https://60000rebonds.com/"), "emploi-insertion",
            "L'association 60 000 rebonds propose un accompagnement personnalisé aux entrepreneurs ayant subi la perte de leur entreprise, en les aidant à rebondir professionnellement et psychologiquement. Présente dans 10 régions et à travers 60 antennes locales.",
            ("Philippe Rambaud", "Président")),
        asso("athena", "Centre ATHENA", "1 rue Jean Racine", "78114", "Magny-les-Hameaux", None, "sante-handicap",
            "Le Centre ATHENA accueille en journée des adultes en situation de handicap mental et leur propose des ateliers manuels et culinaires.",
            ("Nadia Haddad", "Directrice")),
        asso("clubhouse", "Clubhouse Nantes", "3 rue de Bréa", "44000", "Nantes", None, "sante-handicap",
            "Le Clubhouse accompagne des personnes vivant avec un trouble psychique vers l'emploi et la vie sociale.",
            ("Yann Le Goff", "Directeur")),
        asso("entrepreneurs100k", "100 000 entrepreneurs", "32 rue du Faubourg Poissonnière", "75010", "Paris", None, "education-formation",
            "100 000 entrepreneurs transmet la culture d'entreprendre aux jeunes de 13 à 25 ans par des témoignages de professionnels.",
            ("Philippe Hayat", "Président")),
        asso("opemploi", "Objectif pour l'Emploi", "2 place du Marché", "91350", "Grigny", None, "education-formation",
            "Objectif pour l'Emploi fait découvrir les métiers scientifiques et techniques aux jeunes filles.",
            ("Sarah Cohen", "Présidente")),
        asso("usop", "USOP", "18 rue de Tolbiac", "75013", "Paris", None, "arts-culture",
            "L'USOP soutient les pratiques artistiques et culturelles des habitants du 13e arrondissement.",
            ("Marie Dubois", "Présidente")),
        asso("nationsorg", "Nationsorg", "10 avenue de Stalingrad", "78260", "Achères", None, "social-precarite",
            "Nationsorg lutte contre la précarité en France et à l'international.",
            ("Omar Diallo", "Président")),
        asso("elsa", "ELSA", "Ferme de la Garenne", "78260", "Achères", None, "environnement",
            "ELSA fait vivre une ferme pédagogique et sensibilise au compostage et au jardinage naturel.",
            ("Julie Caron", "Présidente")),
        asso("restos", "Les Restos du Cœur", "42 rue de Paradis", "75010", "Paris", Some("https://www.restosducoeur.org"), "social-precarite",
            "Les Restaurants du Cœur aident et apportent une assistance bénévole aux personnes démunies, notamment par l'aide alimentaire.",
            ("Jean Dupont", "Président")),
    ]
}

pub fn partnerships() -> Vec<(&'static str, &'static str)> {
    let bpi = [
        "basiliade",
        "scsart",
        "time2start",
        "unstart",
        "apte",
        "athena",
        "entrepreneurs100k",
        "opemploi",
        "usop",
        "nationsorg",
        "elsa",
        "restos",
    ];
    let aubay = ["clubhouse", "rebonds", "entrepreneurs100k", "basiliade", "apte", "restos"];
    bpi.iter().map(|a| (BPIFRANCE, *a)).chain(aubay.iter().map(|a| (AUBAY, *a))).collect()
}

struct M {
    id: &'static str,
    asso: &'static str,
    title: &'static str,
    description: &'static str,
    themes: &'static [&'static str],
    pro: &'static [&'static str],
    perso: &'static [&'static str],
    address: Option<&'static str>,
    postcode: &'static str,
    city: &'static str,
    duration: &'static str,
    format: &'static str,
    multiple: bool,
    all_professions: bool,
    remote: bool,
    commitment: Option<&'static str>,
    status: &'static str,
}

const MISSIONS: &[M] = &[
    M { id: "athena-ateliers", asso: "athena", title: "Apportez vos savoir-faire pour co-animer des ateliers pour des adultes en situation de handicap", description: "Co-animez avec l'équipe éducative des ateliers manuels et des ateliers cuisine pour les adultes accueillis au centre.", themes: &["sante-handicap"], pro: &[], perso: &["activite-manuelle-culturelle", "atelier-cuisine"], address: None, postcode: "78114", city: "Magny-les-Hameaux", duration: "100% journée", format: "full_day", multiple: true, all_professions: true, remote: false, commitment: None, status: "published" },
    M { id: "scsart-journalisme", asso: "scsart", title: "Aidez-nous à animer des ateliers de journalisme", description: "Accompagnez des jeunes du quartier dans l'écriture et la mise en page du journal de l'association.", themes: &["arts-culture"], pro: &["marketing-communication"], perso: &["activite-manuelle-culturelle"], address: None, postcode: "78500", city: "Sartrouville", duration: "Durée à définir", format: "full_or_half_day", multiple: true, all_professions: false, remote: false, commitment: None, status: "published" },
    M { id: "time2start-entrepreneurs", asso: "time2start", title: "Venez accompagner des entrepreneurs dans le lancement de leur activité", description: "Conseillez des entrepreneurs sur leur modèle économique, leur organisation et leur plan de financement.", themes: &["emploi-insertion"], pro: &["audit-conseil-moa"], perso: &["accompagnement-beneficiaires"], address: None, postcode: "75011", city: "Paris", duration: "100% journée", format: "full_day", multiple: false, all_professions: false, remote: true, commitment: None, status: "published" },
    M { id: "unstart-collegiens", asso: "unstart", title: "Accompagnez l'orientation de collégiens de l'éducation prioritaire", description: "Présentez votre métier et aidez des élèves de 3e à préparer leur stage d'observation.", themes: &["education-formation"], pro: &[], perso: &["accompagnement-beneficiaires", "mentorat"], address: None, postcode: "33000", city: "Bordeaux", duration: "100% journée", format: "full_day", multiple: true, all_professions: true, remote: false, commitment: None, status: "published" },
    M { id: "basiliade-expression", asso: "basiliade", title: "Encadrez un atelier de libre expression artistique pour les bénéficiaires de Basiliade", description: "Au sein de l'Atelier des Epinettes qui propose des activités artistiques quotidiennes aux bénéficiaires de l'association : accueillez et soyez à l'écoute de ces personnes tout en faisant respecter le cadre de BASILIADE lors de cet atelier de libre expression artistique.", themes: &["sante-handicap"], pro: &[], perso: &["activite-manuelle-culturelle", "accompagnement-beneficiaires"], address: Some("16 rue du Général Brunet"), postcode: "75019", city: "Paris", duration: "Durée à définir", format: "half_day", multiple: true, all_professions: true, remote: false, commitment: Some("Votre engagement doit être régulier (au moins une à deux après-midi par mois)."), status: "published" },
    M { id: "basiliade-cuisine", asso: "basiliade", title: "Animez un atelier cuisine à la Maison de Basiliade", description: "Préparez un repas convivial avec les résidents de la Maison et partagez vos recettes.", themes: &["sante-handicap", "social-precarite"], pro: &[], perso: &["atelier-cuisine"], address: Some("16 rue du Général Brunet"), postcode: "75019", city: "Paris", duration: "1/3 journée", format: "half_day", multiple: true, all_professions: true, remote: false, commitment: None, status: "published" },
    M { id: "apte-crowdfunding", asso: "apte", title: "Créer un crowdfunding", description: "Aidez l'association à concevoir et lancer sa campagne de financement participatif pour acheter deux pianos.", themes: &["sante-handicap", "arts-culture"], pro: &["marketing-communication", "developpement-commercial"], perso: &[], address: Some("40 rue de la Convention"), postcode: "75015", city: "Paris", duration: "de 1 à 2 jours", format: "full_day", multiple: false, all_professions: false, remote: true, commitment: None, status: "published" },
    M { id: "clubhouse-entretiens", asso: "clubhouse", title: "Animez des sessions d'entraînement à l'entretien d'embauche", description: "Jouez le rôle du recruteur et donnez aux membres du Clubhouse des conseils concrets.", themes: &["emploi-insertion"], pro: &[], perso: &["aide-cv-entretien"], address: None, postcode: "44000", city: "Nantes", duration: "1/3 journée", format: "half_day", multiple: true, all_professions: true, remote: false, commitment: None, status: "published" },
    M { id: "opemploi-ingenieure", asso: "opemploi", title: "Témoignez de votre expérience en tant que femme ingénieure", description: "Rencontrez des lycéennes et racontez votre parcours pour leur donner envie des métiers techniques.", themes: &["education-formation"], pro: &[], perso: &["activites-autres"], address: None, postcode: "91350", city: "Grigny", duration: "15 jours", format: "full_day", multiple: true, all_professions: false, remote: false, commitment: None, status: "published" },
    M { id: "usop-informatique", asso: "usop", title: "Participez à la formation en informatique des équipes", description: "Formez les salariés et bénévoles aux outils bureautiques et au travail collaboratif en ligne.", themes: &["arts-culture"], pro: &["administratif-bureautique", "informatique-web"], perso: &["initiation-informatique"], address: None, postcode: "75013", city: "Paris", duration: "de 1 à 2 jours", format: "full_day", multiple: false, all_professions: false, remote: false, commitment: None, status: "published" },
    M { id: "nationsorg-developpement", asso: "nationsorg", title: "Accompagnez-nous dans notre développement en France et à l'international", description: "Aidez l'association à structurer ses partenariats et sa stratégie de développement.", themes: &["social-precarite"], pro: &["developpement-commercial"], perso: &["activites-autres"], address: None, postcode: "78260", city: "Achères", duration: "2 jours", format: "full_day", multiple: false, all_professions: false, remote: true, commitment: None, status: "published" },
    M { id: "elsa-compostage", asso: "elsa", title: "Participez aux actions compostage de la ferme", description: "Retournez les composts, entretenez le potager et accueillez les familles le samedi.", themes: &["environnement"], pro: &[], perso: &["jardinage"], address: None, postcode: "78260", city: "Achères", duration: "2 jours", format: "full_day", multiple: true, all_professions: true, remote: false, commitment: None, status: "published" },
    M { id: "rebonds-mentorat", asso: "rebonds", title: "Accompagnez un entrepreneur qui rebondit après la perte de son entreprise", description: "Devenez le parrain ou la marraine d'un entrepreneur et aidez-le à retrouver un projet professionnel.", themes: &["emploi-insertion"], pro: &["audit-conseil-moa"], perso: &["mentorat"], address: None, postcode: "69002", city: "Lyon", duration: "Durée à définir", format: "half_day", multiple: false, all_professions: false, remote: true, commitment: None, status: "published" },
    M { id: "restos-collecte", asso: "restos", title: "Participez à la collecte nationale des Restos du Cœur", description: "Accueillez les donateurs à l'entrée d'un magasin et triez les denrées collectées.", themes: &["social-precarite"], pro: &[], perso: &["tri-distribution-alimentaire"], address: None, postcode: "75010", city: "Paris", duration: "100% journée", format: "full_day", multiple: true, all_professions: true, remote: false, commitment: None, status: "published" },
    M { id: "restos-cuisine", asso: "restos", title: "Animez un atelier cuisine anti-gaspillage", description: "Montrez aux personnes accueillies comment cuisiner les invendus avec un petit budget.", themes: &["social-precarite"], pro: &[], perso: &["atelier-cuisine"], address: None, postcode: "75010", city: "Paris", duration: "1/3 journée", format: "half_day", multiple: false, all_professions: true, remote: false, commitment: None, status: "published" },
    M { id: "entrepreneurs-temoignage", asso: "entrepreneurs100k", title: "Témoignez de votre métier du numérique auprès de jeunes", description: "Racontez votre métier dans le web et le développement logiciel lors d'une intervention en classe.", themes: &["education-formation"], pro: &["informatique-web"], perso: &["mentorat"], address: None, postcode: "75010", city: "Paris", duration: "1/3 journée", format: "half_day", multiple: true, all_professions: false, remote: true, commitment: None, status: "published" },
    M { id: "usop-site-web", asso: "usop", title: "Refondez le site web de l'association", description: "Modernisez le site de l'association et formez l'équipe à sa mise à jour.", themes: &["arts-culture"], pro: &["informatique-web"], perso: &[], address: None, postcode: "75013", city: "Paris", duration: "de 1 à 2 jours", format: "full_day", multiple: false, all_professions: false, remote: true, commitment: None, status: "draft" },
    M { id: "elsa-haies", asso: "elsa", title: "Plantez des haies avant l'hiver", description: "Saison terminée : plantation de haies champêtres autour de la ferme.", themes: &["environnement"], pro: &[], perso: &["jardinage"], address: None, postcode: "78260", city: "Achères", duration: "100% journée", format: "full_day", multiple: true, all_professions: true, remote: false, commitment: None, status: "archived" },
];

/// When the demo missions were published: one hour apart, the last of the list newest.
pub fn published_base() -> DateTime<Utc> {
    "2026-11-01T08:00:00Z".parse().unwrap_or_default()
}

pub fn missions() -> Result<Vec<Mission>, shared::ApiError> {
    MISSIONS
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let at = published_base() + Duration::hours(i as i64);
            let strings = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
            let referent = match m.asso {
                "apte" => ("Sophie Durand", "sophie.durand@apte.example"),
                "basiliade" => ("Marc Lefèvre", "marc.lefevre@basiliade.example"),
                _ => ("Référent de l'association", "contact@association.example"),
            };
            let fields = MissionFields {
                title: Some(m.title.into()),
                description: Some(m.description.into()),
                themes: Some(strings(m.themes)),
                professional_expertises: Some(strings(m.pro)),
                personal_expertises: Some(strings(m.perso)),
                address: m.address.map(String::from),
                postcode: Some(m.postcode.into()),
                city: Some(m.city.into()),
                remote_possible: Some(m.remote),
                duration_label: Some(m.duration.into()),
                format: Some(m.format.into()),
                participants: Some(if m.multiple { "multiple" } else { "single" }.into()),
                all_professions_welcome: Some(m.all_professions),
                commitment: m.commitment.map(String::from),
                referent: Some(ContactFields {
                    name: Some(referent.0.into()),
                    email: Some(referent.1.replace("association", m.asso)),
                    phone: Some("01 23 45 67 89".into()),
                }),
            };
            let mission = fields.create(m.id.into(), m.asso.into(), at)?;
            match m.status {
                "published" => mission.apply(MissionAction::Publish, at),
                "archived" => mission.apply(MissionAction::Publish, at)?.apply(MissionAction::Archive, at),
                _ => Ok(mission),
            }
            .map_err(shared::ApiError::from)
        })
        .collect()
}

/// Every demo item, as the functions themselves would write them.
pub fn items() -> Result<Vec<Item>, BoxError> {
    let at = published_base() - Duration::days(30);
    let mut items = Vec::new();
    for c in companies() {
        items.push(store::in_catalogue(store::item("Company", &keys::company(&c.id), keys::PROFILE, &c)?, at));
        for d in &c.email_domains {
            items.push(store::companies::domain_guard(d, &c.id));
        }
    }
    for a in associations() {
        items.push(store::in_catalogue(store::item("Association", &keys::association(&a.id), keys::PROFILE, &a)?, at));
    }
    for (company, association) in partnerships() {
        let p = Partnership { company_id: company.into(), association_id: association.into(), active: true, since: at, ended_at: None };
        items.push(store::companies::partnership_item(&p, at)?);
    }
    for m in missions()? {
        items.push(shared::areas::access::mission_item(&m)?);
    }
    for u in USERS {
        let Some(role) = u.role else { continue };
        let user = User {
            sub: u.sub.into(),
            email: Email::parse("email", u.email).map_err(|e| shared::error::FieldError::from(e).message)?,
            first_name: u.first_name.into(),
            last_name: u.last_name.into(),
            role,
            company_id: u.company.map(String::from),
            entity_id: u.entity.map(String::from),
            association_id: u.association.map(String::from),
            phone: Some("06 12 34 56 78".into()),
            consent: u.company.map(|_| Consent { accepted_at: at, version: shared::texts::consent::VERSION.into() }),
            created_at: at,
            updated_at: at,
            last_seen_at: Some(at),
            inactivity_warnings: 0,
        };
        let mut item = store::item("User", &keys::user(u.sub), keys::PROFILE, &user)?;
        item.insert(keys::GSI1PK.into(), s(keys::email(u.email)));
        item.insert(keys::GSI1SK.into(), s(keys::USER_SK));
        items.push(item);
    }
    for (company, email, hr) in hr_attributes() {
        let mut item = store::item("HrAttributes", &keys::company(company), &keys::hr(email), &hr)?;
        item.insert("email".into(), s(email));
        item.insert("company_id".into(), s(company));
        items.push(item);
    }
    items.extend(facilitation_items()?);
    Ok(items)
}

/// HR attributes of the demo employees, as a company admin would import them.
pub fn hr_attributes() -> Vec<(&'static str, &'static str, shared::domain::allowance::HrAttributes)> {
    use shared::domain::allowance::{Contract, HrAttributes};
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap_or_default();
    let cdi = |hired: &str| HrAttributes {
        contract: Contract::Permanent,
        hire_date: d(hired),
        retirement_date: None,
        day_cost_cents: Some(45_000),
        qualification: Some("Chargé(e) d'affaires, cadre".into()),
    };
    vec![
        (BPIFRANCE, "maelys.louvel@bpifrance.example", cdi("2019-09-02")),
        (BPIFRANCE, "claire.martin@bpifrance.example", cdi("2012-03-01")),
        (BPIFRANCE, "isabelle.moreau@bpifrance.example", cdi("2010-01-04")),
        // Retires at the end of 2026: one day a week all year.
        (
            BPIFRANCE,
            "paul.girard@bpifrance.example",
            HrAttributes {
                contract: Contract::Permanent,
                hire_date: d("1990-09-01"),
                retirement_date: Some(d("2026-12-31")),
                day_cost_cents: Some(62_000),
                qualification: Some("Directeur de participations, cadre".into()),
            },
        ),
        (AUBAY, "thomas.bernard@aubay.example", cdi("2021-06-01")),
        (AUBAY, "veronique.deraspe@aubay.example", cdi("2016-02-01")),
    ]
}

/// Writes the demo data (idempotent: the same items overwrite themselves).
pub async fn load(client: &aws_sdk_dynamodb::Client, table: &str) -> Result<usize, BoxError> {
    let items = items()?;
    let n = items.len();
    for chunk in items.chunks(25) {
        let mut pending: Vec<WriteRequest> = chunk
            .iter()
            .map(|i| Ok(WriteRequest::builder().put_request(PutRequest::builder().set_item(Some(i.clone())).build()?).build()))
            .collect::<Result<_, BoxError>>()?;
        while !pending.is_empty() {
            let out = client.batch_write_item().request_items(table, pending).send().await?;
            pending = out.unprocessed_items.and_then(|mut u| u.remove(table)).unwrap_or_default();
        }
    }
    Ok(n)
}

/// A facilitation mission coordinated by `coline`, with a session to come (`make dev`).
pub fn facilitation_items() -> Result<Vec<Item>, BoxError> {
    use shared::domain::facilitation::{Client, ClientKind, Coordinator, FacilitationMission, MissionStatus, Quantities, SessionInput};
    let at: DateTime<Utc> = "2026-11-02T09:00:00Z".parse()?;
    let mission = FacilitationMission {
        id: "fresque-globex".into(),
        title: "Fresque du Climat chez Globex".into(),
        client: Client { name: "Globex".into(), kind: ClientKind::Business },
        coordinator: Coordinator { email: "coline.coordination@example.org".into(), name: "Coline Coordination".into() },
        ordered: Quantities { workshops: 4, trainings: 1 },
        workshop_fee_cents: 25_000,
        training_fee_cents: 60_000,
        coordination_fee_cents: 30_000,
        pre_test_url: Some("https://forms.example.org/pre-test".into()),
        status: MissionStatus::Open,
        remuneration_months: vec![],
        closed_at: None,
        coordination_billed_month: None,
        created_at: at,
        version: 1,
    };
    let session = SessionInput {
        kind: "workshop".into(),
        title: None,
        date: "2027-01-14".into(),
        start: "09:00".into(),
        end: "12:00".into(),
        place: Some("Globex, 3 place de la Bourse, Lyon".into()),
        remote: false,
        language: Some("fr".into()),
        other_facilitators: 1,
    }
    .validate(&mission, "globex-atelier-1".into(), at)
    .map_err(|e| shared::ApiError::from(e).to_string())?;
    Ok(vec![shared::store::facilitation::mission_item(&mission)?, shared::store::facilitation::session_item(&session)?])
}

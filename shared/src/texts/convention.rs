//! The tripartite convention (SPEC D, step 3), in French: every field the SPEC lists and the
//! clauses, as blocks for the PDF layout.

use super::days_label;
use crate::domain::association::Association;
use crate::domain::company::Company;
use crate::domain::engagement::{DateState, Engagement};
use crate::pdf::Block;

pub const FOOTER: &str = "Convention tripartite de mécénat de compétences";

/// The version of the convention's clauses below. Any change to their wording is a new
/// version (the test `the_clauses_match_their_version` fails until this and its fingerprint
/// are updated): a convention records the version it was generated under, and each signature
/// the version the signatory read.
pub const TEXT_VERSION: &str = "2026.2";

/// What the evidence states of a convention generated before the clauses were versioned.
pub const EARLIER_TEXT_VERSION: &str = "antérieur à 2026.2";

/// The clauses' wording as of [`TEXT_VERSION`], each fixed text in one place.
pub mod clauses {
    pub const EFFECTIVE_WORK: &str = "Les journées de mission constituent du temps de travail effectif. Le contrat de travail du Collaborateur volontaire n'est ni rompu ni suspendu : il reste salarié de l'Entreprise, qui maintient sa rémunération, sa protection sociale (assurance maladie, prévoyance, complémentaire santé, retraite) et l'ensemble de ses droits pendant la mission. L'Entreprise reste seule responsable de sa rémunération et de ses obligations d'employeur.";
    pub const HOURS: &str = "Horaires : ceux du Collaborateur volontaire dans l'Entreprise, dans la limite de la durée du travail qui lui est applicable ; une demi-journée correspond au matin ou à l'après-midi.";
    pub const QUALIFICATION_UNKNOWN: &str = "telle qu'elle figure à son contrat de travail";
    pub const CONSENT: &str = "Le Collaborateur volontaire donne son accord exprès à la présente mise à disposition, à but non lucratif au sens de l'article L.8241-2 du Code du travail. Sa signature de la présente convention vaut signature de l'avenant à son contrat de travail ci-après.";
    pub const RETURN: &str = "À l'issue de la mise à disposition, le Collaborateur volontaire retrouve son poste de travail ou un poste équivalent dans l'Entreprise, sans que l'évolution de sa carrière ou de sa rémunération en soit affectée.";
    pub const NO_SANCTION: &str = "Le refus d'accepter une mise à disposition, comme la fin de celle-ci, ne peut entraîner ni sanction, ni licenciement, ni mesure discriminatoire à l'égard du Collaborateur volontaire (article L.8241-2 du Code du travail).";
    pub const INSURANCE: &str = "L'Entreprise garantit la responsabilité civile du Collaborateur volontaire pendant la mission. L'Association déclare être assurée pour les activités et les locaux dans lesquels la mission se déroule, ainsi que pour le matériel qu'elle prête au Collaborateur volontaire.";
    pub const CONFIDENTIALITY: &str = "Chaque partie s'engage à garder confidentielles les informations dont elle a connaissance à l'occasion de la mission, en particulier celles qui concernent les bénéficiaires de l'Association et l'activité de l'Entreprise.";
    pub const TERMINATION: &str = "Chaque partie peut mettre fin à la mission à tout moment, en prévenant les deux autres parties dans les meilleurs délais. Une journée annulée est rendue à l'allocation de mécénat du Collaborateur volontaire.";
    pub const CHANGES: &str = "Toute modification des dates ou du lieu de la mission donne lieu à une nouvelle version de la convention, que les trois parties signent à nouveau ; la correction de l'adresse électronique d'une partie ne modifie pas la convention.";
    pub const ELECTRONIC: &str = "Les parties signent la présente convention électroniquement. Chaque signature enregistre l'identité authentifiée du signataire, la date et l'heure, l'adresse IP, le navigateur et l'empreinte SHA-256 du document lu ; ces éléments figurent sur la page de preuve jointe à l'exemplaire signé.";

    /// Every fixed clause, in order: what the version's fingerprint covers.
    pub const ALL: [&str; 11] = [
        EFFECTIVE_WORK,
        HOURS,
        QUALIFICATION_UNKNOWN,
        CONSENT,
        RETURN,
        NO_SANCTION,
        INSURANCE,
        CONFIDENTIALITY,
        TERMINATION,
        CHANGES,
        ELECTRONIC,
    ];
}

impl crate::domain::engagement::Signature {
    /// How the signatory was authenticated, in French, for the evidence page.
    pub fn authentication_fr(&self) -> String {
        let Some(a) = &self.authentication else { return "jeton d'identité vérifié par la passerelle d'API".into() };
        let mut s = format!("jeton d'identité émis par {} pour le client « {} », vérifié par la passerelle d'API", a.issuer, a.client);
        if !a.methods.is_empty() {
            s.push_str(&format!(" ; méthodes : {}", a.methods.join(", ")));
        }
        if let Some(at) = a.authenticated_at {
            s.push_str(&format!(" ; authentifié le {} à {} UTC", super::date_fr(at.date_naive()), at.format("%H:%M:%S")));
        }
        s
    }
}

/// What the convention states beyond the engagement and the parties: the place, the tasks
/// (the mission's description) and the employee's qualification (the HR file's, when given).
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub place: String,
    pub tasks: String,
    pub qualification: Option<String>,
}

/// The evidence page of the signed convention: the text version, the SHA-256 of what was
/// signed, and each signature's who (and how they were authenticated), when, IP address,
/// browser and the hash they confirmed.
pub fn signature_page(sha256: &str, text_version: &str, signatures: &[crate::domain::engagement::Signature]) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading("Page de preuve — signatures électroniques".into()),
        Block::Field("Version du modèle de convention".into(), text_version.to_string()),
        Block::Paragraph("Empreinte SHA-256 du document signé :".into()),
        Block::Paragraph(sha256.to_string()),
    ];
    for s in signatures {
        blocks.push(Block::Space(6.0));
        blocks.push(Block::Field(format!("Pour {}", s.signatory.label()), format!("{} ({})", s.name, s.email)));
        blocks.push(Block::Field("Identifiant".into(), s.sub.clone()));
        blocks.push(Block::Field("Authentification".into(), s.authentication_fr()));
        blocks.push(Block::Field(
            "Signé le".into(),
            format!("{} à {} UTC", super::date_fr(s.signed_at.date_naive()), s.signed_at.format("%H:%M:%S")),
        ));
        blocks.push(Block::Field("Adresse IP".into(), s.ip.clone()));
        blocks.push(Block::Field("Navigateur".into(), s.user_agent.clone()));
        blocks.push(Block::Field("Empreinte lue".into(), s.sha256.clone()));
    }
    blocks
}

pub fn blocks(e: &Engagement, company: &Company, association: &Association, facts: &Facts, version: usize) -> Vec<Block> {
    let p = |s: &str| Block::Paragraph(s.to_string());
    let accepted: Vec<_> =
        e.dates.iter().filter(|d| matches!(d.state, DateState::Accepted | DateState::Present | DateState::Absent)).collect();
    let half_days: u32 = accepted.iter().map(|d| d.part.half_days()).sum();
    let eligibility = if association.eligibility.art_238_bis {
        "éligible au mécénat selon l'article 238 bis du code général des impôts"
    } else {
        "dont l'éligibilité au mécénat au titre de l'article 238 bis du code général des impôts reste à confirmer"
    };
    let mut b = vec![
        Block::Title("CONVENTION TRIPARTITE DE MISSION DE MÉCÉNAT DE COMPÉTENCES".into()),
        Block::Paragraph(format!("Année civile {} — version {version} — modèle {TEXT_VERSION}", e.year)),
        Block::Heading("Entre :".into()),
        Block::Paragraph(format!(
            "L'entreprise {}, dont le siège social est à {}, {}, représentée par {}, en qualité de {}, dénommée ci-après « l'Entreprise »,",
            company.legal_name, company.head_office, company.registration, company.representative_name, company.representative_title
        )),
        Block::Paragraph(format!(
            "La structure bénéficiaire {}, {}, dont le siège est à {}, {} {}, enregistrée sous le numéro {}, représentée par {}, agissant en qualité de {}, dénommée ci-après « l'Association »,",
            association.name, eligibility, association.address, association.postcode, association.city, association.registration_number,
            association.representative_name, association.representative_title
        )),
        Block::Paragraph(format!(
            "Et Madame ou Monsieur {} ({}), exerçant au sein de l'entreprise {}, dénommé(e) ci-après le « Collaborateur volontaire ».",
            e.employee.full_name(), e.employee.email, company.name
        )),
        Block::Heading("Article 1 — Objet".into()),
        Block::Paragraph(format!(
            "Le mécénat de compétences est une mise à disposition de personnel par une entreprise mécène. Par la présente convention, l'Entreprise met le Collaborateur volontaire à la disposition de l'Association pour la mise en œuvre de la mission « {} ». L'Association ne verse aucune contrepartie pour cette mise à disposition (0 €).",
            e.mission_title
        )),
        Block::Heading("Article 2 — Qualification, tâches et lieu".into()),
        Block::Field(
            "Qualification du Collaborateur volontaire".into(),
            facts.qualification.clone().unwrap_or_else(|| clauses::QUALIFICATION_UNKNOWN.into()),
        ),
        Block::Field("Tâches confiées".into(), facts.tasks.clone()),
        Block::Field("Lieu de la mission".into(), facts.place.clone()),
        Block::Heading("Article 3 — Dates, horaires et durée".into()),
    ];
    for d in &accepted {
        b.push(Block::Field("Date".into(), crate::texts::mission_day_fr(d.date, d.part)));
    }
    b.push(Block::Field("Durée totale".into(), days_label(half_days)));
    b.push(p(clauses::HOURS));
    b.extend([
        Block::Heading("Article 4 — Maintien du contrat de travail".into()),
        p(clauses::EFFECTIVE_WORK),
        Block::Heading("Article 5 — Responsabilité civile et assurance".into()),
        p(clauses::INSURANCE),
        Block::Heading("Article 6 — Confidentialité".into()),
        p(clauses::CONFIDENTIALITY),
        Block::Heading("Article 7 — Résiliation".into()),
        p(clauses::TERMINATION),
        Block::Heading("Article 8 — Durée et modifications de la convention".into()),
        Block::Paragraph(format!(
            "La présente convention couvre l'année civile {}. Aucune journée de mission ne peut avoir lieu avant sa signature par les trois parties.",
            e.year
        )),
        p(clauses::CHANGES),
        p(clauses::ELECTRONIC),
        Block::Heading("Avenant au contrat de travail du Collaborateur volontaire".into()),
        Block::Paragraph(format!(
            "Entre l'Entreprise et {}, pour la durée de la mission « {} » définie aux articles 1 à 3 :",
            e.employee.full_name(),
            e.mission_title
        )),
        p(clauses::CONSENT),
        p(clauses::EFFECTIVE_WORK),
        p(clauses::RETURN),
        p(clauses::NO_SANCTION),
        Block::Space(10.0),
        Block::Signatures(vec![
            vec!["Pour l'Entreprise".into(), format!("{}, {}", company.representative_name, company.representative_title)],
            vec!["Pour l'Association".into(), format!("{}, {}", association.representative_name, association.representative_title)],
            vec!["Le Collaborateur volontaire".into(), e.employee.full_name()],
        ]),
    ]);
    b
}

/// The assessment's questions, as the guide asks them.
pub const Q_RELEVANCE: &str =
    "1. Que pensez-vous de la pertinence des missions de mécénat de compétences qui vous sont proposées sur la plateforme ?";
pub const Q_WELCOME: &str = "2. Avez-vous bénéficié d'un bon accueil et d'une bonne intégration dans la structure et ses équipes ?";
pub const Q_WELCOME_WHY: &str = "Pouvez-vous en expliquer les raisons ?";
pub const Q_EXPERTISE: &str =
    "3. Pensez-vous que la nature de la mission a correspondu complètement à vos expertises professionnelles ou personnelles ?";
pub const Q_EXPERTISE_WHY: &str = "Si vous avez répondu NON, pouvez-vous expliquer pourquoi ?";
pub const ASSESSMENT_FOOTER: &str = "Bilan de fin de mission de mécénat de compétences";

/// The assessment PDF.
pub fn assessment_blocks(e: &Engagement) -> Vec<Block> {
    let Some(a) = &e.assessment else { return vec![] };
    let days: Vec<String> =
        e.dates.iter().filter(|d| d.state == DateState::Present).map(|d| crate::texts::mission_day_fr(d.date, d.part)).collect();
    vec![
        Block::Title("BILAN DE FIN DE MISSION".into()),
        Block::Field("Collaborateur volontaire".into(), format!("{} ({})", e.employee.full_name(), e.employee.email)),
        Block::Field("Mission".into(), e.mission_title.clone()),
        Block::Field("Association".into(), e.association_name.clone()),
        Block::Field("Jours de mission".into(), if days.is_empty() { "aucun".into() } else { days.join(", ") }),
        Block::Field("Envoyé le".into(), crate::texts::date_fr(a.sent_at.date_naive())),
        Block::Heading(Q_RELEVANCE.into()),
        Block::Paragraph(a.relevance.label().into()),
        Block::Heading(Q_WELCOME.into()),
        Block::Paragraph(a.welcome.label().into()),
        Block::Field(Q_WELCOME_WHY.into(), a.welcome_reasons.clone().unwrap_or_else(|| "—".into())),
        Block::Heading(Q_EXPERTISE.into()),
        Block::Paragraph(if a.matched_expertise { "Oui".into() } else { "Non".into() }),
        Block::Field(Q_EXPERTISE_WHY.into(), a.mismatch_reasons.clone().unwrap_or_else(|| "—".into())),
    ]
}

#[cfg(test)]
mod tests {
    /// The fingerprint of the clauses of each version: changing a clause without a new
    /// `TEXT_VERSION` (and its fingerprint here) fails this test.
    const FINGERPRINTS: &[(&str, &str)] = &[("2026.2", "4b04c6d9cfb4a87e02bf98755ab271bee96682a9b99127b1182d680f2497df18")];

    #[test]
    fn the_clauses_match_their_version() {
        let sha = crate::documents::sha256_hex(super::clauses::ALL.join("\n").as_bytes());
        let recorded = FINGERPRINTS.iter().find(|(v, _)| *v == super::TEXT_VERSION).map(|(_, f)| *f);
        assert_eq!(recorded, Some(sha.as_str()), "the clauses changed: bump TEXT_VERSION and record its fingerprint");
    }
}

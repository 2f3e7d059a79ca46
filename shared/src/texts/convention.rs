//! The tripartite convention (SPEC D, step 3), in French: every field the SPEC lists and the
//! clauses, as blocks for the PDF layout.

use super::days_label;
use crate::domain::association::Association;
use crate::domain::company::Company;
use crate::domain::engagement::{DateState, Engagement};
use crate::pdf::Block;

pub const FOOTER: &str = "Convention tripartite de mécénat de compétences";

/// The signature page of the signed convention: the SHA-256 of what was signed, and each
/// signature's who, when, IP address and browser.
pub fn signature_page(sha256: &str, signatures: &[crate::domain::engagement::Signature]) -> Vec<Block> {
    let mut blocks = vec![
        Block::Heading("Signatures électroniques".into()),
        Block::Paragraph("Empreinte SHA-256 du document signé :".into()),
        Block::Paragraph(sha256.to_string()),
    ];
    for s in signatures {
        blocks.push(Block::Space(6.0));
        blocks.push(Block::Field(format!("Pour {}", s.signatory.label()), format!("{} ({})", s.name, s.email)));
        blocks.push(Block::Field(
            "Signé le".into(),
            format!("{} à {} UTC", super::date_fr(s.signed_at.date_naive()), s.signed_at.format("%H:%M:%S")),
        ));
        blocks.push(Block::Field("Adresse IP".into(), s.ip.clone()));
        blocks.push(Block::Field("Navigateur".into(), s.user_agent.clone()));
    }
    blocks
}

pub fn blocks(e: &Engagement, company: &Company, association: &Association, place: &str, version: usize) -> Vec<Block> {
    let p = |s: String| Block::Paragraph(s);
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
        p(format!("Année civile {} — version {version}", e.year)),
        Block::Heading("Entre :".into()),
        p(format!(
            "L'entreprise {}, dont le siège social est à {}, {}, représentée par {}, en qualité de {}, dénommée ci-après « l'Entreprise »,",
            company.legal_name, company.head_office, company.registration, company.representative_name, company.representative_title
        )),
        p(format!(
            "La structure bénéficiaire {}, {}, dont le siège est à {}, {} {}, enregistrée sous le numéro {}, représentée par {}, agissant en qualité de {}, dénommée ci-après « l'Association »,",
            association.name, eligibility, association.address, association.postcode, association.city, association.registration_number,
            association.representative_name, association.representative_title
        )),
        p(format!(
            "Et Madame ou Monsieur {} ({}), exerçant au sein de l'entreprise {}, dénommé(e) ci-après le « Collaborateur volontaire ».",
            e.employee.full_name(), e.employee.email, company.name
        )),
        Block::Heading("Article 1 — Objet".into()),
        p(format!(
            "Le mécénat de compétences est une mise à disposition de personnel par une entreprise mécène. Par la présente convention, l'Entreprise met le Collaborateur volontaire à la disposition de l'Association pour la mise en œuvre de la mission « {} ». L'Association ne verse aucune contrepartie pour cette mise à disposition (0 €).",
            e.mission_title
        )),
        Block::Heading("Article 2 — Lieu".into()),
        Block::Field("Lieu de la mission".into(), place.to_string()),
        Block::Heading("Article 3 — Dates, format et durée".into()),
    ];
    for d in &accepted {
        b.push(Block::Field("Date".into(), crate::texts::mission_day_fr(d.date, d.part)));
    }
    b.push(Block::Field("Durée totale".into(), days_label(half_days)));
    b.extend([
        Block::Heading("Article 4 — Temps de travail effectif".into()),
        p("Les journées de mission constituent du temps de travail effectif. Le Collaborateur volontaire reste salarié de l'Entreprise, qui maintient sa rémunération et l'ensemble de ses droits pendant la mission. La présente convention vaut avenant à son contrat de travail pour la durée de la mission.".into()),
        Block::Heading("Article 5 — Responsabilité civile et assurance".into()),
        p("L'Entreprise garantit la responsabilité civile du Collaborateur volontaire pendant la mission. L'Association déclare être assurée pour les activités et les locaux dans lesquels la mission se déroule, ainsi que pour le matériel qu'elle prête au Collaborateur volontaire.".into()),
        Block::Heading("Article 6 — Confidentialité".into()),
        p("Chaque partie s'engage à garder confidentielles les informations dont elle a connaissance à l'occasion de la mission, en particulier celles qui concernent les bénéficiaires de l'Association et l'activité de l'Entreprise.".into()),
        Block::Heading("Article 7 — Résiliation".into()),
        p("Chaque partie peut mettre fin à la mission à tout moment, en prévenant les deux autres parties dans les meilleurs délais. Une journée annulée est rendue à l'allocation de mécénat du Collaborateur volontaire.".into()),
        Block::Heading("Article 8 — Durée de la convention".into()),
        p(format!(
            "La présente convention couvre l'année civile {}. Aucune journée de mission ne peut avoir lieu avant sa signature par les trois parties. L'ajout de dates, validé par le manager du Collaborateur volontaire, donne lieu à une nouvelle version de la convention.",
            e.year
        )),
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

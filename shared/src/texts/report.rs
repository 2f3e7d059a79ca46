//! The company's CSR report as people read it: the CSV export (a French spreadsheet opens
//! it: UTF-8 with BOM, `;` separators, decimal commas) and the annual statement of the days
//! made available to an association (PDF), which it needs to issue its tax receipt.

use super::{csv_cell, date_fr};
use crate::domain::engagement::{DateState, Engagement};
use crate::domain::facilitation::euros;
use crate::domain::report::AssociationLine;
use crate::pdf::Block;

pub const UNKNOWN_ENTITY: &str = "Implantation non renseignée";

pub const ESTIMATE_NOTICE: &str = "Estimation de la valorisation du mécénat de compétences (article 238 bis du CGI) : jours attestés valorisés au coût de revient (salaire et charges), plafonnés par salarié et par mois à trois fois le plafond mensuel de la sécurité sociale. L'entreprise la valide avec son conseil fiscal avant toute déclaration.";

/// The UTF-8 byte order mark: without it, a French spreadsheet reads the accents wrong.
pub const BOM: &str = "\u{feff}";

const HEADER: [&str; 15] = [
    "Engagement",
    "Année",
    "Étape",
    "Collaborateur",
    "E-mail",
    "Implantation",
    "Association",
    "Mission",
    "Thématiques",
    "Date",
    "Format",
    "Jours",
    "État de la date",
    "Coût journalier (€)",
    "Bilan envoyé",
];

fn date_state(s: DateState) -> &'static str {
    match s {
        DateState::Requested => "demandée",
        DateState::Accepted => "acceptée",
        DateState::Refused => "refusée",
        DateState::Expired => "expirée",
        DateState::Cancelled => "annulée",
        DateState::Present => "attestée (présent·e)",
        DateState::Absent => "absent·e",
    }
}

/// One line per engagement-date (an engagement without dates has one line without a date).
/// `entity` names an entity id, `theme` a theme id; `cost` is the employee's day cost.
pub fn csv(
    engagements: &[&Engagement],
    entity: impl Fn(Option<&str>) -> String,
    theme: impl Fn(&str) -> String,
    cost: impl Fn(&Engagement) -> Option<u64>,
) -> String {
    let mut out = String::from(BOM);
    out.push_str(&HEADER.join(";"));
    out.push_str("\r\n");
    for e in engagements {
        let themes: Vec<String> = e.themes.iter().map(|t| theme(t)).collect();
        let cost = cost(e).map(super::csv_euros).unwrap_or_default();
        let common = [
            e.id.clone(),
            e.year.to_string(),
            e.state.label().to_string(),
            e.employee.full_name(),
            e.employee.email.clone(),
            entity(e.entity_id.as_deref()),
            e.association_name.clone(),
            e.mission_title.clone(),
            themes.join(", "),
        ];
        let assessed = if e.assessment.is_some() { "oui" } else { "non" };
        let mut line = |date: String, format: &str, days: &str, state: &str| {
            let cells: Vec<String> = common
                .iter()
                .map(|c| csv_cell(c))
                .chain(
                    [date, format.to_string(), days.to_string(), state.to_string(), cost.clone(), assessed.to_string()]
                        .iter()
                        .map(|c| csv_cell(c)),
                )
                .collect();
            out.push_str(&cells.join(";"));
            out.push_str("\r\n");
        };
        if e.dates.is_empty() {
            line(String::new(), "", "0", "");
        }
        for d in &e.dates {
            let half = d.part.half_days() == 1;
            let counted = crate::domain::report::is_given(d);
            let days = match (counted, half) {
                (false, _) => "0",
                (true, true) => "0,5",
                (true, false) => "1",
            };
            line(d.date.to_string(), if half { "demi-journée" } else { "journée" }, days, date_state(d.state));
        }
    }
    out
}

/// How many lines the CSV of these engagements has (one per date, one for an engagement
/// without dates), besides its header.
pub fn csv_lines(engagements: &[&Engagement]) -> usize {
    engagements.iter().map(|e| e.dates.len().max(1)).sum()
}

pub fn csv_filename(company_id: &str, year: i32) -> String {
    format!("bilan-rse-{company_id}-{year}.csv")
}

pub const STATEMENT_FOOTER: &str = "Relevé annuel de mécénat de compétences";

/// The statement a company gives an association for a year: the employees made available,
/// their attested days and the valuation at cost price, for the association's tax receipt
/// (Cerfa 16216). `rows`: (employee, days, valued cents) of that association.
pub fn statement(
    company: &crate::domain::company::Company,
    association: &crate::domain::association::Association,
    year: i32,
    line: &AssociationLine,
    rows: &[(String, f64, u64)],
    issued_on: chrono::NaiveDate,
) -> Vec<Block> {
    let days = |d: f64| format!("{}", d).replace('.', ",");
    let mut b = vec![
        Block::Title(format!("RELEVÉ DE MÉCÉNAT DE COMPÉTENCES — ANNÉE {year}")),
        Block::Paragraph(format!(
            "L'entreprise {}, {}, dont le siège social est à {}, représentée par {}, {}, atteste avoir mis à disposition de l'association {} ({}, {} {} {}), à titre gratuit, les collaborateurs ci-dessous, pour les journées attestées par l'association en {year}.",
            company.legal_name,
            company.registration,
            company.head_office,
            company.representative_name,
            company.representative_title,
            association.name,
            association.registration_number,
            association.address,
            association.postcode,
            association.city,
        )),
        Block::Table {
            widths: vec![0.5, 0.2, 0.3],
            header: vec!["Collaborateur".into(), "Jours attestés".into(), "Valorisation".into()],
            rows: rows.iter().map(|(name, d, cents)| vec![name.clone(), days(*d), euros(*cents)]).collect(),
            row_height: 18.0,
            running: vec![],
        },
        Block::Field("Total des jours".into(), days(line.days)),
        Block::Field("Valorisation au coût de revient".into(), euros(line.uncapped_cents)),
        Block::Field("Valorisation retenue (plafonds mensuels appliqués)".into(), euros(line.valued_cents)),
        Block::Paragraph(
            "Les journées sont valorisées au coût de revient pour l'entreprise (salaire et charges sociales patronales), dans la limite, par collaborateur et par mois, de trois fois le plafond mensuel de la sécurité sociale. Ce relevé permet à l'association d'établir le reçu fiscal (Cerfa n° 16216) des dons en nature reçus au titre de l'article 238 bis du code général des impôts.".into(),
        ),
        Block::Paragraph(ESTIMATE_NOTICE.into()),
        Block::Field("Établi le".into(), date_fr(issued_on)),
    ];
    b.push(Block::Signatures(vec![vec![
        format!("Pour l'entreprise {}", company.legal_name),
        format!("{}, {}", company.representative_name, company.representative_title),
    ]]));
    b
}

//! The self-billing mandate and statements (issue 13), in French: the mandate's text, under
//! its version, and what a statement states (number, dates, both parties, the services, the
//! amounts before tax, VAT or its exemption, the total and the mention "Autofacturation").

use crate::domain::billing::{BillingDetails, Vat};
use crate::domain::facilitation::{euros, RemunerationLine};
use crate::pdf::Block;

/// The version of [`MANDATE`]: a facilitator's mandate records the one they accepted.
pub const MANDATE_VERSION: &str = "2026.1";

/// The self-billing mandate (article 289 I-2 of the CGI) the facilitator accepts before any
/// statement is issued in their name.
pub const MANDATE: &str = "Mandat d'autofacturation. Le prestataire donne mandat au réseau d'animation d'établir en son nom et pour son compte les factures (relevés d'autofacturation) de ses animations, chaque mois, d'après les rétributions demandées par les coordinateur·rices, conformément à l'article 289 I-2 du Code général des impôts. Le prestataire reste seul responsable de ses obligations fiscales et sociales, notamment de la TVA qu'il déclare. Chaque relevé lui est adressé par e-mail ; il dispose de 30 jours à compter de son envoi pour le contester, faute de quoi il est réputé accepté. Le mandat vaut jusqu'à sa révocation, par écrit à l'équipe de facturation.";

/// The mention a statement carries under the VAT franchise.
pub const FRANCHISE: &str = "TVA non applicable, article 293 B du Code général des impôts";

/// How the VAT reads on a statement.
pub fn vat_fr(vat: &Vat) -> String {
    match vat {
        Vat::Franchise => FRANCHISE.to_string(),
        Vat::Liable { number, rate_basis_points } => {
            format!("TVA au taux de {} (n° de TVA du prestataire : {number})", rate_fr(*rate_basis_points))
        }
    }
}

/// "20 %", "5,5 %".
fn rate_fr(basis_points: u32) -> String {
    let (units, rest) = (basis_points / 100, basis_points % 100);
    if rest == 0 {
        format!("{units} %")
    } else {
        format!("{units},{} %", format!("{rest:02}").trim_end_matches('0'))
    }
}

/// What a statement says beyond its lines.
pub struct Statement<'a> {
    pub number: &'a str,
    pub issued_on: chrono::NaiveDate,
    pub month: &'a str,
    pub provider: &'a BillingDetails,
    pub provider_email: &'a str,
    /// The network, as `NETWORK_IDENTITY` states it.
    pub client: &'a str,
    pub lines: &'a [RemunerationLine],
    /// Before tax, VAT, total (cents).
    pub amounts: (u64, u64, u64),
}

/// The statement, page by page.
pub fn statement_blocks(s: &Statement) -> Vec<Block> {
    let p = s.provider;
    let mut blocks = vec![
        Block::Title(format!("Facture — Autofacturation — {}", super::month_fr(s.month))),
        Block::Field("Numéro".into(), s.number.to_string()),
        Block::Field("Date d'émission".into(), super::date_fr(s.issued_on)),
        Block::Heading("Prestataire (émetteur de la facture)".into()),
        Block::Field("Nom ou raison sociale".into(), p.legal_name.clone()),
        Block::Field("Adresse".into(), p.address.clone()),
        Block::Field("SIRET".into(), p.siret.clone()),
        Block::Field("E-mail".into(), s.provider_email.to_string()),
        Block::Heading("Client (établit la facture au nom et pour le compte du prestataire)".into()),
        Block::Paragraph(s.client.to_string()),
        Block::Paragraph(format!(
            "Autofacturation : facture établie par le client au nom et pour le compte du prestataire, en vertu du mandat d'autofacturation accepté le {} (version {}), article 289 I-2 du Code général des impôts. Le prestataire dispose de {} jours à compter de l'envoi pour la contester.",
            super::date_fr(p.mandate.accepted_at.date_naive()),
            p.mandate.text_version,
            p.mandate.contest_days
        )),
        Block::Heading("Prestations".into()),
    ];
    let rows = s
        .lines
        .iter()
        .map(|l| {
            vec![
                super::date_fr(l.date),
                format!("Animation « {} » ({})", l.session_title, l.client),
                if l.anticipated { "anticipée".into() } else { "réalisée".into() },
                euros(l.amount_cents),
            ]
        })
        .collect();
    blocks.push(Block::Table {
        widths: vec![0.22, 0.46, 0.14, 0.18],
        header: vec!["Date".into(), "Prestation".into(), "Rétribution".into(), "Montant HT".into()],
        rows,
        row_height: 18.0,
        running: vec![],
    });
    let (before_tax, tax, total) = s.amounts;
    blocks.push(Block::Field("Total hors taxes".into(), euros(before_tax)));
    blocks.push(Block::Field("TVA".into(), format!("{} — {}", euros(tax), vat_fr(&p.vat))));
    blocks.push(Block::Field("Total toutes taxes comprises".into(), euros(total)));
    blocks.push(Block::Paragraph(
        format!("Mention : Autofacturation. {}", if p.vat == Vat::Franchise { FRANCHISE } else { "" }).trim().to_string(),
    ));
    blocks
}

#[cfg(test)]
mod tests {
    #[test]
    fn rates_read_the_french_way() {
        assert_eq!(super::rate_fr(2000), "20 %");
        assert_eq!(super::rate_fr(550), "5,5 %");
    }
}

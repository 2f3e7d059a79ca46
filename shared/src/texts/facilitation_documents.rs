//! The facilitation module's PDFs, in French: the sign-in sheet (feuille d'émargement).

use crate::domain::facilitation::{FacilitationMission, ProviderCountry, RemunerationLine, Session, NOON};
use crate::pdf::Block;

pub const SHEET_FOOTER: &str = "Feuille d'émargement — à faire signer par chaque participant·e, pour chaque demi-journée";

/// Empty rows printed when no participant was registered in advance (education).
pub const BLANK_ROWS: usize = 20;

/// A language code as the sheet writes it out ("fr" → "français").
pub fn language_fr(code: &str) -> String {
    match code.trim().to_lowercase().as_str() {
        "fr" | "fra" | "français" | "francais" => "français".into(),
        "en" | "eng" | "anglais" | "english" => "anglais".into(),
        "es" | "espagnol" => "espagnol".into(),
        "de" | "allemand" => "allemand".into(),
        "it" | "italien" => "italien".into(),
        "pt" | "portugais" => "portugais".into(),
        other => other.to_string(),
    }
}

/// One sheet per session and facilitator: the training body (the facilitation network) and
/// the client apart, the training, the place, the date and the times of each half day, the
/// language written out; the facilitator then every participant sign per half day (the
/// session's real times in each column's header); every page repeats the session.
pub fn sign_in_sheet(m: &FacilitationMission, s: &Session, facilitator: &str, network: &str) -> Vec<Block> {
    let half_days = s.half_days();
    let times_of = |h: &str| {
        if h == super::facilitation::MORNING {
            format!("{}–{}", s.start.format("%H:%M"), s.end.min(NOON).format("%H:%M"))
        } else {
            format!("{}–{}", s.start.max(NOON).format("%H:%M"), s.end.format("%H:%M"))
        }
    };
    let times: Vec<String> = half_days
        .iter()
        .map(|h| {
            let (from, to) = times_of(h).split_once('–').map(|(a, b)| (a.to_string(), b.to_string())).unwrap_or_default();
            format!("{h} de {from} à {to}")
        })
        .collect();
    let place = s.place.clone().unwrap_or_else(|| super::facilitation::REMOTE.into());
    let date = super::date_fr(s.date);
    let mut blocks = vec![
        Block::Title("Feuille d'émargement".into()),
        Block::Field("Organisme de formation".into(), network.to_string()),
        Block::Field("Client".into(), m.client.name.clone()),
        Block::Field("Formation".into(), s.title.clone()),
        Block::Field("Type".into(), s.kind.label().into()),
        Block::Field("Lieu".into(), place.clone()),
        Block::Field("Date".into(), date.clone()),
        Block::Field("Horaires".into(), times.join(" ; ")),
        Block::Field("Langue".into(), language_fr(&s.language)),
    ];
    let running = vec![format!("{} — {date} — {place} — {network} — animé par {facilitator}", s.title)];
    let mut widths = vec![0.5];
    let mut header = vec!["Nom et prénom".to_string()];
    for h in &half_days {
        widths.push(0.5 / half_days.len().max(1) as f32);
        header.push(format!("Signature {h} ({})", times_of(h)));
    }
    blocks.push(Block::Heading("Animateur·rice".into()));
    let mut facilitator_row = vec![facilitator.to_string()];
    facilitator_row.extend(half_days.iter().map(|_| String::new()));
    blocks.push(Block::Table {
        widths: widths.clone(),
        header: header.clone(),
        rows: vec![facilitator_row],
        row_height: 28.0,
        running: running.clone(),
    });
    blocks.push(Block::Heading("Participant·es".into()));
    let mut rows: Vec<Vec<String>> = s
        .participants
        .iter()
        .map(|p| {
            let mut row = vec![format!("{} {}", p.last_name.to_uppercase(), p.first_name)];
            row.extend(half_days.iter().map(|_| String::new()));
            row
        })
        .collect();
    if rows.is_empty() {
        rows = (0..BLANK_ROWS).map(|_| vec![String::new(); 1 + half_days.len()]).collect();
    }
    blocks.push(Block::Table { widths, header, rows, row_height: 28.0, running });
    blocks
}

pub const CERTIFICATE_FOOTER: &str = "Certificat de réalisation — établi à partir de l'émargement de la session";
pub const STATEMENT_FOOTER: &str = "Relevé d'autofacturation — à conserver avec votre comptabilité";

/// "3 h 30" for the session's length.
pub fn hours_fr(start: chrono::NaiveTime, end: chrono::NaiveTime) -> String {
    let minutes = (end - start).num_minutes().max(0);
    format!("{} h {:02}", minutes / 60, minutes % 60)
}

/// The "certificat de réalisation" training funders expect, for a participant present at a
/// session: the training body, the trainee, the action's title and nature, its date and the
/// duration actually attended, the place, who issues it and in which capacity, when and where.
pub fn attendance_certificate(
    m: &FacilitationMission,
    s: &Session,
    participant: &str,
    facilitators: &[String],
    network: &str,
    issued_on: chrono::NaiveDate,
) -> Vec<Block> {
    let place = s.place.clone().unwrap_or_else(|| super::facilitation::REMOTE.into());
    vec![
        Block::Title("Certificat de réalisation".into()),
        Block::Paragraph(format!(
            "Je soussigné·e {}, coordinateur·rice de la mission pour l'organisme de formation {network}, atteste que {participant} a suivi l'action ci-dessous.",
            m.coordinator.name
        )),
        Block::Field("Organisme de formation".into(), network.to_string()),
        Block::Field("Stagiaire".into(), participant.to_string()),
        Block::Field("Client".into(), m.client.name.clone()),
        Block::Field("Intitulé de l'action".into(), s.title.clone()),
        Block::Field("Nature de l'action".into(), format!("action de formation ({})", s.kind.label().to_lowercase())),
        Block::Field("Date".into(), super::date_fr(s.date)),
        Block::Field("Horaires".into(), format!("de {} à {}", s.start.format("%H:%M"), s.end.format("%H:%M"))),
        Block::Field("Durée suivie".into(), hours_fr(s.start, s.end)),
        Block::Field("Lieu".into(), place.clone()),
        Block::Field("Animée par".into(), facilitators.join(", ")),
        Block::Space(12.0),
        Block::Field("Émetteur".into(), format!("{}, coordinateur·rice de la mission ({})", m.coordinator.name, m.coordinator.email)),
        Block::Paragraph(format!("Fait à {place}, le {}.", super::date_fr(issued_on))),
        Block::Paragraph("Pour servir et valoir ce que de droit.".into()),
    ]
}

/// The billing export: one line per facilitator remuneration, then one per coordination fee.
pub fn remuneration_export(month: &str, lines: &[RemunerationLine], closed: &[FacilitationMission]) -> String {
    let cell = super::csv_cell;
    let amount = super::csv_euros;
    let mut out = String::from("mois;type;mission;client;session;date;prestataire;email;pays;montant_eur;anticipee\r\n");
    for l in lines {
        let country = if l.country == ProviderCountry::France { "France" } else { "hors France" };
        out.push_str(&format!(
            "{month};{};{};{};{};{};{};{};{country};{};{}\r\n",
            if l.country == ProviderCountry::France { "autofacturation" } else { "facture prestataire" },
            cell(&l.mission_title),
            cell(&l.client),
            cell(&l.session_title),
            l.date,
            cell(&l.facilitator_name),
            cell(&l.facilitator_email),
            amount(l.amount_cents),
            if l.anticipated { "oui" } else { "non" }
        ));
    }
    for m in closed {
        out.push_str(&format!(
            "{month};coordination;{};{};;;{};{};;{};non\r\n",
            cell(&m.title),
            cell(&m.client.name),
            cell(&m.coordinator.name),
            cell(&m.coordinator.email),
            amount(m.coordination_fee_cents)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_quotes_what_needs_it() {
        let line = RemunerationLine {
            mission_id: "m".into(),
            mission_title: "Fresque; Acme".into(),
            client: "Acme".into(),
            session_id: "s".into(),
            session_title: "Atelier".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
            kind: crate::domain::facilitation::SessionKind::Workshop,
            facilitator_sub: "f".into(),
            facilitator_name: "Fanny".into(),
            facilitator_email: "f@example.org".into(),
            country: ProviderCountry::France,
            amount_cents: 25_050,
            anticipated: false,
        };
        let text = remuneration_export("2026-12", &[line], &[]);
        assert!(
            text.contains("2026-12;autofacturation;\"Fresque; Acme\";Acme;Atelier;2026-12-10;Fanny;f@example.org;France;250,50;non\r\n"),
            "{text}"
        );
    }
}

/// The names of a session's audit pack and of what it holds.
pub mod audit_pack {
    pub fn file_name(date: chrono::NaiveDate, title: &str) -> String {
        let slug: String = title.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).take(40).collect();
        format!("dossier-audit-{date}-{}.zip", slug.trim_matches('-'))
    }
    pub const README: &str = "LISEZ-MOI.txt";
    pub const SURVEY: &str = "enquete-satisfaction.csv";

    /// A sign-in sheet (`n`: its order), or its signed scan with its extension.
    pub fn sheet(n: usize, signed: Option<&str>) -> String {
        match signed {
            Some(ext) => format!("feuilles-emargement/feuille-{n}-signee.{ext}"),
            None => format!("feuilles-emargement/feuille-{n}.pdf"),
        }
    }

    pub fn certificate(last_name: &str, first_name: &str, id: &str) -> String {
        let clean = |s: &str| s.chars().filter(|c| c.is_alphanumeric() || *c == '-').collect::<String>();
        format!("certificats-de-realisation/{}-{}-{}.pdf", clean(last_name), clean(first_name), id.chars().take(8).collect::<String>())
    }

    /// What the pack is, in French.
    /// `counts`: sheets edited, signed scans, certificates, survey answers.
    pub fn readme(session: &str, date: &str, client: &str, network: &str, counts: [usize; 4]) -> String {
        let [sheets, scans, certificates, answers] = counts;
        format!(
            "Dossier d'audit de la session « {session} » du {date} (client : {client}), organisme de formation : {network}.\r\n\r\nContenu :\r\n- feuilles-emargement/ : {sheets} feuille(s) d'émargement éditée(s) et {scans} feuille(s) signée(s) numérisée(s) ;\r\n- certificats-de-realisation/ : {certificates} certificat(s) de réalisation ;\r\n- {SURVEY} : {answers} réponse(s) à l'enquête de satisfaction.\r\n"
        )
    }

    /// The survey's answers of the session, `;`-separated, one per line.
    pub fn survey_csv(answers: &[&crate::domain::facilitation::SurveyAnswer]) -> String {
        let mut out = String::from("note_sur_5;recommande;commentaire;repondu_le\r\n");
        for a in answers {
            out.push_str(&format!(
                "{};{};{};{}\r\n",
                a.rating,
                if a.recommend { "oui" } else { "non" },
                super::super::csv_cell(a.comment.as_deref().unwrap_or("")),
                a.answered_at.format("%Y-%m-%d")
            ));
        }
        out
    }
}

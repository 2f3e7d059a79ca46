//! The facilitation module's PDFs, in French: the sign-in sheet (feuille d'émargement).

use crate::domain::facilitation::{FacilitationMission, Session, NOON};
use crate::pdf::Block;

pub const SHEET_FOOTER: &str = "Feuille d'émargement — à faire signer par chaque participant·e, pour chaque demi-journée";

/// Empty rows printed when no participant was registered in advance (education).
pub const BLANK_ROWS: usize = 20;

/// One sheet per session and facilitator: the training, the organisation, the place, the
/// date and the times of each half day, the facilitator with a signature box, then one row
/// per participant with a signature box per half day (as many pages as needed).
pub fn sign_in_sheet(m: &FacilitationMission, s: &Session, facilitator: &str) -> Vec<Block> {
    let half_days = s.half_days();
    let mut times = Vec::new();
    if half_days.contains(&super::facilitation::MORNING) {
        times.push(format!("matin de {} à {}", s.start.format("%H:%M"), s.end.min(NOON).format("%H:%M")));
    }
    if half_days.contains(&super::facilitation::AFTERNOON) {
        times.push(format!("après-midi de {} à {}", s.start.max(NOON).format("%H:%M"), s.end.format("%H:%M")));
    }
    let mut blocks = vec![
        Block::Title("Feuille d'émargement".into()),
        Block::Field("Formation".into(), s.title.clone()),
        Block::Field("Type".into(), s.kind.label().into()),
        Block::Field("Organisme".into(), m.client.name.clone()),
        Block::Field("Lieu".into(), s.place.clone().unwrap_or_else(|| super::facilitation::REMOTE.into())),
        Block::Field("Date".into(), super::date_fr(s.date)),
        Block::Field("Horaires".into(), times.join(" ; ")),
        Block::Field("Langue".into(), s.language.clone()),
        Block::Space(6.0),
        Block::Signatures(vec![vec![format!("Animateur·rice : {facilitator}"), "Signature".into()]]),
        Block::Heading("Participant·es".into()),
    ];
    let mut widths = vec![0.5];
    let mut header = vec!["Nom et prénom".to_string()];
    for h in &half_days {
        widths.push(0.5 / half_days.len().max(1) as f32);
        header.push(format!("Signature {h}"));
    }
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
    blocks.push(Block::Table { widths, header, rows, row_height: 28.0 });
    blocks
}

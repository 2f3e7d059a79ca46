//! Every link a person receives, built here and nowhere else. Two kinds:
//!
//! - **Screens of the frontend** (`FRONTEND_URL` + a path of `SCREENS`), for what needs a
//!   signed-in user: the frontend team implements exactly these paths (the README lists them),
//!   and `make dev` serves a stand-in for each.
//! - **Pages of the platform** (`PUBLIC_BASE_URL` + a public route), for links that carry their
//!   own credential (a token): they open in any browser, without an account.

use crate::config::Config;

/// The frontend's screens that e-mails link to: path template, and what the screen shows.
pub const SCREENS: &[(&str, &str)] = &[
    ("/missions", "le catalogue des missions"),
    ("/missions/{missionId}", "la page d'une mission (et l'avancement de l'engagement de la personne connectée)"),
    ("/engagements/{engagementId}", "un engagement pour la personne connectée qui y est partie : le collaborateur, un·e référent·e de l'association ou un·e administrateur·rice de l'entreprise (dates, convention et signatures, bilan)"),
    ("/facilitation-missions/{missionId}", "le tableau de bord d'une mission d'animation pour sa coordinatrice ou son coordinateur"),
    ("/invitations/{token}", "l'inscription d'une animatrice ou d'un animateur à une session, après connexion"),
    ("/companies/{companyId}/report-exports/{exportId}", "le téléchargement d'un export du bilan RSE préparé en arrière-plan, par un·e administrateur·rice de l'entreprise connecté·e"),
    ("/me/billing-details", "les informations de facturation d'une animatrice ou d'un animateur (raison sociale, adresse, SIRET, TVA, IBAN) et le mandat d'autofacturation à accepter, après connexion"),
    ("/role-invitations/{token}", "l'acceptation d'un rôle (référent·e d'une association, administrateur·rice d'une entreprise), après connexion avec l'adresse invitée"),
];

/// The screen path template a concrete path matches, with its parameters.
pub fn screen_of(path: &str) -> Option<(&'static str, Vec<(&'static str, String)>)> {
    let actual: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    SCREENS.iter().find_map(|(template, _)| {
        let parts: Vec<&str> = template.split('/').collect();
        if parts.len() != actual.len() {
            return None;
        }
        let mut params = Vec::new();
        for (t, a) in parts.iter().zip(&actual) {
            match t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                Some(name) if !a.is_empty() => params.push((name, a.to_string())),
                Some(_) => return None,
                None if t != a => return None,
                None => {}
            }
        }
        Some((*template, params))
    })
}

fn screen(config: &Config, path: String) -> String {
    format!("{}{path}", config.frontend_url)
}

fn page(config: &Config, path: String) -> String {
    format!("{}{path}", config.public_base_url)
}

pub fn catalogue(config: &Config) -> String {
    screen(config, "/missions".into())
}

pub fn mission(config: &Config, mission_id: &str) -> String {
    screen(config, format!("/missions/{mission_id}"))
}

pub fn engagement(config: &Config, engagement_id: &str) -> String {
    screen(config, format!("/engagements/{engagement_id}"))
}

pub fn facilitation_mission(config: &Config, mission_id: &str) -> String {
    screen(config, format!("/facilitation-missions/{mission_id}"))
}

pub fn invitation(config: &Config, token: &str) -> String {
    screen(config, format!("/invitations/{token}"))
}

pub fn report_export(config: &Config, company_id: &str, export_id: &str) -> String {
    screen(config, format!("/companies/{company_id}/report-exports/{export_id}"))
}

pub fn role_invitation(config: &Config, token: &str) -> String {
    screen(config, format!("/role-invitations/{token}"))
}

/// Where a facilitator gives their billing details and accepts the self-billing mandate.
pub fn billing_details(config: &Config) -> String {
    screen(config, "/me/billing-details".to_string())
}

pub fn decision(config: &Config, token: &str) -> String {
    page(config, format!("/decisions/{token}"))
}

/// Where the expired link's page asks for a fresh link (a POST: nothing acts on a GET).
pub fn decision_renewal(config: &Config, token: &str) -> String {
    page(config, format!("/decisions/{token}/renewal"))
}

/// A person's private calendar feed, as calendar applications subscribe to it (`webcal:`),
/// and as a download (`https:`).
pub fn calendar_feed(config: &Config, token: &str) -> (String, String) {
    let https = page(config, format!("/calendars/{token}.ics"));
    let webcal = match https.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => https.clone(),
    };
    (webcal, https)
}

pub fn unsubscribe(config: &Config, token: &str) -> String {
    page(config, format!("/alerts/unsubscribe/{token}"))
}

pub fn survey(config: &Config, token: &str) -> String {
    page(config, format!("/surveys/{token}"))
}

pub fn invoice_upload(config: &Config, token: &str) -> String {
    page(config, format!("/invoices/{token}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_their_screen() {
        assert_eq!(
            screen_of("/missions/apte-crowdfunding").map(|(t, p)| (t, p[0].1.clone())),
            Some(("/missions/{missionId}", "apte-crowdfunding".into()))
        );
        assert_eq!(screen_of("/missions").map(|(t, _)| t), Some("/missions"));
        assert!(screen_of("/missions/a/b").is_none());
        assert!(screen_of("/decisions/x").is_none());
    }
}

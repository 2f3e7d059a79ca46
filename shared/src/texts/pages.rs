//! The pages a manager sees from an e-mail link (no account): French, no script, nothing
//! that submits by itself.

use super::emails::esc;

/// Readable from 320 px wide: fluid width, 16 px text, fields that fit the screen, buttons at
/// least 44 px tall (full width on a phone), the accept and refuse actions in distinct colours,
/// contrast above 4.5:1. No script.
const STYLE: &str = "*{box-sizing:border-box}\
body{font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f1f1f;background:#fff;max-width:40rem;margin:0 auto;padding:1rem}\
h1{font-size:1.4rem;line-height:1.3}\
label{display:block;font-weight:bold;margin-bottom:.25rem}\
label.choice{display:inline-flex;align-items:center;gap:.4rem;min-height:44px;min-width:44px;padding:0 .6rem;margin:.2rem .2rem .2rem 0;border:1px solid #6b6b6b;border-radius:4px;font-weight:normal}\
input[type=radio]{width:1.25rem;height:1.25rem;margin:0}\
textarea,input[type=file],input[type=text],select{display:block;width:100%;max-width:100%;font-size:1rem;padding:.6rem;border:1px solid #6b6b6b;border-radius:4px}\
button{min-height:44px;min-width:44px;font-size:1rem;padding:.7rem 1.2rem;border:0;border-radius:4px;color:#fff;background:#1d4f91;cursor:pointer;margin:.25rem 0}\
button.accept{background:#1b6b3a}button.refuse{background:#a12622}\
blockquote{margin:0;padding:.5rem 1rem;border-left:4px solid #6b6b6b;background:#f3f3f3;overflow-wrap:anywhere}\
p,li{overflow-wrap:anywhere}.note{font-size:.9rem;color:#4a4a4a}footer{font-size:.85rem;color:#4a4a4a;border-top:1px solid #ccc;margin-top:2rem;padding-top:.5rem}\
@media (max-width:480px){button{width:100%}}";

fn page(title: &str, body: &str) -> String {
    page_by(title, body, "Mécénat de compétences")
}

/// The programme of an employee's company signs the pages its employees and managers open,
/// in the company's colour when it has one.
pub struct Brand<'a> {
    pub name: &'a str,
    /// `#rrggbb`, as the company's settings checked it.
    pub colour: Option<&'a str>,
}

impl<'a> Brand<'a> {
    pub fn of(company: Option<&'a crate::domain::company::Company>) -> Self {
        Brand { name: company.map(|c| c.name.as_str()).unwrap_or_default(), colour: company.and_then(|c| c.brand_colour.as_deref()) }
    }

    fn footer(&self) -> String {
        if self.name.is_empty() {
            "Mécénat de compétences".to_string()
        } else {
            format!("Mécénat de compétences — {}", self.name)
        }
    }

    /// The colour as a rule of the page's style sheet (a bar above the footer), when it is a
    /// colour: nothing else reaches the style sheet.
    fn style(&self) -> String {
        match self.colour {
            Some(c) if c.len() == 7 && c.starts_with('#') && c[1..].bytes().all(|b| b.is_ascii_hexdigit()) => {
                format!("footer{{border-top:6px solid {c}}}")
            }
            _ => String::new(),
        }
    }
}

/// The network's name when `NETWORK_NAME` is not set.
pub const DEFAULT_NETWORK_NAME: &str = "Réseau d'animation";

/// The facilitation pages are signed by the network, not by a company.
fn by_network(network: &str) -> String {
    format!("Missions d'animation — {network}")
}

/// A message page of the facilitation network (answers of the survey and invoice forms).
pub fn network_message(title: &str, text: &str, network: &str) -> String {
    page_by(title, &format!("<p>{}</p>", esc(text)), &by_network(network))
}

fn page_by(title: &str, body: &str, by: &str) -> String {
    page_styled(title, body, by, "")
}

fn page_for(title: &str, body: &str, brand: &Brand) -> String {
    page_styled(title, body, &brand.footer(), &brand.style())
}

fn page_styled(title: &str, body: &str, by: &str, extra_style: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{t}</title><style>{STYLE}{extra_style}</style></head><body><main><h1>{t}</h1>{body}</main><footer>{by}</footer></body></html>",
        t = esc(title),
        by = esc(by)
    )
}

/// The confirmation page: who, what, which dates, until when the link works and that the
/// decision is final; two distinct buttons that POST, and nothing else.
pub fn decision(
    employee: &str,
    company: &Brand,
    mission: &str,
    association: &str,
    dates: &[String],
    message: &str,
    valid_until: &str,
) -> String {
    let list: String = dates.iter().map(|d| format!("<li>{}</li>", esc(d))).collect();
    page_for(
        "Demande d'absence à valider",
        &format!(
            "<p><strong>{}</strong> propose ses compétences pour la mission de mécénat de compétences <strong>« {} »</strong> auprès de l'association <strong>{}</strong>.</p>\
             <p>Dates demandées :</p><ul>{list}</ul>\
             <p>Message :</p><blockquote>{}</blockquote>\
             <form method=\"post\">\
             <p><label for=\"comment\">Commentaire (facultatif)</label><textarea id=\"comment\" name=\"comment\" rows=\"3\" maxlength=\"1000\"></textarea></p>\
             <p class=\"note\">Ta réponse est définitive : {employee} en est prévenu·e aussitôt par e-mail. Ce lien est valable jusqu'au {}.</p>\
             <p><button class=\"accept\" type=\"submit\" name=\"decision\" value=\"accept\">Accepter la demande</button> \
             <button class=\"refuse\" type=\"submit\" name=\"decision\" value=\"refuse\">Refuser la demande</button></p>\
             </form>\
             <p class=\"note\">Si la demande ne convient pas, refuse-la et invite ton collaborateur ou ta collaboratrice à convenir d'autres dates avec l'association.</p>",
            esc(employee),
            esc(mission),
            esc(association),
            esc(message).replace('\n', "<br>"),
            esc(valid_until),
            employee = esc(employee),
        ),
        company,
    )
}

pub fn message(title: &str, text: &str) -> String {
    page(title, &format!("<p>{}</p>", esc(text)))
}

pub const DONE_ACCEPTED: &str = "Demande acceptée";
pub const DONE_REFUSED: &str = "Demande refusée";
pub const ALREADY: &str = "Demande déjà traitée";
pub const EXPIRED: &str = "Lien expiré";
pub const REPLACED: &str = "Lien remplacé";
pub const REPLACED_TEXT: &str =
    "Un lien plus récent a été envoyé pour cette demande : celui-ci ne fonctionne plus. Utilise le lien du dernier e-mail reçu.";
pub const RENEWED: &str = "Nouveau lien envoyé";
pub const STILL_LIVE: &str = "Lien encore valable";
pub const STILL_LIVE_TEXT: &str = "Ce lien fonctionne encore : ouvre-le depuis l'e-mail pour répondre à la demande.";

/// The page of an expired link whose request still awaits the manager: a button (a POST to
/// `action`) sends a fresh link to the address on record, never to one typed here.
pub fn expired_renewable(action: &str) -> String {
    page(
        EXPIRED,
        &format!(
            "<p>Ce lien a expiré, mais la demande attend toujours ta réponse.</p>\
             <form method=\"post\" action=\"{}\"><p><button type=\"submit\">Recevoir un nouveau lien</button></p></form>\
             <p class=\"note\">Le nouveau lien est envoyé par e-mail à l'adresse à laquelle cette demande a été adressée, et à aucune autre. Les liens précédents cessent alors de fonctionner.</p>",
            esc(action)
        ),
    )
}

/// After a fresh link was sent from the expired page.
pub fn renewed_text(valid_until: &str) -> String {
    format!(
        "Un nouveau lien vient d'être envoyé à l'adresse à laquelle cette demande a été adressée. Il est valable jusqu'au {valid_until}."
    )
}

/// Why the expired page could not send a fresh link, for the manager.
pub fn renewal_refused_text(refusal: &crate::domain::error::Refusal) -> String {
    use crate::domain::error::Refusal;
    match refusal {
        Refusal::TooSoon { next_at, .. } => format!(
            "Un nouveau lien a déjà été envoyé il y a moins de 24 heures : utilise celui du dernier e-mail reçu. Un autre pourra être demandé à partir du {}.",
            super::instant_fr(*next_at)
        ),
        Refusal::RequestedDatesPassed => "Certaines dates de cette demande sont passées : ton collaborateur ou ta collaboratrice doit envoyer une nouvelle demande.".into(),
        _ => EXPIRED_TEXT.into(),
    }
}
pub const INVALID: &str = "Lien invalide";

pub fn accepted_text(employee: &str) -> String {
    format!("Merci ! {employee} est prévenu·e : la convention de mission va être éditée et signée en ligne.")
}
pub fn refused_text(employee: &str) -> String {
    format!("{employee} est prévenu·e et pourra proposer d'autres dates.")
}
pub fn already_text(state: &str) -> String {
    format!("Cette demande a déjà été traitée : elle est {state}. Aucune autre action n'est nécessaire.")
}
pub const EXPIRED_TEXT: &str =
    "Ce lien a expiré. Ton collaborateur ou ta collaboratrice peut t'envoyer une nouvelle demande depuis son compte.";
pub const INVALID_TEXT: &str = "Ce lien n'est pas valide. Vérifie que tu as copié l'adresse complète depuis l'e-mail.";

/// The unsubscribe confirmation (GET shows, the button POSTs to the same address).
pub fn unsubscribe(email: &str, company: &Brand) -> String {
    page_for(
        UNSUBSCRIBE,
        &format!(
            "<p>Tu ne souhaites plus recevoir les alertes e-mail des nouvelles missions à l'adresse <strong>{}</strong> ?</p>\
             <form method=\"post\"><p><button type=\"submit\" name=\"List-Unsubscribe\" value=\"One-Click\">Me désabonner des alertes</button></p></form>\
             <p class=\"note\">Tu pourras réactiver les alertes à tout moment dans « Mon compte », rubrique « Mes préférences ».</p>",
            esc(email)
        ),
        company,
    )
}
pub const UNSUBSCRIBE: &str = "Se désabonner des alertes de missions";
pub const UNSUBSCRIBED: &str = "Désabonnement confirmé";
pub const UNSUBSCRIBED_TEXT: &str =
    "Tu ne recevras plus d'alertes de nouvelles missions. Tu peux les réactiver à tout moment dans « Mon compte », rubrique « Mes préférences ».";
pub const UNSUBSCRIBE_EXPIRED_TEXT: &str =
    "Ce lien de désabonnement a expiré. Tu peux arrêter les alertes dans « Mon compte », rubrique « Mes préférences ».";
pub const UNSUBSCRIBE_INVALID_TEXT: &str =
    "Ce lien de désabonnement n'est pas valide. Vérifie que tu as copié l'adresse complète depuis l'e-mail, ou arrête les alertes dans « Mon compte ».";

/// E6: the satisfaction survey of a participant (GET shows, the form POSTs).
pub fn survey(first_name: &str, session: &str, date: &str, network: &str) -> String {
    let options: String = (1..=5)
        .rev()
        .map(|n| format!("<label class=\"choice\"><input type=\"radio\" name=\"rating\" value=\"{n}\" required> {n}</label> "))
        .collect();
    page_by(
        SURVEY,
        &format!(
            "<p>Bonjour {}, merci d'avoir participé à la session <strong>« {} »</strong> du {}.</p>\
             <form method=\"post\">\
             <p>Globalement, es-tu satisfait·e de la session ? (5 : très satisfait·e)</p><p>{options}</p>\
             <p>La recommanderais-tu à un·e collègue ?</p><p><label class=\"choice\"><input type=\"radio\" name=\"recommend\" value=\"yes\" required> Oui</label> <label class=\"choice\"><input type=\"radio\" name=\"recommend\" value=\"no\"> Non</label></p>\
             <p><label for=\"comment\">Un commentaire (facultatif)</label><textarea id=\"comment\" name=\"comment\" rows=\"4\" maxlength=\"2000\"></textarea></p>\
             <p><button type=\"submit\">Envoyer mon avis</button></p></form>",
            esc(first_name),
            esc(session),
            esc(date)
        ),
        &by_network(network),
    )
}
pub const SURVEY: &str = "Ton avis sur la session";
pub const SURVEY_THANKS: &str = "Merci pour ton avis";
pub const SURVEY_THANKS_TEXT: &str = "Ta réponse est enregistrée. Elle aide les animateur·rices à améliorer leurs sessions.";
pub const SURVEY_DONE_TEXT: &str = "Tu as déjà répondu à ce questionnaire : merci !";
pub const SURVEY_INVALID_TEXT: &str = "Ce lien de questionnaire n'est pas valide ou a expiré.";
pub fn survey_invalid_answer(detail: &str) -> String {
    format!("Réponse incomplète : {detail} Reviens en arrière pour compléter le questionnaire.")
}

/// The invoice deposit page of an international provider: one file field and its button,
/// which POSTs the file to the same address.
pub fn invoice_upload(name: &str, month: &str, valid_until: &str, network: &str) -> String {
    page_by(
        "Dépose ta facture",
        &format!(
            "<p>Bonjour {}, merci de déposer ta facture pour tes rétributions de <strong>{}</strong>.</p>\
             <form method=\"post\" enctype=\"multipart/form-data\">\
             <p><label for=\"invoice\">Ta facture (PDF, 4 Mo au plus)</label><br><input type=\"file\" id=\"invoice\" name=\"invoice\" accept=\"application/pdf\" required></p>\
             <p><button type=\"submit\">Déposer ma facture</button></p>\
             </form>\
             <p class=\"note\">Ce lien est valable jusqu'au {}. Tu peux y déposer une facture corrigée jusque-là : elle remplace la précédente.</p>",
            esc(name),
            esc(month),
            esc(valid_until)
        ),
        &by_network(network),
    )
}

pub const INVOICE_RECEIVED: &str = "Facture reçue";
pub fn invoice_received_text(month: &str) -> String {
    format!("Merci ! Ta facture pour {month} est transmise à la facturation. Tu peux fermer cette page.")
}
pub const INVOICE_REFUSED: &str = "Facture non déposée";
pub const INVOICE_NOT_A_PDF: &str = "Le fichier déposé n'est pas un PDF : dépose ta facture au format PDF.";
pub const INVOICE_MISSING: &str = "Aucun fichier reçu : choisis ta facture (PDF) avant d'appuyer sur « Déposer ma facture ».";
pub const INVOICE_TOO_LARGE: &str = "Ce fichier dépasse 4 Mo : dépose une version plus légère de ta facture.";
pub const INVOICE_EXPIRED_TEXT: &str =
    "Ce lien de dépôt a expiré (il était valable 7 jours). Écris à l'équipe Mécénat de compétences pour en recevoir un nouveau.";
pub const INVOICE_INVALID_TEXT: &str = "Ce lien de dépôt n'est pas valide. Vérifie que tu as copié l'adresse complète depuis l'e-mail.";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decision_page_is_fit_for_a_phone_and_says_what_the_decision_means() {
        let html = decision(
            "Maëlys Louvel",
            &Brand { name: "Bpifrance", colour: Some("#ffcd00") },
            "Créer un crowdfunding",
            "APTE",
            &["jeudi 22 janvier 2026 (journée)".into()],
            "Bonjour",
            "lundi 19 janvier 2026",
        );
        for expected in [
            "<html lang=\"fr\">",
            "width=device-width, initial-scale=1",
            "min-height:44px",
            "@media (max-width:480px){button{width:100%}}",
            "<label for=\"comment\">",
            "class=\"accept\"",
            "class=\"refuse\"",
            "Ta réponse est définitive",
            "valable jusqu'au lundi 19 janvier 2026",
            "Mécénat de compétences — Bpifrance",
            "footer{border-top:6px solid #ffcd00}",
        ] {
            assert!(html.contains(expected), "{expected}: {html}");
        }
        assert!(!html.contains("<script") && !html.contains("cols="), "no script, no fixed-width field");
    }

    #[test]
    fn only_a_colour_reaches_the_style_sheet() {
        let html = unsubscribe("a@b.example", &Brand { name: "X", colour: Some("red}body{display:none") });
        assert!(!html.contains("display:none") && !html.contains("border-top:6px"), "{html}");
        let html = unsubscribe("a@b.example", &Brand { name: "", colour: None });
        assert!(html.contains("<footer>Mécénat de compétences</footer>"), "{html}");
    }
}

//! Every e-mail the platform sends, rendered here in French, as HTML and as text.

// A letter takes the facts it states, each named: more than seven is the rule here.
#![allow(clippy::too_many_arguments)]

use crate::mail::OutgoingEmail;

/// Who writes to an association: name, e-mail, phone and message.
fn employee_facts(name: &str, email: &str, phone: Option<&str>, message: &str) -> Paragraph<'static> {
    Paragraph::Facts(vec![
        ("Nom", name.to_string()),
        ("E-mail", email.to_string()),
        ("Téléphone", phone.unwrap_or("non communiqué").to_string()),
        ("Message", message.to_string()),
    ])
}

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One e-mail from paragraphs: each is (text, is a link). The same words in both parts.
pub struct Letter<'a> {
    pub to: Vec<String>,
    pub reply_to: Option<String>,
    pub subject: String,
    pub greeting: String,
    pub paragraphs: Vec<Paragraph<'a>>,
}

pub enum Paragraph<'a> {
    Text(String),
    /// A labelled list: "Téléphone : 06…".
    Facts(Vec<(&'a str, String)>),
    Button {
        label: &'a str,
        url: String,
    },
}

pub const SIGNATURE: &str = "L'équipe Mécénat de compétences";
pub const FOOTER: &str = "Tu reçois cet e-mail parce que tu participes au programme de mécénat de compétences de ton entreprise.";

/// Who an e-mail is for: each audience gets its own signature and its own reason for
/// receiving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Employees of member companies (and their managers).
    Employee,
    /// Referents of partner associations.
    Association,
    /// The three parties of a convention.
    Parties,
    /// Coordinators, facilitators and participants of facilitation missions.
    Facilitation,
    /// The operator's and billing teams.
    Team,
}

impl Audience {
    pub fn signature(self) -> &'static str {
        match self {
            Audience::Facilitation => "L'équipe des missions d'animation — Mécénat de compétences",
            Audience::Team => "La plateforme Mécénat de compétences",
            _ => SIGNATURE,
        }
    }

    pub fn footer(self) -> &'static str {
        match self {
            Audience::Employee => FOOTER,
            Audience::Association => "Vous recevez cet e-mail parce que votre association est partenaire du programme de mécénat de compétences.",
            Audience::Parties => "Tu reçois cet e-mail parce que tu es partie à une convention de mécénat de compétences.",
            Audience::Facilitation => "Tu reçois cet e-mail parce que tu participes à une mission d'animation (session, animation ou coordination) de notre réseau.",
            Audience::Team => "E-mail automatique de la plateforme, pour l'équipe qui l'exploite.",
        }
    }
}

impl Letter<'_> {
    /// For an employee (or their manager).
    pub fn render(self) -> OutgoingEmail {
        self.render_for(Audience::Employee)
    }

    pub fn render_for(self, audience: Audience) -> OutgoingEmail {
        let mut html = format!(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{}</title></head><body style=\"font-family:Arial,sans-serif;color:#222;max-width:640px\">",
            esc(&self.subject)
        );
        let mut text = String::new();
        html.push_str(&format!("<p>{}</p>", esc(&self.greeting)));
        text.push_str(&format!("{}\n\n", self.greeting));
        for p in &self.paragraphs {
            match p {
                Paragraph::Text(t) => {
                    html.push_str(&format!("<p>{}</p>", esc(t).replace('\n', "<br>")));
                    text.push_str(&format!("{t}\n\n"));
                }
                Paragraph::Facts(facts) => {
                    html.push_str("<ul>");
                    for (k, v) in facts {
                        html.push_str(&format!("<li><strong>{}</strong> : {}</li>", esc(k), esc(v).replace('\n', "<br>")));
                        text.push_str(&format!("- {k} : {v}\n"));
                    }
                    html.push_str("</ul>");
                    text.push('\n');
                }
                Paragraph::Button { label, url } => {
                    html.push_str(&format!(
                        "<p><a href=\"{}\" style=\"background:#e5543a;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none\">{}</a></p>",
                        esc(url),
                        esc(label)
                    ));
                    text.push_str(&format!("{label} : {url}\n\n"));
                }
            }
        }
        let (signature, footer) = (audience.signature(), audience.footer());
        html.push_str(&format!("<p>{}</p><hr><p style=\"font-size:12px;color:#777\">{}</p></body></html>", esc(signature), esc(footer)));
        text.push_str(&format!("{signature}\n\n--\n{footer}\n"));
        OutgoingEmail { to: self.to, reply_to: self.reply_to, subject: self.subject, html, text }
    }
}

/// Step 1, to the association's referent: a new application with the employee's contact.
pub fn application_to_referent(
    referent_email: &str,
    referent_name: &str,
    mission_title: &str,
    employee_name: &str,
    employee_email: &str,
    employee_phone: Option<&str>,
    company: &str,
    message: &str,
) -> OutgoingEmail {
    Letter {
        to: vec![referent_email.to_string()],
        reply_to: Some(employee_email.to_string()),
        subject: format!("Nouvelle candidature pour « {mission_title} »"),
        greeting: format!("Bonjour {referent_name},"),
        paragraphs: vec![
            Paragraph::Text(format!(
                "{employee_name}, collaborateur·rice de {company}, souhaite s'engager sur votre mission « {mission_title} » dans le cadre du mécénat de compétences."
            )),
            employee_facts(employee_name, employee_email, employee_phone, message),
            Paragraph::Text(
                "Merci de le ou la contacter dans les jours qui viennent pour convenir ensemble des modalités et des dates de la mission. Ses dates seront ensuite validées par son manager, puis une convention sera signée en ligne par vous, le ou la collaborateur·rice et l'entreprise.".to_string(),
            ),
        ],
    }
    .render_for(Audience::Association)
}

/// Step 1, to the employee: the referent's contact and what comes next.
pub fn application_to_employee(
    employee_email: &str,
    employee_first_name: &str,
    mission_title: &str,
    association: &str,
    referent_name: &str,
    referent_email: &str,
    referent_phone: Option<&str>,
    mission_url: &str,
) -> OutgoingEmail {
    Letter {
        to: vec![employee_email.to_string()],
        reply_to: Some(referent_email.to_string()),
        subject: format!("Ta candidature pour « {mission_title} » est envoyée"),
        greeting: format!("Bonjour {employee_first_name},"),
        paragraphs: vec![
            Paragraph::Text(format!(
                "Ta candidature a bien été transmise à l'association {association}. Elle prendra contact avec toi dans les jours qui suivent pour définir ensemble les modalités et les dates de la mission."
            )),
            Paragraph::Facts(vec![
                ("Référent·e de la mission", referent_name.to_string()),
                ("E-mail", referent_email.to_string()),
                ("Téléphone", referent_phone.unwrap_or("non communiqué").to_string()),
            ]),
            Paragraph::Text("N'hésite pas à relancer l'association si tu n'as pas de retour. Une fois vos dates convenues, passe à l'étape 2 « Je valide mes dates » depuis ton compte.".to_string()),
            Paragraph::Button { label: "Voir la mission", url: mission_url.to_string() },
        ],
    }
    .render()
}

/// Step 2, to the manager: the request with the one link to the confirmation page.
pub fn dates_to_manager(
    manager_email: &str,
    employee_name: &str,
    employee_email: &str,
    mission_title: &str,
    association: &str,
    dates: &[String],
    message: &str,
    link: &str,
    expires_on: &str,
) -> OutgoingEmail {
    Letter {
        to: vec![manager_email.to_string()],
        reply_to: Some(employee_email.to_string()),
        subject: format!("{employee_name} te demande de valider des dates de mécénat de compétences"),
        greeting: "Bonjour,".to_string(),
        paragraphs: vec![
            Paragraph::Text(format!(
                "{employee_name} propose ses compétences pour la mission « {mission_title} » auprès de l'association {association}, dans le cadre du programme de mécénat de compétences."
            )),
            Paragraph::Text(format!("Dates demandées :\n{}", dates.join("\n"))),
            Paragraph::Text(format!("Son message : {message}")),
            Paragraph::Button { label: "Accepter ou refuser la demande", url: link.to_string() },
            Paragraph::Text(format!(
                "Ce lien est personnel et valable jusqu'au {expires_on}. Le mécénat de compétences se fait sur le temps de travail : pense à vérifier les dates avec les nécessités du service."
            )),
        ],
    }
    .render()
}

/// Step 2, a reminder to a manager who has not answered yet: the same request, a link of its
/// own (the first one works too).
pub fn manager_reminder(
    manager_email: &str,
    employee_name: &str,
    employee_email: &str,
    mission_title: &str,
    dates: &[String],
    link: &str,
    expires_on: &str,
) -> OutgoingEmail {
    Letter {
        to: vec![manager_email.to_string()],
        reply_to: Some(employee_email.to_string()),
        subject: format!("Rappel : {employee_name} attend ta réponse pour des dates de mécénat de compétences"),
        greeting: "Bonjour,".to_string(),
        paragraphs: vec![
            Paragraph::Text(format!(
                "{employee_name} t'a demandé de valider des dates pour la mission « {mission_title} » et attend ta réponse."
            )),
            Paragraph::Text(format!("Dates demandées :\n{}", dates.join("\n"))),
            Paragraph::Button { label: "Accepter ou refuser la demande", url: link.to_string() },
            Paragraph::Text(format!("Ce lien est valable jusqu'au {expires_on}.")),
        ],
    }
    .render()
}

/// Step 2, to the employee: the request is on its way.
pub fn dates_sent_to_employee(
    employee_email: &str,
    first_name: &str,
    mission_title: &str,
    manager_email: &str,
    dates: &[String],
) -> OutgoingEmail {
    Letter {
        to: vec![employee_email.to_string()],
        reply_to: None,
        subject: format!("Ta demande de dates pour « {mission_title} » est envoyée à ton manager"),
        greeting: format!("Bonjour {first_name},"),
        paragraphs: vec![
            Paragraph::Text(format!("Ta demande a été envoyée à {manager_email} :\n{}", dates.join("\n"))),
            Paragraph::Text("Tu recevras un e-mail dès qu'il ou elle l'aura acceptée ou refusée. En parallèle, pense à faire ta demande d'absence habituelle en interne.".to_string()),
        ],
    }
    .render()
}

/// Step 2 done: accepted; the convention comes next.
pub fn dates_accepted_to_employee(
    employee_email: &str,
    first_name: &str,
    mission_title: &str,
    dates: &[String],
    comment: Option<&str>,
) -> OutgoingEmail {
    let mut paragraphs =
        vec![Paragraph::Text(format!("Ton manager a accepté tes dates pour la mission « {mission_title} » :\n{}", dates.join("\n")))];
    if let Some(c) = comment.filter(|c| !c.is_empty()) {
        paragraphs.push(Paragraph::Text(format!("Son commentaire : {c}")));
    }
    paragraphs.push(Paragraph::Text("Prochaine étape : « Je signe ma convention ». La convention tripartite est éditée par la plateforme ; aucune journée de mission ne peut avoir lieu avant sa signature par toi, l'association et l'entreprise.".to_string()));
    Letter {
        to: vec![employee_email.to_string()],
        reply_to: None,
        subject: format!("Tes dates pour « {mission_title} » sont validées"),
        greeting: format!("Bonjour {first_name},"),
        paragraphs,
    }
    .render()
}

/// Step 2 refused: other dates, with the days left.
pub fn dates_refused_to_employee(
    employee_email: &str,
    first_name: &str,
    mission_title: &str,
    dates: &[String],
    comment: Option<&str>,
    days_left: &str,
) -> OutgoingEmail {
    let mut paragraphs = vec![Paragraph::Text(format!(
        "Ton manager n'a pas pu accepter tes dates pour la mission « {mission_title} » :\n{}",
        dates.join("\n")
    ))];
    if let Some(c) = comment.filter(|c| !c.is_empty()) {
        paragraphs.push(Paragraph::Text(format!("Son commentaire : {c}")));
    }
    paragraphs.push(Paragraph::Text(format!(
        "Reprends contact avec l'association pour convenir d'autres dates, puis fais une nouvelle demande depuis ton compte. Il te reste {days_left} de mécénat cette année."
    )));
    Letter {
        to: vec![employee_email.to_string()],
        reply_to: None,
        subject: format!("Tes dates pour « {mission_title} » n'ont pas été acceptées"),
        greeting: format!("Bonjour {first_name},"),
        paragraphs,
    }
    .render()
}

/// Step 4 reminder, 24 h after the last day.
pub fn assessment_reminder(employee_email: &str, first_name: &str, mission_title: &str, url: &str) -> OutgoingEmail {
    Letter {
        to: vec![employee_email.to_string()],
        reply_to: None,
        subject: format!("Complète ton bilan de mission « {mission_title} »"),
        greeting: format!("Bonjour {first_name},"),
        paragraphs: vec![
            Paragraph::Text(format!("Merci pour ta mission « {mission_title} » ! L'association a attesté ta présence : il te reste à compléter ton bilan de fin de mission, qui clôture ton engagement.")),
            Paragraph::Text("Trois questions, deux minutes : ton avis aide l'association, ton entreprise et les prochains volontaires.".to_string()),
            Paragraph::Button { label: "Compléter mon bilan", url: url.to_string() },
        ],
    }
    .render()
}

/// Why a party is reminded to sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureReminder {
    /// Two working days after the convention was ready.
    Scheduled,
    /// The last one, two working days before the first mission date.
    Last,
    /// Another party asked for it ("Relancer").
    OnDemand,
}

/// A party that has not signed is reminded, with the link to the convention.
pub fn signature_reminder(
    to: Vec<String>,
    signatory: crate::domain::engagement::Signatory,
    engagement: &crate::domain::engagement::Engagement,
    first_date: Option<chrono::NaiveDate>,
    why: SignatureReminder,
    url: &str,
) -> OutgoingEmail {
    let (mission, employee) = (&engagement.mission_title, engagement.employee.full_name());
    let mut paragraphs = vec![Paragraph::Text(format!(
        "La convention de mécénat de compétences {} (version {}) de {employee} pour la mission « {mission} » attend encore la signature pour {}. Les autres parties ont été ou seront prévenues de leur côté.",
        engagement.year,
        engagement.convention_version(),
        signatory.label()
    ))];
    if let (SignatureReminder::Last, Some(d)) = (why, first_date) {
        paragraphs.push(Paragraph::Text(format!(
            "La première journée de mission approche : le {}. Aucune journée ne peut avoir lieu avant la signature des trois parties.",
            super::date_fr(d)
        )));
    }
    if why == SignatureReminder::OnDemand {
        paragraphs.push(Paragraph::Text("Une autre partie à la convention nous a demandé de te relancer.".to_string()));
    }
    paragraphs.push(Paragraph::Button { label: "Lire et signer la convention", url: url.to_string() });
    Letter {
        to,
        reply_to: None,
        subject: format!("Rappel : la convention « {mission} » attend ta signature"),
        greeting: "Bonjour,".to_string(),
        paragraphs,
    }
    .render_for(Audience::Parties)
}

/// The mission's place changed while a convention covers days to come: a new version that
/// every party signs again (now, or once the manager has answered the dates they were asked).
pub fn convention_revised(
    to: Vec<String>,
    engagement: &crate::domain::engagement::Engagement,
    place: &str,
    signable: bool,
    url: &str,
) -> OutgoingEmail {
    let (mission, employee) = (&engagement.mission_title, engagement.employee.full_name());
    let version = engagement.convention_version();
    let place = if place.is_empty() { "non précisé" } else { place };
    let next = if signable {
        format!("Une nouvelle version (version {version}) de la convention {} de {employee} est à signer par les trois parties, y compris celles qui avaient signé la précédente : aucune journée à venir ne peut avoir lieu avant.", engagement.year)
    } else {
        format!("Une nouvelle version de la convention {} de {employee} sera à signer par les trois parties, y compris celles qui avaient signé la précédente, dès que le manager aura répondu aux dates demandées.", engagement.year)
    };
    Letter {
        to,
        reply_to: None,
        subject: format!("Nouveau lieu : la convention « {mission} » est à signer de nouveau"),
        greeting: "Bonjour,".to_string(),
        paragraphs: vec![
            Paragraph::Text(format!("Le lieu de la mission « {mission} » a changé. Il est désormais : {place}.")),
            Paragraph::Text(next),
            Paragraph::Text("Les journées déjà passées restent couvertes par la version signée à l'époque.".to_string()),
            Paragraph::Button { label: "Lire et signer la convention", url: url.to_string() },
        ],
    }
    .render_for(Audience::Parties)
}

/// Step 3 done: the three parties signed.
pub fn convention_signed(to: Vec<String>, mission_title: &str, employee_name: &str, year: i32, version: usize) -> OutgoingEmail {
    Letter {
        to,
        reply_to: None,
        subject: format!("Convention signée : « {mission_title} »"),
        greeting: "Bonjour,".to_string(),
        paragraphs: vec![
            Paragraph::Text(format!(
                "La convention de mécénat de compétences {year} (version {version}) de {employee_name} pour la mission « {mission_title} » est signée par les trois parties."
            )),
            Paragraph::Text("La mission peut avoir lieu aux dates prévues. La convention signée, avec sa page de signatures, est téléchargeable à tout moment depuis la plateforme.".to_string()),
        ],
    }
    .render_for(Audience::Parties)
}

/// Cancellation of a date or of the whole engagement, to the association and support.
pub fn cancellation(
    to: Vec<String>,
    employee_name: &str,
    employee_email: &str,
    mission_title: &str,
    what: &str,
    reason: Option<&str>,
) -> OutgoingEmail {
    let mut paragraphs =
        vec![Paragraph::Text(format!("{employee_name} ({employee_email}) a annulé {what} de la mission « {mission_title} »."))];
    if let Some(r) = reason.filter(|r| !r.is_empty()) {
        paragraphs.push(Paragraph::Text(format!("Motif : {r}")));
    }
    paragraphs.push(Paragraph::Text(
        "Les jours annulés sont rendus à son allocation de mécénat. Aucune action n'est nécessaire de votre part.".to_string(),
    ));
    Letter {
        to,
        reply_to: Some(employee_email.to_string()),
        subject: format!("Annulation : « {mission_title} »"),
        greeting: "Bonjour,".to_string(),
        paragraphs,
    }
    .render_for(Audience::Association)
}

/// One mission in an alert digest or a share.
pub struct MissionLine {
    pub title: String,
    pub association: String,
    pub place: String,
    pub duration: String,
    pub reasons: Vec<String>,
    pub url: String,
}

fn mission_facts(m: &MissionLine) -> Vec<(&'static str, String)> {
    let mut facts = vec![("Association", m.association.clone()), ("Lieu", m.place.clone()), ("Durée", m.duration.clone())];
    if !m.reasons.is_empty() {
        facts.push(("Pour toi", m.reasons.join(", ")));
    }
    facts
}

/// C3: the alert digest — the newly published missions that match, best match first.
pub fn alert_digest(
    to: &str,
    first_name: &str,
    missions: &[MissionLine],
    total: usize,
    more_url: &str,
    unsubscribe_url: &str,
) -> OutgoingEmail {
    let subject = match missions {
        [only] if total == 1 => format!("Nouvelle mission pour toi : « {} »", only.title),
        _ => format!("{total} nouvelles missions pour toi"),
    };
    let mut paragraphs = vec![Paragraph::Text(if total == 1 {
        "Une nouvelle mission correspondant à tes préférences vient d'être publiée :".to_string()
    } else {
        format!("{total} nouvelles missions correspondant à tes préférences viennent d'être publiées :")
    })];
    for m in missions {
        paragraphs.push(Paragraph::Text(format!("« {} »", m.title)));
        paragraphs.push(Paragraph::Facts(mission_facts(m)));
        paragraphs.push(Paragraph::Button { label: "Voir la mission", url: m.url.clone() });
    }
    if total > missions.len() {
        paragraphs.push(Paragraph::Text(format!("Et {} autres missions pour toi sur la plateforme.", total - missions.len())));
        paragraphs.push(Paragraph::Button { label: "Voir toutes les missions", url: more_url.to_string() });
    }
    paragraphs.push(Paragraph::Text(format!(
        "Tu reçois cette alerte parce que tu l'as activée dans « Mon compte ». Pour ne plus la recevoir : {unsubscribe_url}"
    )));
    Letter { to: vec![to.to_string()], reply_to: None, subject, greeting: format!("Bonjour {first_name},"), paragraphs }.render()
}

/// B5: a mission shared by an employee with a colleague (or with themself).
pub fn mission_shared(to: &str, sender_name: &str, sender_email: &str, mission: &MissionLine, message: Option<&str>) -> OutgoingEmail {
    let mut paragraphs =
        vec![Paragraph::Text(format!("{sender_name} te recommande une mission de mécénat de compétences : « {} ».", mission.title))];
    if let Some(m) = message {
        paragraphs.push(Paragraph::Facts(vec![("Son message", m.to_string())]));
    }
    paragraphs.push(Paragraph::Facts(mission_facts(mission)));
    paragraphs.push(Paragraph::Button { label: "Voir la mission", url: mission.url.clone() });
    Letter {
        to: vec![to.to_string()],
        reply_to: Some(sender_email.to_string()),
        subject: format!("{sender_name} te recommande la mission « {} »", mission.title),
        greeting: "Bonjour,".to_string(),
        paragraphs,
    }
    .render()
}

/// B8: an employee proposes their skills to an association.
#[allow(clippy::too_many_arguments)]
pub fn skills_to_association(
    to: &str,
    association: &str,
    employee_name: &str,
    employee_email: &str,
    employee_phone: Option<&str>,
    company: &str,
    message: &str,
) -> OutgoingEmail {
    Letter {
        to: vec![to.to_string()],
        reply_to: Some(employee_email.to_string()),
        subject: format!("{employee_name} ({company}) vous propose ses compétences"),
        greeting: format!("Bonjour {association},"),
        paragraphs: vec![
            Paragraph::Text(format!(
                "{employee_name}, collaborateur·rice de {company}, souhaite mettre ses compétences au service de votre association dans le cadre du mécénat de compétences."
            )),
            employee_facts(employee_name, employee_email, employee_phone, message),
            Paragraph::Text(
                "Merci de le ou la contacter dans les jours qui viennent. Si vous avez un besoin, convenez ensemble des modalités et des dates, puis créez la mission sur la plateforme : il ou elle pourra y postuler.".to_string(),
            ),
        ],
    }
    .render_for(Audience::Association)
}

/// B8: the confirmation to the employee, with the association's contact.
pub fn skills_sent_to_employee(to: &str, first_name: &str, association: &str, contact: Vec<(&'static str, String)>) -> OutgoingEmail {
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: format!("Ta proposition a été envoyée à {association}"),
        greeting: format!("Bonjour {first_name},"),
        paragraphs: vec![
            Paragraph::Text(format!(
                "Ta proposition de compétences a bien été envoyée à {association}. L'association prendra contact avec toi dans les jours qui suivent pour définir ensemble les modalités et les dates de la mission."
            )),
            Paragraph::Facts(contact),
            Paragraph::Text(
                "N'hésite pas à la relancer si tu n'as pas de retour. Si elle a un besoin, elle créera la mission sur la plateforme et tu pourras y postuler. Merci de ne contacter qu'une association à la fois !".to_string(),
            ),
        ],
    }
    .render()
}

/// B9: a new association suggested, to the operator's selection committee.
pub fn suggestion_to_operator(to: &str, employee_name: &str, company: &str, facts: Vec<(&'static str, String)>) -> OutgoingEmail {
    let mut paragraphs = vec![Paragraph::Text(format!(
        "{employee_name} ({company}) suggère une nouvelle association partenaire. Elle attend l'avis du comité de sélection."
    ))];
    paragraphs.push(Paragraph::Facts(facts));
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: "Nouvelle suggestion d'association".to_string(),
        greeting: "Bonjour,".to_string(),
        paragraphs,
    }
    .render_for(Audience::Team)
}

/// B9: the committee's decision, to the employee who suggested the association.
pub fn suggestion_decided(to: &str, first_name: &str, association: &str, accepted: bool, comment: Option<&str>) -> OutgoingEmail {
    let mut paragraphs = vec![Paragraph::Text(if accepted {
        format!("Bonne nouvelle : le comité de sélection a accepté ta suggestion d'association « {association} ». L'équipe de la plateforme va prendre contact avec elle ; ses missions apparaîtront sur la plateforme dès qu'elle les aura publiées.")
    } else {
        format!("Le comité de sélection n'a pas retenu ta suggestion d'association « {association} ». Merci de l'avoir proposée : n'hésite pas à découvrir les associations déjà partenaires.")
    })];
    if let Some(c) = comment {
        paragraphs.push(Paragraph::Facts(vec![("Commentaire du comité", c.to_string())]));
    }
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: format!("Ta suggestion d'association « {association} » a été {}", if accepted { "acceptée" } else { "refusée" }),
        greeting: format!("Bonjour {first_name},"),
        paragraphs,
    }
    .render()
}

/// E1: a coordinator gets the mission of the opportunity they won.
pub fn facilitation_mission_assigned(to: &str, name: &str, title: &str, client: &str, url: &str) -> OutgoingEmail {
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: format!("Ta mission « {title} » est prête"),
        greeting: format!("Bonjour {name},"),
        paragraphs: vec![
            Paragraph::Text(format!(
                "Tu coordonnes la mission « {title} » pour {client}. Son tableau de bord t'indique ce qui a été commandé : planifie les sessions avant qu'elles aient lieu, invite les animateur·rices et inscris les participant·es."
            )),
            Paragraph::Button { label: "Ouvrir ma mission", url: url.to_string() },
        ],
    }
    .render_for(Audience::Facilitation)
}

/// E3: an invitation to facilitate a session.
pub fn facilitator_invitation(to: &str, coordinator: &str, session: &str, date: &str, url: &str) -> OutgoingEmail {
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: format!("Invitation à animer : {session}, {date}"),
        greeting: "Bonjour,".to_string(),
        paragraphs: vec![
            Paragraph::Text(format!(
                "{coordinator} t'invite à animer la session « {session} » du {date}. Inscris-toi avec le lien ci-dessous."
            )),
            Paragraph::Button { label: "M'inscrire sur la session", url: url.to_string() },
        ],
    }
    .render_for(Audience::Facilitation)
}

/// A referent's invitation: the association, who invites, until when, and the button.
pub fn referent_invitation(to: &str, association: &str, until: &str, url: &str) -> OutgoingEmail {
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: format!("Tu es invité·e à gérer les missions de {association}"),
        greeting: "Bonjour,".to_string(),
        paragraphs: vec![
            Paragraph::Text(format!(
                "L'équipe de la plateforme de mécénat de compétences t'invite à devenir référent·e de l'association {association} : tu pourras publier ses missions, suivre les candidatures et signer les conventions."
            )),
            Paragraph::Text(format!(
                "Connecte-toi avec cette adresse ({to}) puis accepte l'invitation avec le bouton ci-dessous. Le lien est valable jusqu'au {until} et ne sert qu'une fois."
            )),
            Paragraph::Button { label: "Accepter l'invitation", url: url.to_string() },
        ],
    }
    .render_for(Audience::Association)
}

/// A company admin's invitation: the company, until when, and the button.
pub fn company_admin_invitation(to: &str, company: &str, until: &str, url: &str) -> OutgoingEmail {
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: format!("Tu es invité·e à administrer le programme de mécénat de compétences de {company}"),
        greeting: "Bonjour,".to_string(),
        paragraphs: vec![
            Paragraph::Text(format!(
                "Tu es invité·e à devenir administrateur·rice du programme de mécénat de compétences de {company} : tu pourras gérer les implantations, la politique de jours, le ou la signataire des conventions, les attributs RH, et suivre le bilan RSE."
            )),
            Paragraph::Text(format!(
                "Connecte-toi avec cette adresse ({to}) puis accepte l'invitation avec le bouton ci-dessous. Le lien est valable jusqu'au {until} et ne sert qu'une fois."
            )),
            Paragraph::Button { label: "Accepter l'invitation", url: url.to_string() },
        ],
    }
    .render_for(Audience::Employee)
}

/// A CSR report export built in the background is ready: the link opens the frontend's
/// screen, where the signed-in admin downloads it.
pub fn report_export_ready(to: &str, company: &str, year: i32, lines: usize, url: &str) -> OutgoingEmail {
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: format!("Ton export du bilan RSE {year} est prêt"),
        greeting: "Bonjour,".to_string(),
        paragraphs: vec![
            Paragraph::Text(format!(
                "L'export détaillé du bilan de mécénat de compétences de {company} pour {year} ({lines} lignes) est prêt. Connecte-toi pour le télécharger : le fichier s'ouvre tel quel dans un tableur."
            )),
            Paragraph::Button { label: "Télécharger l'export", url: url.to_string() },
        ],
    }
    .render_for(Audience::Employee)
}

/// An account unused for years, warned before it is erased (the first or the last time).
pub fn inactivity_warning(to: &str, first_name: &str, erased_on: &str, last: bool, url: &str) -> OutgoingEmail {
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: if last {
            format!("Dernier rappel : ton compte de mécénat de compétences sera supprimé le {erased_on}")
        } else {
            format!("Ton compte de mécénat de compétences sera supprimé le {erased_on}")
        },
        greeting: format!("Bonjour {first_name},"),
        paragraphs: vec![
            Paragraph::Text(format!(
                "Tu ne t'es pas connecté·e à la plateforme de mécénat de compétences depuis longtemps. Pour protéger tes données, ton compte sera supprimé le {erased_on} : tes informations personnelles seront effacées, les conventions signées et les bilans restant conservés anonymisés pour leur durée légale."
            )),
            Paragraph::Text("Pour garder ton compte, il suffit de te connecter avant cette date.".into()),
            Paragraph::Button { label: "Me connecter", url: url.to_string() },
        ],
    }
    .render_for(Audience::Employee)
}

/// E4: a participant's convocation, with the pre-training test when there is one.
#[allow(clippy::too_many_arguments)]
pub fn convocation(
    to: &str,
    first_name: &str,
    session: &str,
    when: &str,
    place: &str,
    coordinator: &str,
    coordinator_email: &str,
    pre_test_url: Option<&str>,
) -> OutgoingEmail {
    let mut paragraphs = vec![
        Paragraph::Text(format!("Tu es inscrit·e à la session « {session} ».")),
        Paragraph::Facts(vec![
            ("Quand", when.to_string()),
            ("Où", place.to_string()),
            ("Contact", format!("{coordinator} ({coordinator_email})")),
        ]),
    ];
    if let Some(url) = pre_test_url {
        paragraphs.push(Paragraph::Text(
            "Avant la session, merci de répondre au test de positionnement : il permet d'adapter le contenu à ton niveau.".to_string(),
        ));
        paragraphs.push(Paragraph::Button { label: "Répondre au test de positionnement", url: url.to_string() });
    }
    Letter {
        to: vec![to.to_string()],
        reply_to: Some(coordinator_email.to_string()),
        subject: format!("Convocation : {session}, {when}"),
        greeting: format!("Bonjour {first_name},"),
        paragraphs,
    }
    .render_for(Audience::Facilitation)
}

/// E6: to a present participant — the attendance certificate (attached) and the survey.
pub fn attendance_certificate(to: &str, first_name: &str, session: &str, date: &str, survey_url: &str) -> OutgoingEmail {
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: format!("Ton attestation de présence : {session}"),
        greeting: format!("Bonjour {first_name},"),
        paragraphs: vec![
            Paragraph::Text(format!(
                "Merci d'avoir participé à la session « {session} » du {date}. Ton attestation de présence est jointe à cet e-mail."
            )),
            Paragraph::Text("Ton avis nous aide à améliorer nos ateliers et formations : il ne prend qu'une minute.".to_string()),
            Paragraph::Button { label: "Donner mon avis", url: survey_url.to_string() },
        ],
    }
    .render_for(Audience::Facilitation)
}

/// E8: a French provider's self-billing statement (attached).
pub fn statement_to_provider(to: &str, name: &str, month: &str, total: &str) -> OutgoingEmail {
    let month = super::month_fr(month);
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: format!("Ton relevé d'autofacturation {}", super::de(&month)),
        greeting: format!("Bonjour {name},"),
        paragraphs: vec![Paragraph::Text(format!(
            "Voici ton relevé d'autofacturation pour les rétributions demandées en {month}, d'un total de {total}. Il est joint à cet e-mail ; tu n'as pas de facture à émettre."
        ))],
    }
    .render_for(Audience::Facilitation)
}

/// A French provider without billing details or mandate is asked for them instead of
/// getting a statement.
pub fn billing_details_request(to: &str, name: &str, month: &str, total: &str, url: &str) -> OutgoingEmail {
    let month = super::month_fr(month);
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: format!("Tes informations de facturation pour tes rétributions {}", super::de(&month)),
        greeting: format!("Bonjour {name},"),
        paragraphs: vec![
            Paragraph::Text(format!(
                "Des rétributions d'un total de {total} ont été demandées pour toi en {month}. Pour établir ta facture à ta place (autofacturation), il nous faut ta raison sociale, ton adresse, ton SIRET, ton régime de TVA et ton IBAN, et ton accord sur le mandat d'autofacturation."
            )),
            Paragraph::Button { label: "Renseigner mes informations de facturation", url: url.to_string() },
            Paragraph::Text("Dès qu'elles sont renseignées, ton relevé est établi au passage suivant du traitement des rétributions de ce mois.".to_string()),
        ],
    }
    .render_for(Audience::Facilitation)
}

/// E8: an international provider is asked for their invoice.
pub fn invoice_request(to: &str, name: &str, month: &str, total: &str, upload_url: &str) -> OutgoingEmail {
    let month = super::month_fr(month);
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: format!("Ta facture pour {month} : à déposer"),
        greeting: format!("Bonjour {name},"),
        paragraphs: vec![
            Paragraph::Text(format!(
                "Tes rétributions {} ont été transmises à la facturation, pour un total de {total}. Ta structure étant hors de France, nous ne faisons pas d'autofacturation : merci de déposer ta facture (PDF) avec le lien ci-dessous, valable 7 jours.",
                super::de(&month)
            )),
            Paragraph::Button { label: "Déposer ma facture", url: upload_url.to_string() },
        ],
    }
    .render_for(Audience::Facilitation)
}

/// E8: the billing team gets the month's export.
pub fn billing_export(
    to: &str,
    month: &str,
    lines: usize,
    total: &str,
    statements: usize,
    invoices: usize,
    closed: &[String],
    attachment: &str,
) -> OutgoingEmail {
    let mut facts = vec![
        ("Lignes", lines.to_string()),
        ("Total", total.to_string()),
        ("Relevés d'autofacturation", statements.to_string()),
        ("Factures demandées (hors France)", invoices.to_string()),
    ];
    if !closed.is_empty() {
        facts.push(("Missions clôturées (coordination facturée)", closed.join(", ")));
    }
    Letter {
        to: vec![to.to_string()],
        reply_to: None,
        subject: format!("Export de facturation des rétributions — {}", super::month_fr(month)),
        greeting: "Bonjour,".to_string(),
        paragraphs: vec![
            Paragraph::Text(format!("Le traitement mensuel des rétributions {} est terminé.", super::de(&super::month_fr(month)))),
            Paragraph::Facts(facts),
            Paragraph::Text(format!("L'export est joint à cet e-mail ({attachment}, séparateur point-virgule, montants en euros).")),
        ],
    }
    .render_for(Audience::Team)
}

/// The two letters of a new date request: the manager's (with the decision link) and the
/// employee's confirmation.
pub fn date_request_letters(
    engagement: &crate::domain::engagement::Engagement,
    request: &crate::domain::engagement::DateRequest,
    link: &str,
) -> [OutgoingEmail; 2] {
    let labels = super::request_dates_labels(engagement, &request.id);
    let expires_on = super::date_fr(request.expires_at.with_timezone(&chrono_tz::Europe::Paris).date_naive());
    [
        dates_to_manager(
            &request.manager_email,
            &engagement.employee.full_name(),
            &engagement.employee.email,
            &engagement.mission_title,
            &engagement.association_name,
            &labels,
            &request.message,
            link,
            &expires_on,
        ),
        dates_sent_to_employee(
            &engagement.employee.email,
            &engagement.employee.first_name,
            &engagement.mission_title,
            &request.manager_email,
            &labels,
        ),
    ]
}

/// The two letters of an application: the referent gets the employee's contact and message,
/// the employee the referent's contact.
pub fn application_letters(
    engagement: &crate::domain::engagement::Engagement,
    company_name: &str,
    mission_url: &str,
) -> [OutgoingEmail; 2] {
    let (employee, referent) = (&engagement.employee, &engagement.referent);
    [
        application_to_referent(
            referent.email.as_str(),
            &referent.name,
            &engagement.mission_title,
            &employee.full_name(),
            &employee.email,
            employee.phone.as_deref(),
            company_name,
            &engagement.message,
        ),
        application_to_employee(
            &employee.email,
            &employee.first_name,
            &engagement.mission_title,
            &engagement.association_name,
            &referent.name,
            referent.email.as_str(),
            referent.phone.as_deref(),
            mission_url,
        ),
    ]
}

/// The two letters of a skill proposal: the association gets the employee's proposal and
/// contact, the employee the association's contact.
pub fn proposal_letters(
    a: &crate::domain::association::Association,
    user: &crate::domain::user::User,
    phone: Option<&str>,
    company: &str,
    message: &str,
) -> [OutgoingEmail; 2] {
    let mut contact = vec![("E-mail", a.contact_email.clone()), ("Adresse", super::address_of(a))];
    if let Some(p) = &a.contact_phone {
        contact.push(("Téléphone", p.clone()));
    }
    if let Some(w) = &a.website {
        contact.push(("Site web", w.clone()));
    }
    [
        skills_to_association(&a.contact_email, &a.name, &user.full_name(), user.email.as_str(), phone, company, message),
        skills_sent_to_employee(user.email.as_str(), &user.first_name, &a.name, contact),
    ]
}

/// What the operator is told of a suggested association.
pub fn suggestion_facts(
    name: &str,
    reason: &str,
    city: Option<&str>,
    website: Option<&str>,
    contact: Option<&str>,
) -> Vec<(&'static str, String)> {
    let mut facts = vec![("Association", name.to_string()), ("Pourquoi", reason.to_string())];
    for (label, value) in [("Ville", city), ("Site web", website), ("Contact", contact)] {
        if let Some(v) = value {
            facts.push((label, v.to_string()));
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_escape_html_and_carry_the_same_words_in_text() {
        let m = application_to_referent(
            "r@a.example",
            "Sophie",
            "Créer <un> crowdfunding",
            "Maelys Louvel",
            "m@b.example",
            None,
            "Bpifrance",
            "Bonjour & merci",
        );
        assert_eq!(m.subject, "Nouvelle candidature pour « Créer <un> crowdfunding »");
        assert!(m.html.contains("Créer &lt;un&gt; crowdfunding"));
        assert!(m.html.contains("Bonjour &amp; merci"));
        assert!(m.text.contains("- Téléphone : non communiqué"));
        assert!(m.text.contains("Bonjour & merci"));
        assert_eq!(m.reply_to.as_deref(), Some("m@b.example"));
    }
}

//! The HR attributes a company admin imports (CSV): contract, hire date, official retirement
//! date and, optionally, the cost of a working day (the tax valuation), per employee e-mail. Parsed here, line by line, with French errors naming the line.

use chrono::NaiveDate;

use super::allowance::{Contract, HrAttributes};
use super::email::Email;
use super::error::{FieldError, HrProblem, Problem};

pub const MAX_LINES: usize = 2000;

/// A date written `2026-01-22` or `22/01/2026`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y")).ok()
}

fn contract(s: &str) -> Option<Contract> {
    match s.trim().to_lowercase().as_str() {
        "cdi" | "permanent" => Some(Contract::Permanent),
        "cdd" | "fixed_term" => Some(Contract::FixedTerm),
        "autre" | "other" | "stage" | "alternance" | "apprentissage" | "interim" | "intérim" => Some(Contract::Other),
        _ => None,
    }
}

/// A day cost in euros, `450`, `450,50` or `450.5`, in cents (1 cent to 10 000 €).
pub fn parse_euros(s: &str) -> Option<u64> {
    let s = s.trim().replace(['\u{a0}', ' ', '€'], "");
    let (units, cents) = match s.split_once([',', '.']) {
        Some((u, c)) if !c.is_empty() && c.len() <= 2 && c.bytes().all(|b| b.is_ascii_digit()) => (u, format!("{c:0<2}")),
        Some(_) => return None,
        None => (s.as_str(), "00".to_string()),
    };
    if units.is_empty() || units.len() > 6 || !units.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let total = units.parse::<u64>().ok()?.checked_mul(100)?.checked_add(cents.parse::<u64>().ok()?)?;
    (1..=super::valuation::MAX_DAY_COST_CENTS).contains(&total).then_some(total)
}

/// The longest qualification kept (a job title and a classification).
pub const MAX_QUALIFICATION: usize = 120;

/// Parses `email;contrat;date_embauche;date_retraite[;cout_journalier[;qualification]]` (`;`
/// or `,`, header line required; the day cost in euros; the qualification as the employment
/// contract states it).
pub fn parse_csv(text: &str) -> Result<Vec<(Email, HrAttributes)>, Vec<FieldError>> {
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header)) = lines.next() else {
        return Err(vec![FieldError::new("csv", Problem::Hr(HrProblem::Empty))]);
    };
    let sep = if header.contains(';') { ';' } else { ',' };
    let columns: Vec<String> = header.split(sep).map(|c| c.trim().trim_start_matches('\u{feff}').to_lowercase()).collect();
    let expected = ["email", "contrat", "date_embauche", "date_retraite", "cout_journalier", "qualification"];
    if columns.len() < 3 || columns.iter().zip(expected).any(|(c, e)| c != e) {
        return Err(vec![FieldError::new("csv", Problem::Hr(HrProblem::Header))]);
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in lines {
        let n = i + 1;
        if out.len() + errors.len() >= MAX_LINES {
            errors.push(FieldError::new("csv", Problem::Hr(HrProblem::TooManyLines(MAX_LINES))));
            break;
        }
        let cells: Vec<&str> = line.split(sep).map(str::trim).collect();
        let field = format!("ligne {n}");
        let email = match Email::parse(&field, cells.first().copied().unwrap_or("")) {
            Ok(e) => e,
            Err(_) => {
                errors.push(FieldError::new(&field, Problem::Hr(HrProblem::Email(n))));
                continue;
            }
        };
        let Some(contract) = contract(cells.get(1).copied().unwrap_or("")) else {
            errors.push(FieldError::new(&field, Problem::Hr(HrProblem::Contract(n))));
            continue;
        };
        let Some(hire_date) = parse_date(cells.get(2).copied().unwrap_or("")) else {
            errors.push(FieldError::new(&field, Problem::Hr(HrProblem::HireDate(n))));
            continue;
        };
        let retirement_date = match cells.get(3).copied().filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => match parse_date(c) {
                Some(d) => Some(d),
                None => {
                    errors.push(FieldError::new(&field, Problem::Hr(HrProblem::RetirementDate(n))));
                    continue;
                }
            },
        };
        let day_cost_cents = match cells.get(4).copied().filter(|c| !c.is_empty()) {
            None => None,
            Some(c) => match parse_euros(c) {
                Some(cents) => Some(cents),
                None => {
                    errors.push(FieldError::new(&field, Problem::Hr(HrProblem::DayCost(n))));
                    continue;
                }
            },
        };
        let qualification = match cells.get(5).copied().filter(|c| !c.is_empty()) {
            None => None,
            Some(c) if c.chars().count() <= MAX_QUALIFICATION && !c.chars().any(char::is_control) => Some(c.to_string()),
            Some(_) => {
                errors.push(FieldError::new(&field, Problem::Hr(HrProblem::Qualification(n))));
                continue;
            }
        };
        if out.iter().any(|(e, _): &(Email, HrAttributes)| *e == email) {
            errors.push(FieldError::new(&field, Problem::Hr(HrProblem::Duplicate { line: n, email: email.to_string() })));
            continue;
        }
        out.push((email, HrAttributes { contract, hire_date, retirement_date, day_cost_cents, qualification }));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_french_csv() {
        let csv = "email;contrat;date_embauche;date_retraite\nMaelys.Louvel@bpifrance.example;CDI;2019-09-02;\npaul.girard@bpifrance.example;cdi;01/09/1990;31/12/2026\n\n";
        let rows = parse_csv(csv).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].0.as_str(), "maelys.louvel@bpifrance.example");
        assert_eq!(rows[1].1.retirement_date, NaiveDate::from_ymd_opt(2026, 12, 31));
        assert_eq!(rows[1].1.day_cost_cents, None);
    }

    #[test]
    fn the_day_cost_is_read_in_euros_french_or_not() {
        let csv = "email;contrat;date_embauche;date_retraite;cout_journalier\na@b.example;CDI;2019-09-02;;450\nc@b.example;CDI;2019-09-02;;512,5\nd@b.example;CDI;2019-09-02;;1 200,05 €\ne@b.example;CDI;2019-09-02;;";
        let rows = parse_csv(csv).unwrap();
        let costs: Vec<_> = rows.iter().map(|(_, a)| a.day_cost_cents).collect();
        assert_eq!(costs, [Some(45_000), Some(51_250), Some(120_005), None]);
        assert!(rows.iter().all(|(_, a)| a.qualification.is_none()));
        let bad = parse_csv("email;contrat;date_embauche;date_retraite;cout_journalier\na@b.example;CDI;2019-09-02;;-3\nb@b.example;CDI;2019-09-02;;20000\nc@b.example;CDI;2019-09-02;;4,555").unwrap_err();
        assert_eq!(bad.iter().map(|e| e.problem.clone()).collect::<Vec<_>>(), [2, 3, 4].map(|n| Problem::Hr(HrProblem::DayCost(n))));
    }

    #[test]
    fn the_qualification_is_kept_as_written_and_bounded() {
        let csv = format!(
            "email;contrat;date_embauche;date_retraite;cout_journalier;qualification\na@b.example;CDI;2019-09-02;;450;Ingénieure d'études, cadre position 2.1\nb@b.example;CDI;2019-09-02;;;\nc@b.example;CDI;2019-09-02;;;{}",
            "x".repeat(MAX_QUALIFICATION + 1)
        );
        let errors = parse_csv(&csv).unwrap_err();
        assert_eq!(errors.iter().map(|e| e.problem.clone()).collect::<Vec<_>>(), [Problem::Hr(HrProblem::Qualification(4))]);
        let rows = parse_csv(csv.rsplit_once('\n').unwrap().0).unwrap();
        assert_eq!(rows[0].1.qualification.as_deref(), Some("Ingénieure d'études, cadre position 2.1"));
        assert_eq!(rows[1].1.qualification, None);
    }

    #[test]
    fn names_every_bad_line() {
        let csv = "email,contrat,date_embauche,date_retraite\nnot-an-email,CDI,2020-01-01,\na@b.example,stagiaire,2020-01-01,\nc@b.example,CDI,2020-13-01,\nd@b.example,CDI,2020-01-01,";
        let errors = parse_csv(csv).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["ligne 2", "ligne 3", "ligne 4"]);
        assert_eq!(errors[1].problem, Problem::Hr(HrProblem::Contract(3)));
        assert!(parse_csv("nom;prenom\nx;y").is_err());
        assert!(parse_csv("").is_err());
    }
}

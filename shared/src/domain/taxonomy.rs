//! The taxonomies of the catalogue (SPEC B): themes, professional and personal expertises,
//! regions, with the French departments that place a postcode in a region.
//!
//! The API exchanges stable slugs; labels are what people read. Each taxonomy has at most
//! 32 entries so that a set of values is a `u32` bit mask in the search index.

use serde::Serialize;

use super::error::{FieldError, Problem};

#[derive(Debug, Clone, Copy)]
pub struct Taxonomy {
    pub name: &'static str,
    pub label: &'static str,
    pub entries: &'static [(&'static str, &'static str)],
}

pub const THEMES: Taxonomy = Taxonomy {
    name: "themes",
    label: "Thématiques",
    entries: &[
        ("arts-culture", "arts / culture"),
        ("education-formation", "éducation / formation"),
        ("enfance-famille", "enfance / famille"),
        ("environnement", "environnement"),
        ("sante-handicap", "santé / handicap"),
        ("emploi-insertion", "emploi / insertion"),
        ("droit-egalite", "droit / égalité"),
        ("humanitaire-international", "humanitaire international"),
        ("sciences-recherche", "sciences / recherche"),
        ("senior-isolement", "senior / isolement"),
        ("social-precarite", "social / précarité"),
        ("sports-loisirs", "sports / loisirs"),
    ],
};

pub const PROFESSIONAL_EXPERTISES: Taxonomy = Taxonomy {
    name: "professional_expertises",
    label: "Expertises professionnelles",
    entries: &[
        ("administratif-bureautique", "Administratif / Bureautique"),
        ("audit-conseil-moa", "Audit / Conseil / MOA"),
        ("developpement-commercial", "Développement / Commercial"),
        ("divers-it", "Divers IT (Data, TMA, …)"),
        ("informatique-web", "Informatique / Web"),
        ("integration-developpement", "Intégration / Développement"),
        ("marketing-communication", "Marketing / Communication"),
    ],
};

pub const PERSONAL_EXPERTISES: Taxonomy = Taxonomy {
    name: "personal_expertises",
    label: "Expertises personnelles",
    entries: &[
        ("aide-cv-entretien", "Aide aux CV / Entretien RH"),
        ("atelier-cuisine", "Atelier cuisine"),
        ("activite-manuelle-culturelle", "Activité manuelle / culturelle"),
        ("activites-autres", "Activités autres"),
        ("initiation-informatique", "Initiation informatique"),
        ("jardinage", "Jardinage"),
        ("mentorat", "Mentorat"),
        ("soutien-scolaire", "Soutien scolaire"),
        ("atelier-sante", "Atelier santé"),
        ("accompagnement-beneficiaires", "Accompagnement bénéficiaires"),
        ("tri-distribution-alimentaire", "Tri / Distribution alimentaire"),
    ],
};

pub const REGIONS: Taxonomy = Taxonomy {
    name: "regions",
    label: "Régions",
    entries: &[
        ("auvergne-rhone-alpes", "Auvergne-Rhône-Alpes"),
        ("bourgogne-franche-comte", "Bourgogne-Franche-Comté"),
        ("bretagne", "Bretagne"),
        ("centre-val-de-loire", "Centre-Val de Loire"),
        ("corse", "Corse"),
        ("grand-est", "Grand Est"),
        ("hauts-de-france", "Hauts-de-France"),
        ("ile-de-france", "Île-de-France"),
        ("normandie", "Normandie"),
        ("nouvelle-aquitaine", "Nouvelle-Aquitaine"),
        ("occitanie", "Occitanie"),
        ("pays-de-la-loire", "Pays de la Loire"),
        ("provence-alpes-cote-d-azur", "Provence-Alpes-Côte d'Azur"),
        ("guadeloupe", "Guadeloupe"),
        ("martinique", "Martinique"),
        ("guyane", "Guyane"),
        ("la-reunion", "La Réunion"),
        ("mayotte", "Mayotte"),
    ],
};

/// Department code → index in `REGIONS`.
const DEPARTMENTS: &[(&str, u8)] = &[
    ("01", 0),
    ("02", 6),
    ("03", 0),
    ("04", 12),
    ("05", 12),
    ("06", 12),
    ("07", 0),
    ("08", 5),
    ("09", 10),
    ("10", 5),
    ("11", 10),
    ("12", 10),
    ("13", 12),
    ("14", 8),
    ("15", 0),
    ("16", 9),
    ("17", 9),
    ("18", 3),
    ("19", 9),
    ("2A", 4),
    ("2B", 4),
    ("21", 1),
    ("22", 2),
    ("23", 9),
    ("24", 9),
    ("25", 1),
    ("26", 0),
    ("27", 8),
    ("28", 3),
    ("29", 2),
    ("30", 10),
    ("31", 10),
    ("32", 10),
    ("33", 9),
    ("34", 10),
    ("35", 2),
    ("36", 3),
    ("37", 3),
    ("38", 0),
    ("39", 1),
    ("40", 9),
    ("41", 3),
    ("42", 0),
    ("43", 0),
    ("44", 11),
    ("45", 3),
    ("46", 10),
    ("47", 9),
    ("48", 10),
    ("49", 11),
    ("50", 8),
    ("51", 5),
    ("52", 5),
    ("53", 11),
    ("54", 5),
    ("55", 5),
    ("56", 2),
    ("57", 5),
    ("58", 1),
    ("59", 6),
    ("60", 6),
    ("61", 8),
    ("62", 6),
    ("63", 0),
    ("64", 9),
    ("65", 10),
    ("66", 10),
    ("67", 5),
    ("68", 5),
    ("69", 0),
    ("70", 1),
    ("71", 1),
    ("72", 11),
    ("73", 0),
    ("74", 0),
    ("75", 7),
    ("76", 8),
    ("77", 7),
    ("78", 7),
    ("79", 9),
    ("80", 6),
    ("81", 10),
    ("82", 10),
    ("83", 12),
    ("84", 12),
    ("85", 11),
    ("86", 9),
    ("87", 9),
    ("88", 5),
    ("89", 1),
    ("90", 1),
    ("91", 7),
    ("92", 7),
    ("93", 7),
    ("94", 7),
    ("95", 7),
    ("971", 13),
    ("972", 14),
    ("973", 15),
    ("974", 16),
    ("976", 17),
];

impl Taxonomy {
    pub fn index_of(&self, slug: &str) -> Option<usize> {
        self.entries.iter().position(|(s, _)| *s == slug)
    }

    pub fn label_of(&self, slug: &str) -> Option<&'static str> {
        self.entries.iter().find(|(s, _)| *s == slug).map(|(_, l)| *l)
    }

    fn allowed(&self) -> String {
        self.entries.iter().map(|(s, _)| *s).collect::<Vec<_>>().join(", ")
    }

    /// Parses one slug, naming `field` in the error.
    pub fn parse(&self, field: &str, value: &str) -> Result<&'static str, FieldError> {
        let v = value.trim();
        self.entries
            .iter()
            .find(|(s, _)| *s == v)
            .map(|(s, _)| *s)
            .ok_or_else(|| FieldError::new(field, Problem::UnknownValue { value: value.to_string(), allowed: self.allowed() }))
    }

    /// Parses a list of slugs: each known, none twice, between `min` and `max` values.
    pub fn parse_list(&self, field: &str, values: &[String], min: usize, max: usize) -> Result<Vec<&'static str>, FieldError> {
        if values.len() < min || values.len() > max {
            return Err(FieldError::new(field, Problem::Count { min, max }));
        }
        let mut out: Vec<&'static str> = Vec::with_capacity(values.len());
        for (i, v) in values.iter().enumerate() {
            let slug = self.parse(&format!("{field}[{i}]"), v)?;
            if out.contains(&slug) {
                return Err(FieldError::new(field, Problem::DuplicateValue(slug.to_string())));
            }
            out.push(slug);
        }
        Ok(out)
    }

    /// The bit mask of a set of slugs (unknown slugs are ignored: values are parsed first).
    pub fn mask<S: AsRef<str>>(&self, slugs: &[S]) -> u32 {
        slugs.iter().filter_map(|s| self.index_of(s.as_ref())).fold(0, |m, i| m | (1 << i))
    }

    pub fn view(&self) -> TaxonomyView {
        TaxonomyView {
            name: self.name,
            label: self.label,
            values: self.entries.iter().map(|(slug, label)| TaxonomyValue { slug, label }).collect(),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct TaxonomyView {
    pub name: &'static str,
    pub label: &'static str,
    pub values: Vec<TaxonomyValue>,
}

#[derive(Debug, Serialize)]
pub struct TaxonomyValue {
    pub slug: &'static str,
    pub label: &'static str,
}

/// Where a French postcode is: its department code and region slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub department: String,
    pub region: &'static str,
}

/// Places a 5-digit French postcode (Corsica's 20xxx split into 2A/2B, overseas 97x).
pub fn place_of_postcode(postcode: &str) -> Option<Place> {
    if postcode.len() != 5 || !postcode.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let department = if let Some(rest) = postcode.strip_prefix("20") {
        // 200xx–201xx: Corse-du-Sud; 202xx–206xx: Haute-Corse.
        if rest.starts_with('0') || rest.starts_with('1') {
            "2A".to_string()
        } else {
            "2B".to_string()
        }
    } else if postcode.starts_with("97") {
        postcode[..3].to_string()
    } else {
        postcode[..2].to_string()
    };
    let region = DEPARTMENTS.iter().find(|(d, _)| *d == department).map(|(_, r)| REGIONS.entries[*r as usize].0)?;
    Some(Place { department, region })
}

pub fn all() -> [Taxonomy; 4] {
    [THEMES, PROFESSIONAL_EXPERTISES, PERSONAL_EXPERTISES, REGIONS]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_taxonomy_fits_a_mask() {
        for t in all() {
            assert!(t.entries.len() <= 32, "{}", t.name);
        }
        assert_eq!(THEMES.mask(&["arts-culture", "sante-handicap"]), 0b1_0001);
    }

    #[test]
    fn unknown_values_are_named() {
        let e = THEMES.parse_list("themes", &["sante-handicap".into(), "santé".into()], 1, 3).unwrap_err();
        assert_eq!(e.field, "themes[1]");
        assert!(matches!(&e.problem, Problem::UnknownValue { value, .. } if value == "santé"), "{e:?}");
        let e = THEMES.parse_list("themes", &[], 1, 3).unwrap_err();
        assert_eq!(e.field, "themes");
        let e = THEMES.parse_list("themes", &["environnement".into(), "environnement".into()], 1, 3).unwrap_err();
        assert_eq!(e.problem, Problem::DuplicateValue("environnement".into()));
    }

    #[test]
    fn postcodes_find_their_region() {
        assert_eq!(place_of_postcode("75019").unwrap().region, "ile-de-france");
        assert_eq!(place_of_postcode("44000").unwrap().region, "pays-de-la-loire");
        assert_eq!(place_of_postcode("20000").unwrap().department, "2A");
        assert_eq!(place_of_postcode("20200").unwrap().department, "2B");
        assert_eq!(place_of_postcode("97400").unwrap().region, "la-reunion");
        assert!(place_of_postcode("7501").is_none());
        assert!(place_of_postcode("99000").is_none());
        assert!(place_of_postcode("75O19").is_none());
    }

    #[test]
    fn every_metropolitan_department_is_placed() {
        for d in 1..=95 {
            if d == 20 {
                continue;
            }
            assert!(place_of_postcode(&format!("{d:02}100")).is_some(), "{d}");
        }
    }
}

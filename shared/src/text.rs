//! French text folding for keyword search: accent- and case-insensitive, light plural folding.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words too common to search on: they are dropped from queries (not from documents).
const STOPWORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les", "leur", "leurs", "ou",
    "par", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "ta", "tes", "ton", "un", "une", "vos", "votre", "nos", "notre",
];

/// Lower-cases, strips accents and ligatures, and splits on anything that is not a letter or
/// a digit. `"Santé / Handicap"` → `["sante", "handicap"]`; `"Cœur"` → `["coeur"]`.
pub fn tokens(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => folded.push_str("oe"),
            'æ' | 'Æ' => folded.push_str("ae"),
            'ß' => folded.push_str("ss"),
            c if c.is_alphanumeric() => folded.extend(c.to_lowercase()),
            _ => folded.push(' '),
        }
    }
    folded.split_whitespace().map(stem).collect()
}

/// Folds the French plural: a trailing `s` or `x` on words of more than three letters.
fn stem(word: &str) -> String {
    if word.chars().count() > 3 && (word.ends_with('s') || word.ends_with('x')) {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// The sorted, de-duplicated terms of a document.
pub fn document_terms<'a>(fields: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut terms: Vec<String> = fields.into_iter().flat_map(tokens).collect();
    terms.sort_unstable();
    terms.dedup();
    terms
}

/// The terms of a query: stopwords dropped, at most 10 kept.
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = tokens(query).into_iter().filter(|t| !STOPWORDS.contains(&t.as_str())).collect();
    terms.sort_unstable();
    terms.dedup();
    terms.truncate(10);
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_ligatures() {
        assert_eq!(tokens("Santé / HANDICAP"), ["sante", "handicap"]);
        assert_eq!(tokens("Restos du Cœur"), ["resto", "du", "coeur"]);
        assert_eq!(tokens("l'Atelier des Épinettes"), ["l", "atelier", "des", "epinette"]);
    }

    #[test]
    fn plural_and_prefix_match() {
        let doc = document_terms(["Ateliers cuisine", "Journalisme"]);
        assert_eq!(doc, ["atelier", "cuisine", "journalisme"]);
        for q in ["atelier", "ateliers", "CUISINE", "cuis", "journal"] {
            assert!(query_terms(q).iter().all(|t| doc.iter().any(|d| d.starts_with(t.as_str()))), "{q}");
        }
    }

    #[test]
    fn queries_drop_stopwords() {
        assert_eq!(query_terms("un atelier de la cuisine"), ["atelier", "cuisine"]);
        assert!(query_terms("   ").is_empty());
    }
}

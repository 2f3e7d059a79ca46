//! Small validators shared by every input: they trim, check lengths and name the field.

use super::error::{FieldError, Problem};

/// A required text of `min..=max` characters (after trimming).
pub fn text(field: &str, value: Option<&str>, min: usize, max: usize) -> Result<String, FieldError> {
    let v = value.map(str::trim).unwrap_or("");
    if v.is_empty() && min > 0 {
        return Err(FieldError::new(field, Problem::Required));
    }
    let n = v.chars().count();
    if n < min || n > max {
        return Err(FieldError::new(field, Problem::Length { min, max }));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(FieldError::new(field, Problem::Length { min, max }));
    }
    Ok(v.to_string())
}

/// An optional text of at most `max` characters; empty means absent.
pub fn optional_text(field: &str, value: Option<&str>, max: usize) -> Result<Option<String>, FieldError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => text(field, Some(v), 1, max).map(Some),
    }
}

/// A single-line name (first name, city…): no line breaks.
pub fn line(field: &str, value: Option<&str>, min: usize, max: usize) -> Result<String, FieldError> {
    let v = text(field, value, min, max)?;
    if v.contains(['\n', '\r', '\t']) {
        return Err(FieldError::new(field, Problem::Length { min, max }));
    }
    Ok(v)
}

/// A phone number: digits, spaces, dots, dashes, parentheses and a leading +, 6 to 20 digits.
pub fn phone(field: &str, value: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let allowed =
        v.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')') || (c == '+' && i == 0));
    if !allowed || !(6..=20).contains(&digits) || v.len() > 30 {
        return Err(FieldError::new(field, Problem::Phone));
    }
    Ok(Some(v.to_string()))
}

/// An identifier we issued (UUID, or a demo slug): letters, digits and dashes, 1 to 64.
pub fn id(field: &str, value: &str) -> Result<String, FieldError> {
    let ok = !value.is_empty() && value.len() <= 64 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(value.to_string())
    } else {
        Err(FieldError::new(field, Problem::Id))
    }
}

/// A web address starting with http:// or https://.
pub fn url(field: &str, value: Option<&str>) -> Result<Option<String>, FieldError> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else { return Ok(None) };
    let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://"));
    match rest {
        Some(r) if !r.is_empty() && v.len() <= 300 && !v.contains(char::is_whitespace) => Ok(Some(v.to_string())),
        _ => Err(FieldError::new(field, Problem::Url)),
    }
}

/// One of the values the API accepts for a field, as written (`"accepted"` → `Status::Accepted`);
/// anything else names the field and lists the values.
pub fn one_of<T: Copy>(field: &str, value: &str, options: &[(&str, T)]) -> Result<T, FieldError> {
    options.iter().find(|(s, _)| *s == value).map(|(_, v)| *v).ok_or_else(|| {
        let allowed = options.iter().map(|(s, _)| *s).collect::<Vec<_>>().join(", ");
        FieldError::new(field, Problem::UnknownValue { value: value.to_string(), allowed })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_and_bounded() {
        assert_eq!(text("title", Some("  Créer un crowdfunding "), 3, 150).unwrap(), "Créer un crowdfunding");
        assert_eq!(text("title", Some("  "), 3, 150).unwrap_err(), FieldError::new("title", Problem::Required));
        assert!(text("title", Some("ab"), 3, 150).is_err());
        assert!(text("title", Some(&"é".repeat(151)), 3, 150).is_err());
        assert!(text("title", Some(&"é".repeat(150)), 3, 150).is_ok());
        assert!(line("city", Some("Paris\nLyon"), 1, 100).is_err());
    }

    #[test]
    fn values_are_one_of_the_accepted_ones() {
        assert_eq!(one_of("decision", "accept", &[("accept", 1), ("refuse", 2)]), Ok(1));
        let e = one_of("decision", "maybe", &[("accept", 1), ("refuse", 2)]).unwrap_err();
        assert_eq!(e, FieldError::new("decision", Problem::UnknownValue { value: "maybe".into(), allowed: "accept, refuse".into() }));
    }

    #[test]
    fn phones_ids_and_urls() {
        assert_eq!(phone("phone", Some("+33 6 12 34 56 78")).unwrap().as_deref(), Some("+33 6 12 34 56 78"));
        assert!(phone("phone", Some("appelle-moi")).is_err());
        assert!(id("missionId", "0193a-b_c").is_ok());
        assert!(id("missionId", "../etc").is_err());
        assert!(url("website", Some("https://60000rebonds.com/")).unwrap().is_some());
        assert!(url("website", Some("javascript:alert(1)")).is_err());
    }
}

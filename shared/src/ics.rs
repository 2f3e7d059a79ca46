//! iCalendar files (RFC 5545): events in Europe/Paris time, with the time zone described in
//! the file (`VTIMEZONE`), lines folded at 75 octets and ended by CRLF, text escaped. The
//! texts come from `texts`; this module only writes the format.

use chrono::{DateTime, NaiveDateTime, Utc};

/// One event, its times in Paris local time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across sends, so that a calendar updates the event instead of doubling it.
    pub uid: String,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub summary: String,
    pub location: String,
    pub description: String,
}

/// Europe/Paris as RFC 5545 describes a zone: CET, CEST from the last Sunday of March to the
/// last Sunday of October.
const PARIS: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// A calendar of `events` (`METHOD:PUBLISH`: to add, not an invitation to answer), named
/// `name`, stamped `now`.
pub fn calendar(name: &str, events: &[Event], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    for line in
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Mecenat de competences//Plateforme//FR", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    {
        push(&mut out, line);
    }
    push(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    push(&mut out, "X-WR-TIMEZONE:Europe/Paris");
    out.push_str(PARIS);
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for e in events {
        push(&mut out, "BEGIN:VEVENT");
        push(&mut out, &format!("UID:{}", escape(&e.uid)));
        push(&mut out, &format!("DTSTAMP:{stamp}"));
        push(&mut out, &format!("DTSTART;TZID=Europe/Paris:{}", e.start.format("%Y%m%dT%H%M%S")));
        push(&mut out, &format!("DTEND;TZID=Europe/Paris:{}", e.end.format("%Y%m%dT%H%M%S")));
        push(&mut out, &format!("SUMMARY:{}", escape(&e.summary)));
        if !e.location.is_empty() {
            push(&mut out, &format!("LOCATION:{}", escape(&e.location)));
        }
        push(&mut out, &format!("DESCRIPTION:{}", escape(&e.description)));
        push(&mut out, "TRANSP:OPAQUE");
        push(&mut out, "END:VEVENT");
    }
    push(&mut out, "END:VCALENDAR");
    out
}

/// TEXT values escape backslashes, commas, semicolons and line breaks (RFC 5545 3.3.11).
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace("\r\n", "\\n").replace('\n', "\\n")
}

/// A content line, folded so that no line is longer than 75 octets (never inside a
/// character), ended by CRLF.
fn push(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_folded_escaped_and_end_with_crlf() {
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        let e = Event {
            uid: "e1-2026-01-22@mecenat".into(),
            start: at("2026-01-22 09:00"),
            end: at("2026-01-22 17:30"),
            summary: "Mécénat de compétences : « Créer un crowdfunding », APTE; journée".into(),
            location: "40 rue de la Convention 75015 Paris".into(),
            description: "Ligne 1\nLigne 2 ".repeat(10),
        };
        let ics = calendar("Mes missions", &[e], "2026-01-05T09:00:00Z".parse().unwrap());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(ics.contains("DTSTART;TZID=Europe/Paris:20260122T090000\r\n"));
        assert!(ics.replace("\r\n ", "").contains("SUMMARY:Mécénat de compétences : « Créer un crowdfunding »\\, APTE\\; journée"));
        assert!(ics.split("\r\n").all(|l| l.len() <= 75), "folded at 75 octets");
        assert!(!ics.replace("\r\n", "").contains('\n'), "only CRLF");
    }
}

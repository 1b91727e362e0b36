//! SGML newswire in the Reuters-21578 layout: many `<REUTERS NEWID="…">` records per file,
//! each with `<DATE>`, `<TEXT>` holding `<TITLE>`, `<DATELINE>` and `<BODY>`.
//!
//! The record key is the `NEWID` attribute. A record without a body (some are title-only
//! briefs) keeps its title as its text, so that every story is searchable.

use super::{Parsed, RawArticle, non_empty};

pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut rest = text;
    let mut n = 0usize;
    while let Some(start) = rest.find("<REUTERS") {
        n += 1;
        let after = &rest[start..];
        let (record, next) = match after.find("</REUTERS>") {
            Some(end) => (&after[..end], &after[end + "</REUTERS>".len()..]),
            None => {
                parsed
                    .warnings
                    .push(format!("record {n}: no closing </REUTERS>"));
                (after, "")
            }
        };
        rest = next;
        let open_end = record.find('>').unwrap_or(record.len());
        let key = attribute(&record[..open_end], "NEWID").unwrap_or_else(|| n.to_string());
        let title = element(record, "TITLE").map(unescape).and_then(non_empty);
        let body = element(record, "BODY")
            .map(|b| clean_body(&unescape(b)))
            .or_else(|| {
                // Unprocessed records keep their text directly in <TEXT TYPE="UNPROC">.
                element(record, "TEXT")
                    .filter(|t| !t.contains("<TITLE>"))
                    .map(|t| clean_body(&unescape(t)))
            })
            .filter(|b| !b.is_empty())
            .or_else(|| title.clone());
        let Some(body) = body else {
            parsed.warnings.push(format!("record {key}: no text"));
            continue;
        };
        parsed.articles.push(RawArticle {
            record: Some(key),
            title,
            byline: element(record, "AUTHOR").map(unescape).and_then(|a| {
                non_empty(a.trim().trim_start_matches("By ").trim_start_matches("by "))
            }),
            published: element(record, "DATE").and_then(non_empty),
            source: Some("Reuters".to_string()),
            url: None,
            language: None,
            body,
        });
    }
    parsed
}

/// The text between `<NAME…>` and `</NAME>`.
fn element<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let mut from = 0;
    loop {
        let at = from + s[from..].find(&open)?;
        let tail = &s[at + open.len()..];
        // `<TEXT` must not match `<TEXTS`; the next byte ends the name.
        if tail.starts_with('>') || tail.starts_with(' ') {
            let content_start = at + open.len() + tail.find('>')? + 1;
            let close = format!("</{name}>");
            let end = content_start + s[content_start..].find(&close)?;
            return Some(&s[content_start..end]);
        }
        from = at + open.len();
    }
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let end = tag[at..].find('"')?;
    Some(tag[at..at + end].to_string())
}

/// Replace the entities the newswire uses; control-character references become spaces.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        // An entity is short; look for its `;` in the first bytes only (`;` is ASCII, so any
        // byte position found is a character boundary).
        let semi = tail.as_bytes()[..tail.len().min(10)]
            .iter()
            .position(|&b| b == b';');
        match semi {
            Some(j) => {
                let name = &tail[1..j];
                match name {
                    "lt" => out.push('<'),
                    "gt" => out.push('>'),
                    "amp" => out.push('&'),
                    "quot" => out.push('"'),
                    "apos" => out.push('\''),
                    _ if name.starts_with('#') => {
                        let c = name[1..].parse::<u32>().ok().and_then(char::from_u32);
                        match c {
                            Some(c) if !c.is_control() => out.push(c),
                            _ => out.push(' '),
                        }
                    }
                    _ => out.push_str(&tail[..=j]),
                }
                rest = &tail[j + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Re-flow the wire's fixed-width lines into paragraphs (an indented line starts one) and drop
/// the `Reuter` sign-off.
fn clean_body(s: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    for line in s.lines() {
        let starts_paragraph = line.starts_with(' ') || line.starts_with('\t');
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match paragraphs.last_mut() {
            Some(p) if !starts_paragraph => {
                p.push(' ');
                p.push_str(line);
            }
            _ => paragraphs.push(line.to_string()),
        }
    }
    if let Some(last) = paragraphs.last_mut() {
        for sign_off in [" Reuter", " REUTER"] {
            if let Some(stripped) = last.strip_suffix(sign_off) {
                *last = stripped.trim_end().to_string();
            }
        }
        if last == "Reuter" || last == "REUTER" {
            paragraphs.pop();
        }
    }
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = r#"<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="7">
<DATE> 3-MAR-1987 09:12:44.10</DATE>
<TEXT>&#2;
<TITLE>GRAIN SHIPS WAIT AT PORT</TITLE>
<DATELINE>    ROTTERDAM, March 3 - </DATELINE><BODY>Ten grain ships were waiting
to unload, port officials &lt;said&gt;.
    Weather is expected to improve.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS NEWID="8"><DATE>3-MAR-1987</DATE><TEXT TYPE="BRIEF">&#2;
<TITLE>BRIEF ONLY</TITLE>
</TEXT></REUTERS>"#;

    #[test]
    fn records() {
        let p = parse(TWO);
        assert_eq!(p.articles.len(), 2, "{:?}", p.warnings);
        let a = &p.articles[0];
        assert_eq!(a.record.as_deref(), Some("7"));
        assert_eq!(a.title.as_deref(), Some("GRAIN SHIPS WAIT AT PORT"));
        assert_eq!(a.published.as_deref(), Some("3-MAR-1987 09:12:44.10"));
        assert_eq!(
            a.body,
            "Ten grain ships were waiting to unload, port officials <said>.\n\nWeather is expected to improve."
        );
        assert_eq!(p.articles[1].body, "BRIEF ONLY");
    }

    #[test]
    fn unescapes() {
        assert_eq!(
            unescape("a &amp; b &#3; &bogus; & c"),
            "a & b   &bogus; & c"
        );
    }
}

//! SGML newswire in the Reuters-21578 layout: many `<REUTERS NEWID="…">` records per file,
//! each with `<DATE>`, `<TEXT>` holding `<TITLE>`, `<DATELINE>` and `<BODY>`.
//!
//! The record key is the `NEWID` attribute; a `NEWID` used again in the same file gets `-2`,
//! `-3`, … appended (with a warning), so that every article keeps an id of its own. A record
//! without its `</REUTERS>` ends where the next `<REUTERS` starts, with a warning. A record
//! without a body (some are title-only briefs) is kept with an empty body, and keeps its
//! title as its text (`parse::finish`), so that every story is searchable; one with neither
//! is a warning. The `Reuter` sign-off stays a paragraph of its own, which `finish` drops.

use std::collections::HashSet;

use super::{Parsed, RawArticle, non_empty};

pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut keys = HashSet::new();
    let mut rest = text;
    let mut n = 0usize;
    while let Some(start) = rest.find("<REUTERS") {
        n += 1;
        let (record, next) = next_record(&rest[start..], n, &mut parsed.warnings);
        rest = next;
        let open_end = record.find('>').unwrap_or(record.len());
        let newid = attribute(&record[..open_end], "NEWID").unwrap_or_else(|| n.to_string());
        let key = unique_key(newid, &mut keys, &mut parsed.warnings);
        let title = element(record, "TITLE").map(unescape).and_then(non_empty);
        let body = element(record, "BODY")
            .map(|b| clean_body(&unescape(b)))
            .or_else(|| {
                // Unprocessed records keep their text directly in <TEXT TYPE="UNPROC">.
                element(record, "TEXT")
                    .filter(|t| !t.contains("<TITLE>"))
                    .map(|t| clean_body(&unescape(t)))
            })
            .unwrap_or_default();
        if body.is_empty() && title.is_none() {
            parsed.warnings.push(format!("record {key}: no text"));
            continue;
        }
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

/// The `n`th record, at the start of `from`, and what follows it. A record ends at its
/// `</REUTERS>`; one that lacks it ends where the next `<REUTERS` starts (or at the end of
/// the file), with a warning, so that it never swallows the record after it.
fn next_record<'a>(from: &'a str, n: usize, warnings: &mut Vec<String>) -> (&'a str, &'a str) {
    const CLOSE: &str = "</REUTERS>";
    let after_open = "<REUTERS".len();
    let next_open = from[after_open..].find("<REUTERS").map(|i| i + after_open);
    // Only up to the next record: each byte is looked at twice at most.
    let close = from[..next_open.unwrap_or(from.len())].find(CLOSE);
    match (close, next_open) {
        (Some(end), _) => (&from[..end], &from[end + CLOSE.len()..]),
        (None, Some(open)) => {
            warnings.push(format!(
                "record {n}: no closing </REUTERS> before the next <REUTERS>; the record ends there"
            ));
            from.split_at(open)
        }
        (None, None) => {
            warnings.push(format!("record {n}: no closing </REUTERS>"));
            (from, "")
        }
    }
}

/// A record's key: its `NEWID`, or, when an earlier record of the file already has that
/// `NEWID`, the `NEWID` with `-2`, `-3`, … appended, with a warning (ids stay unique).
fn unique_key(newid: String, keys: &mut HashSet<String>, warnings: &mut Vec<String>) -> String {
    if keys.insert(newid.clone()) {
        return newid;
    }
    let key = (2..)
        .map(|k| format!("{newid}-{k}"))
        .find(|key| !keys.contains(key))
        .unwrap_or_default();
    keys.insert(key.clone());
    warnings.push(format!(
        "NEWID {newid} is used by an earlier record too; this one is keyed {key}"
    ));
    key
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

/// Re-flow the wire's fixed-width lines into paragraphs: an indented line starts one, and a
/// credit line (the `Reuter` sign-off) is one of its own.
fn clean_body(s: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut after_credit = false;
    for line in s.lines() {
        let credit = crate::extract::boilerplate::classify(line).is_some();
        let starts_paragraph =
            line.starts_with(' ') || line.starts_with('\t') || credit || after_credit;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        after_credit = credit;
        match paragraphs.last_mut() {
            Some(p) if !starts_paragraph => {
                p.push(' ');
                p.push_str(line);
            }
            _ => paragraphs.push(line.to_string()),
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
            "Ten grain ships were waiting to unload, port officials <said>.\n\nWeather is expected to improve.\n\nReuter"
        );
        assert_eq!(p.articles[1].title.as_deref(), Some("BRIEF ONLY"));
        assert_eq!(p.articles[1].body, "");
        let wrapped = clean_body(
            "Shr 11 cts vs nine cts\n    Note: period ended January 31.\nREUTER\n Reuter\n",
        );
        assert_eq!(
            wrapped,
            "Shr 11 cts vs nine cts\n\nNote: period ended January 31.\n\nREUTER\n\nReuter"
        );
    }

    #[test]
    fn an_unclosed_record_ends_at_the_next_and_ids_stay_unique() {
        let rec = |id: &str, body: &str, close: bool| {
            format!(
                "<REUTERS NEWID=\"{id}\"><TEXT><TITLE>T{body}</TITLE><BODY>{body}</BODY></TEXT>{}\n",
                if close { "</REUTERS>" } else { "" }
            )
        };
        let file = [
            rec("1", "one", true),
            rec("2", "two", false),
            rec("3", "three", true),
            rec("3", "again", true),
            rec("3", "thrice", false),
        ]
        .concat();
        let p = parse(&file);
        let got: Vec<_> = p
            .articles
            .iter()
            .map(|a| (a.record.as_deref().unwrap(), a.body.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("1", "one"),
                ("2", "two"),
                ("3", "three"),
                ("3-2", "again"),
                ("3-3", "thrice")
            ]
        );
        assert_eq!(
            p.warnings,
            [
                "record 2: no closing </REUTERS> before the next <REUTERS>; the record ends there",
                "NEWID 3 is used by an earlier record too; this one is keyed 3-2",
                "record 5: no closing </REUTERS>",
                "NEWID 3 is used by an earlier record too; this one is keyed 3-3",
            ]
        );
    }

    #[test]
    fn unescapes() {
        assert_eq!(
            unescape("a &amp; b &#3; &bogus; & c"),
            "a & b   &bogus; & c"
        );
    }
}

//! JSON articles: one object, an array of objects, an object holding such an array
//! (`articles`, `items`, `data`, `results`), or JSON lines (one object per line).
//!
//! Common field names are recognised (`title`/`headline`, `text`/`body`/`content`,
//! `date`/`published`/`publish_date`, `author`/`authors`, `url`, `source`/`domain`). A record
//! with a title and no text is kept (the title stands for its text); one with neither is a
//! warning. A bad line in JSON lines is a warning; the good lines are kept. A `\u` escape
//! naming half of a surrogate pair (`\ud800` alone, which no string can hold) is replaced by
//! U+FFFD with a warning, and its record kept. A body's hard-wrapped lines are joined into
//! flowing text; its other line breaks are kept, as the text parser keeps them
//! ([`super::text::reflow`]).

use serde_json::{Map, Value};

use super::{Parsed, RawArticle, non_empty};

const TITLE: &[&str] = &["title", "headline", "name"];
const BODY: &[&str] = &[
    "text",
    "body",
    "content",
    "articleBody",
    "article",
    "maintext",
    "story",
    "description",
];
const DATE: &[&str] = &[
    "published",
    "publish_date",
    "published_at",
    "publishedAt",
    "datePublished",
    "date_publish",
    "pubdate",
    "date",
    "published_date",
    "publication_date",
    "created_at",
];
const AUTHOR: &[&str] = &["authors", "author", "byline", "creator"];
const URL: &[&str] = &["url", "link", "canonical_url", "uri"];
const LANGUAGE: &[&str] = &["language", "lang", "inLanguage", "locale"];
const SOURCE: &[&str] = &[
    "source",
    "source_domain",
    "domain",
    "site",
    "site_name",
    "publisher",
    "publication",
];
const CONTAINERS: &[&str] = &["articles", "items", "data", "results", "documents", "docs"];

pub fn parse(text: &str) -> Result<Parsed, String> {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    // A whole-file document first; if that fails and there are several lines, JSON lines.
    match parse_value(trimmed) {
        Ok((value, repaired)) => {
            let mut parsed = Parsed::default();
            parsed.warnings.extend(repaired);
            collect(&value, &mut parsed, None);
            Ok(parsed)
        }
        Err(whole) => {
            if !trimmed.contains('\n') {
                return Err(format!("invalid JSON: {whole}"));
            }
            Ok(parse_lines(trimmed))
        }
    }
}

fn parse_lines(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let n = i + 1;
        match parse_value(line) {
            Ok((value, repaired)) => {
                if let Some(w) = repaired {
                    parsed.warnings.push(format!("line {n}: {w}"));
                }
                collect(&value, &mut parsed, Some(n))
            }
            Err(e) => parsed.warnings.push(format!("line {n}: invalid JSON: {e}")),
        }
    }
    parsed
}

/// One JSON text as a value, and a warning when lone surrogate escapes had to be replaced
/// for it to parse.
fn parse_value(text: &str) -> serde_json::Result<(Value, Option<String>)> {
    let error = match serde_json::from_str::<Value>(text) {
        Ok(value) => return Ok((value, None)),
        Err(e) => e,
    };
    let Some((repaired, replaced)) = replace_lone_surrogates(text) else {
        return Err(error);
    };
    let value = serde_json::from_str::<Value>(&repaired)?;
    let more = match replaced.count {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    let warning = format!(
        "invalid escape {}{more} (half of a surrogate pair, not a character) replaced with U+FFFD",
        replaced.first
    );
    Ok((value, Some(warning)))
}

/// The escapes [`replace_lone_surrogates`] replaced.
struct Replaced {
    /// The first, as written (`\ud800`).
    first: String,
    count: usize,
}

/// `text` with every `\uD800`–`\uDFFF` escape that is not one half of a pair written as
/// `\uD8xx\uDCxx` replaced by `\uFFFD`, and how many were; `None` when there was none.
fn replace_lone_surrogates(text: &str) -> Option<(String, Replaced)> {
    let bytes = text.as_bytes();
    let unit = |at: usize| -> Option<u32> {
        let hex = bytes.get(at..at + 6)?;
        if !hex.starts_with(b"\\u") || !hex[2..].iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u32::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let high = |u: u32| (0xD800..0xDC00).contains(&u);
    let low = |u: u32| (0xDC00..0xE000).contains(&u);
    let mut out = String::new();
    let mut replaced = Replaced {
        first: String::new(),
        count: 0,
    };
    let (mut copied, mut at) = (0, 0);
    while let Some(found) = bytes.get(at..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        at += found;
        match unit(at) {
            Some(u) if high(u) && unit(at + 6).is_some_and(low) => at += 12,
            Some(u) if high(u) || low(u) => {
                if replaced.count == 0 {
                    replaced.first = text[at..at + 6].to_string();
                }
                replaced.count += 1;
                out.push_str(&text[copied..at]);
                out.push_str("\\ufffd");
                at += 6;
                copied = at;
            }
            Some(_) => at += 6,
            // Any other escape is two bytes, so the `u` of `\\u` is never read as an escape.
            None => at += 2,
        }
    }
    if replaced.count == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((out, replaced))
}

/// Gather articles from a value; `line` names the JSON-lines record.
fn collect(value: &Value, parsed: &mut Parsed, line: Option<usize>) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if let Value::Object(obj) = item {
                    let record = match line {
                        Some(n) => format!("{n}.{i}"),
                        None => i.to_string(),
                    };
                    push(obj, parsed, Some(record));
                }
            }
        }
        Value::Object(obj) => {
            if let Some(items) = CONTAINERS
                .iter()
                .find_map(|k| obj.get(*k).filter(|v| v.is_array()))
            {
                collect(items, parsed, line);
            } else {
                push(obj, parsed, line.map(|n| n.to_string()));
            }
        }
        _ => {
            let at = line.map(|n| format!("line {n}: ")).unwrap_or_default();
            parsed
                .warnings
                .push(format!("{at}expected a JSON object, found {}", kind(value)));
        }
    }
}

/// One record as an article; one with neither text nor title is left out with a warning.
fn push(obj: &Map<String, Value>, parsed: &mut Parsed, record: Option<String>) {
    let body = first_text(obj, BODY).unwrap_or_default();
    let title = first_text(obj, TITLE).and_then(non_empty);
    if body.trim().is_empty() && title.is_none() {
        let at = record.map(|r| format!("record {r}: ")).unwrap_or_default();
        parsed.warnings.push(format!("{at}no title or text field"));
        return;
    }
    parsed.articles.push(RawArticle {
        record,
        title,
        byline: first_text(obj, AUTHOR).and_then(non_empty),
        published: first_text(obj, DATE).and_then(non_empty),
        source: first_text(obj, SOURCE).and_then(non_empty),
        url: first_text(obj, URL).and_then(non_empty),
        language: first_text(obj, LANGUAGE).and_then(non_empty),
        body: super::text::reflow(body.trim()),
    });
}

/// The first of `keys` that holds text: a string, a number, a list of strings or of
/// `{name: …}` objects (joined with ", "), or an object with a `name`.
fn first_text(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| obj.get(*k).and_then(as_text))
}

fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(o) => o.get("name").and_then(as_text),
        _ => None,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_object_with_common_names() {
        let p = parse(r#"{"headline":"Mill closes","content":"Workers left.","publish_date":"2019-04-19","authors":["A B",{"name":"C D"}],"domain":"example.org","link":"https://example.org/x"}"#).unwrap();
        assert_eq!(p.articles.len(), 1);
        let a = &p.articles[0];
        assert_eq!(a.title.as_deref(), Some("Mill closes"));
        assert_eq!(a.body, "Workers left.");
        assert_eq!(a.published.as_deref(), Some("2019-04-19"));
        assert_eq!(a.byline.as_deref(), Some("A B, C D"));
        assert_eq!(a.source.as_deref(), Some("example.org"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/x"));
        assert_eq!(a.record, None);
    }

    #[test]
    fn lines_keep_good_records_and_warn_on_bad() {
        let p = parse("{\"title\":\"A\",\"text\":\"one\"}\n{broken\n\n{\"title\":\"B\",\"body\":\"two\"}\n[1]\n").unwrap();
        let records: Vec<_> = p.articles.iter().map(|a| a.record.clone()).collect();
        assert_eq!(records, vec![Some("1".into()), Some("4".into())]);
        assert_eq!(p.warnings.len(), 1, "{:?}", p.warnings);
        assert!(p.warnings[0].starts_with("line 2: invalid JSON"));
    }

    #[test]
    fn arrays_and_containers() {
        let p =
            parse(r#"{"articles":[{"text":"x"},{"text":"y"},{"title":"no text"},{"url":"u"}]}"#)
                .unwrap();
        assert_eq!(p.articles.len(), 3);
        assert_eq!(p.articles[1].record.as_deref(), Some("1"));
        assert_eq!(p.articles[2].title.as_deref(), Some("no text"));
        assert_eq!(
            p.warnings,
            vec!["record 3: no title or text field".to_string()]
        );
    }

    #[test]
    fn lone_surrogate_escapes_are_replaced() {
        let check = |input: &str, want: Option<&str>| {
            assert_eq!(
                replace_lone_surrogates(input).map(|(s, _)| s).as_deref(),
                want,
                "{input}"
            )
        };
        check(r#"{"text":"a\ud800b"}"#, Some(r#"{"text":"a\ufffdb"}"#));
        check(
            r#""\udc00\ud83d\ude00\ud800\u0041""#,
            Some(r#""\ufffd\ud83d\ude00\ufffd\u0041""#),
        );
        check(r#""\\ud800 \u00e9 \n""#, None);
        check(r#""\ud800"#, Some(r#""\ufffd"#));
        check("\\", None);
        let p = parse("{\"text\":\"ok\"}\n{\"text\":\"bad \\ud800 escape\"}\n").unwrap();
        assert_eq!(p.articles[1].body, "bad \u{fffd} escape");
        assert_eq!(
            p.warnings,
            vec![
                "line 2: invalid escape \\ud800 (half of a surrogate pair, not a character) \
                 replaced with U+FFFD"
                    .to_string()
            ]
        );
    }

    #[test]
    fn single_line_garbage_is_an_error() {
        assert!(parse("{not json").unwrap_err().starts_with("invalid JSON"));
    }
}

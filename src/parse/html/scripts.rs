//! Last-resort article text from script data.
//!
//! Client-rendered pages ship the article in a JSON payload (framework
//! state objects, streamed component data) and render nothing server-side.
//! When the DOM yields almost no text, string literals in inline scripts are
//! decoded (two levels deep, for JSON embedded in a script string) and the
//! longest one that reads as prose, possibly HTML-formatted, is used.

use super::dom::{Dom, normalize_ws};

/// Scripts larger than this are skipped.
const MAX_SCRIPT: usize = 8 << 20;
/// Shortest literal considered as article text.
const MIN_TEXT: usize = 400;

/// JSON string literals (decoded) found in `text`, longest first is not
/// guaranteed; literals shorter than `min_len` bytes are skipped.
fn string_literals(text: &str, min_len: usize, out: &mut Vec<String>) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'"', &b[i..]) {
        let start = i + off;
        let mut j = start + 1;
        let mut escaped = false;
        while j < b.len() {
            match b[j] {
                b'\\' if !escaped => escaped = true,
                b'"' if !escaped => break,
                _ => escaped = false,
            }
            j += 1;
        }
        if j >= b.len() {
            break;
        }
        if j - start > min_len
            && let Ok(s) = serde_json::from_str::<String>(&text[start..=j])
        {
            out.push(s);
        }
        i = j + 1;
    }
}

/// Plain text of a literal: HTML fragments are parsed, plain strings split
/// on the newlines that do not wrap prose; paragraphs joined with blank lines.
fn literal_text(s: &str) -> String {
    if s.contains("<p") || s.contains("<br") || s.contains("</") {
        let frag = scraper::Html::parse_fragment(s);
        let dom = Dom::build(&frag);
        let mut paras: Vec<String> = Vec::new();
        let mut cur = String::new();
        for (i, n) in dom.nodes.iter().enumerate() {
            if n.is_text() {
                if in_script(&dom, i) {
                    continue;
                }
                super::dom::push_collapsed(&mut cur, n.text);
            } else if matches!(
                n.tag,
                "p" | "br" | "div" | "h2" | "h3" | "h4" | "li" | "blockquote"
            ) {
                let t = cur.trim();
                if !t.is_empty() {
                    paras.push(t.to_string());
                }
                cur.clear();
            }
        }
        let t = cur.trim();
        if !t.is_empty() {
            paras.push(t.to_string());
        }
        paras.join("\n\n")
    } else {
        // Wrapped lines flow together; the others are paragraphs of their own.
        crate::parse::text::reflow(s)
            .split('\n')
            .map(normalize_ws)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    }
}

fn in_script(dom: &Dom, i: usize) -> bool {
    let p = dom.nodes[i].parent;
    p != super::dom::NO_PARENT && matches!(dom.nodes[p].tag, "script" | "style")
}

fn looks_like_prose(text: &str) -> bool {
    if text.len() < MIN_TEXT {
        return false;
    }
    let sentences = text.matches(['.', '!', '?', '。', '！', '？']).count();
    let words = text.split_whitespace().count();
    let spaces_ok = words * 12 >= text.chars().count()
        || text.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c));
    sentences >= 3 && spaces_ok && !text.contains("function(") && !text.contains("{\"")
}

/// The longest prose-like string in the page's inline scripts.
pub fn article_from_scripts(dom: &Dom) -> Option<String> {
    let mut best: Option<String> = None;
    for (i, n) in dom.nodes.iter().enumerate() {
        if n.tag != "script" || n.attr("src").is_some() {
            continue;
        }
        let ty = n.attr("type").unwrap_or("").to_ascii_lowercase();
        if ty.contains("ld+json") {
            continue;
        }
        let mut text = String::new();
        for c in &dom.nodes[i + 1..n.end] {
            text.push_str(c.text);
        }
        if text.len() < MIN_TEXT || text.len() > MAX_SCRIPT {
            continue;
        }
        let mut level1 = Vec::new();
        string_literals(&text, MIN_TEXT, &mut level1);
        let mut all = Vec::new();
        for lit in level1 {
            if lit.contains('"') {
                string_literals(&lit, MIN_TEXT, &mut all);
            }
            all.push(lit);
        }
        for lit in all {
            let t = literal_text(&lit);
            if looks_like_prose(&t) && best.as_ref().is_none_or(|b| t.len() > b.len()) {
                best = Some(t);
            }
        }
    }
    best
}

//! Guards run before the HTML5 parser, against input that would cost it
//! quadratic time.
//!
//! * **Nesting.** The tree builder scans its stack of open elements for
//!   every start tag, so a document nested tens of thousands of levels deep
//!   costs quadratic time. The depth is estimated from the tag stream
//!   (ignoring void and raw-text elements and tags whose end tag is
//!   optional); start tags beyond [`MAX_DEPTH`] and their matching end tags
//!   are removed.
//! * **Attributes.** The tokenizer checks each attribute of a tag against
//!   all earlier ones for a duplicate, and the attributes of every later
//!   `<html>` or `<body>` start tag are merged into the first, so a tag with
//!   a million attributes costs quadratic time. Attributes past the
//!   [`MAX_ATTRIBUTES`]th of one tag, and of all `<html>` (or all `<body>`)
//!   start tags together, are removed.
//!
//! One linear scan (see `tags`) decides whether either limit applies; only
//! then is the input rewritten, by a second scan. Text is never removed;
//! only structure and markup no real page carries.

use std::borrow::Cow;

use super::tags::{Scanner, is_raw_text};

/// Deepest element nesting kept as structure.
pub const MAX_DEPTH: usize = 512;

/// Most attributes kept on one element.
pub const MAX_ATTRIBUTES: usize = 256;

fn is_void_or_optional(name: &[u8]) -> bool {
    const SKIP: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"source",
        b"track",
        b"wbr",
        b"param",
        b"keygen",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"option",
        b"optgroup",
        b"tr",
        b"td",
        b"th",
        b"tbody",
        b"thead",
        b"tfoot",
        b"colgroup",
        b"rb",
        b"rt",
        b"rp",
        b"html",
        b"head",
        b"body",
    ];
    SKIP.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// The element a start tag's attributes end up on when it is not the
/// first of its kind: 0 for `<html>`, 1 for `<body>`.
fn merged_into(name: &[u8], closing: bool) -> Option<usize> {
    if closing {
        None
    } else if name.eq_ignore_ascii_case(b"html") {
        Some(0)
    } else if name.eq_ignore_ascii_case(b"body") {
        Some(1)
    } else {
        None
    }
}

/// Removals from the input: noted always, applied only when `out` is kept.
struct Edit<'a> {
    html: &'a str,
    out: Option<String>,
    copied: usize,
    changed: bool,
}

impl Edit<'_> {
    fn remove(&mut self, from: usize, to: usize) {
        self.changed = true;
        if let Some(o) = self.out.as_mut() {
            o.push_str(&self.html[self.copied..from]);
            self.copied = to;
        }
    }
}

/// Walk the tag stream applying both limits. Without `rewrite`, stop at the
/// first removal and return no text; with it, return the input without the
/// removed tags and attributes. The flag says whether anything was removed.
fn scan(html: &str, rewrite: bool) -> (bool, Option<String>) {
    let mut edit = Edit {
        html,
        out: rewrite.then(|| String::with_capacity(html.len())),
        copied: 0,
        changed: false,
    };
    let b = html.as_bytes();
    let mut tags = Scanner::new(html);
    // Attributes kept so far on all `<html>` and all `<body>` start tags.
    let mut merged = [0usize; 2];
    let (mut depth, mut excess) = (0usize, 0usize);
    while rewrite || !edit.changed {
        let keep = |name: &[u8], closing| {
            let used = merged_into(name, closing).map_or(0, |m| merged[m]);
            MAX_ATTRIBUTES - used
        };
        let Some(tag) = tags.next_tag(keep) else {
            break;
        };
        let name = &b[tag.name_start..tag.name_end];
        if let Some(m) = merged_into(name, tag.closing) {
            merged[m] += tag.attrs.min(MAX_ATTRIBUTES - merged[m]);
        }
        if !(is_void_or_optional(name) || is_raw_text(name) || tag.self_closing) {
            if tag.closing && excess > 0 {
                excess -= 1;
                edit.remove(tag.start, tag.end);
                continue;
            } else if tag.closing {
                depth = depth.saturating_sub(1);
            } else if depth >= MAX_DEPTH {
                excess += 1;
                edit.remove(tag.start, tag.end);
                continue;
            } else {
                depth += 1;
            }
        }
        if let Some(cut) = tag.cut {
            edit.remove(cut, tag.tail);
        }
    }
    if let Some(o) = edit.out.as_mut() {
        o.push_str(&html[edit.copied..]);
    }
    (edit.changed, edit.out)
}

/// The input within both limits: borrowed unchanged when it already is.
pub fn limit(html: &str) -> Cow<'_, str> {
    if !scan(html, false).0 {
        return Cow::Borrowed(html);
    }
    match scan(html, true).1 {
        Some(s) => Cow::Owned(s),
        None => Cow::Borrowed(html),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// ` a0 a1 …` up to `n` attributes.
    fn attrs(n: usize) -> String {
        (0..n).map(|i| format!(" a{i}")).collect()
    }

    #[test]
    fn pages_within_the_limits_are_borrowed_unchanged() {
        for html in [
            "<p class=\"x\">text</p>",
            &format!("<div{}>text</div>", attrs(MAX_ATTRIBUTES)),
            &format!(
                "<html{}><body{}>text",
                attrs(MAX_ATTRIBUTES / 2),
                attrs(MAX_ATTRIBUTES)
            ),
            &format!("<html{0}><html{0}>text", attrs(MAX_ATTRIBUTES / 2)),
        ] {
            assert!(matches!(limit(html), Cow::Borrowed(_)), "{html}");
        }
    }

    #[test]
    fn attributes_past_the_cap_are_removed() {
        let keep = attrs(MAX_ATTRIBUTES);
        let cases = [
            (
                format!("<div{keep} x y=\"1>2\" z>Text</div>"),
                format!("<div{keep} >Text</div>"),
            ),
            (
                format!("<img{keep} x='a' />Text"),
                format!("<img{keep} />Text"),
            ),
            (
                format!("<p>Text</p{keep} x>"),
                format!("<p>Text</p{keep} >"),
            ),
            (format!("<p{keep} x"), format!("<p{keep} ")),
            // Later <html> tags merge into the first: their total is capped.
            (
                format!("<html{}><p>Text<html{} x>", attrs(200), attrs(56)),
                format!("<html{}><p>Text<html{} >", attrs(200), attrs(56)),
            ),
            (
                format!("<body{keep}>Text<body b>"),
                format!("<body{keep}>Text<body >"),
            ),
            // Raw text and comments hold no attributes to cut.
            (
                format!("<script>var s = '<p{keep} x>';</script><p{keep} x>"),
                format!("<script>var s = '<p{keep} x>';</script><p{keep} >"),
            ),
        ];
        for (html, want) in cases {
            assert_eq!(limit(&html), want);
        }
    }

    #[test]
    fn nesting_past_the_cap_is_flattened_without_losing_text() {
        let n = MAX_DEPTH + 3;
        let html = format!(
            "{}<script>x</script>Text{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let want = format!(
            "{}<script>x</script>Text{}",
            "<div>".repeat(MAX_DEPTH),
            "</div>".repeat(MAX_DEPTH)
        );
        assert_eq!(limit(&html), want);
    }
}

//! Nesting guard run before the HTML5 parser.
//!
//! The tree builder scans its stack of open elements for every start tag,
//! so a document nested tens of thousands of levels deep costs quadratic
//! time. This linear pre-scan estimates the nesting depth from the tag
//! stream (skipping comments and raw-text elements, ignoring void elements
//! and tags whose end tag is optional) and, only when the estimate exceeds
//! [`MAX_DEPTH`], rewrites the input without the start tags beyond that
//! depth and their matching end tags. Text is never removed; only structure
//! deeper than any real page is flattened.

use std::borrow::Cow;

/// Deepest element nesting kept as structure.
pub const MAX_DEPTH: usize = 512;

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

fn is_raw_text(name: &[u8]) -> bool {
    [
        &b"script"[..],
        b"style",
        b"textarea",
        b"title",
        b"xmp",
        b"noembed",
        b"noframes",
        b"plaintext",
    ]
    .iter()
    .any(|s| s.eq_ignore_ascii_case(name))
}

/// One tag found by the scan.
struct Tag {
    start: usize,
    end: usize,
    closing: bool,
    self_closing: bool,
    name_start: usize,
    name_end: usize,
}

/// Find the next tag at or after `pos`; also steps over comments and
/// raw-text element bodies (returned as `None` tags with an advanced
/// position).
fn next_tag(b: &[u8], mut pos: usize) -> Option<(Option<Tag>, usize)> {
    loop {
        let lt = pos + memchr::memchr(b'<', &b[pos..])?;
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            let end = memchr::memmem::find(&rest[4..], b"-->")
                .map(|e| lt + 4 + e + 3)
                .unwrap_or(b.len());
            return Some((None, end));
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = lt + 1 + closing as usize;
        let mut name_end = name_start;
        while name_end < b.len()
            && (b[name_end].is_ascii_alphanumeric() || b[name_end] == b'-' || b[name_end] == b':')
        {
            name_end += 1;
        }
        if name_end == name_start || !b[name_start].is_ascii_alphabetic() {
            pos = lt + 1;
            if pos >= b.len() {
                return None;
            }
            continue;
        }
        let gt = name_end + memchr::memchr(b'>', &b[name_end..]).unwrap_or(b.len() - name_end);
        let end = (gt + 1).min(b.len());
        let self_closing = gt > 0 && b.get(gt - 1) == Some(&b'/');
        return Some((
            Some(Tag {
                start: lt,
                end,
                closing,
                self_closing,
                name_start,
                name_end,
            }),
            end,
        ));
    }
}

/// Scan the tag stream; when `rewrite`, return the input without start
/// tags nested beyond [`MAX_DEPTH`] and their end tags. Returns the
/// estimated maximum depth.
fn scan(html: &str, rewrite: bool) -> (usize, Option<String>) {
    let b = html.as_bytes();
    let mut out = if rewrite {
        Some(String::with_capacity(html.len()))
    } else {
        None
    };
    let mut copied = 0usize;
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    let mut excess = 0usize;
    let mut pos = 0usize;
    while let Some((tag, next)) = next_tag(b, pos) {
        pos = next;
        let Some(tag) = tag else { continue };
        let name = &b[tag.name_start..tag.name_end];
        if !tag.closing && is_raw_text(name) {
            // Skip to the matching end tag.
            let mut close = Vec::with_capacity(name.len() + 2);
            close.extend_from_slice(b"</");
            close.extend(name.iter().map(|c| c.to_ascii_lowercase()));
            let lower_find = find_ci(&b[pos..], &close);
            pos = lower_find.map(|e| pos + e).unwrap_or(b.len());
            continue;
        }
        if is_void_or_optional(name) || tag.self_closing {
            continue;
        }
        let mut drop = false;
        if tag.closing {
            if excess > 0 {
                excess -= 1;
                drop = true;
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if depth >= MAX_DEPTH {
            excess += 1;
            drop = true;
        } else {
            depth += 1;
            max_depth = max_depth.max(depth);
        }
        if drop {
            max_depth = max_depth.max(depth + excess);
            if let Some(o) = out.as_mut() {
                o.push_str(&html[copied..tag.start]);
                copied = tag.end;
            }
        }
        if pos >= b.len() {
            break;
        }
    }
    if let Some(o) = out.as_mut() {
        o.push_str(&html[copied.min(html.len())..]);
    }
    (max_depth, out)
}

/// Case-insensitive search for an ASCII needle.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut pos = 0;
    while pos + needle.len() <= hay.len() {
        let off = memchr::memchr2(first, first.to_ascii_uppercase(), &hay[pos..])?;
        let at = pos + off;
        if at + needle.len() <= hay.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(at);
        }
        pos = at + 1;
    }
    None
}

/// The input, flattened beyond [`MAX_DEPTH`] if it nests deeper.
pub fn limit_depth(html: &str) -> Cow<'_, str> {
    let (max_depth, _) = scan(html, false);
    if max_depth <= MAX_DEPTH {
        return Cow::Borrowed(html);
    }
    match scan(html, true).1 {
        Some(s) => Cow::Owned(s),
        None => Cow::Borrowed(html),
    }
}

//! A flat, preorder view of the parsed document.
//!
//! The html5ever tree is copied once into a vector of nodes in document
//! order, each knowing its parent and the (exclusive) end of its subtree.
//! Every later pass is a loop over index ranges, so nothing recurses and
//! arbitrarily deep documents cost linear time and constant stack.

use scraper::Html;
use scraper::node::{Element, Node as HNode};

/// Sentinel parent of the root.
pub const NO_PARENT: usize = usize::MAX;

/// One node of the flattened document.
pub struct Node<'a> {
    /// Lowercase local name for elements, `"#text"` for text, `"#root"` for
    /// the document itself.
    pub tag: &'a str,
    /// The element, for attribute access.
    pub el: Option<&'a Element>,
    /// Text content of a text node (empty otherwise).
    pub text: &'a str,
    /// Index of the parent node, [`NO_PARENT`] for the root.
    pub parent: usize,
    /// Exclusive end of this node's subtree in preorder.
    pub end: usize,
}

impl Node<'_> {
    /// Attribute value, if this is an element carrying it.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.el.and_then(|e| e.attr(name))
    }

    /// True for text nodes.
    pub fn is_text(&self) -> bool {
        self.tag == "#text"
    }
}

/// The flattened document.
pub struct Dom<'a> {
    pub nodes: Vec<Node<'a>>,
}

impl<'a> Dom<'a> {
    /// Flatten `html` in document order without recursion.
    pub fn build(html: &'a Html) -> Dom<'a> {
        let mut nodes: Vec<Node<'a>> = Vec::with_capacity(html.tree.values().count());
        let mut stack: Vec<(_, usize)> = Vec::new();
        for nref in html.tree.root().descendants() {
            let (tag, el, text): (&str, Option<&Element>, &str) = match nref.value() {
                HNode::Document | HNode::Fragment => ("#root", None, ""),
                HNode::Element(e) => (e.name(), Some(e), ""),
                HNode::Text(t) => ("#text", None, &t.text[..]),
                _ => continue,
            };
            let parent_id = nref.parent().map(|p| p.id());
            let idx = nodes.len();
            let mut parent = NO_PARENT;
            if let Some(pid) = parent_id {
                while let Some(&(top_id, top_idx)) = stack.last() {
                    if top_id == pid {
                        parent = top_idx;
                        break;
                    }
                    nodes[top_idx].end = idx;
                    stack.pop();
                }
            }
            nodes.push(Node {
                tag,
                el,
                text,
                parent,
                end: idx + 1,
            });
            if el.is_some() || tag == "#root" {
                stack.push((nref.id(), idx));
            }
        }
        let n = nodes.len();
        for (_, i) in stack {
            nodes[i].end = n;
        }
        Dom { nodes }
    }

    /// Whitespace-normalised text of the subtree at `idx`, skipping script
    /// and style content.
    pub fn text_of(&self, idx: usize) -> String {
        let mut out = String::new();
        let Some(node) = self.nodes.get(idx) else {
            return out;
        };
        let mut i = idx + 1;
        while i < node.end {
            let n = &self.nodes[i];
            if matches!(n.tag, "script" | "style" | "noscript" | "template") {
                i = n.end;
                continue;
            }
            if n.is_text() {
                push_collapsed(&mut out, n.text);
            }
            i += 1;
        }
        out.trim().to_string()
    }
}

/// Append `text` to `out`, collapsing runs of whitespace into one space.
pub fn push_collapsed(out: &mut String, text: &str) {
    for ch in text.chars() {
        if ch.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(ch);
        }
    }
}

/// Collapse whitespace in a string and trim it.
pub fn normalize_ws(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_collapsed(&mut out, text);
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// Decode HTML character references (`&amp;`, `&#8217;`, `&#x27;` and the
/// common named ones) in text that did not pass through the HTML parser,
/// such as JSON-LD strings.
pub fn unescape_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let semi = rest.as_bytes()[1..rest.len().min(12)]
            .iter()
            .position(|&b| b == b';')
            .map(|p| p + 1);
        let decoded = semi.and_then(|semi| reference_char(&rest[1..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference names (`amp`, `#8217`, `#x27`: the text
/// between `&` and `;`), for numeric and the common named references.
fn reference_char(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()
        } else {
            num.parse::<u32>().ok()
        };
        return code.and_then(char::from_u32);
    }
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        "lsquo" => Some('\u{2018}'),
        "rsquo" => Some('\u{2019}'),
        "ldquo" => Some('\u{201c}'),
        "rdquo" => Some('\u{201d}'),
        "ndash" => Some('\u{2013}'),
        "mdash" => Some('\u{2014}'),
        "hellip" => Some('\u{2026}'),
        _ => None,
    }
}

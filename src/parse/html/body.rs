//! Main-text extraction, readability style.
//!
//! 1. Boilerplate subtrees are marked: non-content tags (script, nav,
//!    aside, …), hidden elements, and elements whose class/id/role names
//!    signal page furniture (share bars, related links, comments, cookie
//!    banners, …). Names are split into words (`shareBar`, `related-links`;
//!    in BEM `block__element` only the element part counts). These soft
//!    rules never remove a subtree holding most of the page's text.
//! 2. The remaining text is cut into paragraphs at block boundaries, each
//!    owned by its innermost block element.
//! 3. Paragraphs score their ancestors (length, commas), candidates are
//!    weighted by tag and class names (name bonuses only for blocks with
//!    real text) and discounted by link density.
//! 4. The best candidate is widened to a common ancestor when several
//!    comparable candidates sit side by side (an article split into blocks,
//!    live-blog entries), then joined by related siblings.
//! 5. Inside the selection, link-heavy blocks and runs of linked headings
//!    (teaser lists) are dropped, as are link paragraphs and short furniture
//!    lines (widget labels, stand-alone datelines and "By" lines).
//!
//! If the strict rules leave almost nothing, a pass with tag rules only is
//! tried.

use super::dom::{Dom, NO_PARENT, push_collapsed};

/// How aggressively boilerplate is removed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// All rules.
    Strict,
    /// Tag rules only (class/id rules off), used when strict finds too little.
    Relaxed,
}

/// One paragraph of visible text.
pub struct Para {
    pub text: String,
    /// Index of the innermost block element containing it.
    pub owner: usize,
    pub chars: usize,
    pub link_chars: usize,
    pub heading: bool,
}

pub(super) fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "body"
            | "blockquote"
            | "pre"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "caption"
            | "figure"
            | "figcaption"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "address"
            | "hr"
            | "details"
            | "summary"
            | "fieldset"
            | "form"
            | "center"
            | "hgroup"
            | "#root"
            | "html"
    )
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Tags whose content is never article text.
fn always_drop(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "iframe"
            | "svg"
            | "math"
            | "template"
            | "canvas"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "option"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "map"
            | "dialog"
            | "img"
            | "picture"
            | "source"
            | "label"
    )
}

/// Tags that are page furniture unless they hold most of the text.
fn soft_drop_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav" | "aside" | "footer" | "header" | "form" | "menu" | "figcaption" | "figure"
    )
}

/// Split class/id/role text into lowercase word tokens (`shareBar` ->
/// `share`, `bar`; `related-links` -> `related`, `links`).
fn tokens(s: &str, out: &mut Vec<String>) {
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in s.chars() {
        if ch.is_alphanumeric() {
            if ch.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
            cur.extend(ch.to_lowercase());
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
}

/// Token prefixes marking furniture regardless of other names.
const STRONG_NEG: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "newsletter",
    "cookie",
    "consent",
    "gdpr",
    "breadcrumb",
    "outbrain",
    "taboola",
    "advert",
    "promo",
    "subscribe",
    "subscription",
    "popup",
    "modal",
    "disqus",
    "trending",
    "mostread",
    "popular",
    "signup",
    "sponsor",
    "skiplink",
    "sronly",
];

/// Exact tokens marking furniture regardless of other names.
const STRONG_NEG_EXACT: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advertising",
    "dfp",
    "gpt",
    "banner",
    "teaser",
    "teasers",
    "tags",
    "keywords",
    "toolbar",
    "rating",
    "caption",
    "credits",
    "copyright",
];

/// Tokens marking furniture unless a content word also appears.
const WEAK_NEG: &[&str] = &[
    "nav",
    "menu",
    "sidebar",
    "footer",
    "header",
    "masthead",
    "aside",
    "pagination",
    "pager",
    "extra",
    "meta",
    "byline",
    "author",
    "dateline",
    "timestamp",
    "date",
    "toc",
    "rail",
    "combx",
    "shoutbox",
    "skyscraper",
    "links",
    "feed",
    "topics",
    "infobox",
    "complementary",
    "contentinfo",
];

const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "prose",
    "rich",
    "paragraph",
    "paywall",
];

/// Class/id furniture verdict and score weight of an element.
struct ClassInfo {
    strong_neg: bool,
    weak_neg: bool,
    positive: bool,
}

fn class_info(dom: &Dom, i: usize, buf: &mut Vec<String>) -> ClassInfo {
    buf.clear();
    let n = &dom.nodes[i];
    for a in [
        "class",
        "id",
        "role",
        "data-component",
        "data-testid",
        "itemprop",
    ] {
        if let Some(v) = n.attr(a) {
            for word in v.split_whitespace() {
                // BEM: in "block__element" the element names the node.
                tokens(word.rsplit("__").next().unwrap_or(word), buf);
            }
        }
    }
    let mut info = ClassInfo {
        strong_neg: false,
        weak_neg: false,
        positive: false,
    };
    let mut joined = String::new();
    for t in buf.iter() {
        if STRONG_NEG.iter().any(|p| t.starts_with(p))
            && !t.starts_with("commentary")
            && !t.starts_with("subscriber")
        {
            info.strong_neg = true;
        }
        if STRONG_NEG_EXACT.contains(&t.as_str()) {
            info.strong_neg = true;
        }
        if WEAK_NEG.contains(&t.as_str())
            || t.starts_with("navigation")
            || t.starts_with("navbar")
            || t.starts_with("sidebar")
        {
            info.weak_neg = true;
        }
        if POSITIVE.contains(&t.as_str()) || t == "articlebody" || t.starts_with("article") {
            info.positive = true;
        }
        joined.push_str(t);
    }
    // Joined forms such as "sharebar" or "relatedposts" inside one token.
    if !info.strong_neg {
        for p in [
            "sharebar",
            "socialbar",
            "relatedpost",
            "relatedarticle",
            "relatedstor",
            "adslot",
            "adunit",
            "advert",
        ] {
            if joined.contains(p) {
                info.strong_neg = true;
            }
        }
    }
    info
}

fn is_hidden(dom: &Dom, i: usize) -> bool {
    let n = &dom.nodes[i];
    if n.attr("hidden").is_some()
        || n.attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(st) = n.attr("style") {
        let st: String = st
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if st.contains("display:none") || st.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// Raw text lengths per subtree, before any boilerplate rule.
struct TextLens {
    /// All text (bytes, whitespace excluded), minus always-dropped tags.
    all: Vec<usize>,
    /// The part of it inside `<p>` elements.
    in_p: Vec<usize>,
}

/// Text lengths per subtree, computed bottom-up.
fn subtree_text(dom: &Dom) -> TextLens {
    let n = dom.nodes.len();
    let mut len = vec![0usize; n];
    let mut plen = vec![0usize; n];
    for i in (0..n).rev() {
        let node = &dom.nodes[i];
        if node.is_text() {
            len[i] = node.text.split_whitespace().map(str::len).sum();
        }
        if node.tag == "p" {
            plen[i] = len[i];
        }
        if node.parent != NO_PARENT && !always_drop(node.tag) {
            len[node.parent] += len[i];
            plen[node.parent] += plen[i];
        }
    }
    TextLens {
        all: len,
        in_p: plen,
    }
}

/// Mark removed subtrees: `removed[i]` is true for the root of each dropped
/// subtree (descendants are skipped by range).
fn mark_removed(dom: &Dom, mode: Mode, lens: &TextLens) -> Vec<bool> {
    let n = dom.nodes.len();
    let mut removed = vec![false; n];
    let (text_len, p_len) = (&lens.all, &lens.in_p);
    let total = text_len.first().copied().unwrap_or(0).max(1);
    let total_p = p_len.first().copied().unwrap_or(0);
    let mut buf = Vec::new();
    let mut i = 0;
    while i < n {
        let node = &dom.nodes[i];
        if node.el.is_none() {
            i += 1;
            continue;
        }
        let tag = node.tag;
        let mut drop = always_drop(tag);
        if !drop && !matches!(tag, "html" | "body" | "main" | "a") {
            // Never drop a subtree holding most of the text (hidden ones
            // included: streamed server-side rendering parks the article in
            // a hidden container until a script moves it).
            let big = text_len[i] * 2 > total || (total_p > 500 && p_len[i] * 2 > total_p);
            if (soft_drop_tag(tag) || is_hidden(dom, i)) && !big {
                drop = true;
            }
            if !drop && mode == Mode::Strict && !big {
                let ci = class_info(dom, i, &mut buf);
                let article_tag = tag == "article";
                let strong = ci.strong_neg && !(article_tag && ci.positive);
                let weak = ci.weak_neg && !ci.positive && !article_tag;
                drop = strong || weak;
            }
        }
        if drop {
            removed[i] = true;
            i = node.end;
        } else {
            i += 1;
        }
    }
    removed
}

/// Cut the visible text into paragraphs.
fn paragraphs(dom: &Dom, removed: &[bool]) -> Vec<Para> {
    let n = dom.nodes.len();
    let mut paras = Vec::new();
    let mut blocks: Vec<usize> = vec![0];
    let mut buf = String::new();
    let mut link_chars = 0usize;
    let mut link_end = 0usize;
    let flush = |buf: &mut String, link_chars: &mut usize, owner: usize, paras: &mut Vec<Para>| {
        let t = buf.trim();
        if !t.is_empty() {
            let chars = t.chars().count();
            paras.push(Para {
                text: t.to_string(),
                owner,
                chars,
                link_chars: (*link_chars).min(chars),
                heading: is_heading(dom.nodes[owner].tag),
            });
        }
        buf.clear();
        *link_chars = 0;
    };
    let mut i = 0;
    while i < n {
        while blocks.len() > 1 && dom.nodes[*blocks.last().unwrap_or(&0)].end <= i {
            let b = blocks.pop().unwrap_or(0);
            flush(&mut buf, &mut link_chars, b, &mut paras);
        }
        let node = &dom.nodes[i];
        if removed[i] {
            i = node.end;
            continue;
        }
        if node.is_text() {
            let before = buf.len();
            push_collapsed(&mut buf, node.text);
            if i < link_end {
                link_chars += buf[before..].chars().filter(|c| !c.is_whitespace()).count();
            }
        } else if node.tag == "br" {
            let owner = *blocks.last().unwrap_or(&0);
            flush(&mut buf, &mut link_chars, owner, &mut paras);
        } else if node.tag == "a" {
            if i >= link_end {
                link_end = node.end;
            }
        } else if is_block(node.tag) && i != 0 {
            let owner = *blocks.last().unwrap_or(&0);
            flush(&mut buf, &mut link_chars, owner, &mut paras);
            blocks.push(i);
        } else if matches!(node.tag, "td" | "th") && !buf.ends_with(' ') {
            buf.push(' ');
        }
        i += 1;
    }
    while let Some(b) = blocks.pop() {
        flush(&mut buf, &mut link_chars, b, &mut paras);
    }
    paras
}

fn tag_weight(tag: &str) -> f32 {
    match tag {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn class_weight(dom: &Dom, i: usize, buf: &mut Vec<String>) -> f32 {
    let ci = class_info(dom, i, buf);
    let mut w = 0.0;
    if ci.positive {
        w += 25.0;
    }
    if ci.strong_neg || ci.weak_neg {
        w -= 25.0;
    }
    let n = &dom.nodes[i];
    if n.attr("itemprop")
        .is_some_and(|p| p.contains("articleBody"))
    {
        w += 50.0;
    }
    if n.tag == "article" {
        w += 10.0;
    }
    w
}

fn is_ancestor(dom: &Dom, a: usize, b: usize) -> bool {
    a <= b && b < dom.nodes[a].end
}

/// Extract the main text. Returns paragraphs joined with blank lines.
pub fn extract(dom: &Dom, title: Option<&str>) -> String {
    if dom.nodes.is_empty() {
        return String::new();
    }
    let text_len = subtree_text(dom);
    let strict = extract_mode(dom, title, Mode::Strict, &text_len);
    if strict.len() >= 250 {
        return strict;
    }
    let relaxed = extract_mode(dom, title, Mode::Relaxed, &text_len);
    if relaxed.len() > strict.len() * 2 {
        relaxed
    } else {
        strict
    }
}

fn extract_mode(dom: &Dom, title: Option<&str>, mode: Mode, text_len: &TextLens) -> String {
    let n = dom.nodes.len();
    let removed = mark_removed(dom, mode, text_len);
    let paras = paragraphs(dom, &removed);
    if paras.is_empty() {
        return String::new();
    }
    // Visible text and link text per subtree.
    let mut sums = Sums {
        text: vec![0; n],
        link: vec![0; n],
        commas: vec![0; n],
        linked_headings: vec![0; n],
    };
    for p in &paras {
        sums.text[p.owner] += p.chars;
        sums.link[p.owner] += p.link_chars;
        sums.commas[p.owner] += p.text.matches([',', '，', '、']).count();
        if p.heading && p.link_chars * 2 > p.chars {
            sums.linked_headings[p.owner] += 1;
        }
    }
    for i in (1..n).rev() {
        let par = dom.nodes[i].parent;
        if par != NO_PARENT {
            sums.text[par] += sums.text[i];
            sums.link[par] += sums.link[i];
            sums.commas[par] += sums.commas[i];
            sums.linked_headings[par] += sums.linked_headings[i];
        }
    }
    let (ptext, plink, commas) = (&sums.text, &sums.link, &sums.commas);
    // Content scores.
    let mut score = vec![f32::NAN; n];
    let mut buf = Vec::new();
    for p in &paras {
        if p.chars < 25 || p.heading {
            continue;
        }
        let ld = p.link_chars as f32 / p.chars as f32;
        if ld > 0.5 {
            continue;
        }
        let cs = 1.0
            + p.text.matches([',', '，', '、']).count() as f32
            + (p.chars as f32 / 100.0).min(3.0);
        let owner = p.owner;
        // Paragraph-level owners score their parent; text sitting directly
        // in a container (br-separated text in a div or cell) scores it.
        let para_like = matches!(
            dom.nodes[owner].tag,
            "p" | "pre"
                | "blockquote"
                | "li"
                | "dt"
                | "dd"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "figcaption"
                | "caption"
                | "address"
                | "summary"
        );
        let mut anc = if para_like {
            dom.nodes[owner].parent
        } else {
            owner
        };
        let mut level = 0;
        while anc != NO_PARENT && level < 5 {
            if score[anc].is_nan() {
                // Name bonuses only count for blocks with real text, so a
                // tiny "main-content" widget cannot outrank the article.
                let cw = class_weight(dom, anc, &mut buf);
                let cw = if cw > 0.0 && ptext[anc] < 140 {
                    0.0
                } else {
                    cw
                };
                score[anc] = tag_weight(dom.nodes[anc].tag) + cw;
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[anc] += cs / div;
            anc = dom.nodes[anc].parent;
            level += 1;
        }
    }
    let link_density = |i: usize| -> f32 {
        if ptext[i] == 0 {
            0.0
        } else {
            plink[i] as f32 / ptext[i] as f32
        }
    };
    let mut best: Option<usize> = None;
    let mut best_score = f32::MIN;
    let mut finals: Vec<(usize, f32)> = Vec::new();
    for (i, &sc) in score.iter().enumerate() {
        if sc.is_nan() || matches!(dom.nodes[i].tag, "html" | "#root") {
            continue;
        }
        let f = sc * (1.0 - link_density(i));
        finals.push((i, f));
        if f > best_score {
            best_score = f;
            best = Some(i);
        }
    }
    let Some(mut top) = best else {
        return join(&paras, dom, title, &[0], &sums);
    };
    // Several near-equal candidates sharing an ancestor: take the ancestor.
    finals.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    let alts: Vec<usize> = finals
        .iter()
        .skip(1)
        .take(5)
        .filter(|(_, s)| *s >= best_score * 0.75)
        .map(|(i, _)| *i)
        .collect();
    // Separate blocks of similar weight (entries of a live blog, an
    // article split into several containers) sharing an ancestor.
    let peers: Vec<usize> = finals
        .iter()
        .skip(1)
        .take(12)
        .filter(|(i, s)| {
            *s >= best_score * 0.5 && !is_ancestor(dom, *i, top) && !is_ancestor(dom, top, *i)
        })
        .map(|(i, _)| *i)
        .collect();
    let mut joined_peers = false;
    if peers.len() >= 3 {
        let mut anc = dom.nodes[top].parent;
        while anc != NO_PARENT && !matches!(dom.nodes[anc].tag, "body" | "html" | "#root") {
            let contained = peers.iter().filter(|&&a| is_ancestor(dom, anc, a)).count();
            if contained >= 3 {
                top = anc;
                joined_peers = true;
                break;
            }
            anc = dom.nodes[anc].parent;
        }
    }
    if alts.len() >= 3 && !joined_peers {
        let mut anc = dom.nodes[top].parent;
        while anc != NO_PARENT && !matches!(dom.nodes[anc].tag, "body" | "html" | "#root") {
            let contained = alts.iter().filter(|&&a| is_ancestor(dom, anc, a)).count();
            if contained >= 3 {
                top = anc;
                break;
            }
            anc = dom.nodes[anc].parent;
        }
    }
    // Climb through wrappers that add nothing.
    loop {
        let par = dom.nodes[top].parent;
        if par == NO_PARENT || matches!(dom.nodes[par].tag, "body" | "html" | "#root") {
            break;
        }
        if ptext[par] <= ptext[top] + ptext[top] / 20 {
            top = par;
        } else {
            break;
        }
    }
    // Siblings with good scores or paragraph-like text join the top node.
    let mut selected = vec![top];
    let par = dom.nodes[top].parent;
    if par != NO_PARENT {
        let top_score = score[top].max(0.0) * (1.0 - link_density(top));
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = dom.nodes[top].attr("class").unwrap_or("");
        let mut c = par + 1;
        while c < dom.nodes[par].end {
            let node = &dom.nodes[c];
            let next = node.end;
            // Sibling <article> elements are separate compositions (teasers).
            let separate = node.tag == "article" && dom.nodes[top].tag == "article";
            if c != top && !removed[c] && node.el.is_some() && ptext[c] > 0 && !separate {
                let mut bonus = 0.0;
                if !top_class.is_empty() && node.attr("class") == Some(top_class) {
                    bonus = top_score * 0.2;
                }
                let s = if score[c].is_nan() {
                    0.0
                } else {
                    score[c] * (1.0 - link_density(c))
                };
                let ld = link_density(c);
                let ok = s + bonus >= threshold
                    || (node.tag == "p"
                        && ((ptext[c] > 80 && ld < 0.25)
                            || (ld == 0.0 && commas[c] + ptext[c] / 200 > 0)));
                if ok {
                    selected.push(c);
                }
            }
            c = next;
        }
    }
    selected.sort_unstable();
    join(&paras, dom, title, &selected, &sums)
}

/// Per-subtree sums over the visible paragraphs.
struct Sums {
    text: Vec<usize>,
    link: Vec<usize>,
    commas: Vec<usize>,
    /// Headings whose text is mostly a link (teaser titles).
    linked_headings: Vec<usize>,
}

fn join(paras: &[Para], dom: &Dom, title: Option<&str>, selected: &[usize], sums: &Sums) -> String {
    // 0 = outside the selection, 1 = kept, 2 = dropped block.
    let mut state = vec![0u8; dom.nodes.len()];
    let mut buf = Vec::new();
    for &root in selected {
        let end = dom.nodes[root].end;
        state[root] = 1;
        let mut i = root + 1;
        while i < end {
            let node = &dom.nodes[i];
            if node.el.is_some()
                && sums.text[i] > 0
                && matches!(
                    node.tag,
                    "div" | "section" | "ul" | "ol" | "table" | "dl" | "aside" | "article"
                )
            {
                let ld = sums.link[i] as f32 / sums.text[i] as f32;
                let weight = class_weight(dom, i, &mut buf);
                let link_heavy = sums.commas[i] < 10
                    && ((weight < 25.0 && ld > 0.33)
                        || (weight >= 25.0 && ld > 0.5)
                        || weight < -10.0);
                // A run of linked headings is a list of teasers.
                let lh = sums.linked_headings[i];
                let teasers =
                    lh >= 2 && sums.text[i] < 250 * lh && sums.text[i] * 2 < sums.text[root];
                if link_heavy || teasers {
                    state[i..node.end].fill(2);
                    i = node.end;
                    continue;
                }
            }
            state[i] = 1;
            i += 1;
        }
    }
    let title_key = title.map(|t| t.to_lowercase());
    let kept: Vec<&Para> = paras
        .iter()
        .filter(|p| state[p.owner] == 1)
        .filter(|p| p.link_chars * 2 <= p.chars && !is_boilerplate_line(&p.text))
        .filter(|p| {
            !(p.heading
                && title_key
                    .as_deref()
                    .is_some_and(|t| p.text.to_lowercase() == t))
        })
        .collect();
    // A short line repeated through the text is a label ("Article content",
    // "Advertisement"), not prose.
    let mut short_counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for p in &kept {
        if p.chars <= 40 && !p.heading {
            *short_counts.entry(p.text.as_str()).or_default() += 1;
        }
    }
    let mut out = String::new();
    for p in kept {
        if p.chars <= 40
            && !p.heading
            && !p.text.chars().any(|c| c.is_ascii_digit())
            && short_counts.get(p.text.as_str()).is_some_and(|&c| c >= 3)
        {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&p.text);
    }
    out
}

/// Short lines that are page furniture whatever their markup: widget
/// labels, gallery controls, and stand-alone date/credit lines. Staff credits
/// ("Reporting by …; Editing by …") are kept for `parse::finish`, which drops
/// them and takes the reporters for the byline.
fn is_boilerplate_line(text: &str) -> bool {
    if text.len() > 80 {
        return false;
    }
    let t = text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '.' | '…' | '!' | '|' | '-' | '»' | '›')
    });
    let lower = t.to_lowercase();
    const EXACT: &[&str] = &[
        "advert",
        "advertisement",
        "ad",
        "ads",
        "caption",
        "close",
        "back to gallery",
        "comments",
        "comment",
        "subscribe",
        "tags",
        "topics",
        "categories",
        "trending",
        "you may also like",
        "related",
        "related articles",
        "related stories",
        "read more",
        "share",
        "share this",
        "share this article",
        "share this story",
        "sponsored",
        "sponsored links",
        "most read",
        "most popular",
        "recommended",
        "follow us",
        "sign up",
        "print",
        "email",
        "loading",
        "this slideshow requires javascript",
        "tell us what you think",
        "video loading",
        "video unavailable",
        "recommended videos",
        "story saved",
        "table of contents",
        "sign in or create an account",
        "we apologize, but this video has failed to load",
        "like this story? share it with a friend",
    ];
    if EXACT.contains(&lower.as_str()) {
        return true;
    }
    const PREFIX: &[&str] = &[
        "photo:",
        "image:",
        "credit:",
        "image source:",
        "posted:",
        "updated:",
        "published:",
        "posted on ",
        "updated at ",
        "updated on ",
        "published on ",
        "last updated",
    ];
    if text.len() <= 60 && PREFIX.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    let words = t.split_whitespace().count();
    // "By Jane Doe", "Von Jane Doe"
    if words <= 6
        && ["by ", "von ", "par ", "por "]
            .iter()
            .any(|p| lower.starts_with(p))
    {
        return true;
    }
    // A stand-alone dateline: "28.04.2024 | 09:36 Uhr", "Nov. 18, 2019 5:02 PM",
    // "Jane Doe | Published 4 months ago".
    (words <= 8 && looks_like_dateline(t)) || (words <= 10 && is_relative_time(&lower))
}

/// "… 4 months ago …", "21 mins ago".
fn is_relative_time(lower: &str) -> bool {
    let Some(pos) = lower.find(" ago") else {
        return false;
    };
    let before: Vec<&str> = lower[..pos].split_whitespace().rev().take(2).collect();
    matches!(before.as_slice(), [unit, n]
        if n.chars().all(|c| c.is_ascii_digit())
            && ["sec", "min", "hour", "hr", "day", "week", "month", "year"]
                .iter()
                .any(|u| unit.starts_with(u)))
}

fn looks_like_dateline(t: &str) -> bool {
    let digits = t.chars().filter(|c| c.is_ascii_digit()).count();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    digits >= 4 && letters <= 24 && super::date::normalize_date(t).is_some()
}

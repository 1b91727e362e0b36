//! Main-text extraction, readability style.
//!
//! 1. Boilerplate subtrees are marked: non-content tags (script, nav,
//!    aside, …), hidden elements, and elements whose class/id/role names
//!    signal page furniture (share bars, related links, comments, cookie
//!    banners, …; see `classes`). These soft rules never remove a subtree
//!    holding most of the page's text.
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
//!    lines (widget labels, stand-alone datelines and "By" lines; see
//!    `lines`).
//!
//! If the strict rules leave almost nothing, a pass with tag rules only is
//! tried.

use super::classes::ClassReader;
use super::dom::{Dom, NO_PARENT, push_collapsed};
use super::lines::is_boilerplate_line;

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
    /// Length in characters.
    pub chars: usize,
    /// Characters inside links (whitespace aside).
    pub link_chars: usize,
    /// Commas, full-width and ideographic ones included.
    pub commas: usize,
    /// Whether its owner is a heading (`<h1>` to `<h6>`).
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

impl TextLens {
    /// Whether subtree `i` holds most of the page's text, or most of its
    /// text in `<p>` elements (when there are more than 500 bytes of that).
    fn holds_most(&self, i: usize) -> bool {
        let total = self.all.first().copied().unwrap_or(0).max(1);
        let total_p = self.in_p.first().copied().unwrap_or(0);
        self.all[i] * 2 > total || (total_p > 500 && self.in_p[i] * 2 > total_p)
    }
}

/// Mark removed subtrees: `removed[i]` is true for the root of each dropped
/// subtree (descendants are skipped by range).
fn mark_removed(dom: &Dom, mode: Mode, lens: &TextLens) -> Vec<bool> {
    let n = dom.nodes.len();
    let mut removed = vec![false; n];
    let mut classes = ClassReader::default();
    let mut i = 0;
    while i < n {
        let node = &dom.nodes[i];
        if node.el.is_some() && is_removed(dom, i, mode, lens, &mut classes) {
            removed[i] = true;
            i = node.end;
        } else {
            i += 1;
        }
    }
    removed
}

/// Whether element `i` is dropped with its subtree: a tag that never holds
/// article text; or, unless it is the page, its main element or a link, and
/// unless its subtree holds most of the text (hidden ones included:
/// streamed server-side rendering parks the article in a hidden container
/// until a script moves it), a furniture tag, a hidden element, or (in
/// [`Mode::Strict`]) an element whose names mark it as furniture.
fn is_removed(dom: &Dom, i: usize, mode: Mode, lens: &TextLens, classes: &mut ClassReader) -> bool {
    let tag = dom.nodes[i].tag;
    if always_drop(tag) {
        return true;
    }
    if matches!(tag, "html" | "body" | "main" | "a") || lens.holds_most(i) {
        return false;
    }
    if soft_drop_tag(tag) || is_hidden(dom, i) {
        return true;
    }
    mode == Mode::Strict && classes.info(dom, i).marks_furniture(tag)
}

/// Characters counted as commas when scoring prose (Latin, full-width,
/// ideographic).
const COMMAS: [char; 3] = [',', '，', '、'];

impl Para {
    /// A heading whose text is mostly a link (a teaser title).
    fn is_linked_heading(&self) -> bool {
        self.heading && self.link_chars * 2 > self.chars
    }

    /// Whether more than half of the text is link text.
    fn is_mostly_links(&self) -> bool {
        self.link_chars * 2 > self.chars
    }

    /// A short line that is no heading: a label when the page repeats it.
    fn is_short_line(&self) -> bool {
        self.chars <= 40 && !self.heading
    }

    /// What the paragraph adds to the scores of its ancestors: one, plus a
    /// point per comma, plus a point per 100 characters up to three.
    fn worth(&self) -> f32 {
        1.0 + self.commas as f32 + (self.chars as f32 / 100.0).min(3.0)
    }
}

/// The paragraphs being cut: the text gathered since the last cut and how
/// much of it is link text.
#[derive(Default)]
struct ParaCutter {
    paras: Vec<Para>,
    text: String,
    link_chars: usize,
}

impl ParaCutter {
    /// Add text outside links.
    fn push_text(&mut self, text: &str) {
        push_collapsed(&mut self.text, text);
    }

    /// Add link text.
    fn push_link_text(&mut self, text: &str) {
        let before = self.text.len();
        push_collapsed(&mut self.text, text);
        self.link_chars += self.text[before..]
            .chars()
            .filter(|c| !c.is_whitespace())
            .count();
    }

    /// Keep table cells apart by a space.
    fn separate_cell(&mut self) {
        if !self.text.ends_with(' ') {
            self.text.push(' ');
        }
    }

    /// End the paragraph gathered so far as one owned by block `owner`
    /// (dropped when blank), and start the next.
    fn cut(&mut self, dom: &Dom, owner: usize) {
        let text = self.text.trim();
        if !text.is_empty() {
            let chars = text.chars().count();
            self.paras.push(Para {
                text: text.to_string(),
                owner,
                chars,
                link_chars: self.link_chars.min(chars),
                commas: text.matches(COMMAS).count(),
                heading: is_heading(dom.nodes[owner].tag),
            });
        }
        self.text.clear();
        self.link_chars = 0;
    }
}

/// Cut the visible text (outside the `removed` subtrees) into paragraphs at
/// block boundaries and line breaks, each owned by its innermost block.
fn paragraphs(dom: &Dom, removed: &[bool]) -> Vec<Para> {
    let n = dom.nodes.len();
    let mut cutter = ParaCutter::default();
    let mut blocks: Vec<usize> = vec![0];
    let mut link_end = 0usize;
    let mut i = 0;
    while i < n {
        while blocks.len() > 1 && dom.nodes[*blocks.last().unwrap_or(&0)].end <= i {
            let block = blocks.pop().unwrap_or(0);
            cutter.cut(dom, block);
        }
        let node = &dom.nodes[i];
        if removed[i] {
            i = node.end;
            continue;
        }
        let owner = *blocks.last().unwrap_or(&0);
        if node.is_text() {
            if i < link_end {
                cutter.push_link_text(node.text);
            } else {
                cutter.push_text(node.text);
            }
        } else if node.tag == "br" {
            cutter.cut(dom, owner);
        } else if node.tag == "a" {
            link_end = link_end.max(node.end);
        } else if is_block(node.tag) && i != 0 {
            cutter.cut(dom, owner);
            blocks.push(i);
        } else if matches!(node.tag, "td" | "th") {
            cutter.separate_cell();
        }
        i += 1;
    }
    while let Some(block) = blocks.pop() {
        cutter.cut(dom, block);
    }
    cutter.paras
}

/// Score weight of a candidate's tag.
fn tag_weight(tag: &str) -> f32 {
    match tag {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Whether node `a`'s subtree holds node `b` (or `a` is `b`).
fn is_ancestor(dom: &Dom, a: usize, b: usize) -> bool {
    a <= b && b < dom.nodes[a].end
}

/// The document itself, `<html>` and `<body>`: never taken as the main text's node.
fn is_page_root(tag: &str) -> bool {
    matches!(tag, "body" | "html" | "#root")
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

/// The main text under one set of boilerplate rules: the best-scoring
/// block, widened and joined by its siblings, its paragraphs joined with
/// blank lines (empty when the page shows no text). A page where nothing
/// scores gives all its visible paragraphs.
fn extract_mode(dom: &Dom, title: Option<&str>, mode: Mode, text_len: &TextLens) -> String {
    let removed = mark_removed(dom, mode, text_len);
    let paras = paragraphs(dom, &removed);
    if paras.is_empty() {
        return String::new();
    }
    let sums = Sums::over(dom, &paras);
    let scores = content_scores(dom, &paras, &sums);
    let Some(ranking) = Ranking::of(dom, &scores, &sums) else {
        return join(&paras, dom, title, &[0], &sums);
    };
    let top = main_node(dom, &ranking, &sums);
    let selected = with_siblings(dom, top, &scores, &removed, &sums);
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

impl Sums {
    /// Each paragraph's figures, added up for its owner and every ancestor.
    fn over(dom: &Dom, paras: &[Para]) -> Sums {
        let n = dom.nodes.len();
        let mut sums = Sums {
            text: vec![0; n],
            link: vec![0; n],
            commas: vec![0; n],
            linked_headings: vec![0; n],
        };
        for p in paras {
            sums.text[p.owner] += p.chars;
            sums.link[p.owner] += p.link_chars;
            sums.commas[p.owner] += p.commas;
            if p.is_linked_heading() {
                sums.linked_headings[p.owner] += 1;
            }
        }
        for i in (1..n).rev() {
            let parent = dom.nodes[i].parent;
            if parent != NO_PARENT {
                sums.text[parent] += sums.text[i];
                sums.link[parent] += sums.link[i];
                sums.commas[parent] += sums.commas[i];
                sums.linked_headings[parent] += sums.linked_headings[i];
            }
        }
        sums
    }

    /// The share of subtree `i`'s text inside links (0 when it has none).
    fn link_density(&self, i: usize) -> f32 {
        if self.text[i] == 0 {
            0.0
        } else {
            self.link[i] as f32 / self.text[i] as f32
        }
    }
}

/// How many ancestors a paragraph scores.
const SCORED_LEVELS: usize = 5;

/// Content scores per node: each paragraph of prose (25 characters or
/// more, no heading, at most half links) adds its [`Para::worth`] to up to
/// [`SCORED_LEVELS`] ancestors, less the further up. A node's score starts
/// from [`base_score`] when the first paragraph reaches it; a node none
/// reaches stays NaN.
fn content_scores(dom: &Dom, paras: &[Para], sums: &Sums) -> Vec<f32> {
    let mut score = vec![f32::NAN; dom.nodes.len()];
    let mut classes = ClassReader::default();
    for p in paras {
        if p.chars < 25 || p.heading {
            continue;
        }
        let link_density = p.link_chars as f32 / p.chars as f32;
        if link_density > 0.5 {
            continue;
        }
        let worth = p.worth();
        let mut ancestor = first_scored(dom, p.owner);
        let mut level = 0;
        while ancestor != NO_PARENT && level < SCORED_LEVELS {
            if score[ancestor].is_nan() {
                score[ancestor] = base_score(dom, ancestor, sums, &mut classes);
            }
            score[ancestor] += worth / level_divisor(level);
            ancestor = dom.nodes[ancestor].parent;
            level += 1;
        }
    }
    score
}

/// The first node a paragraph owned by `owner` scores: a paragraph-level
/// owner scores its parent; text sitting directly in a container
/// (br-separated text in a div or cell) scores the container.
fn first_scored(dom: &Dom, owner: usize) -> usize {
    let paragraph_level = matches!(
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
    if paragraph_level {
        dom.nodes[owner].parent
    } else {
        owner
    }
}

/// Node `i`'s score before any paragraph: its tag and name weights. Name
/// bonuses only count for blocks with real text, so a tiny "main-content"
/// widget cannot outrank the article.
fn base_score(dom: &Dom, i: usize, sums: &Sums, classes: &mut ClassReader) -> f32 {
    let name_weight = classes.weight(dom, i);
    let name_weight = if name_weight > 0.0 && sums.text[i] < 140 {
        0.0
    } else {
        name_weight
    };
    tag_weight(dom.nodes[i].tag) + name_weight
}

/// What a paragraph's worth is divided by `level` ancestors above the first
/// node it scores.
fn level_divisor(level: usize) -> f32 {
    match level {
        0 => 1.0,
        1 => 2.0,
        l => l as f32 * 3.0,
    }
}

/// A scored node with its final score: its content score discounted by its
/// link density.
#[derive(Clone, Copy)]
struct Candidate {
    node: usize,
    score: f32,
}

/// The candidates for the main text's node.
struct Ranking {
    /// The first candidate with the highest final score.
    best: Candidate,
    /// All candidates, best first (ties in document order).
    ranked: Vec<Candidate>,
}

impl Ranking {
    /// Rank the scored nodes (the document and `<html>` aside); `None` when
    /// there are none.
    fn of(dom: &Dom, scores: &[f32], sums: &Sums) -> Option<Ranking> {
        let mut best: Option<Candidate> = None;
        let mut best_score = f32::MIN;
        let mut ranked = Vec::new();
        for (node, &score) in scores.iter().enumerate() {
            if score.is_nan() || matches!(dom.nodes[node].tag, "html" | "#root") {
                continue;
            }
            let candidate = Candidate {
                node,
                score: score * (1.0 - sums.link_density(node)),
            };
            ranked.push(candidate);
            if candidate.score > best_score {
                best_score = candidate.score;
                best = Some(candidate);
            }
        }
        let best = best?;
        ranked.sort_by(|a, b| {
            b.score
                .partial_cmp(&a.score)
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        Some(Ranking { best, ranked })
    }

    /// Runners-up among the next five that score at least three quarters of
    /// the best: near-equal candidates, perhaps parts of one article.
    fn close_seconds(&self) -> Vec<usize> {
        self.ranked
            .iter()
            .skip(1)
            .take(5)
            .filter(|c| c.score >= self.best.score * 0.75)
            .map(|c| c.node)
            .collect()
    }

    /// Runners-up among the next twelve that score at least half the best
    /// and are neither inside it nor around it: separate blocks of similar
    /// weight (entries of a live blog, an article split into containers).
    fn peers(&self, dom: &Dom) -> Vec<usize> {
        let best = self.best.node;
        self.ranked
            .iter()
            .skip(1)
            .take(12)
            .filter(|c| {
                c.score >= self.best.score * 0.5
                    && !is_ancestor(dom, c.node, best)
                    && !is_ancestor(dom, best, c.node)
            })
            .map(|c| c.node)
            .collect()
    }
}

/// The node whose subtree is the main text: the best candidate, widened to
/// the nearest ancestor holding three of its peers, else three of its close
/// seconds, then climbed through wrappers that add little text.
fn main_node(dom: &Dom, ranking: &Ranking, sums: &Sums) -> usize {
    let best = ranking.best.node;
    let widened = ancestor_holding_three(dom, best, &ranking.peers(dom))
        .or_else(|| ancestor_holding_three(dom, best, &ranking.close_seconds()));
    climb_wrappers(dom, widened.unwrap_or(best), &sums.text)
}

/// The nearest ancestor of `from` below the page root whose subtree holds
/// at least three of `nodes`.
fn ancestor_holding_three(dom: &Dom, from: usize, nodes: &[usize]) -> Option<usize> {
    if nodes.len() < 3 {
        return None;
    }
    let mut ancestor = dom.nodes[from].parent;
    while ancestor != NO_PARENT && !is_page_root(dom.nodes[ancestor].tag) {
        let held = nodes
            .iter()
            .filter(|&&node| is_ancestor(dom, ancestor, node))
            .count();
        if held >= 3 {
            return Some(ancestor);
        }
        ancestor = dom.nodes[ancestor].parent;
    }
    None
}

/// Climb from `top` through parents (below the page root) whose text is
/// at most a twentieth more than the child's: wrappers that add nothing.
fn climb_wrappers(dom: &Dom, mut top: usize, text: &[usize]) -> usize {
    loop {
        let parent = dom.nodes[top].parent;
        if parent == NO_PARENT || is_page_root(dom.nodes[parent].tag) {
            return top;
        }
        if text[parent] <= text[top] + text[top] / 20 {
            top = parent;
        } else {
            return top;
        }
    }
}

/// The main node and the siblings that join it (see [`SiblingTest`]), in
/// document order.
fn with_siblings(
    dom: &Dom,
    top: usize,
    scores: &[f32],
    removed: &[bool],
    sums: &Sums,
) -> Vec<usize> {
    let mut selected = vec![top];
    let parent = dom.nodes[top].parent;
    if parent != NO_PARENT {
        let test = SiblingTest::of(dom, top, scores, sums);
        let mut sibling = parent + 1;
        while sibling < dom.nodes[parent].end {
            if sibling != top && !removed[sibling] && test.joins(dom, sibling, scores, sums) {
                selected.push(sibling);
            }
            sibling = dom.nodes[sibling].end;
        }
    }
    selected.sort_unstable();
    selected
}

/// What a sibling of the main node must show to join it.
struct SiblingTest<'a> {
    /// The main node's final score (0 when it has none).
    top_score: f32,
    /// The final score a sibling needs: a fifth of the main node's, and at
    /// least 10.
    threshold: f32,
    /// The main node's `class`; a sibling of the same class gets a bonus.
    top_class: &'a str,
    /// Whether the main node is an `<article>`: sibling articles are
    /// separate compositions (teasers) then.
    top_is_article: bool,
}

impl<'a> SiblingTest<'a> {
    /// The test for the siblings of main node `top`.
    fn of(dom: &'a Dom, top: usize, scores: &[f32], sums: &Sums) -> SiblingTest<'a> {
        let top_score = scores[top].max(0.0) * (1.0 - sums.link_density(top));
        SiblingTest {
            top_score,
            threshold: (top_score * 0.2).max(10.0),
            top_class: dom.nodes[top].attr("class").unwrap_or(""),
            top_is_article: dom.nodes[top].tag == "article",
        }
    }

    /// Whether node `c`, a sibling of the main node, joins it: an element
    /// with text that scores well enough (with a bonus for the main node's
    /// class), or a `<p>` of prose.
    fn joins(&self, dom: &Dom, c: usize, scores: &[f32], sums: &Sums) -> bool {
        let node = &dom.nodes[c];
        if node.el.is_none() || sums.text[c] == 0 || (node.tag == "article" && self.top_is_article)
        {
            return false;
        }
        let mut bonus = 0.0;
        if !self.top_class.is_empty() && node.attr("class") == Some(self.top_class) {
            bonus = self.top_score * 0.2;
        }
        let link_density = sums.link_density(c);
        let score = if scores[c].is_nan() {
            0.0
        } else {
            scores[c] * (1.0 - link_density)
        };
        score + bonus >= self.threshold || (node.tag == "p" && is_prose(c, link_density, sums))
    }
}

/// Whether subtree `c` reads as prose: long with few links, or without
/// links and with a comma (or 200 characters).
fn is_prose(c: usize, link_density: f32, sums: &Sums) -> bool {
    (sums.text[c] > 80 && link_density < 0.25)
        || (link_density == 0.0 && sums.commas[c] + sums.text[c] / 200 > 0)
}

/// Whether a node's paragraphs go into the main text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Outside the selected subtrees.
    Outside,
    /// Inside them.
    Kept,
    /// Inside them, in a block dropped as furniture.
    Dropped,
}

/// The paragraphs of the `selected` subtrees, furniture left out, joined
/// with blank lines.
fn join(paras: &[Para], dom: &Dom, title: Option<&str>, selected: &[usize], sums: &Sums) -> String {
    let keep = keep_marks(dom, selected, sums);
    let kept = kept_paragraphs(paras, &keep, title);
    join_without_labels(&kept)
}

/// Mark every node of the `selected` subtrees kept, except the blocks
/// dropped as furniture (see [`is_dropped_block`]) with all they hold.
fn keep_marks(dom: &Dom, selected: &[usize], sums: &Sums) -> Vec<Keep> {
    let mut keep = vec![Keep::Outside; dom.nodes.len()];
    let mut classes = ClassReader::default();
    for &root in selected {
        let end = dom.nodes[root].end;
        keep[root] = Keep::Kept;
        let mut i = root + 1;
        while i < end {
            let block_end = dom.nodes[i].end;
            if is_dropped_block(dom, i, root, sums, &mut classes) {
                keep[i..block_end].fill(Keep::Dropped);
                i = block_end;
            } else {
                keep[i] = Keep::Kept;
                i += 1;
            }
        }
    }
    keep
}

/// Whether container `i` inside the selected subtree `root` is furniture:
/// link-heavy for what its names say (and with few commas), or a run of
/// linked headings with little text under them (a list of teasers).
fn is_dropped_block(
    dom: &Dom,
    i: usize,
    root: usize,
    sums: &Sums,
    classes: &mut ClassReader,
) -> bool {
    let node = &dom.nodes[i];
    if node.el.is_none()
        || sums.text[i] == 0
        || !matches!(
            node.tag,
            "div" | "section" | "ul" | "ol" | "table" | "dl" | "aside" | "article"
        )
    {
        return false;
    }
    let link_density = sums.link_density(i);
    let weight = classes.weight(dom, i);
    let link_heavy = sums.commas[i] < 10
        && ((weight < 25.0 && link_density > 0.33)
            || (weight >= 25.0 && link_density > 0.5)
            || weight < -10.0);
    let linked_headings = sums.linked_headings[i];
    let teasers = linked_headings >= 2
        && sums.text[i] < 250 * linked_headings
        && sums.text[i] * 2 < sums.text[root];
    link_heavy || teasers
}

/// The paragraphs of kept nodes, less link paragraphs, furniture lines and
/// a heading that repeats the title.
fn kept_paragraphs<'p>(paras: &'p [Para], keep: &[Keep], title: Option<&str>) -> Vec<&'p Para> {
    let title_key = title.map(|t| t.to_lowercase());
    paras
        .iter()
        .filter(|p| keep[p.owner] == Keep::Kept)
        .filter(|p| !p.is_mostly_links() && !is_boilerplate_line(&p.text))
        .filter(|p| {
            !(p.heading
                && title_key
                    .as_deref()
                    .is_some_and(|t| p.text.to_lowercase() == t))
        })
        .collect()
}

/// Join paragraphs with blank lines, leaving out a short line without
/// digits that the text repeats three times or more: a label ("Article
/// content", "Advertisement"), not prose.
fn join_without_labels(kept: &[&Para]) -> String {
    let mut short_counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for p in kept {
        if p.is_short_line() {
            *short_counts.entry(p.text.as_str()).or_default() += 1;
        }
    }
    let mut out = String::new();
    for p in kept {
        if p.is_short_line()
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
